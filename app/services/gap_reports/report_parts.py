"""Gap reports: what the app gives ``curricula.gap`` beside the demand (skill labels in the
reader's language, groups) and adds to ``GapReport.to_dict()`` (the demand it chose, the
request, the curriculum, online trainings named as such)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.extensions import db
from app.models import Curriculum, Skill
from curricula.gap import (
    AggregatedDemand,
    DemandVacancy,
    GapParameters,
    ProgrammeField,
    SupplyUnit,
)

if TYPE_CHECKING:
    from app.services.gap_reports.demand import GapRequest

CURRICULUM_FIELDS = ("id", "programme", "concentration", "version_year")


@dataclass(frozen=True)
class ChosenDemand:
    """The report's parameters and demand, with the area's region names (None: the whole
    province) and, when the chosen area had too few vacancies, what it had (``fallback``)."""

    params: GapParameters
    names: list[str] | None
    source: list[DemandVacancy] | AggregatedDemand
    skill_ids: set[str]
    fallback: dict[str, Any] | None


def skill_labels_and_groups(
    skill_ids: set[str], locale: str
) -> tuple[dict[str, str], dict[str, str]]:
    """The skills' labels in ``locale`` and their groups ("Other" for a skill without one)."""
    rows = db.session.execute(
        select(Skill.id, Skill.label_column(locale), Skill.group).where(Skill.id.in_(skill_ids))
    ) if skill_ids else []  # fmt: skip
    labels, groups = {}, {}
    other = str(_l("Other"))
    for skill_id, text, group in rows:
        labels[skill_id] = text
        groups[skill_id] = group or other
    return labels, groups


def unit_skill_labels(
    units: tuple[SupplyUnit, ...], labelled: Collection[str], locale: str
) -> list[tuple[str, str]]:
    """The labels of the units' skills not labelled yet (a unit's related skill is named in
    the advice)."""
    unlabelled = {s for u in units for s in u.skills} - set(labelled)
    if not unlabelled:
        return []
    return list(
        db.session.execute(
            select(Skill.id, Skill.label_column(locale)).where(Skill.id.in_(unlabelled))
        )
    )


def mark_online(report: dict[str, Any], online: set[int], label: str) -> None:
    """Name the region of the online trainings (no region of their own) ``label``."""
    for item in report["missing"]:
        for offer in item["trainings"]:
            if offer["id"] in online:
                offer["region"] = label


def request_part(
    request: GapRequest, chosen: ChosenDemand, field: ProgrammeField | None, locale: str
) -> dict[str, Any]:
    """The report's ``request``: what the school chose and what the report used."""
    params = chosen.params
    return {
        "region": request.region,
        "region_ids": list(request.region_ids),
        "region_names": chosen.names,
        "months": request.months,
        "as_of": params.as_of.isoformat(),
        "related_only": request.related_only,
        "scope": request.scope,
        "field": {"code": field.code, "name": field.name_id} if field else None,
        "occupations": None if params.occupations is None else sorted(params.occupations),
        "fallback": chosen.fallback,
        "locale": locale,
    }


def curriculum_part(curriculum: Curriculum) -> dict[str, Any]:
    """The report's ``curriculum``: which programme of which school."""
    own = {name: getattr(curriculum, name) for name in CURRICULUM_FIELDS}
    return {**own, "school": curriculum.organisation.name}
