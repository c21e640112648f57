"""What-if for a school programme: how many of its district's vacancies of the period its
graduates would meet, before and after the curriculum teaches some more skills.

A graduate meets a vacancy when the programme's taught skills cover at least
``MEETS_COVERAGE`` of the vacancy's required skills, by the matcher's own rule
(``matching.scoring.coverage``: an exact skill counts 1, a near skill partial credit, with the
recommendations' neighbours and credit factor). Recommendations themselves rank every vacancy
that shares a skill and set no floor; this is the floor a planner reads "would meet" by.
The vacancies are those of the programme's district that count (published, cleared, of a
trusted employer) and were open at some time in the period; a vacancy without required skills
cannot be met or missed and is counted apart.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import or_, select

from app.extensions import db
from app.models import Organisation, Region, Skill, Vacancy, VacancySkill
from app.services.demand.cells import closed_on, counted_clauses, day_of, next_month
from app.services.errors import ValidationError
from app.services.gap_reports import latest_snapshot
from app.services.planner import Filters
from app.services.planner import supply_counts as counts
from app.services.planner.supply import skill_labels
from matching.scoring import DEFAULT_SCORING, coverage

MEETS_COVERAGE = 0.5
MAX_ADDED = 20
NEWLY_MET_SHOWN = 100


@dataclass(frozen=True)
class MetVacancy:
    """A vacancy the programme's graduates would newly meet."""

    id: int
    title: str
    employer: str
    posted: date
    before: float
    after: float


@dataclass
class WhatIf:
    """The answer: vacancies considered, met before and after, and those newly met."""

    programme: counts.Programme
    district: str
    added: dict[str, str]
    considered: int
    without_required: int
    met_before: int
    met_after: int
    newly_met: list[MetVacancy] = field(default_factory=list)
    threshold: float = MEETS_COVERAGE


def programme_choices() -> list[tuple[int, str]]:
    """Every school programme a planner may pick, with its district."""
    names = {k: v for k, v in db.session.execute(select(Region.id, Region.name))}
    return [(p.id, f"{p.name} ({names.get(p.region_id, '')})") for p in counts.programmes()]


def find_programme(curriculum_id: int | None) -> counts.Programme:
    """The programme (published curriculum of a trusted school with a district) or an error on
    the ``programme`` field."""
    found = next((p for p in counts.programmes() if p.id == curriculum_id), None)
    if found is None:
        raise ValidationError("programme", str(_l("Choose a school programme.")))
    return found


def advice_units(curriculum_id: int) -> dict[str, list[str]]:
    """The units the school's latest gap report advises to add or strengthen skills in, with
    those skills (the report's advice, in its order); empty without a report."""
    from app.models import Curriculum

    curriculum = db.session.get(Curriculum, curriculum_id)
    snapshot = latest_snapshot(curriculum) if curriculum is not None else None
    units: dict[str, list[str]] = {}
    for item in snapshot.result.get("missing", []) if snapshot else []:
        unit = item.get("suggested_unit") or {}
        name = " ".join(x for x in (unit.get("code"), unit.get("name")) if x)
        if name:
            units.setdefault(name, []).append(item["skill_id"])
    return units


def known_skills(skill_ids: list[str]) -> list[str]:
    """The given skill ids that exist (in order, once each), or an error on ``skill_query``."""
    ids = list(dict.fromkeys(s for s in skill_ids if s))
    found = set(db.session.scalars(select(Skill.id).where(Skill.id.in_(ids)))) if ids else set()
    if set(ids) - found:
        raise ValidationError("skill_query", str(_l("Choose a skill from the list.")))
    if len(ids) > MAX_ADDED:
        raise ValidationError("skill_query", str(_l("At most %(n)d skills at once.", n=MAX_ADDED)))
    return ids


def _required(region_id: int, filters: Filters) -> tuple[dict[int, frozenset[str]], int]:
    """Required skills of the district's vacancies of the period, and how many of those
    vacancies have none."""
    start = datetime.combine(filters.since, datetime.min.time())
    end = datetime.combine(next_month(filters.until), datetime.min.time())
    window = (
        *counted_clauses(),
        Vacancy.region_id == region_id,
        Vacancy.posted_at < end,
        or_(closed_on().is_(None), closed_on() >= day_of(start)),
    )
    skills: dict[int, set[str]] = defaultdict(set)
    for vacancy_id, skill_id in db.session.execute(
        select(Vacancy.id, VacancySkill.skill_id)
        .join(VacancySkill, VacancySkill.vacancy_id == Vacancy.id)
        .where(*window, VacancySkill.importance == "required", VacancySkill.rejected.is_(False))
    ):
        skills[vacancy_id].add(skill_id)
    every = len(list(db.session.scalars(select(Vacancy.id).where(*window))))
    return {v: frozenset(s) for v, s in skills.items()}, every - len(skills)


def what_if(curriculum_id: int, added: list[str], filters: Filters) -> WhatIf:
    """Vacancies of the programme's district met before and after teaching ``added``."""
    from app.services.matching import neighbours

    programme = find_programme(curriculum_id)
    added = known_skills(added)
    taught = frozenset(counts.taught_skills([programme.id]).get(programme.id, set()))
    after_taught = taught | frozenset(added)
    required, without = _required(programme.region_id, filters)
    near, credit = neighbours(), DEFAULT_SCORING.credit_factor
    memo: dict[tuple[frozenset[str], frozenset[str]], float] = {}

    def value(wanted: frozenset[str], have: frozenset[str]) -> float:
        key = (wanted, have)
        if key not in memo:
            memo[key] = coverage(wanted, have, near, credit).value
        return memo[key]

    before = {v: value(s, taught) for v, s in required.items()}
    after = {v: value(s, after_taught) for v, s in required.items()}
    newly = sorted(
        (v for v in required if after[v] >= MEETS_COVERAGE > before[v]), key=lambda v: -v
    )
    region = db.session.get(Region, programme.region_id)
    return WhatIf(
        programme=programme,
        district=region.name if region else "",
        added=skill_labels(added),
        considered=len(required),
        without_required=without,
        met_before=sum(1 for v in before.values() if v >= MEETS_COVERAGE),
        met_after=sum(1 for v in after.values() if v >= MEETS_COVERAGE),
        newly_met=_details(newly[:NEWLY_MET_SHOWN], before, after),
    )


def _details(ids: list[int], before: dict, after: dict) -> list[MetVacancy]:  # type: ignore[type-arg]
    """The newly met vacancies, newest first."""
    if not ids:
        return []
    rows = db.session.execute(
        select(Vacancy.id, Vacancy.title, Organisation.name, Vacancy.posted_at)
        .join(Organisation, Organisation.id == Vacancy.organisation_id)
        .where(Vacancy.id.in_(ids))
        .order_by(Vacancy.posted_at.desc(), Vacancy.id.desc())
    )
    return [
        MetVacancy(vid, title, employer, posted.date(), before[vid], after[vid])
        for vid, title, employer, posted in rows
    ]
