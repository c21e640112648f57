"""The report's lists of skills: the demanded skills sorted into covered, surplus and missing,
and the advice for each missing skill (unit, evidence, industry partners, trainings)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace

import numpy as np

from curricula.gap import report
from curricula.gap.aggregated import AggregatedDemand, SkillExamples
from curricula.gap.inputs import GapParameters, SupplyUnit, Training
from curricula.gap.supply import SkillSupply, UnitSuggestion


@dataclass(frozen=True)
class DemandBySkill:
    """The demanded skills: each one's demand share and number of vacancies."""

    shares: dict[str, float]
    vacancies: dict[str, int]


def demand_by_skill(agg: AggregatedDemand) -> DemandBySkill:
    """The skills at least one counted vacancy asks for, with their share and vacancies."""
    shares = agg.shares()
    demanded_idx = np.flatnonzero(agg.skill_vacancies > 0)
    return DemandBySkill(
        {agg.skill_ids[i]: float(shares[i]) for i in demanded_idx},
        {agg.skill_ids[i]: int(agg.skill_vacancies[i]) for i in demanded_idx},
    )


@dataclass(frozen=True)
class SkillNames:
    """How the report names a skill: its label, its group and the units that teach it."""

    labels: Mapping[str, str]
    groups: Mapping[str, str]
    taught: Mapping[str, tuple[SupplyUnit, ...]]

    def label(self, skill: str) -> str:
        """The skill's label (its id when it has none)."""
        return self.labels.get(skill, skill)

    def group(self, skill: str) -> str | None:
        """The skill's group, if any."""
        return self.groups.get(skill)

    def refs(self, skill: str) -> tuple[report.UnitRef, ...]:
        """The units that teach the skill."""
        return tuple(report.UnitRef(u.id, u.name, u.code) for u in self.taught.get(skill, ()))


@dataclass(frozen=True)
class SkillLists:
    """The demanded and taught skills sorted into the report's lists."""

    covered: tuple[report.CoveredSkill, ...]
    surplus: tuple[report.SurplusSkill, ...]
    missing_ids: list[str]  # all of them, most demanded first
    below_minimum: int


def sort_skills(demand: DemandBySkill, names: SkillNames, params: GapParameters) -> SkillLists:
    """Covered, surplus (taught but rarely or never demanded) and missing skills, and how many
    demanded skills have too few vacancies to be listed."""
    covered: list[report.CoveredSkill] = []
    surplus: list[report.SurplusSkill] = []
    missing_ids: list[str] = []
    below_minimum = 0
    label, group, refs, taught = names.label, names.group, names.refs, names.taught
    for skill, share in demand.shares.items():
        n = demand.vacancies[skill]
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
    for skill in taught.keys() - demand.shares.keys():
        surplus.append(report.SurplusSkill(skill, label(skill), 0.0, 0, refs(skill), group(skill)))
    missing_ids.sort(key=lambda s: (-demand.shares[s], label(s)))
    covered.sort(key=lambda c: (-c.demand_share, c.skill))
    surplus.sort(key=lambda s: (s.demand_share, s.skill))
    return SkillLists(tuple(covered), tuple(surplus), missing_ids, below_minimum)


def trainings_by_skill(
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


def _labelled(
    suggestion: UnitSuggestion | None, label: Callable[[str], str]
) -> UnitSuggestion | None:
    """The suggestion with its related skill's label."""
    if suggestion is None or suggestion.related_skill is None:
        return suggestion
    return replace(suggestion, related_skill_label=label(suggestion.related_skill))


def missing_skills(
    missing_ids: list[str],
    demand: DemandBySkill,
    coverage: dict[str, SkillSupply],
    names: SkillNames,
    place: Callable[[str, str | None], UnitSuggestion | None],
    offers: dict[str, list[report.TrainingOffer]],
    agg: AggregatedDemand,
    params: GapParameters,
) -> tuple[report.MissingSkill, ...]:
    """The missing (or partly covered) skills with their advice: the unit, the evidence, the
    industry partners and the trainings."""
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
                skill=names.label(skill),
                demand_share=demand.shares[skill],
                vacancies=demand.vacancies[skill],
                coverage=supplied.coverage,
                status="partial" if supplied.coverage > 0 else "missing",
                near_skill_id=near_id,
                near_skill=None if near_id is None else names.label(near_id),
                suggested_unit=_labelled(place(skill, near_id), names.label),
                evidence=examples.evidence,
                partners=tuple(report.Partner(e, n) for e, n in examples.partners),
                trainings=tuple(offers.get(skill, [])[: params.max_trainings]),
                group=names.group(skill),
            )
        )
    return tuple(missing)
