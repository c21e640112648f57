"""Inserting the rows of the demand aggregate with set-based SQL (``INSERT ... SELECT ... GROUP
BY``) from the counted vacancies of some cell sets (``app.services.demand.cells`` deletes them
first): the skill, vacancy, salary, example, employer and application outcome tables."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy import and_, case, exists, func, insert, or_, select

from app.extensions import db
from app.models import (
    Application,
    ApplicationEvent,
    ApplicationOutcome,
    FirstApplication,
    SalaryDemand,
    SeekerProfile,
    SkillDemand,
    SkillDemandEmployer,
    SkillDemandExample,
    Vacancy,
    VacancyDemand,
    VacancySkill,
)
from app.services.demand.sql import (
    closed_on,
    counted_clauses,
    days_between,
    month_of,
    next_month,
    salary_offered,
)

Cell = tuple[int, date]  # (region_id, first day of the posting month)
EXAMPLES_PER_CELL = 3
EMPLOYERS_PER_CELL = 5
OUTCOME_KEYS = ("region_id", "month", "occupation_code", "min_education", "applicant_education",
                "applied_month")  # fmt: skip
FIRST_KEYS = ("region_id", "month", "closed_month", "occupation_code", "min_education")
SALARY_KEYS = ("region_id", "month", "closed_month", "occupation_code", "min_education", "salary")


def _in_cells(cells: list[Cell] | None):  # type: ignore[no-untyped-def]
    """Vacancies posted in the given cells (``None``: all)."""
    if cells is None:
        return sa.true()
    return or_(
        *(
            and_(
                Vacancy.region_id == region,
                Vacancy.posted_at >= datetime.combine(month, datetime.min.time()),
                Vacancy.posted_at < datetime.combine(next_month(month), datetime.min.time()),
            )
            for region, month in cells
        )
    )


def _cell_columns() -> tuple:
    """A vacancy's cell columns, labelled: district, posting month, closing month (``NULL``:
    open with no closing date), occupation and education asked."""
    return (
        Vacancy.region_id.label("region_id"),
        month_of(Vacancy.posted_at).label("month"),
        month_of(closed_on()).label("closed_month"),
        Vacancy.occupation_code.label("occupation_code"),
        Vacancy.min_education.label("min_education"),
    )


def _links(cells: list[Cell] | None, skills: list[str] | None):  # type: ignore[no-untyped-def]
    """(vacancy, skill) rows that count, with their cell columns, as a subquery (of some
    skills only, or all: ``None``)."""
    only = sa.true() if skills is None else VacancySkill.skill_id.in_(skills)
    return (
        select(
            VacancySkill.skill_id.label("skill_id"),
            Vacancy.id.label("vacancy_id"),
            Vacancy.organisation_id.label("organisation_id"),
            *_cell_columns(),
            Vacancy.posted_at.label("posted_at"),
            (VacancySkill.importance == "required").label("required"),
            case((Vacancy.status == "open", 1), else_=0).label("is_open"),
        )
        .join(Vacancy, VacancySkill.vacancy_id == Vacancy.id)
        .where(*counted_clauses(), VacancySkill.rejected.is_(False), _in_cells(cells), only)
        .subquery()
    )


def insert_cells(cells: list[Cell] | None, skills: list[str] | None) -> None:
    """Insert the rows of the given cell sets (``None``: all) into the four tables (the three
    skill tables for some skills only, or all: ``None``)."""
    links = _links(cells, skills)
    _insert_skill_demand(links)
    _insert_vacancy_demand(cells)
    _insert_salaries(cells)
    insert_outcomes(cells)
    _insert_examples(links)
    _insert_employers(links)


def _insert_skill_demand(links) -> None:  # type: ignore[no-untyped-def]
    """The skill rows: vacancies (and open ones) per skill, cell and required or not."""
    keys = (
        links.c.skill_id, links.c.region_id, links.c.month, links.c.closed_month,
        links.c.occupation_code, links.c.min_education,
    )  # fmt: skip
    db.session.execute(
        insert(SkillDemand).from_select(
            ["skill_id", "region_id", "month", "closed_month", "occupation_code", "min_education",
             "required", "vacancies", "open_vacancies"],
            select(*keys, links.c.required, func.count(), func.sum(links.c.is_open))
            .group_by(*keys, links.c.required),
        )
    )  # fmt: skip


def _insert_vacancy_demand(cells: list[Cell] | None) -> None:
    """The vacancy rows: vacancies (and open ones) per cell, with skills or without."""
    has_skill = exists().where(
        VacancySkill.vacancy_id == Vacancy.id, VacancySkill.rejected.is_(False)
    )
    vacancies = (
        select(
            *_cell_columns(),
            case((has_skill, True), else_=False).label("with_skills"),
            case((Vacancy.status == "open", 1), else_=0).label("is_open"),
        )
        .where(*counted_clauses(), _in_cells(cells))
        .subquery()
    )
    cell = (
        vacancies.c.region_id, vacancies.c.month, vacancies.c.closed_month,
        vacancies.c.occupation_code, vacancies.c.min_education, vacancies.c.with_skills,
    )  # fmt: skip
    db.session.execute(
        insert(VacancyDemand).from_select(
            ["region_id", "month", "closed_month", "occupation_code", "min_education",
             "with_skills", "vacancies", "open_vacancies"],
            select(*cell, func.count(), func.sum(vacancies.c.is_open)).group_by(*cell),
        )
    )  # fmt: skip


def _insert_examples(links) -> None:  # type: ignore[no-untyped-def]
    """The example vacancies of each skill and cell (and occupation): required ones first, then
    the newest."""
    by_cell = (links.c.skill_id, links.c.region_id, links.c.month, links.c.occupation_code)
    ranked = select(
        *by_cell,
        links.c.vacancy_id,
        links.c.required,
        func.row_number()
        .over(
            partition_by=by_cell,
            order_by=(links.c.required.desc(), links.c.posted_at.desc(), links.c.vacancy_id.desc()),
        )
        .label("rank"),
    ).subquery()
    db.session.execute(
        insert(SkillDemandExample).from_select(
            ["skill_id", "region_id", "month", "occupation_code", "vacancy_id", "required",
             "rank"],
            select(
                ranked.c.skill_id, ranked.c.region_id, ranked.c.month, ranked.c.occupation_code,
                ranked.c.vacancy_id, ranked.c.required, ranked.c.rank,
            ).where(ranked.c.rank <= EXAMPLES_PER_CELL),
        )
    )  # fmt: skip


def _insert_employers(links) -> None:  # type: ignore[no-untyped-def]
    """The employers with the most vacancies of each skill and cell (and occupation)."""
    by_cell = (links.c.skill_id, links.c.region_id, links.c.month, links.c.occupation_code)
    counts = (
        select(*by_cell, links.c.organisation_id, func.count().label("n"))
        .group_by(*by_cell, links.c.organisation_id)
        .subquery()
    )
    cell = (counts.c.skill_id, counts.c.region_id, counts.c.month, counts.c.occupation_code)
    top = select(
        *cell, counts.c.organisation_id, counts.c.n,
        func.row_number().over(
            partition_by=cell, order_by=(counts.c.n.desc(), counts.c.organisation_id),
        ).label("rank"),
    ).subquery()  # fmt: skip
    db.session.execute(
        insert(SkillDemandEmployer).from_select(
            ["skill_id", "region_id", "month", "occupation_code", "organisation_id", "vacancies"],
            select(
                top.c.skill_id, top.c.region_id, top.c.month, top.c.occupation_code,
                top.c.organisation_id, top.c.n,
            ).where(top.c.rank <= EMPLOYERS_PER_CELL),
        )
    )  # fmt: skip


def _insert_salaries(cells: list[Cell] | None) -> None:
    """Insert the salary rows of the given cell sets (``None``: all)."""
    offered = (
        select(
            *_cell_columns(),
            sa.cast(salary_offered(), sa.Double).label("salary"),
        )
        .where(
            *counted_clauses(),
            _in_cells(cells),
            or_(Vacancy.salary_min.is_not(None), Vacancy.salary_max.is_not(None)),
        )
        .subquery()
    )
    keys = [offered.c[name] for name in SALARY_KEYS]
    db.session.execute(
        insert(SalaryDemand).from_select(
            [*SALARY_KEYS, "vacancies"], select(*keys, func.count()).group_by(*keys)
        )
    )


def _reached(stage: str):  # type: ignore[no-untyped-def]
    """SQL: 1 when an application reached ``stage``: an event of it is in its history (or it
    is its status now). An offer may come without an interview, a hire without an offer."""
    with_event = select(ApplicationEvent.application_id).where(ApplicationEvent.status == stage)
    return case((or_(Application.status == stage, Application.id.in_(with_event)), 1), else_=0)


def insert_outcomes(cells: list[Cell] | None) -> None:
    """Insert the application outcome rows and first-application rows of the given cell sets
    (``None``: all), from the applications to counted vacancies."""
    cell = (
        Vacancy.region_id.label("region_id"),
        month_of(Vacancy.posted_at).label("month"),
        Vacancy.occupation_code.label("occupation_code"),
        Vacancy.min_education.label("min_education"),
    )
    applications = (
        select(
            *cell,
            SeekerProfile.education_level.label("applicant_education"),
            month_of(Application.created_at).label("applied_month"),
            *(_reached(stage).label(stage) for stage in ("interview", "offer", "hired")),
        )
        .join(Vacancy, Vacancy.id == Application.vacancy_id)
        .join(SeekerProfile, SeekerProfile.id == Application.profile_id)
        .where(*counted_clauses(), _in_cells(cells))
        .subquery()
    )
    keys = [applications.c[name] for name in OUTCOME_KEYS]
    db.session.execute(
        insert(ApplicationOutcome).from_select(
            [*OUTCOME_KEYS, "applications", "interviews", "offers", "hires"],
            select(
                *keys, func.count(), func.sum(applications.c.interview),
                func.sum(applications.c.offer), func.sum(applications.c.hired),
            ).group_by(*keys),
        )
    )  # fmt: skip
    firsts = (
        select(
            *cell,
            month_of(closed_on()).label("closed_month"),
            days_between(func.min(Application.created_at), Vacancy.posted_at).label("days"),
        )
        .join(Application, Application.vacancy_id == Vacancy.id)
        .where(*counted_clauses(), _in_cells(cells))
        .group_by(Vacancy.id)
        .subquery()
    )
    days = case((firsts.c.days < 0, 0), else_=firsts.c.days)
    keys = [firsts.c[name] for name in FIRST_KEYS]
    db.session.execute(
        insert(FirstApplication).from_select(
            [*FIRST_KEYS, "days", "vacancies"],
            select(*keys, days, func.count()).group_by(*keys, days),
        )
    )
