"""Curriculum gap report: demand weighting, coverage, lists, filters, refusal, JSON, purity."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pytest

from curricula.gap import (
    DEFAULT_PLACEMENT,
    CurriculumSupply,
    DemandSkill,
    DemandTable,
    DemandVacancy,
    GapParameters,
    PlacementParams,
    SupplyOutcome,
    SupplyUnit,
    Training,
    aggregate_demand,
    build_gap_report,
)
from curricula.gap.inputs import months_before

ROOT = Path(__file__).resolve().parents[2]
AS_OF = date(2025, 6, 30)
LABELS = {"python": "Python", "sql": "SQL", "docker": "Docker", "excel": "Microsoft Excel",
          "git": "Git", "kubernetes": "Kubernetes", "linux": "Linux", "cobol": "COBOL"}  # fmt: skip
NEAR = {"docker": {"linux": 0.8}}
UNIT_VECTORS = {f"u{i + 1}": row for i, row in enumerate(np.eye(3))}
SKILL_VECTORS = {"excel": np.array([0.6, 0.8, 0]), "kubernetes": np.array([0.0, 0.6, 0.8])}


def req(skill: str, evidence: str = "") -> DemandSkill:
    return DemandSkill(skill, "required", evidence or f"Menguasai {skill}.")


def pref(skill: str, evidence: str = "") -> DemandSkill:
    return DemandSkill(skill, "preferred", evidence or f"Nilai plus: {skill}.")


def vacancy(i, employer, region, *skills, posted=AS_OF, closed=None, occupation=None):
    status = "open" if closed is None else "closed"
    return DemandVacancy(i, employer, region, status, posted, closed, occupation, tuple(skills))


def unit(uid: str, name: str, code: str, *skills: str) -> SupplyUnit:
    outcomes = tuple(SupplyOutcome(f"{uid}-{s}", f"Peserta didik mampu {s}", (s,)) for s in skills)
    return SupplyUnit(uid, name, code, outcomes)


VACANCIES = [
    vacancy(1, "PT Satu", "Kota Serang", req("python"), req("sql"), pref("docker")),
    vacancy(2, "PT Satu", "Kota Serang", req("python"), req("docker")),
    vacancy(3, "PT Dua", "Kota Cilegon", req("sql"), req("excel", "Mahir Excel (pivot).")),
    vacancy(4, "PT Dua", "Kota Cilegon", pref("python"), req("excel", "Excel: VLOOKUP"),
            req("docker")),
    vacancy(5, "PT Tiga", "Kota Serang", pref("git"), req("excel", "mahir excel (pivot)."),
            req("kubernetes")),
]  # fmt: skip
SUPPLY = CurriculumSupply(
    (
        unit("u1", "Pemrograman Dasar", "PD", "python", "git"),
        unit("u2", "Basis Data", "BD", "sql"),
        unit("u3", "Sistem Operasi", "SO", "linux", "cobol"),
    )
)
TRAININGS = [
    ("t1", "Excel untuk Kantor", "Kota Serang", ("excel",)),
    Training("t2", "Excel Lanjut", "Kabupaten Lebak", ("excel", "sql")),
]


def params(**overrides) -> GapParameters:
    return GapParameters(as_of=AS_OF, **{"half_life_months": None, **overrides})


def report(vacancies=VACANCIES, **overrides):
    return build_gap_report(
        vacancies, SUPPLY, params(**overrides), labels=LABELS, near=NEAR,
        unit_vectors=UNIT_VECTORS, skill_vectors=SKILL_VECTORS, trainings=TRAININGS,
        groups={"python": "programming", "git": "programming", "sql": "data", "excel": "data"},
    )  # fmt: skip


# Hand computation, required 1.0 / preferred 0.5, no decay:
#   python 1 + 1 + 0.5 = 2.5 (3 vacancies)   sql 1 + 1 = 2 (2)   docker 0.5 + 1 + 1 = 2.5 (3)
#   excel 1 + 1 + 1 = 3 (3)   git 0.5 (1)   kubernetes 1 (1)      total 11.5
# Coverage: python, sql, git taught (1); docker near linux 0.8 -> 0.5 * 0.8 = 0.4; others 0.
#   overall = (2.5 + 2 + 0.5 + 0.4 * 2.5) / 11.5 = 6 / 11.5
T = 11.5


def test_demand_shares_and_overall_coverage() -> None:
    r = report()
    assert r.enough_data and r.vacancies_considered == 5
    assert r.demand_weight == pytest.approx(T)
    assert r.coverage == pytest.approx(6 / T)
    assert [(m.skill_id, m.demand_share, m.vacancies) for m in r.missing] == [
        ("excel", pytest.approx(3 / T), 3),
        ("docker", pytest.approx(2.5 / T), 3),
    ]
    assert [(c.skill, c.demand_share, c.vacancies) for c in r.covered] == [
        ("Python", pytest.approx(2.5 / T), 3),
        ("SQL", pytest.approx(2 / T), 2),
    ]
    assert r.skills_below_minimum == 2  # git and kubernetes rest on one vacancy each
    assert r.missing_total == 2


def test_partial_coverage_is_flagged_and_never_full() -> None:
    excel, docker = report().missing
    assert (excel.status, excel.coverage, excel.near_skill) == ("missing", 0.0, None)
    assert (docker.status, docker.near_skill_id, docker.near_skill) == ("partial", "linux", "Linux")
    assert docker.coverage == pytest.approx(0.4)
    identical = report(partial_credit=0.9, near_threshold=0.5)
    assert identical.missing[1].coverage == pytest.approx(0.9 * 0.8)
    with pytest.raises(ValueError, match="partial_credit"):
        params(partial_credit=1.0)
    below = report(near_threshold=0.85)  # 0.8 < threshold: no credit at all
    assert below.missing[1].status == "missing" and below.coverage == pytest.approx(5 / T)


def test_surplus_is_taught_and_rarely_demanded() -> None:
    r = report()
    assert [(s.skill, s.demand_share, s.vacancies) for s in r.surplus] == [
        ("COBOL", 0.0, 0),
        ("Linux", 0.0, 0),
    ]
    assert r.surplus[0].units[0].code == "SO"
    # with a 5% threshold git (0.5 / 11.5 = 4.3%, one vacancy) is surplus, not "below minimum"
    r5 = report(surplus_share=0.05)
    assert [s.skill_id for s in r5.surplus] == ["cobol", "linux", "git"]
    assert r5.surplus[2].demand_share == pytest.approx(0.5 / T)
    assert r5.skills_below_minimum == 1


def test_suggested_units() -> None:
    excel, docker = report().missing  # excel: same group as sql (u2) only -> 0.3 + its label
    # as a text and as a form (raw cosine 0.8: no reference to centre it) at the default weights
    placed = 0.3 + (DEFAULT_PLACEMENT.text_weight + DEFAULT_PLACEMENT.form_weight) * 0.8
    assert placed < DEFAULT_PLACEMENT.min_score
    assert (excel.suggested_unit.unit_id, excel.suggested_unit.action) == (None, "new")
    assert excel.suggested_unit.similarity == pytest.approx(placed)
    strict = build_gap_report(
        VACANCIES, SUPPLY, params(), near=NEAR, unit_vectors=UNIT_VECTORS,
        skill_vectors=SKILL_VECTORS, placement=PlacementParams(min_score=0.85),
    ).missing[1]  # fmt: skip
    assert (strict.suggested_unit.unit_id, strict.suggested_unit.similarity) == (None, 0.8)
    low = PlacementParams(min_score=0.5)  # the near skill alone is enough
    docker = build_gap_report(
        VACANCIES, SUPPLY, params(), near=NEAR, unit_vectors=UNIT_VECTORS,
        skill_vectors=SKILL_VECTORS, placement=low,
    ).missing[1]  # fmt: skip
    assert docker.suggested_unit.unit_id == "u3" and docker.suggested_unit.action == "strengthen"
    assert docker.suggested_unit.related_skill == "linux"
    lenient = build_gap_report(
        VACANCIES, SUPPLY, params(), near=NEAR, unit_vectors=UNIT_VECTORS,
        skill_vectors=SKILL_VECTORS, groups={"sql": "data", "excel": "data"},
        placement=PlacementParams(min_score=placed - 0.01),
    )  # fmt: skip
    assert (
        lenient.missing[0].suggested_unit.unit_id,
        lenient.missing[0].suggested_unit.action,
    ) == (
        "u2",
        "add",
    )
    no_vectors = build_gap_report(VACANCIES, SUPPLY, params(), near=NEAR, placement=low)
    assert no_vectors.missing[0].suggested_unit is None  # nothing known: no guess
    assert no_vectors.missing[1].suggested_unit.unit_id == "u3"  # where the near skill is taught


def test_strengthen_picks_the_closest_unit_teaching_the_near_skill() -> None:
    supply = CurriculumSupply((unit("a", "A", "A", "linux"), unit("b", "B", "B", "linux")))
    vectors = {"a": np.array([1.0, 0]), "b": np.array([0, 1.0])}
    r = build_gap_report(
        VACANCIES, supply, params(), near=NEAR, unit_vectors=vectors,
        skill_vectors={"docker": np.array([0.28, 0.96])}, placement=PlacementParams(min_score=0.5),
    )  # fmt: skip
    docker = next(m for m in r.missing if m.skill_id == "docker")
    assert (docker.suggested_unit.unit_id, docker.suggested_unit.action) == ("b", "strengthen")


def test_evidence_partners_and_trainings() -> None:
    excel = report().missing[0]
    # same weight for all three rows: vacancy order; the third repeats the first (case-insensitive)
    assert excel.evidence == ("Mahir Excel (pivot).", "Excel: VLOOKUP")
    assert [(p.employer, p.vacancies) for p in excel.partners] == [("PT Dua", 2), ("PT Tiga", 1)]
    assert [t.id for t in excel.trainings] == ["t2", "t1"]  # sorted by title, all of Banten
    local = report(regions={"Kota Serang", "Kota Cilegon"})
    assert [t.id for t in local.missing[0].trainings] == ["t1"]
    assert report(max_evidence=1).missing[0].evidence == ("Mahir Excel (pivot).",)


def test_evidence_prefers_heavier_rows() -> None:
    vacancies = [
        vacancy(1, "E", "R", pref("x", "old preferred"), posted=AS_OF - timedelta(days=400)),
        vacancy(2, "E", "R", req("x", "recent required")),
        vacancy(3, "E", "R", pref("x", "recent preferred")),
    ]
    p = GapParameters(as_of=AS_OF, min_vacancies=1, max_evidence=3)
    r = build_gap_report(vacancies, CurriculumSupply(), p)
    assert r.missing[0].evidence == ("recent required", "recent preferred", "old preferred")


def test_unit_and_group_coverage() -> None:
    r = report()
    assert [(u.code, u.coverage) for u in r.units] == [
        ("PD", pytest.approx(3 / T)),  # python 2.5 + git 0.5
        ("BD", pytest.approx(2 / T)),
        ("SO", pytest.approx(1 / T)),  # docker partial: 0.4 * 2.5
    ]
    groups = {g.group: (g.demand_share, g.covered_share, g.coverage) for g in r.groups}
    assert groups["data"] == (pytest.approx(5 / T), pytest.approx(2 / T), pytest.approx(0.4))
    assert groups["programming"] == (pytest.approx(3 / T), pytest.approx(3 / T), pytest.approx(1))
    assert groups[None][0] == pytest.approx(3.5 / T)


def test_recency_halves_weight_per_half_life() -> None:
    # 1461 days = 48 months of 365.25 / 12 days; with a 24-month half-life the weight is 0.25
    vacancies = [
        vacancy(1, "E", "R", req("new")),
        vacancy(2, "E", "R", req("old"), posted=AS_OF - timedelta(days=1461)),
    ]
    p = GapParameters(as_of=AS_OF, min_vacancies=1, min_skill_vacancies=1, half_life_months=24)
    r = build_gap_report(vacancies, CurriculumSupply(), p)
    assert {m.skill_id: m.demand_share for m in r.missing} == {
        "new": pytest.approx(0.8),
        "old": pytest.approx(0.2),
    }


@pytest.mark.parametrize(
    ("required_weight", "preferred_weight", "share_of_x"),
    [(1.0, 0.5, 2 / 3), (2.0, 1.0, 2 / 3), (1.0, 1.0, 0.5), (1.0, 0.0, 1.0)],
)
def test_importance_weighting(required_weight, preferred_weight, share_of_x) -> None:
    vacancies = [vacancy(1, "E", "R", req("x"), pref("y"))]
    p = GapParameters(
        as_of=AS_OF,
        min_vacancies=1,
        min_skill_vacancies=1,
        required_weight=required_weight,
        preferred_weight=preferred_weight,
    )
    agg = aggregate_demand(DemandTable.from_vacancies(vacancies), p)
    shares = dict(zip(("x", "y"), agg.shares(), strict=True))
    assert shares["x"] == pytest.approx(share_of_x)
    assert agg.skill_vacancies.tolist() == [1, 1]  # counts do not depend on weights


def test_window_region_and_occupation_filters() -> None:
    start = date(2024, 6, 30)  # 12 months before AS_OF
    vacancies = [
        vacancy(1, "E", "Kota Serang", req("a"), posted=date(2020, 1, 1)),  # open: counts
        vacancy(2, "E", "Kota Serang", req("a"), posted=date(2024, 1, 1), closed=start),
        vacancy(3, "E", "Kota Serang", req("a"), posted=date(2024, 1, 1),
                closed=start - timedelta(days=1)),  # closed before the window
        vacancy(4, "E", "Kota Serang", req("a"), posted=AS_OF + timedelta(days=1)),  # future
        vacancy(5, "E", "Kota Cilegon", req("a"), occupation="2512"),
        vacancy(6, "E", "Kota Serang", occupation="2512"),  # no skills: no demand
    ]  # fmt: skip
    table = DemandTable.from_vacancies(vacancies)

    def counted(**kw) -> list[int]:
        p = GapParameters(**{"as_of": AS_OF, **kw})
        return table.vacancy_ids[aggregate_demand(table, p).included].tolist()

    assert counted() == [1, 2, 5]
    assert counted(months=11) == [1, 5]
    assert counted(regions=frozenset({"Kota Serang"})) == [1, 2]
    assert counted(regions=frozenset({"Kabupaten Lebak"})) == []
    assert counted(occupations=frozenset({"2512"})) == [5]
    assert counted(as_of=date(2024, 6, 1)) == [1, 2, 3]  # a past as_of: 4 and 5 not yet posted


def test_months_before_clamps_to_month_end() -> None:
    assert months_before(date(2024, 3, 31), 1) == date(2024, 2, 29)
    assert months_before(date(2025, 1, 15), 13) == date(2023, 12, 15)


def test_not_enough_data_refuses_to_guess() -> None:
    r = report(vacancies=VACANCIES[:4])
    assert not r.enough_data and r.coverage is None
    assert r.reason == "not_enough_vacancies" and "4 vacancies" in r.message
    assert r.vacancies_considered == 4 and r.missing == r.covered == r.surplus == ()
    assert json.loads(json.dumps(r.to_dict()))["coverage"] is None
    assert report(vacancies=VACANCIES[:4], min_vacancies=4).enough_data


def test_to_dict_is_json_with_the_required_keys() -> None:
    data = json.loads(json.dumps(report(max_missing=1).to_dict()))
    assert 0 <= data["coverage"] <= 1 and data["vacancies_considered"] == 5
    for key in ("missing", "covered", "surplus"):
        assert data[key]
        assert all({"skill", "demand_share", "vacancies"} <= set(x) for x in data[key])
    assert len(data["missing"]) == 1 and data["missing_total"] == 2
    assert data["missing"][0]["suggested_unit"]["action"] == "new"
    assert data["missing"][0]["suggested_unit"]["unit_id"] is None
    assert data["missing"][0]["partners"][0] == {"employer": "PT Dua", "vacancies": 2}
    assert data["parameters"]["as_of"] == "2025-06-30"
    assert data["parameters"]["window_start"] == "2024-06-30"


def test_columnar_table_matches_dataclasses_and_dedupes() -> None:
    table = DemandTable.from_arrays(
        skill_ids=["python", "sql", "docker", "excel", "git", "kubernetes"],
        regions=["Kota Serang", "Kota Cilegon"],
        employers=["PT Satu", "PT Dua", "PT Tiga"],
        region=np.array([0, 0, 1, 1, 0]),
        employer=np.array([0, 0, 1, 1, 2]),
        is_open=np.ones(5, bool),
        posted=np.full(5, AS_OF.toordinal()),
        closed=np.full(5, np.iinfo(np.int32).max),
        row_vacancy=np.array([0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 3, 4, 4, 4]),
        row_skill=np.array([0, 1, 2, 2, 0, 2, 1, 3, 0, 3, 2, 4, 3, 5]),
        row_required=np.array([1, 1, 0, 0, 1, 1, 1, 1, 0, 1, 1, 0, 1, 1], bool),
    )
    assert table.row_skill.tolist() == sorted(table.row_skill.tolist())
    assert len(table.row_skill) == 13  # vacancy 0 listed docker twice
    from_arrays = build_gap_report(table, SUPPLY, params(), near=NEAR)
    from_dataclasses = build_gap_report(VACANCIES, SUPPLY, params(), near=NEAR)
    assert from_arrays.coverage == pytest.approx(from_dataclasses.coverage)
    assert [m.skill_id for m in from_arrays.missing] == ["excel", "docker"]
    with pytest.raises(ValueError, match="row_vacancy"):
        DemandTable.from_arrays(**{**table_columns(), "row_vacancy": np.array([7])})


def test_a_skill_listed_twice_counts_once_as_required() -> None:
    vacancies = [vacancy(1, "E", "R", pref("x"), req("x"), pref("y"))]
    p = GapParameters(as_of=AS_OF, min_vacancies=1)
    agg = aggregate_demand(DemandTable.from_vacancies(vacancies), p)
    assert agg.skill_weight.tolist() == [1.0, 0.5] and agg.skill_vacancies.tolist() == [1, 1]


def table_columns() -> dict:
    one = np.zeros(1, np.int32)
    return dict(skill_ids=["x"], regions=["R"], employers=["E"], region=one, employer=one,
                is_open=np.ones(1, bool), posted=one, closed=one, row_vacancy=np.array([0]),
                row_skill=np.array([0]), row_required=np.array([True]))  # fmt: skip


def test_near_as_callable_matches_mapping() -> None:
    def near(a: str, b: str) -> float:
        return 0.8 if {a, b} == {"docker", "linux"} else 0.1

    r = build_gap_report(VACANCIES, SUPPLY, params(), near=near)
    assert r.coverage == pytest.approx(6 / T)
    assert r.missing[1].near_skill_id == "linux"


def test_bad_input_names_the_field() -> None:
    with pytest.raises(ValueError, match="closed"):
        DemandVacancy(1, "E", "R", "closed", AS_OF)
    with pytest.raises(ValueError, match="importance"):
        DemandSkill("x", "optional")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="months"):
        params(months=0)


def test_gap_package_is_pure() -> None:
    for path in (ROOT / "curricula" / "gap").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                assert node.module.split(".")[0] not in ("flask", "app"), path
            if isinstance(node, ast.Import):
                assert all(a.name.split(".")[0] not in ("flask", "app") for a in node.names), path
    code = (
        "import sys, curricula.gap, curricula.lab.gap.bench\n"
        "bad = [m for m in sys.modules if m in ('flask', 'app') or m.startswith('app.')]\n"
        "sys.exit(1 if bad else 0)\n"
    )
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT).returncode == 0


def test_to_plain_converts_nested_values_and_leaves_plain_ones() -> None:
    from dataclasses import dataclass
    from datetime import date

    import numpy as np

    from curricula.gap.report import to_plain

    @dataclass
    class Inner:
        when: date
        share: float

    @dataclass
    class Outer:
        name: str
        items: tuple
        tags: frozenset
        inner: Inner
        extra: dict

    value = Outer(
        "x",
        (1, np.int64(2), None, True),
        frozenset({"b", "a"}),
        Inner(date(2026, 1, 2), np.float64(0.5)),
        {1: [np.float32(1.5)]},
    )
    plain = to_plain(value)
    assert plain == {
        "name": "x",
        "items": [1, 2, None, True],
        "tags": ["a", "b"],
        "inner": {"when": "2026-01-02", "share": 0.5},
        "extra": {"1": [1.5]},
    }
    assert type(plain["items"][1]) is int and type(plain["inner"]["share"]) is float
    assert to_plain(value) == plain  # the field names cached per class give the same answer
