"""Gap advice: the unit for a missing skill from what the unit teaches, or a new unit/elective;
programme fields; the labelled set's shape."""

from __future__ import annotations

import numpy as np
import pytest

from curricula.gap import (
    CurriculumSupply,
    PlacementParams,
    SkillRelations,
    SupplyOutcome,
    SupplyUnit,
    field_of,
)
from curricula.gap.contexts import description_vectors, skill_contexts
from curricula.gap.placement import (
    SkillContext,
    UnitTexts,
    choose_unit,
    placeable,
    score_units,
    unit_text_rows,
)
from curricula.gap.similarity import name_words
from curricula.gap.supply import UnitPlacer
from curricula.lab.gap.cases import NONE, read_labels

DIM = 16


def unit(code: str, name: str, *skills: str) -> SupplyUnit:
    return SupplyUnit(code, name, code, (SupplyOutcome(f"{code}-1", name, tuple(skills)),))


# A TKJ curriculum as the issue saw it: every raw cosine between 0.80 and 0.83.
TKJ = CurriculumSupply(
    (
        unit("F02", "Administrasi Infrastruktur Jaringan", "routing", "ict-troubleshooting"),
        unit("F03", "Administrasi Sistem Jaringan", "linux", "dns"),
        unit("F05", "Keamanan Jaringan", "firewall"),
        unit("F07", "Produk Kreatif dan Kewirausahaan", "entrepreneurship"),
    )
)
RELATIONS = SkillRelations(
    parents={"troubleshoot": "ict-troubleshooting", "red-hat": "linux"},
    groups={"routing": "network", "dns": "network", "firewall": "security", "php": "web"},
    near={"zabbix": {"linux": 0.6}},
)


def flat_vectors(raw: dict[str, float], seed: int = 0) -> tuple[dict, np.ndarray, np.ndarray]:
    """Unit vectors whose cosine with the skill vector is exactly ``raw[unit]`` (~0.8), and a
    reference set of other skills just as close to every unit (as e5 label vectors are)."""
    rng = np.random.default_rng(seed)
    skill = np.zeros(DIM)
    skill[0] = 1.0
    units = {}
    for i, (code, cos) in enumerate(raw.items()):
        v = np.zeros(DIM)
        v[0], v[i + 1] = cos, np.sqrt(1 - cos**2)
        units[code] = v[None, :]
    reference = skill + 0.15 * rng.normal(size=(200, DIM))
    reference /= np.linalg.norm(reference, axis=1, keepdims=True)
    return units, skill, reference


ISSUE_COSINES = {"F02": 0.80, "F03": 0.81, "F05": 0.805, "F07": 0.83}  # Projek Kreatif "wins"


def advice(skill: str, raw: dict[str, float] = ISSUE_COSINES, **params: float):
    units, vector, reference = flat_vectors(raw)
    placer = UnitPlacer(
        TKJ.units, units, {skill: vector}, RELATIONS, reference, PlacementParams(**params)
    )
    return placer.place(skill)


def test_troubleshooting_goes_where_related_skills_are_taught_not_to_the_highest_cosine() -> None:
    units, vector, reference = flat_vectors(ISSUE_COSINES)
    texts = UnitTexts(TKJ.units, units, reference)
    scores = score_units("troubleshoot", TKJ.units, RELATIONS, texts, vector, PlacementParams())
    assert [s.unit.id for s in scores][:1] == ["F02"]  # not F07, the highest raw cosine
    # these texts say nothing of the skill (every cosine about 0.8), so the score stays below
    # the minimum; the unit teaches the skill's broader skill, which is enough (sure_relation)
    assert scores[0].score < PlacementParams().min_score
    found = advice("troubleshoot")
    assert (found.unit_id, found.action, found.related_skill) == (
        "F02",
        "add",
        "ict-troubleshooting",
    )


def test_a_description_close_to_a_unit_chooses_it() -> None:
    """A tool whose name says nothing (its label vector is as close to every unit) goes to the
    unit its description is about."""
    units, vector, reference = flat_vectors(ISSUE_COSINES)
    texts = UnitTexts(TKJ.units, units, reference)
    about_f05 = units["F05"][0]
    scores = score_units(
        "tool", TKJ.units, SkillRelations(), texts, vector, PlacementParams(),
        context=SkillContext(description_vector=about_f05),
    )  # fmt: skip
    assert scores[0].unit.id == "F05"
    without = score_units("tool", TKJ.units, SkillRelations(), texts, vector, PlacementParams())
    assert without[0].unit.id != "F05"
    off = PlacementParams(description_weight=0.0)
    scores = score_units(
        "tool", TKJ.units, SkillRelations(), texts, vector, off,
        context=SkillContext(description_vector=about_f05),
    )  # fmt: skip
    assert [s.score for s in scores] == pytest.approx([s.score for s in without])


def test_php_in_a_network_curriculum_is_a_new_unit_or_elective() -> None:
    found = advice("php")  # relates to no taught skill; raw cosines say "F07" or "F03"
    assert (found.unit_id, found.action, found.name) == (None, "new", "")


@pytest.mark.parametrize(
    ("skill", "unit_id"), [("red-hat", "F03"), ("zabbix", "F03"), ("troubleshoot", "F02")]
)
def test_broader_and_near_skills_choose_the_unit(skill: str, unit_id: str) -> None:
    assert advice(skill, min_score=0.5).unit_id == unit_id


def test_a_unit_teaching_a_near_skill_is_strengthened() -> None:
    units, vector, reference = flat_vectors(ISSUE_COSINES)
    low = PlacementParams(min_score=0.5)
    placer = UnitPlacer(TKJ.units, units, {"zabbix": vector}, RELATIONS, reference, low)
    found = placer.place("zabbix", near_skill="linux")
    assert (found.unit_id, found.action) == ("F03", "strengthen")


def test_margin_refuses_a_close_call() -> None:
    two = CurriculumSupply((unit("A", "A", "dns"), unit("B", "B", "routing")))
    relations = SkillRelations(groups={"dns": "network", "routing": "network", "vlan": "network"})
    scores = score_units("vlan", two.units, relations, None, None, PlacementParams())
    assert scores[0].score == scores[1].score == pytest.approx(0.3)
    chosen, margin = choose_unit(scores, PlacementParams(min_score=0.2, margin=0.05))
    assert chosen is None and margin == pytest.approx(0.0)
    chosen, _ = choose_unit(scores, PlacementParams(min_score=0.2, margin=0.0))
    assert chosen is not None and chosen.unit.id == "A"  # ties: curriculum order


def test_text_is_centred_per_unit() -> None:
    """A unit whose text is close to every skill (generic) gets no credit for being close to
    this one; a unit unusually close to the skill does."""
    generic = np.ones(DIM) / np.sqrt(DIM)
    specific = np.zeros(DIM)
    specific[3] = 1.0
    skill = 0.6 * specific + 0.8 * generic
    rng = np.random.default_rng(1)
    reference = np.abs(rng.normal(size=(300, DIM))) + 2.0  # all near the generic direction
    reference /= np.linalg.norm(reference, axis=1, keepdims=True)
    units = (unit("G", "Generic"), unit("S", "Specific"))
    texts = UnitTexts(units, {"G": generic, "S": specific}, reference)
    raw_g, raw_s = float(generic @ skill), float(specific @ skill)
    assert raw_g > raw_s  # the raw cosine prefers the generic unit
    assert texts.z("S", skill) > texts.z("G", skill)


def test_unit_text_rows_drop_the_shared_opening() -> None:
    rows = unit_text_rows(
        "Basis Data", ["Pada akhir fase F, peserta didik mampu menulis SQL.", "Mahasiswa mampu X."]
    )
    assert rows == ["Basis Data", "menulis SQL.", "X."]


@pytest.mark.parametrize(
    ("programme", "concentration", "code"),
    [
        (
            "Teknik Jaringan Komputer dan Telekomunikasi (TJKT)",
            "Teknik Komputer dan Jaringan",
            "TJKT",
        ),
        ("Pengembangan Perangkat Lunak dan Gim (PPLG)", "Rekayasa Perangkat Lunak (RPL)", "PPLG"),
        ("D3 Teknik Informatika", "", "TI"),
        ("Sistem Informasi", "", "SI"),
        ("Desain Komunikasi Visual (DKV)", "", "DKV"),
        ("Akuntansi dan Keuangan Lembaga", "", None),
    ],
)
def test_programme_fields(programme: str, concentration: str, code: str | None) -> None:
    found = field_of(programme, concentration)
    assert (found.code if found else None) == code
    if found is not None:
        assert found.occupations and all(len(o) == 4 for o in found.occupations)


def test_network_field_leaves_out_web_and_design_occupations() -> None:
    tkj = field_of("Teknik Jaringan Komputer dan Telekomunikasi", "")
    assert {"3513", "2522"} <= set(tkj.occupations)
    assert not {"2513", "2514", "2166"} & set(tkj.occupations)  # web, programmers, designers


def test_labelled_set_is_large_enough_and_balanced() -> None:
    rows = read_labels()
    assert len(rows) >= 60
    assert sum(NONE in r["unit"].split("|") for r in rows) >= 15
    assert len({r["curriculum"] for r in rows}) >= 5


# --- what the vocabulary says beyond the label (issue 13: tools whose name says nothing) -------


def test_broader_skill_relates_a_tool_to_the_unit_teaching_its_topic() -> None:
    """Zabbix relates to no taught skill; its broader skill (network management tools) is near
    "monitor system performance", which the server unit teaches."""
    units = (
        unit("F02", "Administrasi Infrastruktur Jaringan", "routing"),
        unit("F03", "Administrasi Sistem Jaringan", "monitor-performance"),
    )
    relations = SkillRelations(near={"nms-tools": {"monitor-performance": 0.8}})
    params = PlacementParams(broader_relation=0.5, min_score=0.3)
    alone = score_units("zabbix", units, relations, None, None, params)
    assert alone[0].score == 0.0 and choose_unit(alone, params)[0] is None
    context = SkillContext(parent="nms-tools")
    scores = score_units("zabbix", units, relations, None, None, params, None, context)
    assert (scores[0].unit.id, scores[0].related_skill) == ("F03", "monitor-performance")
    assert scores[0].score == pytest.approx(0.5 * 0.8)
    assert choose_unit(scores, params)[0].unit.id == "F03"


def test_a_word_of_the_skill_name_in_the_unit_text_counts() -> None:
    units = (
        SupplyUnit("A", "Administrasi Infrastruktur Jaringan", "A",
                   (SupplyOutcome(1, "Mengonfigurasi routing pada router MikroTik dan Cisco."),)),
        SupplyUnit("B", "Administrasi Sistem Jaringan", "B",
                   (SupplyOutcome(2, "Menginstal sistem operasi server Linux."),)),
    )  # fmt: skip
    vectors = {"A": np.eye(DIM)[1:2], "B": np.eye(DIM)[2:3]}
    texts = UnitTexts(units, vectors, None)
    words = name_words(["Cisco IOS", "aplikasi Cisco"])
    assert words == {"cisco", "ios"}  # "aplikasi" is too common to count
    params = PlacementParams(lexical_weight=0.2)
    scores = score_units("cisco-ios", units, SkillRelations(), texts, np.eye(DIM)[0], params,
                         None, SkillContext(words=words))  # fmt: skip
    assert [s.unit.id for s in scores] == ["A", "B"]
    assert scores[0].score - scores[1].score == pytest.approx(0.2)


class _Form:
    def __init__(self, text: str) -> None:
        self.text = text


class _Entry:
    def __init__(self, skill_id: str, label: str, *forms: str, description: str = "") -> None:
        self.skill_id, self.label, self.forms = skill_id, label, tuple(_Form(f) for f in forms)
        self.description = description


class _Embedder:
    """Counts its calls; a text's vector is its length on the first axis."""

    def __init__(self) -> None:
        self.calls: list[tuple[list[str], str]] = []

    def encode(self, texts: list[str], *, kind: str = "query") -> np.ndarray:
        self.calls.append((list(texts), kind))
        return np.array([[float(len(t)), 0.0, 0.0, 0.0] for t in texts])


class _Index:
    """The parts of the linker's index ``skill_contexts`` reads."""

    def __init__(self) -> None:
        self.entries = [
            _Entry("kali", "Kali Linux", description="A Linux distribution for security testing."),
            _Entry("aircrack", "Aircrack (penetration testing tool)"),
            _Entry("john", "John The Ripper (penetration testing tool)"),
            _Entry("pentest", "perform ICT security testing", "uji penetrasi"),
        ]
        self.label_emb = np.eye(4)
        self.form_emb = np.array([[0.0, 0.0, 0.6, 0.8]])
        self.form_owner = np.array([3])
        self.embedder = _Embedder()

    def position(self, skill_id: str) -> int:
        return {e.skill_id: i for i, e in enumerate(self.entries)}[skill_id]  # KeyError: unknown


def test_skill_contexts_from_the_index() -> None:
    groups = {"kali": "pentest tools", "aircrack": "pentest tools", "john": "pentest tools"}
    found = skill_contexts(_Index(), ["kali", "pentest", "unknown"], {"kali": "pentest"}, groups)
    assert set(found) == {"kali", "pentest"}  # a skill the index does not know has none
    kali = found["kali"]
    assert kali.parent == "pentest" and kali.parent_vector.tolist() == [0, 0, 0, 1]
    # the group's centroid leaves the skill itself out: the mean of Aircrack's and John's labels
    assert kali.group_vector == pytest.approx(np.array([0, 1, 1, 0]) / np.sqrt(2))
    assert kali.forms is None and kali.words == {"kali", "linux"}
    pentest = found["pentest"]
    assert pentest.forms.tolist() == [[0.0, 0.0, 0.6, 0.8]] and pentest.group_vector is None
    assert {"uji", "penetrasi", "security", "testing"} <= pentest.words
    # the description, embedded in one call as a query; none without a description
    assert kali.description_vector.tolist() == [42.0, 0.0, 0.0, 0.0]
    assert pentest.description_vector is None


def test_description_vectors_in_one_call_for_the_known_described_skills() -> None:
    index = _Index()
    found = description_vectors(index, ["kali", "pentest", "unknown", "kali"])
    assert list(found) == ["kali"]
    assert index.embedder.calls == [(["A Linux distribution for security testing."], "query")]
    assert description_vectors(index, ["pentest"]) == {}
    assert len(index.embedder.calls) == 1  # nothing to embed: no call
    index.embedder = None
    assert description_vectors(index, ["kali"]) == {}  # an index without an embedder


def test_text_terms_in_one_product_equal_the_terms_unit_by_unit() -> None:
    rng = np.random.default_rng(3)

    def rows(n: int) -> np.ndarray:
        v = rng.normal(size=(n, DIM))
        return v / np.linalg.norm(v, axis=1, keepdims=True)

    units = tuple(unit(f"U{i}", f"Unit {i}") for i in range(4))
    vectors = {"U0": rows(3), "U1": rows(1), "U3": rows(2)}  # U2 has no texts
    texts = UnitTexts(units, vectors, rows(50))
    skill, forms = rows(1)[0], rows(2)
    context = SkillContext(forms, "parent", rows(1)[0], rows(1)[0], description_vector=rows(1)[0])
    params = PlacementParams(text_weight=0.1, form_weight=0.2, label_weight=0.0,
                             parent_text_weight=0.3, group_text_weight=0.4,
                             description_weight=0.5)  # fmt: skip
    found = {s.unit.id: s for s in score_units("s", units, SkillRelations(), texts, skill, params,
                                               None, context)}  # fmt: skip
    for u in units:
        expected = (0.1 * texts.z(u.id, skill) + 0.2 * texts.best_z(u.id, np.vstack([skill, forms]))
                    + 0.3 * texts.z(u.id, context.parent_vector)
                    + 0.4 * texts.z(u.id, context.group_vector)
                    + 0.5 * texts.z(u.id, context.description_vector))  # fmt: skip
        assert found[u.id].score == pytest.approx(expected)
        assert found[u.id].text == pytest.approx(texts.z(u.id, skill))
    assert found["U2"].score == 0.0


def test_taught_index_finds_every_relation_testing_every_pair_finds() -> None:
    rng = np.random.default_rng(5)
    skills = [f"s{i}" for i in range(40)]
    parents = {s: f"s{int(rng.integers(0, 8))}" for s in skills[8:] if rng.random() < 0.7}
    groups = {s: f"g{int(rng.integers(0, 5))}" for s in skills if rng.random() < 0.6}
    near = {s: {t: float(rng.uniform(0.3, 0.9)) for t in rng.choice(skills, 3)} for s in skills}
    relations = SkillRelations(parents, groups, near)
    units = tuple(unit(f"U{u}", f"Unit {u}", *rng.choice(skills, 5, replace=False))
                  for u in range(6))  # fmt: skip
    params = PlacementParams(broader_relation=0.5)
    for skill in skills:
        context = SkillContext(parent=parents.get(skill))
        found = score_units(skill, units, relations, None, None, params, None, context)
        for scored in found:
            pairs = [max(relations.relation(skill, t, params),
                         0.5 * relations.structural(parents[skill], t, params)
                         if skill in parents else 0.0)
                     for t in scored.unit.skills]  # fmt: skip
            assert scored.relation == pytest.approx(max(pairs))


def test_split_accuracy_counts_none_rows_and_unit_rows_apart() -> None:
    from curricula.lab.gap.cases import Case
    from curricula.lab.gap.evaluate_units import split_accuracy

    def case(curriculum: str, *right: str) -> Case:
        return Case(curriculum, "s", "s", frozenset(right), ("A", "B"), {}, np.zeros(2))

    cases = [case("x", NONE), case("x", "A"), case("y", "A", NONE), case("y", NONE)]
    right = np.array([[True, False, True, False], [False, True, True, True]])
    found = split_accuracy(right, [0, 0, 1, 1], cases, [[0, 1], [2, 3]])
    # picked: rows 0-1 scored by grid point 0 (right, wrong), rows 2-3 by point 1 (right, right)
    assert found["held_out_none_rows"] == 1.0  # rows 0 and 3: "none" is their only answer
    assert found["held_out_unit_rows"] == 0.5  # rows 1 and 2 (row 2 accepts a unit and "none")
    assert (found["held_out_fold_min"], found["held_out_fold_max"]) == (0.5, 1.0)


@pytest.mark.parametrize(
    "name",
    [
        "Praktik Kerja Lapangan (PKL)",
        "Praktek Kerja Industri",
        "PKL",
        "Magang Industri",
        "Prakerin",
        "Industrial Internship",
    ],
)
def test_an_internship_unit_is_never_advised(name: str) -> None:
    internship = unit("F06", name, "ict-troubleshooting")
    units = (*TKJ.units, internship)
    assert placeable(units) == TKJ.units
    assert placeable((internship,)) == (internship,)  # a curriculum of internships only: kept
    # the internship teaches the skill's broader skill; the advice still goes to a taught unit
    vectors, skill, reference = flat_vectors({**ISSUE_COSINES, "F06": 0.9})
    placer = UnitPlacer(units, vectors, {"troubleshoot": skill}, RELATIONS, reference)
    assert placer.place("troubleshoot").unit_id == "F02"
    only = UnitPlacer(
        (TKJ.units[3], internship), vectors, {"troubleshoot": skill}, RELATIONS, reference
    )
    assert only.place("troubleshoot").unit_id != "F06"


def test_a_unit_named_like_other_work_is_placeable() -> None:
    units = (unit("A", "Pemrograman Berorientasi Objek"), unit("B", "Teknik Pengambilan Gambar"))
    assert placeable(units) == units
