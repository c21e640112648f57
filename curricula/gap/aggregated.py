"""Demand already aggregated by month: the gap report without reading every vacancy.

A demand aggregate holds, per skill x region x posting month x closing month x importance, how
many vacancies asked for the skill. The report reads the cells of its window and area and weighs
each by its month. This equals the per-vacancy computation (``DemandTable``) on vacancies whose
dates are taken at month granularity (:func:`month_granular`):

- a vacancy counts when it was posted in or before the month of ``as_of`` and is open or closed
  in or after the month of ``window_start`` (whole months: a vacancy closed on the 3rd counts in
  a window starting on the 20th of that month);
- its age for the recency decay runs from the first day of its posting month.

Shares (weight / total weight) barely move: a decay shifted by the same days for every vacancy
cancels in the ratio; only vacancies of the current month, whose age is never negative, differ.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

import numpy as np

from curricula.gap.demand import (
    DemandAggregate,
    DemandTable,
    recency_decay,
    skill_evidence,
    skill_partners,
)
from curricula.gap.inputs import DemandVacancy, GapParameters


def month_start(day: date) -> date:
    """The first day of the day's month."""
    return day.replace(day=1)


def month_end(day: date) -> date:
    """The last day of the day's month."""
    following = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return following - timedelta(days=1)


def month_window(params: GapParameters) -> tuple[date, date]:
    """The months a report reads: cells posted in or before the second (the month of
    ``as_of``) and open or closed in or after the first (the month of ``window_start``)."""
    return month_start(params.window_start), month_start(params.as_of)


def month_weights(params: GapParameters, months: Sequence[date]) -> dict[date, float]:
    """The recency decay of cells posted in each month (age from the month's first day)."""
    ordinals = np.array([m.toordinal() for m in months], dtype=np.int64)
    decay = recency_decay(ordinals, params.as_of, params.half_life_months)
    return {m: float(d) for m, d in zip(months, decay, strict=True)}


def month_granular(vacancy: DemandVacancy) -> DemandVacancy:
    """The vacancy as the aggregate sees it: posted on the first day of its month, closed on the
    last day of its month (per-vacancy and aggregated reports then agree exactly)."""
    closed = None if vacancy.closed is None else month_end(vacancy.closed)
    return replace(vacancy, posted=month_start(vacancy.posted), closed=closed)


@dataclass(frozen=True, slots=True)
class SkillExamples:
    """What a report shows under a missing skill: sentences and employers asking for it."""

    evidence: tuple[str, ...] = ()
    partners: tuple[tuple[str, int], ...] = ()


ExampleSource = Callable[[Sequence[str], int, int], Mapping[str, SkillExamples]]
"""``f(skill_ids, max_evidence, max_partners)`` -> examples per skill id."""


@dataclass(frozen=True, eq=False)
class AggregatedDemand:
    """Demand of one report, totalled per skill: the input ``build_gap_report`` works from.

    ``skill_weight`` and ``skill_vacancies`` are per skill of ``skill_ids``; ``examples`` gives
    the evidence and partners of the skills the report lists (asked once, for those only).
    """

    skill_ids: tuple[str, ...]
    skill_weight: np.ndarray
    skill_vacancies: np.ndarray
    total_weight: float
    vacancies_considered: int
    examples: ExampleSource | None = None

    def shares(self) -> np.ndarray:
        """Demand share per skill (weight / total weight); zeros when there is no weight."""
        if self.total_weight <= 0:
            return np.zeros_like(self.skill_weight)
        return self.skill_weight / self.total_weight

    @classmethod
    def from_totals(
        cls,
        *,
        skill_ids: Sequence[str],
        skill_weight: Sequence[float],
        skill_vacancies: Sequence[int],
        vacancies_considered: int,
        examples: ExampleSource | None = None,
    ) -> AggregatedDemand:
        """Totals per skill, summed from cells of the report's area and :func:`month_window`
        as ``vacancies x month_weights(params)[month] x importance weight``."""
        weight = np.asarray(skill_weight, dtype=np.float64)
        return cls(
            skill_ids=tuple(skill_ids),
            skill_weight=weight,
            skill_vacancies=np.asarray(skill_vacancies, dtype=np.int64),
            total_weight=float(weight.sum()),
            vacancies_considered=int(vacancies_considered),
            examples=examples,
        )

    @classmethod
    def from_table(cls, table: DemandTable, agg: DemandAggregate) -> AggregatedDemand:
        """The per-vacancy path: totals of ``aggregate_demand``, examples from the table rows."""

        def examples(ids: Sequence[str], max_evidence: int, max_partners: int) -> dict:
            found = {}
            for skill_id in ids:
                index = table.skill_index[skill_id]
                found[skill_id] = SkillExamples(
                    tuple(skill_evidence(table, agg, index, max_evidence)),
                    tuple(skill_partners(table, agg, index, max_partners)),
                )
            return found

        return cls(
            skill_ids=table.skill_ids,
            skill_weight=agg.skill_weight,
            skill_vacancies=agg.skill_vacancies,
            total_weight=agg.total_weight,
            vacancies_considered=agg.vacancies_considered,
            examples=examples,
        )


def rank_evidence(
    params: GapParameters, candidates: Sequence[tuple[date, bool, str]], limit: int
) -> tuple[str, ...]:
    """Up to ``limit`` distinct sentences (case-insensitive) from ``(posting month, required,
    sentence)`` candidates, heaviest first (recent month, required), as the per-vacancy report
    ranks them; candidates of one weight keep their given order."""
    if limit <= 0:
        return ()
    decay = month_weights(params, sorted({m for m, _, _ in candidates}))
    weights = [
        decay[m] * (params.required_weight if req else params.preferred_weight)
        for m, req, _ in candidates
    ]
    order = sorted(range(len(candidates)), key=lambda i: -weights[i])
    found: list[str] = []
    seen: set[str] = set()
    for i in order:
        text = (candidates[i][2] or "").strip()
        if text and text.casefold() not in seen:
            seen.add(text.casefold())
            found.append(text)
            if len(found) == limit:
                break
    return tuple(found)


def rank_partners(counts: Mapping[str, int], limit: int) -> tuple[tuple[str, int], ...]:
    """Employers with their vacancy counts, most first, then by name."""
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return tuple((name, int(n)) for name, n in ranked[: max(limit, 0)])
