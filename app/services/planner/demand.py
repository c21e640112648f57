"""The planners' Demand page: vacancies posted and open by month, district, occupation and
education asked; the skills most demanded, the rising and the new ones; salary ranges; a
district x skill heat map. Counts are read from the demand aggregate (``VacancyDemand`` and
``SkillDemand`` cells; ``demand_counts``), salaries from the salary cells (``salaries``); every
count links to the drill-down. The skill figures are in ``demand_skills``."""

from __future__ import annotations

from collections.abc import Callable

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.labels import choices
from app.services.planner import Chart, Figure, Filters
from app.services.planner.demand_counts import (
    SOURCE,
    month_label,
    narrow_occupation,
    occupation_names,
    region_names,
    vacancy_counts,
)
from app.services.planner.demand_skills import heat_map, top_skills, trends
from app.services.planner.registry import register_page
from app.services.planner.salaries import salary_figure
from app.services.planner.scope import Scope, drill_url


def per_month(filters: Filters) -> Figure:
    """Vacancies posted in each month and open during it."""
    posted = vacancy_counts(Scope(filters), "month")
    spans = vacancy_counts(Scope(filters, "open"), "month", "closed_month")
    rows, links = [], {}
    for r, month in enumerate(filters.months):
        open_now = sum(
            n
            for (start, end), n in spans.items()
            if start <= month and (end is None or end >= month)
        )
        rows.append([month_label(month), posted.get((month,), 0), open_now])
        one = Scope(filters).narrowed(since=month, until=month)
        links[(r, 1)] = drill_url(one)
        links[(r, 2)] = drill_url(Scope(one.filters, "open"))
    return Figure(
        name="per_month",
        title=_("Vacancies posted and open per month"),
        headers=[_("Month"), _("Posted"), _("Open during the month")],
        rows=rows,
        chart=Chart(kind="line", values=(1, 2), x_title=_("Month"), y_title=_("Vacancies")),
        note=_("Open during the month: posted by its end and not closed before it started."),
        source=str(SOURCE),
        links=links,
    )


def _by(
    filters: Filters,
    name: str,
    title: str,
    header: str,
    column: str,
    labels: dict,
    narrow: Callable[[Scope, object], Scope],
) -> Figure:
    """Vacancies posted in the period and open during it, per value of one cell column."""
    posted = vacancy_counts(Scope(filters), column)
    opened = vacancy_counts(Scope(filters, "open"), column)
    keys = sorted(set(posted) | set(opened), key=lambda k: (-posted.get(k, 0), str(k[0])))
    rows, links = [], {}
    for r, key in enumerate(keys):
        value = key[0]
        rows.append([labels.get(value, value), posted.get(key, 0), opened.get(key, 0)])
        links[(r, 1)] = drill_url(narrow(Scope(filters), value))
        links[(r, 2)] = drill_url(narrow(Scope(filters, "open"), value))
    return Figure(
        name=name,
        title=title,
        headers=[header, _("Posted in the period"), _("Open during the period")],
        rows=rows,
        chart=Chart(kind="bar" if column == "region_id" else "bar-horizontal", values=(1, 2)),
        source=str(SOURCE),
        links=links,
    )


def by_district(filters: Filters) -> Figure:
    """Vacancies per kabupaten/kota."""
    return _by(
        filters, "by_district", _("Vacancies by regency/city"), _("Regency/city"), "region_id",
        region_names(), lambda scope, value: scope.narrowed(region_id=value),
    )  # fmt: skip


def by_occupation(filters: Filters) -> Figure:
    """Vacancies per KBJI group (and those not classified yet)."""
    labels: dict = {**occupation_names(), None: _("Not classified yet")}
    return _by(
        filters, "by_occupation", _("Vacancies by occupation (KBJI 2014)"), _("Occupation"),
        "occupation_code", labels, narrow_occupation,
    )  # fmt: skip


def by_education(filters: Filters) -> Figure:
    """Vacancies per education level asked."""
    return _by(
        filters, "by_education", _("Vacancies by education asked"), _("Minimum education"),
        "min_education", dict(choices("education_level")),
        lambda scope, value: scope.narrowed(education=value),
    )  # fmt: skip


@register_page(
    "demand",
    _l("Demand"),
    _l(
        "What employers ask for: vacancies posted and open, by month, regency/city, occupation "
        "and education asked; the skills most demanded, rising and new; salaries offered."
    ),
    order=10,
)
def demand_figures(filters: Filters) -> list[Figure]:
    """The Demand page's figures for the filters."""
    return [
        per_month(filters),
        by_district(filters),
        by_occupation(filters),
        by_education(filters),
        top_skills(filters),
        *trends(filters),
        salary_figure(filters, "occupation_code"),
        salary_figure(filters, "region_id"),
        heat_map(filters),
    ]
