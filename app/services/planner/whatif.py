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

from dataclasses import dataclass, field
from datetime import date, datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, or_, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import FunctionElement

from app.extensions import db
from app.models import Organisation, Region, Skill, Vacancy, VacancySkill
from app.services.demand.sql import closed_on, counted_clauses, day_of, next_month
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


class skill_set(FunctionElement):  # noqa: N801 - an SQL aggregate
    """The skill ids of a group joined with ``|``: sorted on PostgreSQL (one set, one string);
    in SQLite's order (no ordered aggregates before 3.44: read as a set)."""

    type = sa.String()
    inherit_cache = True
    name = "skill_set"


@compiles(skill_set)
def _skill_set_pg(element, compiler, **kw):  # type: ignore[no-untyped-def]
    column = compiler.process(element.clauses, **kw)
    return f"string_agg({column}, '|' ORDER BY {column})"


@compiles(skill_set, "sqlite")
def _skill_set_sqlite(element, compiler, **kw):  # type: ignore[no-untyped-def]
    return f"group_concat({compiler.process(element.clauses, **kw)}, '|')"


def _window(region_id: int, filters: Filters) -> tuple:
    """Clauses of the district's counted vacancies open at some time in the period."""
    start = datetime.combine(filters.since, datetime.min.time())
    end = datetime.combine(next_month(filters.until), datetime.min.time())
    return (
        *counted_clauses(),
        Vacancy.region_id == region_id,
        Vacancy.posted_at < end,
        or_(closed_on().is_(None), closed_on() >= day_of(start)),
    )


def _per_vacancy(region_id: int, filters: Filters):  # type: ignore[no-untyped-def]
    """Subquery: each vacancy of the window with required skills, and those skills."""
    return (
        select(Vacancy.id.label("id"), Vacancy.posted_at.label("posted_at"),
               skill_set(VacancySkill.skill_id).label("required"))
        .join(VacancySkill, VacancySkill.vacancy_id == Vacancy.id)
        .where(*_window(region_id, filters), VacancySkill.importance == "required",
               VacancySkill.rejected.is_(False))
        .group_by(Vacancy.id, Vacancy.posted_at)
        .subquery()
    )  # fmt: skip


def _required(region_id: int, filters: Filters) -> tuple[dict[str, int], int]:
    """How many vacancies of the window require each set of skills (the database groups them:
    vacancies repeat a few sets), and how many vacancies of the window require none."""
    inner = _per_vacancy(region_id, filters)
    sets: dict[str, int] = {}
    seen: dict[frozenset[str], str] = {}
    for key, n in db.session.execute(
        select(inner.c.required, func.count()).group_by(inner.c.required)
    ):
        first = seen.setdefault(frozenset(str(key).split("|")), str(key))
        sets[first] = sets.get(first, 0) + int(n)
    every = db.session.scalar(select(func.count()).select_from(Vacancy).where(
        *_window(region_id, filters)))  # fmt: skip
    return sets, int(every or 0) - sum(sets.values())


def what_if(curriculum_id: int, added: list[str], filters: Filters) -> WhatIf:
    """Vacancies of the programme's district met before and after teaching ``added``."""
    from app.services.matching import neighbours

    programme = find_programme(curriculum_id)
    added = known_skills(added)
    taught = frozenset(counts.taught_skills([programme.id]).get(programme.id, set()))
    after_taught = taught | frozenset(added)
    sets, without = _required(programme.region_id, filters)
    near, credit = neighbours(), DEFAULT_SCORING.credit_factor
    before, after = {}, {}
    for key in sets:
        wanted = frozenset(key.split("|"))
        before[key] = coverage(wanted, taught, near, credit).value
        after[key] = coverage(wanted, after_taught, near, credit).value
    newly = [k for k in sets if after[k] >= MEETS_COVERAGE > before[k]]
    region = db.session.get(Region, programme.region_id)
    return WhatIf(
        programme=programme,
        district=region.name if region else "",
        added=skill_labels(added),
        considered=sum(sets.values()),
        without_required=without,
        met_before=sum(n for k, n in sets.items() if before[k] >= MEETS_COVERAGE),
        met_after=sum(n for k, n in sets.items() if after[k] >= MEETS_COVERAGE),
        newly_met=_details(programme.region_id, filters, newly, before, after),
    )


def _details(
    region_id: int,
    filters: Filters,
    sets: list[str],
    before: dict,
    after: dict,  # type: ignore[type-arg]
) -> list[MetVacancy]:
    """The newest ``NEWLY_MET_SHOWN`` vacancies requiring one of the newly met skill sets."""
    if not sets:
        return []
    inner = _per_vacancy(region_id, filters)
    query = (
        select(inner.c.id, inner.c.required, Vacancy.title, Organisation.name, Vacancy.posted_at)
        .join(Vacancy, Vacancy.id == inner.c.id)
        .join(Organisation, Organisation.id == Vacancy.organisation_id)
        .order_by(Vacancy.posted_at.desc(), Vacancy.id.desc())
    )
    if db.session.get_bind().dialect.name == "postgresql":  # sorted strings: compare in SQL
        query = query.where(inner.c.required.in_(sets)).limit(NEWLY_MET_SHOWN)
    wanted = {frozenset(key.split("|")): key for key in sets}
    found = []
    for vid, key, title, employer, posted in db.session.execute(query):
        chosen = wanted.get(frozenset(str(key).split("|")))
        if chosen is not None:
            found.append(MetVacancy(vid, title, employer, posted.date(), before[chosen],
                                    after[chosen]))  # fmt: skip
            if len(found) == NEWLY_MET_SHOWN:
                break
    return found
