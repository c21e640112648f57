"""Building a curriculum gap report from demand (vacancies) and supply (a curriculum).

Formulas (see docs/gap_report.md):

- row weight = importance weight (required / preferred) * 0.5 ** (age_months / half_life_months)
- demand_share(skill) = sum of its row weights / sum of all row weights
- coverage(skill) = 1 if taught, partial_credit * similarity if a near skill is taught, else 0
- overall coverage = sum over demanded skills of demand_share * coverage
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace

import numpy as np

from curricula.gap import report
from curricula.gap.aggregated import AggregatedDemand, SkillExamples
from curricula.gap.demand import DemandTable, aggregate_demand
from curricula.gap.inputs import (
    CurriculumSupply,
    DemandVacancy,
    GapParameters,
    SupplyUnit,
    Training,
)
from curricula.gap.placement import (
    DEFAULT_PLACEMENT,
    PlacementParams,
    SkillContext,
    SkillRelations,
)
from curricula.gap.supply import (
    NearSkills,
    SkillSupply,
    UnitPlacer,
    UnitSuggestion,
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


def _trainings_by_skill(
    trainings: Iterable[Training | tuple], params: GapParameters
) -> dict[str, list[report.TrainingOffer]]:
    """Trainings in the area (all when no region filter) indexed by skill, sorted by title."""
    index: dict[str, list[report.TrainingOffer]] = {}
    offers = sorted((Training.coerce(t) for t in trainings), key=lambda t: (t.title, str(t.id)))
    for training in offers:
        if params.regions is not None and training.region not in params.regions:
            continue
        offer = report.TrainingOffer(training.id, training.title, training.region)
        for skill in dict.fromkeys(training.skills):
            index.setdefault(skill, []).append(offer)
    return index


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


def _labelled(
    suggestion: UnitSuggestion | None, label: Callable[[str], str]
) -> UnitSuggestion | None:
    """The suggestion with its related skill's label."""
    if suggestion is None or suggestion.related_skill is None:
        return suggestion
    return replace(suggestion, related_skill_label=label(suggestion.related_skill))


def _totals(
    demand: AggregatedDemand | DemandTable | Iterable[DemandVacancy], params: GapParameters
) -> AggregatedDemand:
    """Demand totalled per skill, whichever form it came in."""
    if isinstance(demand, AggregatedDemand):
        return demand
    table = demand if isinstance(demand, DemandTable) else DemandTable.from_vacancies(demand)
    return AggregatedDemand.from_table(table, aggregate_demand(table, params))


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
    ``trainings`` are
    ``Training`` values or ``(id, title, region, skills)`` tuples; ``groups`` maps skill ids to a
    group label for the per-group figures. ``demand`` is per vacancy (dataclasses or a
    ``DemandTable``) or already totalled per skill (``AggregatedDemand``, from an aggregate).
    """
    agg = _totals(demand, params)
    refusal = _not_enough(params, agg)
    if refusal is not None:
        return refusal
    labels = labels or {}
    groups = groups or {}
    shares = agg.shares()
    demanded_idx = np.flatnonzero(agg.skill_vacancies > 0)
    demanded = {agg.skill_ids[i]: float(shares[i]) for i in demanded_idx}
    vacancies = {agg.skill_ids[i]: int(agg.skill_vacancies[i]) for i in demanded_idx}
    taught = supply.taught()
    coverage = supply_coverage(demanded, taught, near, params)
    overall = sum(demanded[s] * c.coverage for s, c in coverage.items())

    def label(skill: str) -> str:
        return labels.get(skill, skill)

    def group(skill: str) -> str | None:
        return groups.get(skill)

    def refs(skill: str) -> tuple[report.UnitRef, ...]:
        return tuple(report.UnitRef(u.id, u.name, u.code) for u in taught.get(skill, ()))

    covered: list[report.CoveredSkill] = []
    surplus: list[report.SurplusSkill] = []
    missing_ids: list[str] = []
    below_minimum = 0
    for skill, share in demanded.items():
        n = vacancies[skill]
        if skill in taught and share < params.surplus_share:
            surplus.append(
                report.SurplusSkill(skill, label(skill), share, n, refs(skill), group(skill))
            )
        elif n < params.min_skill_vacancies:
            below_minimum += 1
        elif skill in taught:
            covered.append(
                report.CoveredSkill(skill, label(skill), share, n, refs(skill), group(skill))
            )
        else:
            missing_ids.append(skill)
    for skill in taught.keys() - demanded.keys():
        surplus.append(report.SurplusSkill(skill, label(skill), 0.0, 0, refs(skill), group(skill)))

    missing_ids.sort(key=lambda s: (-demanded[s], label(s)))
    missing_total = len(missing_ids)
    if params.max_missing is not None:
        missing_ids = missing_ids[: params.max_missing]
    if relations is None:
        relations = SkillRelations(
            groups=groups or {}, near=near if isinstance(near, Mapping) else {}
        )
    placer = UnitPlacer(
        placement_units or supply.units,
        unit_vectors,
        skill_vectors,
        relations,
        reference_vectors,
        placement,
        contexts,
    )
    placer.prepare(missing_ids)
    offers = _trainings_by_skill(trainings, params)
    found = (
        agg.examples(missing_ids, params.max_evidence, params.max_partners)
        if agg.examples and missing_ids
        else {}
    )
    missing = []
    for skill in missing_ids:
        supplied = coverage.get(skill, SkillSupply(0.0, None, 0.0))
        near_id = supplied.near_skill
        examples = found.get(skill, SkillExamples())
        missing.append(
            report.MissingSkill(
                skill_id=skill,
                skill=label(skill),
                demand_share=demanded[skill],
                vacancies=vacancies[skill],
                coverage=supplied.coverage,
                status="partial" if supplied.coverage > 0 else "missing",
                near_skill_id=near_id,
                near_skill=None if near_id is None else label(near_id),
                suggested_unit=_labelled(placer.place(skill, near_id), label),
                evidence=examples.evidence,
                partners=tuple(report.Partner(e, n) for e, n in examples.partners),
                trainings=tuple(offers.get(skill, [])[: params.max_trainings]),
                group=group(skill),
            )
        )
    covered.sort(key=lambda c: (-c.demand_share, c.skill))
    surplus.sort(key=lambda s: (s.demand_share, s.skill))
    return report.GapReport(
        parameters=params,
        enough_data=True,
        reason=None,
        message=None,
        coverage=float(overall),
        vacancies_considered=agg.vacancies_considered,
        demand_weight=agg.total_weight,
        missing=tuple(missing),
        missing_total=missing_total,
        covered=tuple(covered),
        surplus=tuple(surplus),
        skills_below_minimum=below_minimum,
        units=_unit_coverage(supply, demanded, near, params),
        groups=_group_coverage(groups, demanded, vacancies, coverage) if groups else (),
    )
