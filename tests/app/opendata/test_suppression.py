"""Small-cell suppression as a pure function (no app, no database): direct and by subtraction."""

from __future__ import annotations

import pytest

from app.services.opendata.suppression import suppress_group, suppress_rows


@pytest.mark.parametrize(
    ("values", "total", "expected"),
    [
        ([0, 1, 4, 5, 12], None, [False, True, True, False, False]),  # direct only, no total
        ([3, 6, 20], 29, [True, True, False]),  # one small cell: the next smallest goes too
        ([3, 4, 20], 27, [True, True, False]),  # two small cells: nothing more needed
        ([2, 0, 9], 11, [True, False, True]),  # a zero is never the second cell
        ([7, 9], 16, [False, False]),
        ([2, 2], 4, [True, True]),  # the total itself is small
        ([3], 3, [True]),
    ],
)
def test_suppress_group(values: list[int], total: int | None, expected: list[bool]) -> None:
    assert suppress_group(values, total) == expected


def test_no_suppressed_cell_can_be_recovered_from_a_published_total() -> None:
    rows = [
        {"g": "a", "level": "s1", "n": 6},
        {"g": "a", "level": "d3", "n": 2},
        {"g": "a", "level": "sma_smk", "n": 9},
        {"g": "a", "level": "total", "n": 17},
        {"g": "b", "level": "s1", "n": 3},
        {"g": "b", "level": "total", "n": 3},
    ]
    out = suppress_rows(rows, "n", lambda r: r["g"], lambda r: r["level"] == "total")
    shown = {(r["g"], r["level"]): (r["n"], r["suppressed"]) for r in out}
    assert shown[("a", "d3")] == (None, True)  # direct
    assert shown[("a", "s1")] == (None, True)  # by subtraction: 17 - 9 - 6 would give 2
    assert shown[("a", "sma_smk")] == (9, False)
    assert shown[("a", "total")] == (17, False)
    assert shown[("b", "s1")] == (None, True) and shown[("b", "total")] == (None, True)
    for group in ("a", "b"):
        members = [r for r in out if r["g"] == group and r["level"] != "total"]
        total = next(r for r in out if r["g"] == group and r["level"] == "total")
        hidden = [r for r in members if r["suppressed"]]
        assert total["suppressed"] or len(hidden) != 1  # never exactly one unknown
    assert rows[1]["n"] == 2  # the input is left as it was
