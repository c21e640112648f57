"""Building a curriculum gap report from demand (vacancies) and supply (a curriculum).

Formulas (see docs/gap_report.md):

- row weight = importance weight (required / preferred) * 0.5 ** (age_months / half_life_months)
- demand_share(skill) = sum of its row weights / sum of all row weights
- coverage(skill) = 1 if taught, partial_credit * similarity if a near skill is taught, else 0
- overall coverage = sum over demanded skills of demand_share * coverage
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np

from curricula.gap import report
from curricula.gap.aggregated import AggregatedDemand
from curricula.gap.demand import DemandTable, aggregate_demand
from curricula.gap.inputs import (
    CurriculumSupply,
    DemandVacancy,
    GapParameters,
    SupplyUnit,
    Training,
)
from curricula.gap.model import PlacementModel
from curricula.gap.placement import (
    DEFAULT_PLACEMENT,
    PlacementParams,
    SkillContext,
    SkillRelations,
)
from curricula.gap.skill_lists import (
    SkillNames,
    demand_by_skill,
    missing_skills,
    sort_skills,
    trainings_by_skill,
)
from curricula.gap.supply import (
    NearSkills,
    SecondView,
    SkillSupply,
    UnitPlacer,
    supply_coverage,
)


def _not_enough(params: GapParameters, agg: AggregatedDemand) -> report.GapReport | None:
    """The report that says there is not enough data, or ``None`` when there is."""
    n = agg.vacancies_considered
    if n < params.min_vacancies:
        message = (
            f"{n} vacancies in the chosen window and area; "
            f"at least {params.min_vacancies} are needed for a report"
        )
        reason = "not_enough_vacancies"
    elif agg.total_weight <= 0:
        message, reason = "the vacancies carry no demand weight", "no_demand_weight"
    else:
        return None
    return report.GapReport(params, False, reason, message, None, n, agg.total_weight)


def _unit_coverage(
    supply: CurriculumSupply,
    demanded: dict[str, float],
    near: NearSkills,
    params: GapParameters,
) -> tuple[report.UnitCoverage, ...]:
    """Per unit: the demand share its own skills cover (same coverage rule as the whole)."""
    result = []
    for unit in supply.units:
        covered = supply_coverage(demanded, unit.skills, near, params)
        total = sum(demanded[s] * c.coverage for s, c in covered.items())
        result.append(report.UnitCoverage(unit.id, unit.name, unit.code, total, len(unit.skills)))
    return tuple(result)


def _group_coverage(
    groups: Mapping[str, str],
    demanded: dict[str, float],
    vacancies: dict[str, int],
    coverage: dict[str, SkillSupply],
) -> tuple[report.GroupCoverage, ...]:
    """Demand share and covered share per skill group (skills without a group: ``None``)."""
    totals: dict[str | None, list[float]] = {}
    for skill, share in demanded.items():
        entry = totals.setdefault(groups.get(skill), [0.0, 0.0, 0])
        entry[0] += share
        entry[1] += share * (coverage[skill].coverage if skill in coverage else 0.0)
        entry[2] += vacancies[skill]
    rows = [
        report.GroupCoverage(g, d, c, c / d if d > 0 else None, int(n))
        for g, (d, c, n) in totals.items()
    ]
    rows.sort(key=lambda r: (-r.demand_share, r.group or ""))
    return tuple(rows)


def _totals(
    demand: AggregatedDemand | DemandTable | Iterable[DemandVacancy], params: GapParameters
) -> AggregatedDemand:
    """Demand totalled per skill, whichever form it came in."""
    if isinstance(demand, AggregatedDemand):
        return demand
    table = demand if isinstance(demand, DemandTable) else DemandTable.from_vacancies(demand)
    return AggregatedDemand.from_table(table, aggregate_demand(table, params))


def _unit_placer(
    units: tuple[SupplyUnit, ...],
    missing_ids: list[str],
    *,
    unit_vectors: Mapping[str | int, np.ndarray] | None,
    skill_vectors: Mapping[str, np.ndarray] | None,
    relations: SkillRelations | None,
    near: NearSkills,
    groups: Mapping[str, str],
    reference_vectors: np.ndarray | None,
    placement: PlacementParams,
    contexts: Mapping[str, SkillContext] | None,
    model: PlacementModel | None = None,
    second: SecondView | None = None,
) -> UnitPlacer:
    """The unit chooser, prepared for the missing skills (relations by default: ``groups`` and
    the ``near`` mapping)."""
    if relations is None:
        relations = SkillRelations(groups=groups, near=near if isinstance(near, Mapping) else {})
    placer = UnitPlacer(
        units, unit_vectors, skill_vectors, relations, reference_vectors, placement, contexts,
        model, second,
    )  # fmt: skip
    placer.prepare(missing_ids)
    return placer


def build_gap_report(
    demand: AggregatedDemand | DemandTable | Iterable[DemandVacancy],
    supply: CurriculumSupply,
    params: GapParameters,
    *,
    labels: Mapping[str, str] | None = None,
    near: NearSkills = None,
    unit_vectors: Mapping[str | int, np.ndarray] | None = None,
    skill_vectors: Mapping[str, np.ndarray] | None = None,
    trainings: Iterable[Training | tuple] = (),
    groups: Mapping[str, str] | None = None,
    relations: SkillRelations | None = None,
    reference_vectors: np.ndarray | None = None,
    placement: PlacementParams = DEFAULT_PLACEMENT,
    contexts: Mapping[str, SkillContext] | None = None,
    placement_units: tuple[SupplyUnit, ...] | None = None,
    placement_model: PlacementModel | None = None,
    second: SecondView | None = None,
) -> report.GapReport:
    """The gap report of one curriculum against the demand chosen by ``params``.

    ``labels`` maps skill ids to labels (the id is shown when absent); ``near`` gives near-skill
    similarity (a neighbour mapping or a callable); ``unit_vectors`` and ``skill_vectors`` are
    normalised embeddings used to choose the unit for a missing skill (a unit's value may be one
    vector or a matrix: one row per outcome sentence and its name), ``reference_vectors`` the
    skill vectors that centre each unit's text similarity and ``relations`` the vocabulary's
    relations between skills (default: ``groups`` and the ``near`` mapping), see
    ``curricula.gap.placement``, ``contexts`` what the vocabulary says of each skill beyond its
    label (``curricula.gap.contexts``), ``placement_units`` the units with the skills the unit
    choice relates a missing skill to (default: ``supply``'s; the app passes its outcomes' linker
    mentions before the document filter as well, ``app.services.gap_reports.placement``);
    ``placement_model`` the learned unit choice (``curricula.gap.model``; the app passes the
    shipped one; without it, the weighted score of ``placement``) and ``second`` the units'
    texts by the second embedder it reads;
    ``trainings`` are
    ``Training`` values or ``(id, title, region, skills)`` tuples; ``groups`` maps skill ids to a
    group label for the per-group figures. ``demand`` is per vacancy (dataclasses or a
    ``DemandTable``) or already totalled per skill (``AggregatedDemand``, from an aggregate).
    """
    agg = _totals(demand, params)
    refusal = _not_enough(params, agg)
    if refusal is not None:
        return refusal
    groups = groups or {}
    per_skill = demand_by_skill(agg)
    demanded, vacancies = per_skill.shares, per_skill.vacancies
    taught = supply.taught()
    coverage = supply_coverage(demanded, taught, near, params)
    names = SkillNames(labels or {}, groups, taught)
    lists = sort_skills(per_skill, names, params)
    missing_ids = lists.missing_ids
    if params.max_missing is not None:
        missing_ids = missing_ids[: params.max_missing]
    placer = _unit_placer(
        placement_units or supply.units,
        missing_ids,
        unit_vectors=unit_vectors,
        skill_vectors=skill_vectors,
        relations=relations,
        near=near,
        groups=groups,
        reference_vectors=reference_vectors,
        placement=placement,
        contexts=contexts,
        model=placement_model,
        second=second,
    )
    offers = trainings_by_skill(trainings, params)
    missing = missing_skills(
        missing_ids, per_skill, coverage, names, placer.place, offers, agg, params
    )
    return report.GapReport(
        parameters=params,
        enough_data=True,
        reason=None,
        message=None,
        coverage=float(sum(demanded[s] * c.coverage for s, c in coverage.items())),
        vacancies_considered=agg.vacancies_considered,
        demand_weight=agg.total_weight,
        missing=missing,
        missing_total=len(lists.missing_ids),
        covered=lists.covered,
        surplus=lists.surplus,
        skills_below_minimum=lists.below_minimum,
        units=_unit_coverage(supply, demanded, near, params),
        groups=_group_coverage(groups, demanded, vacancies, coverage) if groups else (),
    )
