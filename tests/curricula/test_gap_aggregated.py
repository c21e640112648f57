"""Demand totalled from month cells gives the report the per-vacancy path gives on vacancies at
month granularity (pure: no database)."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date, timedelta

import pytest

from curricula.gap import (
    AggregatedDemand,
    CurriculumSupply,
    DemandSkill,
    DemandVacancy,
    GapParameters,
    SupplyOutcome,
    SupplyUnit,
    build_gap_report,
    field_skills,
    month_granular,
    month_weights,
    month_window,
    rank_evidence,
)
from curricula.gap.aggregated import month_end, month_start

AS_OF = date(2026, 3, 17)


def vacancies() -> list[DemandVacancy]:
    found = []
    for n in range(40):
        posted = AS_OF - timedelta(days=11 * n)
        closed = posted + timedelta(days=25) if n % 3 == 0 else None
        skills = [DemandSkill("a", "required", f"A {n}."), DemandSkill("b", "preferred", "B.")]
        if n % 4 == 0:
            skills.append(DemandSkill("c", "required", "C."))
        found.append(
            DemandVacancy(
                n, f"PT {n % 3}", "Kota Serang" if n % 2 else "Kab. Lebak",
                "closed" if closed else "open", posted, closed, skills=tuple(skills),
            )
        )  # fmt: skip
    return found


def cells_total(params: GapParameters, rows: list[DemandVacancy]) -> AggregatedDemand:
    """What the database sums: counts per (skill, month, importance) of the window's cells."""
    first, last = month_window(params)
    counted = [
        v for v in rows
        if month_start(v.posted) <= last and (v.closed is None or month_start(v.closed) >= first)
    ]  # fmt: skip
    cells = Counter(
        (s.skill_id, month_start(v.posted), s.importance) for v in counted for s in v.skills
    )
    weights = month_weights(params, sorted({m for _, m, _ in cells}))
    skill_weight: Counter = Counter()
    skill_vacancies: Counter = Counter()
    for (skill, month, importance), n in cells.items():
        factor = params.required_weight if importance == "required" else params.preferred_weight
        skill_weight[skill] += n * weights[month] * factor
        skill_vacancies[skill] += n
    ids = sorted(skill_weight)
    return AggregatedDemand.from_totals(
        skill_ids=ids,
        skill_weight=[skill_weight[s] for s in ids],
        skill_vacancies=[skill_vacancies[s] for s in ids],
        vacancies_considered=len(counted),
    )


@pytest.mark.parametrize("months", [1, 2, 6, 12])
def test_totals_from_cells_equal_the_per_vacancy_report_at_month_granularity(months) -> None:
    params = GapParameters(as_of=AS_OF, months=months, min_vacancies=1, min_skill_vacancies=1)
    supply = CurriculumSupply((SupplyUnit(1, "Web", "", (SupplyOutcome(1, "A", ("a",)),)),))
    rows = vacancies()
    aggregated = build_gap_report(cells_total(params, rows), supply, params).to_dict()
    direct = build_gap_report([month_granular(v) for v in rows], supply, params).to_dict()
    assert aggregated["vacancies_considered"] == direct["vacancies_considered"]
    assert aggregated["coverage"] == pytest.approx(direct["coverage"])
    assert aggregated["demand_weight"] == pytest.approx(direct["demand_weight"])
    for key in ("missing", "covered", "surplus"):
        assert [(i["skill_id"], i["vacancies"]) for i in aggregated[key]] == [
            (i["skill_id"], i["vacancies"]) for i in direct[key]
        ]
        for mine, theirs in zip(aggregated[key], direct[key], strict=True):
            assert mine["demand_share"] == pytest.approx(theirs["demand_share"])


def test_month_granularity() -> None:
    vacancy = vacancies()[3]
    assert month_granular(vacancy).posted == date(2026, 2, 1)
    assert month_granular(vacancy).closed == month_end(vacancy.closed)
    assert month_end(date(2024, 2, 10)) == date(2024, 2, 29)
    params = GapParameters(as_of=AS_OF, months=1)
    assert month_window(params) == (date(2026, 2, 1), date(2026, 3, 1))


def test_evidence_is_ranked_by_weight_and_distinct() -> None:
    params = GapParameters(as_of=AS_OF)
    candidates = [
        (date(2025, 6, 1), True, "Old required."),
        (date(2026, 3, 1), False, "New nice to have."),
        (date(2026, 3, 1), True, "New required."),
        (date(2026, 2, 1), True, "new REQUIRED."),
    ]
    assert rank_evidence(params, candidates, 3) == (
        "New required.",
        "New nice to have.",
        "Old required.",
    )
    assert rank_evidence(params, candidates, 0) == ()


def test_field_skills_are_taught_near_and_same_group() -> None:
    near = {"a": {"n1": 0.7, "n2": 0.3}, "x": {"n3": 0.9}}
    groups = {"a": "web", "b": "web", "c": "data", "n1": "data", "e": ""}
    assert field_skills({"a"}, near, groups, 0.5) == {"a", "n1", "b"}
    assert field_skills({"e"}, near, groups, 0.5) == {"e"}  # an empty group joins nothing


@pytest.mark.parametrize("months", [2, 12])
def test_a_skill_filter_keeps_its_cells_and_the_vacancies_considered(months) -> None:
    params = GapParameters(
        as_of=AS_OF, months=months, min_vacancies=1, min_skill_vacancies=1, skills={"a", "c"}
    )
    supply = CurriculumSupply((SupplyUnit(1, "Web", "", (SupplyOutcome(1, "A", ("a",)),)),))
    rows = [month_granular(v) for v in vacancies()]
    cells = cells_total(params, rows)
    kept = [i for i, s in enumerate(cells.skill_ids) if s in params.skills]
    aggregated = build_gap_report(
        AggregatedDemand.from_totals(
            skill_ids=[cells.skill_ids[i] for i in kept],
            skill_weight=cells.skill_weight[kept],
            skill_vacancies=cells.skill_vacancies[kept],
            vacancies_considered=cells.vacancies_considered,
        ),
        supply,
        params,
    ).to_dict()
    direct = build_gap_report(rows, supply, params).to_dict()
    everything = build_gap_report(rows, supply, replace(params, skills=None)).to_dict()
    assert direct["vacancies_considered"] == everything["vacancies_considered"]
    assert direct["demand_weight"] < everything["demand_weight"]
    listed = {i["skill_id"] for key in ("missing", "covered", "surplus") for i in direct[key]}
    assert "b" not in listed and "c" in listed
    assert aggregated["vacancies_considered"] == direct["vacancies_considered"]
    assert aggregated["coverage"] == pytest.approx(direct["coverage"])
    assert aggregated["demand_weight"] == pytest.approx(direct["demand_weight"])
    for key in ("missing", "covered", "surplus"):
        assert [(i["skill_id"], i["vacancies"]) for i in aggregated[key]] == [
            (i["skill_id"], i["vacancies"]) for i in direct[key]
        ]
    assert direct["parameters"]["skills"] == ["a", "c"]
