"""The drill-down of the planners' pages: the vacancies behind a number, a page at a time. The
scope comes from the number's link (``scope.Scope``), so the list counts what the cell counted.
Vacancies only (titles, employers, districts): no person appears."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from app.extensions import db
from app.models import (
    OccupationGroup,
    Organisation,
    Region,
    SalaryDemand,
    Skill,
    SkillDemand,
    Vacancy,
    VacancyDemand,
)
from app.services.paging import Paging
from app.services.planner import Filters
from app.services.planner.scope import MEASURES, Scope

PER_PAGE = 50


@dataclass(frozen=True)
class DrillRow:
    """One vacancy of the list."""

    id: int
    title: str
    employer: str
    district: str
    occupation_code: str | None
    occupation: str | None
    posted: date
    status: str


def scope_from_args(args: Mapping[str, str], filters: Filters) -> Scope:
    """The scope of a drill-down link (unknown values fall back: posted, any skill)."""
    measure = args.get("measure", "posted")
    skill_id = args.get("skill") or None
    if skill_id and db.session.get(Skill, skill_id) is None:
        skill_id = None
    return Scope(
        filters=filters,
        measure=measure if measure in MEASURES else "posted",
        skill_id=skill_id,
        unclassified=args.get("unclassified") == "1",
        with_salary=args.get("salary") == "1",
    )


def count(scope: Scope) -> int:
    """How many vacancies the scope holds: the number that was clicked, summed from the same
    cells (a scope no cell answers, a skill with salaries, is counted from the vacancies)."""
    if scope.skill_id and scope.with_salary:
        total = select(func.count(Vacancy.id)).where(*scope.vacancy_clauses())
        return db.session.scalar(total) or 0
    table = SkillDemand if scope.skill_id else SalaryDemand if scope.with_salary else VacancyDemand
    clauses = scope.cell_clauses(table)
    if scope.skill_id:
        clauses.append(SkillDemand.skill_id == scope.skill_id)
    return int(db.session.scalar(select(func.sum(table.vacancies)).where(*clauses)) or 0)


def list_page(scope: Scope, page: int, locale: str) -> tuple[list[DrillRow], Paging]:
    """One page of the scope's vacancies, newest posting first."""
    paging = Paging(total=count(scope), page=1, per_page=PER_PAGE)
    paging = Paging(total=paging.total, page=min(max(page, 1), paging.pages), per_page=PER_PAGE)
    title = OccupationGroup.title_id if locale == "id" else OccupationGroup.title_en
    rows = db.session.execute(
        select(
            Vacancy.id,
            Vacancy.title,
            Organisation.name,
            Region.name,
            Vacancy.occupation_code,
            title,
            Vacancy.posted_at,
            Vacancy.status,
        )  # fmt: skip
        .join(Organisation, Organisation.id == Vacancy.organisation_id)
        .join(Region, Region.id == Vacancy.region_id)
        .outerjoin(OccupationGroup, OccupationGroup.code == Vacancy.occupation_code)
        .where(*scope.vacancy_clauses())
        .order_by(Vacancy.posted_at.desc(), Vacancy.id.desc())
        .limit(PER_PAGE)
        .offset((paging.page - 1) * PER_PAGE)
    )
    found = [
        DrillRow(i, t, employer, district, code, occupation, posted.date(), status)
        for i, t, employer, district, code, occupation, posted, status in rows
    ]
    return found, paging


def skill_label(scope: Scope, locale: str) -> str | None:
    """The label of the scope's skill in the UI language (None: no skill)."""
    if not scope.skill_id:
        return None
    skill = db.session.get(Skill, scope.skill_id)
    return skill.label(locale) if skill else scope.skill_id
