"""Gap reports, inputs: demand (the demand aggregate, or every vacancy: ``vacancies``), outcome
skills as supply, near skills, vectors, trainings; and computing a report with ``curricula.gap``."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import (
    Curriculum,
    Region,
    Skill,
    Training,
)
from app.services import vectors
from app.services.curricula import extract_outcome_skills
from app.services.demand import aggregated_demand
from app.services.errors import ValidationError
from app.services.gap_reports.placement import placement_inputs, placement_units, second_view
from app.services.gap_reports.report_parts import (
    ChosenDemand,
    curriculum_part,
    mark_online,
    request_part,
    skill_labels_and_groups,
    unit_skill_labels,
)
from app.services.visibility import trusted_organisation_ids
from curricula.gap import (
    AggregatedDemand,
    CurriculumSupply,
    DemandTable,
    DemandVacancy,
    GapParameters,
    ProgrammeField,
    SupplyOutcome,
    SupplyUnit,
    build_gap_report,
    field_of,
    field_skills,
)
from curricula.gap import Training as GapTraining
from curricula.gap.demand import select_vacancies
from curricula.gap.model import load_placement_model

REGION_MODES = ("own", "all", "set")
SCOPES = ("field", "all")  # the vacancies of the programme's field, or every vacancy
MAX_MISSING = 100
ONLINE = _l("Online")
RELATED_NOTE = _l("only skills of this programme's field")
NEW_UNIT = _l("new unit or elective")


@dataclass(frozen=True)
class GapRequest:
    """What the school chooses: the area, the window in months, the demand date, and whether
    the vacancies are those of the programme's field (``scope="field"``, the school page's
    default) or all of them."""

    region: str = "own"
    region_ids: tuple[int, ...] = ()
    months: int = 12
    as_of: date | None = None
    related_only: bool = False
    scope: str = "all"


def _regions(curriculum: Curriculum, request: GapRequest) -> list[Region] | None:
    """The regions the demand comes from (None: all of Banten)."""
    if request.region not in REGION_MODES:
        raise ValidationError("region", str(_l("Choose an area.")))
    if request.region == "all":
        return None
    if request.region == "own":
        region = curriculum.organisation.region
        return [region] if region else None
    rows = db.session.scalars(select(Region).where(Region.id.in_(request.region_ids))).all()
    if not rows:
        raise ValidationError("region_ids", str(_l("Choose at least one region.")))
    return sorted(rows, key=lambda r: r.name)


def region_names(curriculum: Curriculum, request: GapRequest) -> list[str] | None:
    """The names of the regions the demand comes from (None: all of Banten)."""
    regions = _regions(curriculum, request)
    return None if regions is None else [r.name for r in regions]


def request_for_region(
    region: str | None, months: int = 12, related_only: bool = False, scope: str = "field"
) -> GapRequest:
    """A request from a region name or code ('all': all of Banten; None: the school's own)."""
    if region is None:
        return GapRequest("own", (), months, related_only=related_only, scope=scope)
    if region.lower() == "all":
        return GapRequest("all", (), months, related_only=related_only, scope=scope)
    found = db.session.scalar(
        select(Region).where((Region.code == region) | (Region.name.ilike(region)))
    )
    if found is None:
        raise ValidationError("region", str(_l("Unknown region: %(name)s", name=region)))
    return GapRequest("set", (found.id,), months, related_only=related_only, scope=scope)


# --- supply and the embeddings -------------------------------------------------------------
def curriculum_supply(curriculum: Curriculum) -> CurriculumSupply:
    """The curriculum's units with the skills their outcomes teach (removed skills left out)."""
    return CurriculumSupply(
        tuple(
            SupplyUnit(
                unit.id,
                unit.name,
                unit.code or "",
                tuple(
                    SupplyOutcome(
                        o.id, o.text, tuple(s.skill_id for s in o.skills if not s.rejected)
                    )
                    for o in unit.outcomes
                ),
            )
            for unit in curriculum.units
        )
    )


def _near_mapping(skill_ids: set[str], members: bool = True) -> dict[str, dict[str, float]]:
    """The near skills of ``skill_ids`` (the matcher's; ``members``: with the members of a group
    a skill names, PHP towards web programming, as coverage reads them)."""
    from app.services.matching import interchangeable_neighbours, neighbours

    near = neighbours() if members else interchangeable_neighbours()
    return {sid: found for sid in skill_ids if (found := near.near(sid))}


def programme_field(supply: CurriculumSupply) -> frozenset[str]:
    """The skills of a programme's field: those it teaches, their near skills and the skills of
    the same groups (``curricula.gap.field_skills``); not the members of a group a taught skill
    names (a programme teaching computer programming is not in the field of every language)."""
    taught = set(supply.taught())
    groups = {
        sid: group for sid, group in db.session.execute(select(Skill.id, Skill.group)) if group
    }
    threshold = GapParameters(as_of=date.today()).near_threshold
    return field_skills(taught, _near_mapping(taught, members=False), groups, threshold)


def _trainings(names: list[str] | None) -> tuple[list[GapTraining], set[int]]:
    """Trainings as the report takes them; online ones (no region) count in every area."""
    rows = db.session.scalars(
        select(Training)
        .where(
            Training.organisation_id.in_(trusted_organisation_ids()),
            Training.audience != "teachers",  # the report advises trainings for learners
        )
        .options(selectinload(Training.skills), selectinload(Training.region))
    )
    result, online = [], set()
    for t in rows:
        skills = tuple(s.skill_id for s in t.skills if not s.rejected)
        if t.region is None:
            online.add(t.id)
            region = names[0] if names else ""
        else:
            region = t.region.name
        result.append(GapTraining(t.id, t.title, region, skills))
    return result, online


# --- computing and storing ------------------------------------------------------------------
def _demand(
    params: GapParameters,
    regions: list[Region] | None,
    demand: list[DemandVacancy] | None,
    supply: CurriculumSupply,
) -> tuple[list[DemandVacancy] | AggregatedDemand, set[str]]:
    """The demand of the report (the aggregate, or the given vacancies) and every skill id the
    report may name (demanded or taught)."""
    if demand is None:
        agg = aggregated_demand(params, None if regions is None else [r.id for r in regions])
        return agg, set(agg.skill_ids) | set(supply.taught())
    return demand, {s.skill_id for v in demand for s in v.skills} | set(supply.taught())


def _considered(source: list[DemandVacancy] | AggregatedDemand, params: GapParameters) -> int:
    """How many vacancies count for the report."""
    if isinstance(source, AggregatedDemand):
        return source.vacancies_considered
    return int(select_vacancies(DemandTable.from_vacancies(source), params).sum())


def _check(request: GapRequest) -> None:
    """Refuse a window or a scope the report does not offer."""
    if not 1 <= request.months <= 120:
        raise ValidationError("months", str(_l("Choose between 1 and 120 months.")))
    if request.scope not in SCOPES:
        raise ValidationError("scope", str(_l("Choose which vacancies to compare with.")))


def _chosen_demand(
    curriculum: Curriculum,
    request: GapRequest,
    supply: CurriculumSupply,
    field: ProgrammeField | None,
    demand: list[DemandVacancy] | None,
) -> ChosenDemand:
    """The parameters and the demand of the report: the chosen area, or the whole province
    when the area has fewer than ``min_vacancies`` (``fallback`` says so)."""
    regions = _regions(curriculum, request)
    names = None if regions is None else [r.name for r in regions]
    params = GapParameters(
        as_of=request.as_of or date.today(),
        regions=frozenset(names) if names else None,
        months=request.months,
        occupations=frozenset(field.occupations) if field and request.scope == "field" else None,
        skills=programme_field(supply) if request.related_only else None,
        max_missing=MAX_MISSING,
    )
    source, skill_ids = _demand(params, regions, demand, supply)
    fallback = None
    considered = None if regions is None else _considered(source, params)
    if considered is not None and considered < params.min_vacancies:
        fallback = {"region_names": names, "vacancies": considered}
        names = None
        params = replace(params, regions=None)
        source, skill_ids = _demand(params, None, demand, supply)
    return ChosenDemand(params, names, source, skill_ids, fallback)


def compute_report(
    curriculum: Curriculum,
    request: GapRequest,
    locale: str = "id",
    demand: list[DemandVacancy] | None = None,
) -> dict[str, Any]:
    """The gap report of a curriculum as a JSON-ready dict (``GapReport.to_dict()`` plus the
    request and skill labels in ``locale``). Outcomes without skills are read first; those rows
    are left in the session for the caller to commit (a stored snapshot) or discard.

    Demand comes from the demand aggregate (``services.demand``: whole months, see
    ``curricula.gap.aggregated``), unless ``demand`` gives the vacancies themselves. The
    ``field`` scope keeps the vacancies of the occupations of the programme's field
    (``curricula.gap.field_of``; all vacancies when the field is not known); when the chosen
    district(s) have fewer than ``min_vacancies`` the report uses the whole province and says so in
    ``request.fallback``. ``related_only`` keeps the demand for the skills of
    ``programme_field``. The units' stored vectors are read once; those missing or stale (a
    curriculum saved before they were stored, its job not done yet) are stored first, in a
    transaction of their own."""
    _check(request)
    unit_vectors = vectors.store_unit_vectors_apart(curriculum)  # before this transaction writes
    extract_outcome_skills(curriculum, only_unread=True, commit=False)
    supply = curriculum_supply(curriculum)  # after the outcomes are read
    field = field_of(curriculum.programme, curriculum.concentration or "")
    chosen = _chosen_demand(curriculum, request, supply, field, demand)
    labels, groups = skill_labels_and_groups(chosen.skill_ids, locale)
    near = _near_mapping(chosen.skill_ids)
    units = placement_units(curriculum) if chosen.skill_ids else None
    taught = {s for u in units or () for s in u.skills}
    skill_vectors, reference, relations, contexts = placement_inputs(chosen.skill_ids, taught)
    second = second_view(curriculum) if chosen.skill_ids else None
    labels.update(unit_skill_labels(units or (), labels.keys(), locale))
    trainings, online = _trainings(chosen.names)
    report = build_gap_report(
        chosen.source,
        supply,
        chosen.params,
        labels=labels,
        near=near,
        unit_vectors=unit_vectors,
        skill_vectors=skill_vectors,
        trainings=trainings,
        groups=groups,
        relations=relations,
        reference_vectors=reference,
        contexts=contexts,
        placement_units=units,
        # the model reads the second embedder's view and the precedents; without them, the
        # weighted score advises (a model fed zeros for a term is not the model evaluated)
        placement_model=(
            load_placement_model() if second is not None and second.precedents is not None else None
        ),
        second=second,
    ).to_dict()
    mark_online(report, online, str(ONLINE))
    report["request"] = request_part(request, chosen, field, locale)
    report["curriculum"] = curriculum_part(curriculum)
    return report
