"""The candidate terms of the unit advice measured by ``evaluate_units --signal`` (issue 13), and
how the evaluation weighs one into the score."""

from __future__ import annotations

import numpy as np
import pytest

from curricula.gap import DEFAULT_PLACEMENT, SkillContext, SupplyOutcome, SupplyUnit, UnitTexts
from curricula.lab.gap import evaluate_units, signals
from curricula.lab.gap.cases import NONE, Case
from curricula.lab.gap.evaluate_units import Table, grid_correct

DIM = 8


def unit(code: str, name: str, *skills: str) -> SupplyUnit:
    return SupplyUnit(code, name, code, (SupplyOutcome(f"{code}-1", name, tuple(skills)),))


def axis(i: int) -> np.ndarray:
    v = np.zeros(DIM)
    v[i] = 1.0
    return v


GROUPS = {"zabbix": "monitoring", "nagios": "monitoring", "prtg": "monitoring", "cacti": "monitoring",
          "php": "web"}  # fmt: skip


def test_group_share_counts_the_units_skills_of_the_same_group() -> None:
    units = [
        unit("A", "Monitoring", "nagios", "prtg", "cacti", "php"),
        unit("B", "Server", "nagios"),
        unit("C", "Web", "php"),
    ]
    found = signals.group_share("zabbix", units, GROUPS)
    assert found == pytest.approx([1.0, 1 / 3, 0.0])  # a third per skill, at most 1
    assert signals.group_share("unknown", units, GROUPS) == pytest.approx([0.0, 0.0, 0.0])


def test_group_share_leaves_the_skill_itself_out() -> None:
    assert signals.group_share("nagios", [unit("B", "Server", "nagios")], GROUPS) == [0.0]


def test_unit_name_reads_the_name_row_only() -> None:
    units = [unit("A", "Keamanan Jaringan"), unit("B", "Administrasi Server")]
    # A's name is the skill's direction; B's name is not, but B's outcome is exactly the skill.
    vectors = {"A": np.vstack([axis(0), axis(2)]), "B": np.vstack([axis(1), axis(0)])}
    reference = np.vstack([axis(i) for i in range(DIM)])
    texts = UnitTexts(units, vectors, reference)
    found = signals.unit_name(units, texts, axis(0), SkillContext(), reference)
    assert found[0] > 0 > found[1]
    # a form of the skill close to B's name lifts B
    context = SkillContext(forms=np.vstack([axis(1)]))
    assert signals.unit_name(units, texts, axis(0), context, reference)[1] == pytest.approx(
        found[0]
    )


def test_description_is_zero_without_a_description() -> None:
    units = [unit("A", "Keamanan Jaringan")]
    texts = UnitTexts(units, {"A": np.vstack([axis(0)])}, None)
    assert signals.description(units, texts, None) == [0.0]
    assert signals.description(units, texts, axis(0)) == pytest.approx([1.0])  # no reference


def test_breadth_is_standardised_within_the_curriculum() -> None:
    units = [unit("A", "a", "x"), unit("B", "b", "x", "y", "z"), unit("C", "c")]
    found = signals.breadth(units)
    assert found.mean() == pytest.approx(0.0)
    assert found.std() == pytest.approx(1.0)
    assert found[1] > found[0] > found[2]


def _case(right: str, signal: list[float]) -> Case:
    zeros = np.zeros(2)
    features = {name: zeros for name in ("structural", "group", "broader", "text", "form",
                                         "label", "parent_text", "group_text", "lexical")}  # fmt: skip
    features["breadth"] = np.asarray(signal)
    return Case("c", "s", "s", frozenset({right}), ("A", "B"), features, zeros)


def test_the_signal_weight_enters_the_score_and_the_grid(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(evaluate_units, "GRID", {"label_weight": (0.0, 0.1)})
    table = Table([_case("B", [-1.0, 1.0]), _case("A", [1.0, -1.0])])
    plain = grid_correct(table)
    weighted = grid_correct(table, "breadth")
    assert len(weighted) == len(signals.WEIGHTS["breadth"]) * len(plain)
    assert (weighted[: len(plain)] == plain).all()  # the first weight is 0: no signal
    table.extra = {"breadth": 0.05}
    scores = table.scores(DEFAULT_PLACEMENT)
    assert scores[0, 1] - scores[0, 0] == pytest.approx(0.1)  # 0.05 x (1 - (-1))
    # with a weight that puts each case's right unit first (and above min_score: none refused)
    table.extra = {"breadth": 1.0}
    assert table.predict(DEFAULT_PLACEMENT) == ["B", "A"]
    table.extra = {}
    assert table.predict(DEFAULT_PLACEMENT) == [NONE, NONE]  # nothing relates: below min_score
