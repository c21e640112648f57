"""The unit-placement labels' agreement with their blind second pass (``curricula.lab.gap.agreement``)."""

from __future__ import annotations

import pytest

from curricula.lab.gap.agreement import PASS2, agreement, combined
from curricula.lab.gap.cases import LABELS, read_labels


def _rows(*units: str) -> list[dict[str, str]]:
    return [{"curriculum": "c", "skill": f"s{i}", "unit": u} for i, u in enumerate(units)]


def test_agreement_counts_same_common_and_kappa() -> None:
    first = _rows("A", "A|B", "none", "B", "A")
    second = _rows("A", "B", "none", "A", "A|none")
    got = agreement(first, second)
    assert got["same_answers"] == pytest.approx(2 / 5)  # rows 1 and 3
    assert got["an_answer_in_common"] == pytest.approx(4 / 5)  # all but row 4
    # first answers: A,A,none,B,A against A,B,none,A,A: 3 of 5; chance (3*3 + 1*1 + 1*1) / 25
    chance = 11 / 25
    assert got["cohen_kappa_first_answer"] == pytest.approx((3 / 5 - chance) / (1 - chance))
    assert got["none_rows_first"] == 1 and got["none_rows_second"] == 2


def test_a_row_out_of_step_is_an_error_naming_its_line() -> None:
    second = _rows("A", "B")
    second[1]["skill"] = "other"
    with pytest.raises(ValueError, match="line 3"):
        agreement(_rows("A", "B"), second)


def test_the_shipped_passes_cover_the_same_rows() -> None:
    got = agreement(read_labels(LABELS), read_labels(PASS2))
    assert got["rows"] == 1615 and got["an_answer_in_common"] > 0.9


def test_union_and_intersection_of_the_passes() -> None:
    first = _rows("A|B", "none", "A")
    second = _rows("B", "A|none", "C")
    assert [r["unit"] for r in combined(first, second, "union")] == ["A|B", "none|A", "A|C"]
    assert [r["unit"] for r in combined(first, second, "intersection")] == ["B", "none", "A"]


@pytest.mark.parametrize("batch, rows", [(12, 132), (13, 125)])
def test_the_held_out_batches_are_apart_and_readable(batch: int, rows: int) -> None:
    from tests.curricula.test_gap_precedents import assert_answers_name_units

    labels = read_labels(LABELS.with_name(f"unit_placement_batch{batch}.csv"))
    got = agreement(labels, read_labels(LABELS.with_name(f"unit_placement_batch{batch}_pass2.csv")))
    assert got["rows"] == rows and got["an_answer_in_common"] > 0.9
    keys = {r["curriculum"] for r in labels}
    assert len(keys) == 10 and not keys & {r["curriculum"] for r in read_labels(LABELS)}
    assert_answers_name_units(labels)


def test_the_lab_curricula_readme_lists_every_curriculum_once() -> None:
    import re

    folder = LABELS.parent / "curricula"
    listed = re.findall(r"^\| `([^`]+\.json)` \|", (folder / "README.md").read_text("utf-8"), re.M)
    assert sorted(listed) == sorted(p.name for p in folder.glob("*.json"))
    assert len(listed) == len(set(listed)) == 130
