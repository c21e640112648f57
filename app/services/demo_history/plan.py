"""The shape of the demo history, as pure functions of a random generator and the written plan
(``app/data/demo/history.json``): months, how many vacancies each month, which role an employer
posts, its education asked and its pay."""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any, TypeVar

T = TypeVar("T")

MONTHS = 24
# the ladder a vacancy's education may move one step along (internships stay as written)
LADDER = ("sma_smk", "d3", "s1")
EDUCATION_SHIFT = 0.12
PAY_GROWTH_A_YEAR = 0.04  # older postings offered a little less


def month_starts(today: date, months: int = MONTHS) -> list[date]:
    """The first day of each of the last ``months`` calendar months, oldest first, ending with
    the current one."""
    out, year, month = [], today.year, today.month
    for _ in range(months):
        out.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return out[::-1]


def monthly_counts(total: int, starts: Sequence[date], today: date) -> list[int]:
    """About ``total`` vacancies over the months, more in recent ones (from 1x to 1.5x);
    the current month gets the share of its days gone by (at least a quarter)."""
    last = len(starts) - 1
    weights = [1.0 + 0.5 * i / last for i in range(len(starts))]
    elapsed = (today - starts[-1]).days + 1
    weights[-1] *= max(0.25, min(1.0, elapsed / 30))
    scale = total / sum(weights)
    return [max(1, round(w * scale)) for w in weights]


def role_weight(trend: str, t: float, share: float = 1.0) -> float:
    """How often a role is posted at time ``t`` (0: two years ago, 1: now), times its share:
    rising roles grow about ninefold, new ones appear in the last months, falling ones
    shrink to a third."""
    if trend == "rising":
        weight = 0.25 + 2.0 * t
    elif trend == "new":
        weight = 0.0 if t < 0.6 else 0.3 + 2.0 * (t - 0.6) / 0.4
    elif trend == "falling":
        weight = 1.4 - 0.9 * t
    else:
        weight = 1.0
    return weight * share


def weighted(rng: random.Random, items: Sequence[T], weights: Sequence[float]) -> T:
    """One item drawn with the given weights."""
    return rng.choices(items, weights=weights, k=1)[0]


def posted_at(rng: random.Random, start: date, now: datetime) -> datetime:
    """A moment in the month beginning ``start`` during office hours, not after ``now``."""
    nxt = (start.replace(day=28) + timedelta(days=4)).replace(day=1)
    last_day = min((nxt - start).days, (now.date() - start).days + 1)
    day = start + timedelta(days=rng.randrange(max(1, last_day)))
    moment = datetime(day.year, day.month, day.day, rng.randint(1, 9), rng.randrange(60))
    return min(moment, now - timedelta(minutes=rng.randint(5, 600)))


def education(rng: random.Random, role: dict[str, Any]) -> str:
    """The role's education, sometimes one step up or down the ladder."""
    asked = role["min_education"]
    if role["employment_type"] == "internship" or asked not in LADDER:
        return asked
    if rng.random() >= EDUCATION_SHIFT:
        return asked
    step = rng.choice((-1, 1))
    return LADDER[min(len(LADDER) - 1, max(0, LADDER.index(asked) + step))]


def pay(
    rng: random.Random, role: dict[str, Any], umk: int, reference_umk: int, years_ago: float
) -> tuple[int, int]:
    """A salary range for the role in a district: the written range (set for Kota Tangerang)
    moved three quarters of the way with the district's minimum wage, a little lower in the past, never under the
    minimum wage for a job (an internship pays an allowance)."""
    factor = (0.25 + 0.75 * umk / reference_umk) * rng.uniform(0.9, 1.12)
    factor /= (1 + PAY_GROWTH_A_YEAR) ** years_ago
    low = round(role["salary_min"] * factor, -5)
    high = round(role["salary_max"] * factor, -5)
    if role["employment_type"] != "internship":
        floor = round(umk * (1 + rng.uniform(0, 0.05)), -5)
        low, high = max(low, floor), max(high, floor + 300_000)
    return int(low), int(max(low, high))
