"""Recomputing the demand aggregate with set-based SQL (``INSERT ... SELECT ... GROUP BY``).

The unit of work is a cell set: every row of one region and one posting month, in all four
tables. Recomputing a cell set deletes its rows and inserts them again from the vacancies
(``app.services.demand.inserts``), so a refresh is idempotent and never adds to stale numbers.
SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa
from sqlalchemy import and_, delete, func, literal, or_, select

from app.extensions import db
from app.models import (
    ApplicationOutcome,
    FirstApplication,
    SalaryDemand,
    SkillDemand,
    SkillDemandEmployer,
    SkillDemandExample,
    Vacancy,
    VacancyDemand,
    VacancySkill,
)
from app.services.demand.inserts import Cell, insert_cells, insert_outcomes
from app.services.demand.sql import month_start

CHUNK = 100
MAX_SKILLS = 300
OUTCOME_TABLES = (ApplicationOutcome, FirstApplication)
TABLES = (
    SkillDemand, VacancyDemand, SalaryDemand, SkillDemandExample, SkillDemandEmployer,
    *OUTCOME_TABLES,
)  # fmt: skip


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
        insert_cells(chunk, only)
    return len(wanted)


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
        insert_outcomes(chunk)


def rebuild_all() -> None:
    """Recompute the whole aggregate from the vacancies (the caller commits). On PostgreSQL
    its statements may run past the per-statement limit of web requests (up to 10 minutes)."""
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(sa.text("SET LOCAL statement_timeout = '10min'"))
    _lock()
    for table in TABLES:
        db.session.execute(delete(table))
    insert_cells(None, None)


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
