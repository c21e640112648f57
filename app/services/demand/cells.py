"""Recomputing the demand aggregate with set-based SQL (``INSERT ... SELECT ... GROUP BY``).

The unit of work is a cell set: every row of one region and one posting month, in all four
tables. Recomputing a cell set deletes its rows and inserts them again from the vacancies, so a
refresh is idempotent and never adds to stale numbers. SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy import and_, case, delete, exists, func, insert, literal, or_, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import FunctionElement

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
from app.services.visibility import counted_vacancy_clauses

Cell = tuple[int, date]  # (region_id, first day of the posting month)
EXAMPLES_PER_CELL = 3
EMPLOYERS_PER_CELL = 5
CHUNK = 100
MAX_SKILLS = 300
OUTCOME_KEYS = ("region_id", "month", "occupation_code", "min_education", "applicant_education",
                "applied_month")  # fmt: skip
FIRST_KEYS = ("region_id", "month", "closed_month", "occupation_code", "min_education")
SALARY_KEYS = ("region_id", "month", "closed_month", "occupation_code", "min_education", "salary")
OUTCOME_TABLES = (ApplicationOutcome, FirstApplication)
TABLES = (
    SkillDemand, VacancyDemand, SalaryDemand, SkillDemandExample, SkillDemandEmployer,
    *OUTCOME_TABLES,
)  # fmt: skip


class month_of(FunctionElement):  # noqa: N801 - an SQL function
    """The first day of the month of a date or timestamp, as a date."""

    type = sa.Date()
    inherit_cache = True
    name = "month_of"


class day_of(FunctionElement):  # noqa: N801 - an SQL function
    """The date of a timestamp."""

    type = sa.Date()
    inherit_cache = True
    name = "day_of"


@compiles(month_of)
def _month_of_pg(element, compiler, **kw):  # type: ignore[no-untyped-def]
    return f"CAST(date_trunc('month', {compiler.process(element.clauses, **kw)}) AS DATE)"


@compiles(month_of, "sqlite")
def _month_of_sqlite(element, compiler, **kw):  # type: ignore[no-untyped-def]
    return f"date({compiler.process(element.clauses, **kw)}, 'start of month')"


class days_between(FunctionElement):  # noqa: N801 - an SQL function
    """Whole days from the second timestamp to the first (rounded down)."""

    type = sa.Integer()
    inherit_cache = True
    name = "days_between"


@compiles(days_between)
def _days_between_pg(element, compiler, **kw):  # type: ignore[no-untyped-def]
    later, earlier = (compiler.process(c, **kw) for c in element.clauses)
    return f"CAST(floor(extract(epoch FROM ({later} - {earlier})) / 86400) AS INTEGER)"


@compiles(days_between, "sqlite")
def _days_between_sqlite(element, compiler, **kw):  # type: ignore[no-untyped-def]
    later, earlier = (compiler.process(c, **kw) for c in element.clauses)
    return f"CAST(floor(julianday({later}) - julianday({earlier})) AS INTEGER)"


@compiles(day_of)
def _day_of_pg(element, compiler, **kw):  # type: ignore[no-untyped-def]
    return f"CAST({compiler.process(element.clauses, **kw)} AS DATE)"


@compiles(day_of, "sqlite")
def _day_of_sqlite(element, compiler, **kw):  # type: ignore[no-untyped-def]
    return f"date({compiler.process(element.clauses, **kw)})"


def month_start(moment: date | datetime) -> date:
    """The first day of the month of a date or a timestamp."""
    return date(moment.year, moment.month, 1)


def next_month(month: date) -> date:
    """The first day of the following month."""
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


def closed_on():  # type: ignore[no-untyped-def]
    """When a vacancy stops counting as open: a closed one on its closing date or its last
    change, whichever came first; an open one on its closing date (``NULL``: none). The same
    rule as ``gap_reports.vacancies._closed_on`` at any ``as_of``."""
    changed = day_of(Vacancy.updated_at)
    return case(
        (
            Vacancy.status == "closed",
            case(
                (
                    and_(Vacancy.closing_date.is_not(None), Vacancy.closing_date < changed),
                    Vacancy.closing_date,
                ),
                else_=changed,
            ),
        ),
        else_=Vacancy.closing_date,
    )


def counted_clauses() -> tuple:
    """Vacancies that contribute: published (open, or closed after being posted) and counted."""
    return (
        Vacancy.status.in_(("open", "closed")),
        Vacancy.posted_at.is_not(None),
        *counted_vacancy_clauses(),
    )


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


def _links(cells: list[Cell] | None, skills: list[str] | None):  # type: ignore[no-untyped-def]
    """(vacancy, skill) rows that count, with their cell columns, as a subquery (of some
    skills only, or all: ``None``)."""
    only = sa.true() if skills is None else VacancySkill.skill_id.in_(skills)
    return (
        select(
            VacancySkill.skill_id.label("skill_id"),
            Vacancy.id.label("vacancy_id"),
            Vacancy.organisation_id.label("organisation_id"),
            Vacancy.region_id.label("region_id"),
            Vacancy.posted_at.label("posted_at"),
            month_of(Vacancy.posted_at).label("month"),
            month_of(closed_on()).label("closed_month"),
            Vacancy.occupation_code.label("occupation_code"),
            Vacancy.min_education.label("min_education"),
            (VacancySkill.importance == "required").label("required"),
            case((Vacancy.status == "open", 1), else_=0).label("is_open"),
        )
        .join(Vacancy, VacancySkill.vacancy_id == Vacancy.id)
        .where(*counted_clauses(), VacancySkill.rejected.is_(False), _in_cells(cells), only)
        .subquery()
    )


def _insert_cells(cells: list[Cell] | None, skills: list[str] | None) -> None:
    """Insert the rows of the given cell sets (``None``: all) into the four tables (the three
    skill tables for some skills only, or all: ``None``)."""
    links = _links(cells, skills)
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
    has_skill = exists().where(
        VacancySkill.vacancy_id == Vacancy.id, VacancySkill.rejected.is_(False)
    )
    vacancies = (
        select(
            Vacancy.region_id.label("region_id"),
            month_of(Vacancy.posted_at).label("month"),
            month_of(closed_on()).label("closed_month"),
            Vacancy.occupation_code.label("occupation_code"),
            Vacancy.min_education.label("min_education"),
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
    _insert_salaries(cells)
    _insert_outcomes(cells)
    by_cell = (links.c.skill_id, links.c.region_id, links.c.month)
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
            ["skill_id", "region_id", "month", "vacancy_id", "required", "rank"],
            select(
                ranked.c.skill_id, ranked.c.region_id, ranked.c.month, ranked.c.vacancy_id,
                ranked.c.required, ranked.c.rank,
            ).where(ranked.c.rank <= EXAMPLES_PER_CELL),
        )
    )  # fmt: skip
    counts = (
        select(*by_cell, links.c.organisation_id, func.count().label("n"))
        .group_by(*by_cell, links.c.organisation_id)
        .subquery()
    )
    top = select(
        counts.c.skill_id, counts.c.region_id, counts.c.month, counts.c.organisation_id,
        counts.c.n,
        func.row_number().over(
            partition_by=(counts.c.skill_id, counts.c.region_id, counts.c.month),
            order_by=(counts.c.n.desc(), counts.c.organisation_id),
        ).label("rank"),
    ).subquery()  # fmt: skip
    db.session.execute(
        insert(SkillDemandEmployer).from_select(
            ["skill_id", "region_id", "month", "organisation_id", "vacancies"],
            select(
                top.c.skill_id, top.c.region_id, top.c.month, top.c.organisation_id, top.c.n
            ).where(top.c.rank <= EMPLOYERS_PER_CELL),
        )
    )


def _lock() -> None:
    """One refresh at a time on PostgreSQL (a transaction-level advisory lock), so two
    refreshes of one cell never both insert it; SQLite already has a single writer."""
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(select(func.pg_advisory_xact_lock(literal(7215_0009))))


def refresh_cells(cells: Iterable[Cell], skills: Iterable[str] | None = None) -> int:
    """Recompute the given (region, posting month) cell sets in the current transaction (the
    caller commits): every skill's rows, or only those of ``skills`` (the skills a change
    touched; the vacancy counts are recomputed whole). Returns how many cell sets."""
    wanted = sorted(set(cells))
    if not wanted:
        return 0
    only = None if skills is None else sorted(set(skills))
    if only is not None and len(only) > MAX_SKILLS:
        only = None  # as cheap to recompute everything
    _lock()
    for first in range(0, len(wanted), CHUNK):
        chunk = wanted[first : first + CHUNK]
        for table in TABLES:
            clause = or_(*(and_(table.region_id == r, table.month == m) for r, m in chunk))
            if only is not None and hasattr(table, "skill_id"):
                clause = and_(clause, table.skill_id.in_(only))
            db.session.execute(delete(table).where(clause))
        _insert_cells(chunk, only)
    return len(wanted)


def salary_offered():  # type: ignore[no-untyped-def]
    """SQL: a vacancy's salary, the middle of its minimum and maximum or the one given."""
    return func.coalesce(
        (Vacancy.salary_min + Vacancy.salary_max) / 2.0, Vacancy.salary_min, Vacancy.salary_max
    )


def _insert_salaries(cells: list[Cell] | None) -> None:
    """Insert the salary rows of the given cell sets (``None``: all)."""
    offered = (
        select(
            Vacancy.region_id.label("region_id"),
            month_of(Vacancy.posted_at).label("month"),
            month_of(closed_on()).label("closed_month"),
            Vacancy.occupation_code.label("occupation_code"),
            Vacancy.min_education.label("min_education"),
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


def _insert_outcomes(cells: list[Cell] | None) -> None:
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


def refresh_outcomes(cells: Iterable[Cell]) -> None:
    """Recompute the application outcome rows of the given cell sets (after applications
    changed; the caller commits)."""
    wanted = sorted(set(cells))
    if not wanted:
        return
    _lock()
    for first in range(0, len(wanted), CHUNK):
        chunk = wanted[first : first + CHUNK]
        for table in OUTCOME_TABLES:
            clause = or_(*(and_(table.region_id == r, table.month == m) for r, m in chunk))
            db.session.execute(delete(table).where(clause))
        _insert_outcomes(chunk)


def rebuild_all() -> None:
    """Recompute the whole aggregate from the vacancies (the caller commits). On PostgreSQL
    its statements may run past the per-statement limit of web requests (up to 10 minutes)."""
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(sa.text("SET LOCAL statement_timeout = '10min'"))
    _lock()
    for table in TABLES:
        db.session.execute(delete(table))
    _insert_cells(None, None)


def cells_of(vacancy_ids: Iterable[int]) -> set[Cell]:
    """The cells the given vacancies are posted in now (unposted ones have none)."""
    ids = sorted(set(vacancy_ids))
    found: set[Cell] = set()
    for first in range(0, len(ids), 900):
        rows = db.session.execute(
            select(Vacancy.region_id, Vacancy.posted_at).where(
                Vacancy.id.in_(ids[first : first + 900]), Vacancy.posted_at.is_not(None)
            )
        )
        found.update((region, month_start(posted)) for region, posted in rows)
    return found


def skills_of(vacancy_ids: Iterable[int]) -> set[str]:
    """The skills the given vacancies have rows for (rejected ones too)."""
    ids = sorted(set(vacancy_ids))
    found: set[str] = set()
    for first in range(0, len(ids), 900):
        found.update(
            db.session.scalars(
                select(VacancySkill.skill_id)
                .where(VacancySkill.vacancy_id.in_(ids[first : first + 900]))
                .distinct()
            )
        )
    return found


def cells_of_organisations(organisation_ids: Iterable[int]) -> set[Cell]:
    """Every cell an organisation's vacancies are posted in."""
    ids = sorted(set(organisation_ids))
    if not ids:
        return set()
    rows = db.session.execute(
        select(Vacancy.region_id, Vacancy.posted_at)
        .where(Vacancy.organisation_id.in_(ids), Vacancy.posted_at.is_not(None))
        .distinct()
    )
    return {(region, month_start(posted)) for region, posted in rows}
