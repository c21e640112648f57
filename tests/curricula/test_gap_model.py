"""The learned unit choice of the gap advice (``curricula.gap.model``): its terms, its ranker
and "none" classifier, the shipped model, and the unit chooser reading it."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from curricula.gap import SkillRelations, UnitTexts
from curricula.gap.model import (
    MODEL_PATH,
    TERMS,
    PlacementModel,
    load_placement_model,
    unit_terms,
)
from curricula.gap.placement import SkillContext
from curricula.gap.supply import SecondView, UnitPlacer
from tests.curricula.test_gap_signals import axis, unit


def model(rank: dict[str, float], none_bias: float, threshold: float = 0.5) -> PlacementModel:
    """A model whose ranker weighs the centred terms of ``rank`` and whose "none" probability
    is the logistic of ``none_bias`` alone."""
    n = len(TERMS)
    weights = np.zeros(2 * n)
    for name, w in rank.items():
        weights[TERMS.index(name)] = w
    return PlacementModel(TERMS, weights, np.zeros(3 * n), none_bias, np.zeros(3 * n),
                          np.ones(3 * n), threshold)  # fmt: skip


UNITS = (
    unit("A", "Administrasi Sistem Jaringan", "linux"),
    unit("B", "Pemrograman Web", "html"),
    unit("C", "Keamanan Jaringan", "firewall"),
)
RELATIONS = SkillRelations(
    parents={"red-hat": "linux"},
    groups={"html": "web", "php": "web"},
    near={"zabbix": {"linux": 0.6}},
)


def test_unit_terms_read_relations_group_broader_and_the_second_embedder() -> None:
    vectors = {"A": np.vstack([axis(0)]), "B": np.vstack([axis(1)]), "C": np.vstack([axis(2)])}
    texts = UnitTexts(UNITS, vectors, None)
    second = UnitTexts(UNITS, vectors, None)
    context = SkillContext(parent="linux", description_vector=axis(1),
                           second_description_vector=axis(2))  # fmt: skip
    terms = unit_terms("red-hat", UNITS, RELATIONS, texts, None, axis(0), context, second)
    assert set(terms) == set(TERMS)
    assert terms["structural"].tolist() == [0.9, 0.0, 0.0]  # Linux is its broader skill
    assert terms["broader"].tolist() == [1.0, 0.0, 0.0]  # ... which unit A teaches itself
    assert terms["text"].tolist() == [1.0, 0.0, 0.0]
    assert terms["description"].tolist() == [0.0, 1.0, 0.0]
    assert terms["use_description"].tolist() == [0.0, 0.0, 1.0]
    php = unit_terms("php", UNITS, RELATIONS, None, None, None)
    assert php["group"].tolist() == [0.0, 1.0, 0.0]  # HTML: the same vocabulary group
    assert not any(php[name].any() for name in ("text", "description", "use_description"))


def test_the_introductory_term_marks_an_introductions_name() -> None:
    units = (
        unit("E1", "Dasar-dasar Teknik Jaringan Komputer dan Telekomunikasi: Proses Bisnis"),
        unit("F1", "Administrasi Sistem Jaringan"),
        unit("MK1", "Pengantar Teknologi Informasi"),
        unit("MK2", "Basis Data"),  # "basis", not "basic"
        unit("MK3", "Konsep Dasar Jaringan"),
        unit("MK4", "Pemrograman Berbasis Web: Dasar"),  # an introduction's name starts with it
    )
    terms = unit_terms("php", units, RELATIONS, None, None, None)
    assert terms["introductory"].tolist() == [1.0, 0.0, 1.0, 0.0, 1.0, 0.0]


def test_the_ranker_reads_what_sets_a_unit_apart_and_none_takes_the_threshold() -> None:
    x = np.zeros((3, len(TERMS)))
    x[:, TERMS.index("description")] = [5.0, 6.0, 5.0]  # B stands out, all are high
    chosen = model({"description": 1.0}, none_bias=-5.0)
    top, scores = chosen.choose(x)
    assert top == 1 and scores[1] > scores[0] == scores[2]
    assert chosen.scores(x + 10.0) == pytest.approx(scores)  # the same lead at any level
    refused = model({"description": 1.0}, none_bias=5.0)
    assert refused.none_probability(x) > 0.99
    assert refused.choose(x)[0] is None  # a new unit or an elective


def test_a_unit_teaching_the_broader_or_narrower_skill_is_never_refused() -> None:
    x = np.zeros((2, len(TERMS)))
    x[:, TERMS.index("structural")] = [0.9, 0.0]
    assert model({"structural": 1.0}, none_bias=5.0).choose(x)[0] == 0
    x[0, TERMS.index("structural")] = 0.75  # siblings only: the "none" classifier decides
    assert model({"structural": 1.0}, none_bias=5.0).choose(x)[0] is None


def test_a_model_round_trips_and_a_wrong_one_is_an_error() -> None:
    chosen = model({"text": 0.5}, none_bias=-1.0, threshold=0.6)
    again = PlacementModel.from_dict(json.loads(json.dumps(chosen.to_dict())))
    assert again.terms == chosen.terms and again.threshold == 0.6
    assert np.array_equal(again.rank_weights, chosen.rank_weights)
    data = chosen.to_dict()
    with pytest.raises(ValueError, match="unknown terms"):
        PlacementModel.from_dict({**data, "terms": [*TERMS[:-1], "nonsense"]})
    with pytest.raises(ValueError, match="rank_weights needs"):
        PlacementModel.from_dict({**data, "rank_weights": [0.0]})


def test_the_shipped_model_reads_every_term() -> None:
    shipped = load_placement_model()
    assert shipped.terms == TERMS
    assert 0 < shipped.threshold < 1 and shipped.sure_relation == 0.9
    assert np.isfinite(shipped.rank_weights).all() and (shipped.none_std > 0).all()
    # the file is what the loader read (no stale copy): the same weights, term by term
    data = json.loads(Path(MODEL_PATH).read_text(encoding="utf-8"))
    assert np.array_equal(np.asarray(data["rank_weights"]), shipped.rank_weights)


def test_a_model_without_the_structural_term_runs_without_the_sure_rule() -> None:
    terms = tuple(t for t in TERMS if t != "structural")
    n = len(terms)
    weights = np.zeros(2 * n)
    weights[terms.index("text")] = 1.0
    bare = PlacementModel(terms, weights, np.zeros(3 * n), 5.0, np.zeros(3 * n), np.ones(3 * n),
                          0.5)  # fmt: skip
    x = np.zeros((2, n))
    x[:, terms.index("text")] = [1.0, 0.0]
    assert bare.choose(x)[0] is None  # "none" is likely, and no sure relation can overrule it


def _placer(skill: str, vector: np.ndarray, context: SkillContext, chosen=None):  # type: ignore[no-untyped-def]
    vectors = {"A": np.vstack([axis(0)]), "B": np.vstack([axis(1)]), "C": np.vstack([axis(2)])}
    return UnitPlacer(UNITS, vectors, {skill: vector}, RELATIONS, None, contexts={skill: context},
                      model=chosen, second=SecondView(vectors, None) if chosen else None)  # fmt: skip


def test_the_placer_advises_the_models_unit_with_its_score_margin_and_related_skill() -> None:
    # USE's description of Red Hat points to unit C; its broader skill, Linux, is taught in A
    context = SkillContext(parent="linux", second_description_vector=axis(2))
    by_description = model({"use_description": 1.0}, none_bias=-5.0)
    advice = _placer("red-hat", axis(3), context, by_description).place("red-hat")
    assert (advice.code, advice.action) == ("C", "add")  # by USE's description alone
    x = np.zeros((3, len(TERMS)))
    x[:, TERMS.index("use_description")] = [0.0, 0.0, 1.0]
    expected = by_description.scores(x)  # the ranker's scores of A, B, C
    assert advice.similarity == pytest.approx(expected[2])
    assert advice.margin == pytest.approx(expected[2] - expected[0])
    assert advice.related_skill is None  # C teaches nothing related
    by_relation = model({"structural": 1.0}, none_bias=-5.0)
    advice = _placer("red-hat", axis(3), context, by_relation).place("red-hat")
    assert (advice.code, advice.related_skill) == ("A", "linux")  # the related taught skill


def test_the_placer_says_new_when_the_model_refuses() -> None:
    context = SkillContext(second_description_vector=axis(2))
    refused = _placer("zabbix", axis(3), context, model({}, none_bias=5.0)).place("zabbix")
    assert refused.action == "new" and refused.unit_id is None and refused.margin is not None
    # without a model, the weighted score: Zabbix is near Linux (0.6, unit A), below min_score
    weighted = _placer("zabbix", axis(3), context).place("zabbix")
    assert weighted.action == "new"
    assert _placer("red-hat", axis(0), SkillContext()).place("red-hat").related_skill == "linux"


def test_the_placer_reads_the_introductory_term_from_the_units_names() -> None:
    units = (unit("E", "Dasar-dasar Teknik Jaringan Komputer"), unit("F", "Administrasi Server"))
    vectors = {"E": np.vstack([axis(2)]), "F": np.vstack([axis(2)])}  # alike for the skill

    def place(chosen: PlacementModel) -> str | None:
        placer = UnitPlacer(units, vectors, {"zabbix": axis(3)}, RELATIONS, None,
                            contexts={"zabbix": SkillContext(second_description_vector=axis(2))},
                            model=chosen, second=SecondView(vectors, None))  # fmt: skip
        return placer.place("zabbix").code

    assert place(model({"use_description": 1.0}, none_bias=-5.0)) == "E"  # a tie: the first
    assert place(model({"use_description": 1.0, "introductory": -1.0}, none_bias=-5.0)) == "F"


def test_the_lab_scores_the_shipped_model_as_the_placer_advises() -> None:
    from curricula.lab.gap.cases import NONE, Case
    from curricula.lab.gap.evaluate_ranker import _shipped, predict

    def case(right: str, description: list[float]) -> Case:
        features = {name: np.zeros(2) for name in TERMS}
        features["description"] = np.asarray(description)
        return Case("c", "s", "s", frozenset({right}), ("A", "B"), features, np.zeros(2))

    cases = [case("B", [0.0, 1.0]), case("A", [0.0, 1.0]), case(NONE, [0.0, 1.0])]
    chosen = model({"description": 1.0}, none_bias=-5.0)
    assert predict(cases, chosen) == ["B", "B", "B"]
    found = _shipped(cases, chosen)
    assert (found["rows"], found["shipped_model_right"]) == (3, 1)
    assert (found["none_rows"], found["unit_rows"]) == (0.0, 0.5)
    assert found["per_curriculum"] == {"c": "1/3"}
    assert predict(cases, model({}, none_bias=5.0)) == [NONE, NONE, NONE]
