"""The salary figures of the planners' Demand page: the quartiles of the salaries offered per
occupation or district, exact from the ``SalaryDemand`` cells."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from flask_babel import gettext as _
from sqlalchemy import func, select

from app.extensions import db
from app.models import SalaryDemand
from app.services.planner import Chart, Figure, Filters
from app.services.planner.demand_counts import (
    SOURCE,
    narrow_occupation,
    occupation_names,
    region_names,
)
from app.services.planner.scope import Scope, drill_url

QUARTILES = (0.25, 0.5, 0.75)


def quantile(values: Sequence[tuple[float, int]], q: float) -> float:
    """The ``q`` quantile of sorted (value, count) pairs, each value repeated ``count`` times,
    by linear interpolation (PostgreSQL's ``percentile_cont``)."""
    position = q * (sum(n for _, n in values) - 1)
    low, high = int(position), int(position) + 1
    below, low_value, high_value = 0, None, None
    for value, n in values:
        if low_value is None and low < below + n:
            low_value = value
        if high < below + n:
            high_value = value
            break
        below += n
    low_value = values[-1][0] if low_value is None else low_value
    high_value = low_value if high_value is None else high_value
    return low_value + (high_value - low_value) * (position - low)


def salary_quartiles(scope: Scope, column: str) -> dict[object, tuple[int, ...]]:
    """Per value of a cell column: how many vacancies of ``scope`` give a salary, and the
    quartiles of their salaries (from the salary cells: exact)."""
    key = getattr(SalaryDemand, column)
    rows = db.session.execute(
        select(key, SalaryDemand.salary, func.sum(SalaryDemand.vacancies))
        .where(*scope.cell_clauses(SalaryDemand))
        .group_by(key, SalaryDemand.salary)
        .order_by(key, SalaryDemand.salary)
    )
    amounts: dict[object, list[tuple[float, int]]] = defaultdict(list)
    for value, salary, n in rows:
        amounts[value].append((float(salary), int(n)))
    return {
        value: (sum(n for _, n in found), *(round(quantile(found, q)) for q in QUARTILES))
        for value, found in amounts.items()
    }


def salary_figure(filters: Filters, column: str) -> Figure:
    """Salary ranges of the vacancies posted in the period, per occupation or district: the
    quartiles of each vacancy's salary (the middle of its minimum and maximum, or the one
    given), with how many vacancies gave one."""
    scope = Scope(filters, with_salary=True)
    found = salary_quartiles(scope, column)
    by_occupation = column == "occupation_code"
    labels: dict = (
        {**occupation_names(), None: _("Not classified yet")} if by_occupation else region_names()
    )
    rows, links = [], {}
    for r, value in enumerate(sorted(found, key=lambda v: (-found[v][0], str(v)))):
        count, *quartiles = found[value]
        rows.append([labels.get(value, value), count, *quartiles])
        narrowed = (
            narrow_occupation(scope, value) if by_occupation else scope.narrowed(region_id=value)
        )
        links[(r, 1)] = drill_url(
            Scope(narrowed.filters, "posted", unclassified=narrowed.unclassified, with_salary=True)
        )
    header = _("Occupation") if by_occupation else _("Regency/city")
    return Figure(
        name=f"salary_by_{'occupation' if by_occupation else 'district'}",
        title=_("Monthly salary offered by occupation")
        if by_occupation
        else _("Monthly salary offered by regency/city"),
        headers=[
            header,
            _("Vacancies with a salary"),
            _("25th percentile (Rp)"),
            _("Median (Rp)"),
            _("75th percentile (Rp)"),
        ],  # fmt: skip
        rows=rows,
        chart=Chart(kind="bar-horizontal", values=(2, 3, 4), unit="count"),
        note=_(
            "Vacancies posted in the period that give a salary: the middle of its minimum and "
            "maximum, or the one given."
        ),
        source=str(SOURCE),
        links=links,
    )
