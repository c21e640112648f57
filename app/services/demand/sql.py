"""The SQL pieces the demand aggregate and its readers share: the month and day of a timestamp
and the days between two (one SQL function each, compiled for PostgreSQL and SQLite), when a
vacancy stops counting as open, which vacancies count, and a vacancy's salary."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy import and_, case, func
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import FunctionElement

from app.models import Vacancy
from app.services.visibility import counted_vacancy_clauses


def _sql_function(  # type: ignore[no-untyped-def]
    name: str, doc: str, returns: sa.types.TypeEngine, postgresql: str, sqlite: str
):
    """An SQL function of its arguments, written with ``{0}``, ``{1}``... for them on
    PostgreSQL (the default compilation) and on SQLite."""
    function = type(
        name,
        (FunctionElement,),
        {"__doc__": doc, "type": returns, "inherit_cache": True, "name": name},
    )
    for dialect, template in ((None, postgresql), ("sqlite", sqlite)):

        def _compile(element, compiler, template=template, **kw):  # type: ignore[no-untyped-def]
            return template.format(*(compiler.process(c, **kw) for c in element.clauses))

        compiles(function, *([dialect] if dialect else []))(_compile)
    return function


month_of = _sql_function(
    "month_of",
    "The first day of the month of a date or timestamp, as a date.",
    sa.Date(),
    postgresql="CAST(date_trunc('month', {0}) AS DATE)",
    sqlite="date({0}, 'start of month')",
)
day_of = _sql_function(
    "day_of",
    "The date of a timestamp.",
    sa.Date(),
    postgresql="CAST({0} AS DATE)",
    sqlite="date({0})",
)
days_between = _sql_function(
    "days_between",
    "Whole days from the second timestamp to the first (rounded down).",
    sa.Integer(),
    postgresql="CAST(floor(extract(epoch FROM ({0} - {1})) / 86400) AS INTEGER)",
    sqlite="CAST(floor(julianday({0}) - julianday({1})) AS INTEGER)",
)


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


def salary_offered():  # type: ignore[no-untyped-def]
    """SQL: a vacancy's salary, the middle of its minimum and maximum or the one given."""
    return func.coalesce(
        (Vacancy.salary_min + Vacancy.salary_max) / 2.0, Vacancy.salary_min, Vacancy.salary_max
    )
