"""The precedent term of the unit advice (``curricula.gap.precedents``): where the labelled set
puts a skill and the skills like it, read as a unit's likeness to the units those rows chose."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from curricula.gap.model import TERMS, row_summary
from curricula.gap.placement import SkillContext
from curricula.gap.precedents import (
    CURRICULUM_TAU,
    Precedents,
    build_precedents,
    combine,
    curriculum_mean,
    curriculum_units,
    read_labels,
    unit_vector,
)
from curricula.gap.supply import SecondView, UnitPlacer
from tests.curricula.test_gap_model import RELATIONS, UNITS, model
from tests.curricula.test_gap_signals import axis

# Two labelled curricula: in "x" the skill went to the graphics unit (axis 0), in "y" a close
# skill went to "none". Each curriculum's units: a graphics unit and a network unit (axis 1).
LABELLED = {
    "lab:x": [("G1", "Desain Grafis", ["membuat poster"]), ("N1", "Jaringan", ["router"])],
    "lab:y": [("G2", "Grafis", ["ilustrasi"]), ("N2", "Jaringan Dasar", ["kabel"]),
              ("P2", "Praktik Kerja Lapangan", ["magang"])],
    "lab:z": [("N3", "Jaringan", ["router"]), ("S3", "Server", ["linux"])],  # no graphics
}  # fmt: skip
TEXT_AXIS = {"Desain Grafis": 0, "Grafis": 0, "Jaringan": 1, "Jaringan Dasar": 1,
             "Praktik Kerja Lapangan": 2, "Server": 3}  # fmt: skip
SKILLS = {"photoshop": axis(4), "gimp": np.r_[np.cos(0.1), np.sin(0.1)] @ np.vstack([axis(4), axis(5)]),
          "vlan": axis(6)}  # fmt: skip
IDS = {"Adobe Photoshop": "photoshop", "GIMP": "gimp", "configure VLANs": "vlan"}


def _embed(texts: list[list[str]]) -> list[np.ndarray]:
    """Each unit's rows: its name on its axis (the outcomes after it do not matter here)."""
    return [np.vstack([axis(TEXT_AXIS[rows[0]])] + [axis(7)] * (len(rows) - 1)) for rows in texts]


def _precedents(rows: list[tuple[str, str, str]], tau: float = 0.03) -> Precedents:
    labelled = [{"curriculum": c, "skill": s, "unit": u} for c, s, u in rows]
    return build_precedents(labelled, IDS.get, SKILLS.get, _embed, LABELLED.__getitem__, tau)


def test_the_term_is_the_likeness_to_the_chosen_unit_beyond_the_curriculums_units() -> None:
    found = _precedents([("lab:x", "Adobe Photoshop", "G1")])
    here = np.vstack([axis(0), axis(1)])  # a graphics unit and a network unit
    term, prior = found.term(SKILLS["photoshop"], found.values(here))
    # cos with G1 minus cos with the mean of x's units ((axis 0 + axis 1) / 2)
    assert term == pytest.approx([1.0 - 0.5, 0.0 - 0.5])
    assert prior == 0.0  # no "none" row
    assert unit_vector(np.vstack([axis(0) * 2, axis(1)])) == pytest.approx(axis(0))


def test_close_skills_weigh_in_and_far_ones_do_not() -> None:
    found = _precedents([("lab:x", "Adobe Photoshop", "G1"), ("lab:y", "GIMP", "none")])
    here = np.vstack([axis(0), axis(1)])
    # GIMP's label is close to Photoshop's (cos 0.995): its "none" row counts for the prior,
    # weighed exp((0.995 - 1) / 0.03) against Photoshop's own row (1)
    w = np.exp((np.cos(0.1) - 1) / 0.03)
    term, prior = found.term(SKILLS["photoshop"], found.values(here))
    assert prior == pytest.approx(w / (1 + w))
    assert term == pytest.approx([0.5, -0.5])  # a "none" row has no unit to resemble
    far, far_prior = found.term(SKILLS["vlan"], found.values(here))  # like no labelled skill
    assert far == pytest.approx([0.0, 0.0]) and far_prior == 0.5


def test_a_curriculum_left_out_takes_its_rows_with_it() -> None:
    found = _precedents([("lab:x", "Adobe Photoshop", "G1"), ("lab:y", "Adobe Photoshop", "G2")])
    here = np.vstack([axis(0), axis(1)])
    both, _ = found.term(SKILLS["photoshop"], found.values(here))
    without_x, _ = found.term(SKILLS["photoshop"], found.values(here), exclude=["lab:x"])
    # y has three units, the internship left out: its mean is (axis 0 + axis 1) / 2 as well
    assert both == pytest.approx([0.5, -0.5]) and without_x == pytest.approx([0.5, -0.5])
    # the lab's route (per-curriculum parts, summed over those kept) gives the same
    keys, value, weight, none, total = found.parts(SKILLS["gimp"], found.values(here))
    kept = np.array([k != "lab:x" for k in keys], dtype=float)
    by_parts = combine(value @ kept, weight @ kept, none @ kept, total @ kept)
    by_term = found.term(SKILLS["gimp"], found.values(here), exclude=["lab:x"])
    assert by_parts[0] == pytest.approx(by_term[0]) and by_parts[1] == pytest.approx(by_term[1])
    nothing, prior = found.term(SKILLS["photoshop"], found.values(here), exclude=["lab:x", "lab:y"])
    assert nothing == pytest.approx([0.0, 0.0]) and prior == 0.5
    assert found.term(None, found.values(here))[1] == 0.5


def test_rows_of_curricula_like_the_one_at_hand_weigh_more() -> None:
    # Photoshop went to the graphics unit of x (graphics and network units) and was "none" in z
    # (network and server units): for a network and server programme, z's answer counts
    found = _precedents([("lab:x", "Adobe Photoshop", "G1"), ("lab:z", "Adobe Photoshop", "none")])
    here = np.vstack([axis(1), axis(3)])
    mean = curriculum_mean(np.vstack([axis(1), axis(3), np.zeros(8)]))  # a unit without text
    assert mean == pytest.approx((axis(1) + axis(3)) / np.sqrt(2))
    closeness = found.closeness(mean)
    # x's mean is (axis 0 + axis 1) / 2: cosine 0.5 with this one's; z's the same as this one's
    assert closeness == pytest.approx([np.exp((0.5 - 1) / CURRICULUM_TAU), 1.0])
    plain, plain_prior = found.term(SKILLS["photoshop"], found.values(here))
    term, prior = found.term(SKILLS["photoshop"], found.values(here), closeness=closeness)
    assert plain_prior == pytest.approx(0.5)
    assert prior == pytest.approx(1 / (1 + closeness[0])) and prior > 0.99
    assert term == pytest.approx(plain)  # x is the only row with a unit: the ratio keeps it
    values, per_row = found.of_units(np.vstack([axis(1), axis(3)]))  # once per curriculum
    assert values == pytest.approx(found.values(here)) and per_row == pytest.approx(closeness)
    # the lab's route weighs the parts the same way
    keys, value, weight, none, total = found.parts(
        SKILLS["photoshop"], found.values(here), closeness
    )
    assert combine(value.sum(axis=1), weight.sum(), none.sum(), total.sum())[1] == pytest.approx(
        prior
    )
    assert (found.closeness(None) == 1.0).all() and curriculum_mean(np.zeros((2, 8))) is None


def test_unknown_skills_unknown_units_and_internships_are_no_precedent() -> None:
    found = _precedents(
        [
            ("lab:x", "Unknown skill", "G1"),
            ("lab:x", "Adobe Photoshop", "Z9"),  # no such unit
            ("lab:y", "Adobe Photoshop", "P2"),  # the internship: never an answer
            ("lab:y", "GIMP", "G2|none"),  # a unit and "none": the unit counts
        ]
    )
    assert found.skills == ("gimp",) and not found.none.any()
    assert list(found.right_row) == [0]


def test_the_placer_reads_the_precedent_with_the_units_names_through_use() -> None:
    # unit C's name resembles the unit the labelled set chose for Red Hat elsewhere
    precedents = _precedents([("lab:x", "Adobe Photoshop", "G1")])
    second = {"A": np.vstack([axis(1)]), "B": np.vstack([axis(2)]), "C": np.vstack([axis(0)])}
    chosen = model({"precedent": 1.0}, none_bias=-5.0)
    placer = UnitPlacer(UNITS, second, {"photoshop": SKILLS["photoshop"]}, RELATIONS, None,
                        contexts={"photoshop": SkillContext()}, model=chosen,
                        second=SecondView(second, None, precedents))  # fmt: skip
    advice = placer.place("photoshop")
    assert advice.code == "C"
    without = UnitPlacer(UNITS, second, {"photoshop": SKILLS["photoshop"]}, RELATIONS, None,
                         contexts={"photoshop": SkillContext()}, model=chosen,
                         second=SecondView(second, None))  # fmt: skip
    assert without.place("photoshop").margin == 0.0  # no precedents: the term is 0 everywhere


def test_the_placer_weighs_the_precedents_by_the_curriculums_likeness() -> None:
    # Photoshop: a unit in x (graphics and network), "none" in z (network and server). A model
    # whose "none" probability reads the prior alone advises "none" in a curriculum like z and a
    # unit in one like x, from the same labelled rows.
    precedents = _precedents(
        [("lab:x", "Adobe Photoshop", "G1"), ("lab:z", "Adobe Photoshop", "none")]
    )
    chosen = model({"precedent": 1.0}, none_bias=0.0, threshold=0.9)
    at = TERMS.index("precedent_prior")  # row_summary: the best values come first
    weights, mean, std = chosen.none_weights.copy(), chosen.none_mean.copy(), chosen.none_std.copy()
    weights[at], mean[at], std[at] = 1.0, 0.5, 0.1
    chosen = replace(chosen, none_weights=weights, none_mean=mean, none_std=std)

    def advice(second: dict[str, np.ndarray]) -> str:
        placer = UnitPlacer(UNITS, second, {"photoshop": SKILLS["photoshop"]}, RELATIONS, None,
                            contexts={"photoshop": SkillContext()}, model=chosen,
                            second=SecondView(second, None, precedents))  # fmt: skip
        return placer.place("photoshop").action

    like_z = {"A": np.vstack([axis(1)]), "B": np.vstack([axis(3)]), "C": np.vstack([axis(1)])}
    like_x = {"A": np.vstack([axis(0)]), "B": np.vstack([axis(1)]), "C": np.vstack([axis(1)])}
    assert advice(like_z) == "new" and advice(like_x) == "add"


def test_the_shipped_labels_name_curricula_the_precedents_can_read() -> None:
    rows = read_labels()
    keys = list(dict.fromkeys(r["curriculum"] for r in rows))
    assert len(rows) == 1615 and len(keys) == 121
    assert_answers_name_units(rows)
    assert "precedent" in TERMS and "precedent_prior" in TERMS


def assert_answers_name_units(rows: list[dict[str, str]]) -> None:
    """Every labelled row's answers are ``none`` or unit codes of its curriculum, and its skill is
    the shipped vocabulary's."""
    from curricula.gap.precedents import skill_id_of

    for key in dict.fromkeys(r["curriculum"] for r in rows):
        codes = {code for code, _, _ in curriculum_units(key)}
        for row in (r for r in rows if r["curriculum"] == key):
            assert set(row["unit"].split("|")) - {"none"} <= codes, row
            assert skill_id_of(row["skill"]) is not None, row


def _cases() -> list:  # type: ignore[type-arg]
    """Three lab cases whose precedent parts read x's and y's labelled rows (``with_precedent``)."""
    from curricula.lab.gap.cases import Case, with_precedent

    found = _precedents([("lab:x", "Adobe Photoshop", "G1"), ("lab:y", "GIMP", "G2"),
                         ("lab:y", "Adobe Photoshop", "none")])  # fmt: skip
    here = np.vstack([axis(0), axis(1)])

    def case(curriculum: str, skill: str) -> Case:
        parts = found.parts(SKILLS[skill], found.values(here))
        bare = Case(curriculum, skill, skill, frozenset({"A"}), ("A", "B"),
                    {name: np.array([0.2, 0.1]) for name in TERMS}, np.zeros(2), parts)  # fmt: skip
        return replace(bare, features=with_precedent(bare))

    return [case("lab:x", "photoshop"), case("lab:y", "gimp"), case("lab:w", "photoshop")]


def test_the_inner_folds_leave_their_curriculum_out_of_every_precedent() -> None:
    from curricula.lab.gap.cases import with_precedent
    from curricula.lab.gap.evaluate_ranker import Rows

    cases = _cases()
    rows = Rows(cases, TERMS).leaving_out("lab:y")
    inner = rows.leaving_out("lab:x")
    assert inner.left_out == ("lab:y", "lab:x") and rows.left_out == ("lab:y",)
    for i, c in enumerate(cases):
        expected = with_precedent(c, ["lab:y", "lab:x"])
        got = dict(zip(TERMS, inner.raw[i].T, strict=True))
        assert got["precedent"] == pytest.approx(expected["precedent"])
        assert got["precedent_prior"] == pytest.approx(expected["precedent_prior"])
    # lab:w's Photoshop row: with y held out it reads x's row (G1); with x left out too, nothing
    precedent, prior = TERMS.index("precedent"), TERMS.index("precedent_prior")
    assert rows.raw[2][:, precedent] == pytest.approx([0.5, -0.5])
    assert rows.raw[2][:, prior] == pytest.approx([0.0, 0.0])
    assert inner.raw[2][:, precedent] == pytest.approx([0.0, 0.0])
    assert inner.raw[2][:, prior] == pytest.approx([0.5, 0.5])
    assert not np.allclose(rows.units[2], inner.units[2])
    assert np.allclose(rows.units[0], inner.units[0])  # x's own row left x out already
    # the "none" classifier's inputs follow, and the outer rows are left as they were
    assert inner.summary[2] == pytest.approx(row_summary(inner.raw[2]))
    assert rows.summary[2] == pytest.approx(row_summary(rows.raw[2]))
    assert not np.allclose(rows.summary[2], inner.summary[2])


def test_each_inner_fold_is_fitted_on_rows_that_leave_it_out(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from curricula.lab.gap import evaluate_ranker

    seen = []

    def outcomes(rows, train, test):  # type: ignore[no-untyped-def]
        seen.append((rows.left_out, tuple(test)))
        return {("lam", "C", "t"): np.zeros(len(test), dtype=bool)}

    monkeypatch.setattr(evaluate_ranker, "outcomes", outcomes)
    cases = _cases()
    folds = [[0], [1], [2]]
    evaluate_ranker.loco(evaluate_ranker.Rows(cases, TERMS).leaving_out("lab:v"), folds)
    assert seen == [(("lab:v", "lab:x"), (0,)), (("lab:v", "lab:y"), (1,)),
                    (("lab:v", "lab:w"), (2,))]  # fmt: skip


def test_fit_only_writes_the_model_without_the_nested_estimate(  # type: ignore[no-untyped-def]
    monkeypatch, tmp_path, capsys
) -> None:
    import json

    from curricula.gap.model import PlacementModel
    from curricula.lab.gap import evaluate_ranker

    def nested(*_):  # type: ignore[no-untyped-def]
        raise AssertionError("--fit-only ran the nested estimate")

    x, y, w = _cases()
    none = frozenset({evaluate_ranker.NONE})  # two curricula of each kind: every fold has both
    cases = [x, replace(y, right=none), replace(w, right=none), replace(x, curriculum="lab:z")]
    monkeypatch.setattr(evaluate_ranker, "read_labels", lambda path: [])
    monkeypatch.setattr(evaluate_ranker, "load_cases", lambda rows, taught: cases)
    monkeypatch.setattr(evaluate_ranker, "nested", nested)
    output = tmp_path / "model.json"
    evaluate_ranker.main(["--write", "--fit-only", "--json", "--output", str(output)])
    printed = json.loads(capsys.readouterr().out)
    assert printed["rows"] == 4 and printed["written"] == str(output)
    assert "held_out_leave_one_curriculum_out" not in printed
    assert PlacementModel.from_dict(json.loads(output.read_text())).terms == TERMS
    with pytest.raises(SystemExit):
        evaluate_ranker.main(["--fit-only"])  # only with --write
    with pytest.raises(SystemExit):
        evaluate_ranker.main(["--shipped", "--write"])  # --shipped fits nothing
