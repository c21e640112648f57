"""The candidate terms of the unit advice measured by ``evaluate_units --signal`` (issue 13), and
how the evaluation weighs one into the score."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from curricula.gap import DEFAULT_PLACEMENT, SkillContext, SupplyOutcome, SupplyUnit, UnitTexts
from curricula.lab.gap import evaluate_units, signals
from curricula.lab.gap.cases import NONE, Case
from curricula.lab.gap.evaluate_units import Table, grid_correct
from matching.vocab import Alias, Skill

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


def test_breadth_is_standardised_within_the_curriculum() -> None:
    units = [unit("A", "a", "x"), unit("B", "b", "x", "y", "z"), unit("C", "c")]
    found = signals.breadth(units)
    assert found.mean() == pytest.approx(0.0)
    assert found.std() == pytest.approx(1.0)
    assert found[1] > found[0] > found[2]


ONET_ROWS = """O*NET-SOC Code\tExample\tCommodity Code\tCommodity Title\tHot Technology\tIn Demand
15-1244.00\tZabbix\t43233204\tNetwork monitoring software\tN\tN
15-1252.00\tAtlassian JIRA\t43232104\tContent workflow software\tY\tY
15-1299.09\tAtlassian JIRA\t43231510\tProject management software\tY\tN
15-1252.00\tJavaScript\t43232408\tWeb platform development software\tY\tY
15-1252.00\tPython\t43232405\tObject or component oriented development software\tY\tY
15-1212.00\tKali Linux\t43232203\tProgram testing software\tN\tY
15-1252.00\tMongoDB\t43232306\tData base management system software\tY\tY
"""


def _skill(skill_id: str, label: str, *aliases: str) -> Skill:
    return Skill(skill_id, None, label, label, "tool", "", "",
                 tuple(Alias(a, "en", "tool") for a in aliases))  # fmt: skip


def test_commodity_classes_match_the_label_or_an_alias_exactly(tmp_path: Path) -> None:
    path = tmp_path / "onet_Technology_Skills.txt"
    path.write_text(ONET_ROWS, encoding="utf-8")
    skills = [
        _skill("zabbix", "zabbix"),  # case-insensitive
        _skill("python", "Python (computer programming)"),  # the qualifier left out
        _skill("jira", "Jira Software", "Atlassian JIRA"),  # by an alias; both its classes
        _skill("java", "Java (computer programming)"),  # not JavaScript: no prefix match
        _skill("linux", "Linux"),  # not Kali Linux: no word match
        _skill("mongo", "Mongo"),  # not MongoDB
    ]
    found = signals.commodity_classes(skills, signals.onet_commodities(path))
    assert found == {
        "zabbix": {"Network monitoring software"},
        "python": {"Object or component oriented development software"},
        "jira": {"Content workflow software", "Project management software"},
    }


def test_cotools_is_the_best_cosine_of_the_occupation_sets(tmp_path: Path) -> None:
    path = tmp_path / "onet_Technology_Skills.txt"
    path.write_text(ONET_ROWS, encoding="utf-8")
    by_name = signals.onet_occupations(path)
    assert by_name["atlassian jira"] == {"15-1252.00", "15-1299.09"}
    occupations = {"jira": by_name["atlassian jira"], "js": by_name["javascript"],
                   "zabbix": by_name["zabbix"]}  # fmt: skip
    units = [unit("U1", "Web", "js"), unit("U2", "Monitoring", "zabbix"), unit("U3", "Empty")]
    found = signals.cotools("jira", units, occupations)
    assert np.allclose(found, [1 / np.sqrt(2), 0.0, 0.0])  # one of Jira's two occupations
    assert not signals.cotools("unlisted", units, occupations).any()


def test_commodity_is_the_best_centred_title_similarity() -> None:
    units = [unit("A", "Administrasi Server"), unit("B", "Pemrograman Web")]
    texts = UnitTexts(units, {"A": np.vstack([axis(0)]), "B": np.vstack([axis(1)])}, None)
    assert signals.commodity(units, texts, None) == pytest.approx([0.0, 0.0])
    titles = np.vstack([axis(0), 0.5 * axis(1)])  # e.g. the English and Indonesian titles
    assert signals.commodity(units, texts, titles) == pytest.approx([1.0, 0.5])
    assert signals.commodity_texts({"Spreadsheet software", "Office suite software"},
                                   {"Spreadsheet software": "perangkat lunak lembar kerja"}) == [
        "Office suite software", "Spreadsheet software", "perangkat lunak lembar kerja"]  # fmt: skip


def test_usage_is_the_centred_similarity_of_the_sentences_centroid() -> None:
    units = [unit("A", "Administrasi Server"), unit("B", "Pemrograman Web")]
    texts = UnitTexts(units, {"A": np.vstack([axis(0)]), "B": np.vstack([axis(1)])}, None)
    assert signals.usage(units, texts, None) == pytest.approx([0.0, 0.0])
    assert signals.usage(units, texts, axis(1)) == pytest.approx([0.0, 1.0])


def test_every_indonesian_title_names_an_onet_class() -> None:
    if not signals.ONET_TECHNOLOGY.exists():
        pytest.skip("the O*NET source data is absent on this machine")
    classes = set().union(*signals.onet_commodities().values())
    indonesian = signals.commodity_titles()
    assert set(indonesian) <= classes
    assert all(indonesian.values())


def _case(right: str, signal: list[float]) -> Case:
    zeros = np.zeros(2)
    features = {name: zeros for name in ("structural", "group", "broader", "text", "form",
                                         "label", "parent_text", "group_text", "description",
                                         "lexical")}  # fmt: skip
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
    table.extra = {"breadth": 2.0}
    assert table.predict(DEFAULT_PLACEMENT) == ["B", "A"]
    table.extra = {}
    assert table.predict(DEFAULT_PLACEMENT) == [NONE, NONE]  # nothing relates: below min_score


def test_taught_descriptions_compare_the_description_with_the_taught_skills_ones() -> None:
    from curricula.gap import SkillLabels

    described = {"junit": axis(0), "java": 0.8 * axis(0) + 0.6 * axis(1), "photoshop": axis(2)}
    reference = np.vstack([axis(1), axis(2), axis(3), axis(4)])
    labels = SkillLabels(described, reference)
    units = [unit("A", "Desain", "photoshop"), unit("B", "PBO", "java"), unit("C", "Kosong")]
    found = signals.taught_descriptions("junit", units, labels)
    assert found[1] > found[0] and found[2] == 0.0  # a unit teaching nothing described: 0
    assert signals.taught_descriptions("junit", units, None).tolist() == [0.0, 0.0, 0.0]
    assert signals.taught_descriptions("unknown", units, labels).tolist() == [0.0, 0.0, 0.0]


def test_second_text_reads_the_use_vectors_of_label_and_description() -> None:
    units = [unit("A", "Administrasi Server"), unit("B", "Pemrograman Web")]
    texts = UnitTexts(units, {"A": np.vstack([axis(0)]), "B": np.vstack([axis(1)])}, None)
    both = np.vstack([axis(0), axis(1)])  # the label points to A, the description to B
    assert signals.second_text("use_label", units, texts, both) == pytest.approx([1.0, 0.0])
    assert signals.second_text("use_description", units, texts, both) == pytest.approx([0.0, 1.0])
    assert signals.second_text("use_text", units, texts, both) == pytest.approx([1.0, 1.0])
    label_only = np.vstack([axis(0)])  # a skill without a description
    assert signals.second_text("use_description", units, texts, label_only).tolist() == [0, 0]
    assert signals.second_text("use_text", units, texts, label_only) == pytest.approx([1.0, 0.0])
    assert signals.second_text("use_label", units, None, both).tolist() == [0.0, 0.0]
    assert set(signals.SECOND_EMBEDDER) <= set(signals.SIGNALS) == set(signals.WEIGHTS)


def test_use_description_is_the_runtime_term_of_the_learned_model() -> None:
    from curricula.gap import SkillRelations
    from curricula.gap.model import unit_terms

    units = [unit("A", "Administrasi Server"), unit("B", "Pemrograman Web")]
    reference = np.vstack([axis(i) for i in range(DIM)])
    texts = UnitTexts(units, {"A": np.vstack([axis(0)]), "B": np.vstack([axis(1) + axis(2)])},
                      reference)  # fmt: skip
    description = (axis(1) + 0.5 * axis(0)) / np.linalg.norm(axis(1) + 0.5 * axis(0))
    lab = signals.second_text("use_description", units, texts, np.vstack([axis(3), description]))
    context = SkillContext(second_description_vector=description)
    runtime = unit_terms("s", units, SkillRelations(), None, None, None, context, texts)
    assert runtime["use_description"] == pytest.approx(lab)
    assert lab[0] != 0 and lab[1] != 0  # centred against the reference, not raw cosines
