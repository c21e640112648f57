"""The pure parts of the benches: percentiles, summaries, phases, the table, the role mix, and
the bench's copy of the generated accounts' password and domain."""

from __future__ import annotations

import math

import numpy as np
import pytest

from bench import load
from bench.stats import Sample, by_page, by_phase, errors, percentile, summarise, table


@pytest.mark.parametrize("q", [0, 5, 50, 90, 95, 99, 100])
@pytest.mark.parametrize("values", [[7.0], [3.0, 1.0], [5.0, 1.0, 9.0, 2.0, 8.0, 4.0, 100.0]])
def test_percentile_is_numpys_linear_percentile(values: list[float], q: float) -> None:
    assert percentile(values, q) == pytest.approx(float(np.percentile(values, q)))


def test_percentile_of_nothing_is_nan() -> None:
    assert math.isnan(percentile([], 50))


def _s(page: str, started: float, ms: float, ok: bool = True, status: int = 200) -> Sample:
    return Sample(page, started, ms, ok, status)


def test_summary_counts_errors_and_times_only_successes() -> None:
    samples = [_s("a", 0, 10), _s("a", 1, 30), _s("a", 2, 20), _s("a", 3, 9999, False, 500)]
    row = summarise("a", samples)
    assert (row.requests, row.errors, row.median_ms) == (4, 1, 20)
    assert row.p95_ms == pytest.approx(29.0)


def test_pages_then_all_and_phases() -> None:
    samples = [_s("search", 0, 10), _s("post", 5, 50, False, 0), _s("search", 12, 30)]
    rows = by_page(samples)
    assert [r.name for r in rows] == ["search", "post", "all"]
    assert (rows[-1].requests, rows[-1].errors) == (3, 1)
    before, during, after = by_phase(samples, start=4, end=10)
    assert (before.requests, during.requests, during.errors, after.requests) == (1, 1, 1, 1)
    assert errors(samples) == [("post", 0, 1)]


def test_table_lines() -> None:
    text = table([summarise("search", [_s("search", 0, 12.4), _s("search", 1, 15.6)])])
    header, line = text.splitlines()
    assert header.split() == ["page", "requests", "errors", "median", "ms", "p95", "ms"]
    assert line.split() == ["search", "2", "0", "14", "15"]
    empty = table([summarise("gap", [_s("gap", 0, 1, False, 0)])]).splitlines()[1]
    assert empty.split() == ["gap", "1", "1", "-", "-"]


@pytest.mark.parametrize(
    ("users", "wanted", "expected"),
    [
        (20, load.ROLES, {"seeker": 14, "employer": 4, "school": 2}),
        (3, load.ROLES, {"seeker": 1, "employer": 1, "school": 1}),
        (1, load.ROLES, {"seeker": 1, "employer": 0, "school": 0}),
        (20, ("seeker", "employer"), {"seeker": 16, "employer": 4, "school": 0}),
    ],
)
def test_role_mix(users: int, wanted: tuple[str, ...], expected: dict[str, int]) -> None:
    chosen = load.roles(users, wanted)
    assert len(chosen) == users
    assert {role: chosen.count(role) for role in load.ROLES} == expected


def test_bench_signs_in_with_the_generators_accounts() -> None:
    from app.services import scale_data

    assert load.BENCH_PASSWORD == scale_data.BENCH_PASSWORD
    assert load.EMAIL_DOMAIN == scale_data.EMAIL_DOMAIN
