"""The learned unit choice of the gap advice (``curricula.gap.model``): its terms, its ranker
and "none" classifier, the shipped model, and the unit chooser reading it."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from curricula.gap import SkillRelations, SupplyOutcome, SupplyUnit, UnitTexts
from curricula.gap.model import (
    MODEL_PATH,
    TERMS,
    PlacementModel,
    load_placement_model,
    unit_terms,
)
from curricula.gap.placement import SkillContext
from curricula.gap.supply import SecondView, UnitPlacer

DIM = 8


def unit(code: str, name: str, *skills: str) -> SupplyUnit:
    return SupplyUnit(code, name, code, (SupplyOutcome(f"{code}-1", name, tuple(skills)),))


def axis(i: int) -> np.ndarray:
    v = np.zeros(DIM)
    v[i] = 1.0
    return v


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
    assert json.loads(Path(MODEL_PATH).read_text(encoding="utf-8"))["terms"] == list(TERMS)


def test_the_placer_advises_the_models_unit_with_its_related_skill() -> None:
    vectors = {"A": np.vstack([axis(0)]), "B": np.vstack([axis(1)]), "C": np.vstack([axis(2)])}
    context = SkillContext(second_description_vector=axis(2))
    chosen = model({"use_description": 1.0}, none_bias=-5.0)
    placer = UnitPlacer(UNITS, vectors, {"zabbix": axis(3)}, RELATIONS, None,
                        contexts={"zabbix": context}, model=chosen,
                        second=SecondView(vectors, None))  # fmt: skip
    advice = placer.place("zabbix")
    assert advice.code == "C" and advice.action == "add"  # by USE's description alone
    assert advice.margin == pytest.approx(
        advice.similarity
        - max(
            chosen.scores(
                chosen.matrix(
                    unit_terms(
                        "zabbix",
                        UNITS,
                        RELATIONS,
                        UnitTexts(UNITS, vectors, None),
                        None,
                        axis(3),
                        context,
                        UnitTexts(UNITS, vectors, None),
                    )
                )
            )[:2]
        )
    )
    refused = UnitPlacer(UNITS, vectors, {"zabbix": axis(3)}, RELATIONS, None,
                         contexts={"zabbix": context}, model=model({}, none_bias=5.0),
                         second=SecondView(vectors, None)).place("zabbix")  # fmt: skip
    assert refused.action == "new" and refused.unit_id is None
    weighted = UnitPlacer(UNITS, vectors, {"zabbix": axis(3)}, RELATIONS, None,
                          contexts={"zabbix": context}).place("zabbix")  # fmt: skip
    assert weighted.action == "new"  # the weighted score: nothing relates, nothing is close
    # Linux relates to unit A; without a model, the weighted score chooses it too
    assert UnitPlacer(UNITS, vectors, {"red-hat": axis(0)}, RELATIONS, None).place(
        "red-hat").related_skill == "linux"  # fmt: skip
