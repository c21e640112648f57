"""Pure parts of the benches: percentiles, per-page summaries, phases and the printed table."""

from __future__ import annotations

import math
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Sample:
    """One request: which page, when it started (seconds since the run began), how long, ok."""

    page: str
    started: float
    ms: float
    ok: bool
    status: int = 200  # 0: no answer (refused, reset, timed out)


@dataclass(frozen=True)
class Summary:
    """One row of the table."""

    name: str
    requests: int
    errors: int
    median_ms: float
    p95_ms: float


def percentile(values: Sequence[float], q: float) -> float:
    """The ``q``-th percentile (0-100) by linear interpolation between closest ranks (NumPy's
    default); NaN for no values."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low = math.floor(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def summarise(name: str, samples: Iterable[Sample]) -> Summary:
    """Requests, errors, median and 95th percentile of the successful requests' times."""
    samples = list(samples)
    times = [s.ms for s in samples if s.ok]
    return Summary(
        name=name,
        requests=len(samples),
        errors=sum(1 for s in samples if not s.ok),
        median_ms=percentile(times, 50),
        p95_ms=percentile(times, 95),
    )


def by_page(samples: Iterable[Sample]) -> list[Summary]:
    """One summary per page (in order of first appearance), then the total."""
    samples = list(samples)
    pages = list(dict.fromkeys(s.page for s in samples))
    rows = [summarise(page, [s for s in samples if s.page == page]) for page in pages]
    return [*rows, summarise("all", samples)]


def by_phase(samples: Iterable[Sample], start: float, end: float) -> list[Summary]:
    """Requests started before ``start``, between ``start`` and ``end``, and after ``end``."""
    samples = list(samples)
    return [
        summarise("before", [s for s in samples if s.started < start]),
        summarise("during", [s for s in samples if start <= s.started <= end]),
        summarise("after", [s for s in samples if s.started > end]),
    ]


def errors(samples: Iterable[Sample]) -> list[tuple[str, int, int]]:
    """The failed requests as (page, status, count), most frequent first."""
    counts: dict[tuple[str, int], int] = {}
    for s in samples:
        if not s.ok:
            counts[(s.page, s.status)] = counts.get((s.page, s.status), 0) + 1
    return sorted(((p, st, n) for (p, st), n in counts.items()), key=lambda r: (-r[2], r[0]))


def _ms(value: float) -> str:
    return "-" if math.isnan(value) else f"{value:.0f}"


def table(rows: Sequence[Summary], first: str = "page") -> str:
    """A plain-text table: name, requests, errors, median ms, p95 ms."""
    width = max([len(first), *(len(r.name) for r in rows)])
    lines = [f"{first:<{width}}  {'requests':>8}  {'errors':>6}  {'median ms':>9}  {'p95 ms':>7}"]
    lines += [
        f"{r.name:<{width}}  {r.requests:>8}  {r.errors:>6}  {_ms(r.median_ms):>9}  "
        f"{_ms(r.p95_ms):>7}"
        for r in rows
    ]
    return "\n".join(lines)


def load_line() -> str:
    """The machine's load averages and cores, as ``uptime`` shows them."""
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f}, {five:.2f}, {fifteen:.2f} on {os.cpu_count()} cores"
