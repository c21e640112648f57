"""The planners' Outcomes page: applications, interviews, offers and hires through the
platform by regency/city and by the applicants' education; days from posting to the first
application; the share of vacancies open to SMK graduates.

Counts of people below 5 are hidden (``None``), and so is a second cell of a column where one
hidden cell could be recovered by subtracting the others from the total shown
(``app.services.opendata.suppression``, the rule of the open data). Read from the application
outcome cells of the demand aggregate (``ApplicationOutcome``, ``FirstApplication``), kept up
to date when vacancies or applications change."""

from __future__ import annotations

from collections import defaultdict

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from app.extensions import db
from app.labels import choices
from app.models import ApplicationOutcome, FirstApplication
from app.services.opendata.suppression import suppress_group
from app.services.planner import Chart, Figure, Filters
from app.services.planner.demand_counts import (
    SOURCE,
    month_label,
    region_names,
    vacancy_counts,
)
from app.services.planner.registry import register_page
from app.services.planner.salaries import quantile
from app.services.planner.scope import Scope, drill_url

STAGES = ("interview", "offer", "hired")
SMK = "sma_smk"
SUPPRESSION_NOTE = _l(
    "— : hidden, fewer than 5 people (or a second cell hidden so that the first cannot be "
    "recovered from the total)."
)


def pipeline_counts(filters: Filters, column: str) -> dict[object, list[int]]:
    """Per value of an outcome cell column: applications made in the period to vacancies of the
    filters (posted at any time), and how many of them reached an interview, an offer and a
    hire (from the application outcome cells)."""
    cells = ApplicationOutcome
    clauses = [cells.applied_month >= filters.since, cells.applied_month <= filters.until]
    if filters.region_id is not None:
        clauses.append(cells.region_id == filters.region_id)
    if filters.occupation_code:
        clauses.append(cells.occupation_code == filters.occupation_code)
    if filters.education:
        clauses.append(cells.min_education == filters.education)
    key = getattr(cells, column)
    rows = db.session.execute(
        select(
            key, func.sum(cells.applications), func.sum(cells.interviews),
            func.sum(cells.offers), func.sum(cells.hires),
        ).where(*clauses).group_by(key)
    )  # fmt: skip
    return {row[0]: [int(v or 0) for v in row[1:]] for row in rows}


def suppressed_table(
    counts: dict[object, list[int]], labels: dict, total_label: str
) -> tuple[list[list[object]], bool]:
    """Rows (one per key, then the total) with small counts hidden, column by column, so that
    no hidden cell can be recovered from the total; and whether any cell was hidden."""
    keys = sorted(counts, key=lambda k: (-counts[k][0], str(k)))
    width = len(STAGES) + 1
    totals = [sum(counts[k][i] for k in keys) for i in range(width)]
    rows: list[list[object]] = [[labels.get(k, k) if k is not None else _("Not stated")]
                                for k in keys]  # fmt: skip
    total_row: list[object] = [total_label]
    hidden = False
    for i in range(width):
        column = [counts[k][i] for k in keys]
        flags = suppress_group(column, totals[i])
        for row, value, flag in zip(rows, column, flags, strict=True):
            row.append(None if flag else value)
        small = 0 < totals[i] < 5
        total_row.append(None if small else totals[i])
        hidden = hidden or any(flags) or small
    return rows + [total_row], hidden


def _pipeline_figure(filters: Filters, by_district: bool) -> Figure:
    column = "region_id" if by_district else "applicant_education"
    labels = region_names() if by_district else dict(choices("education_level"))
    rows, hidden = suppressed_table(pipeline_counts(filters, column), labels, _("Total"))
    note = (
        _(
            "Applications made in the period through the platform, and how many of them reached "
            "an interview, an offer and a hire (by the regency/city of the vacancy)."
        )
        if by_district
        else _(
            "Applications made in the period through the platform, and how many of them reached "
            "an interview, an offer and a hire (by the education the applicant gave)."
        )
    )
    if hidden:
        note = f"{note} {SUPPRESSION_NOTE}"
    return Figure(
        name="pipeline_by_district" if by_district else "pipeline_by_education",
        title=_("Applications and hires by regency/city")
        if by_district
        else _("Applications and hires by the applicants' education"),
        headers=[
            _("Regency/city") if by_district else _("Education"),
            _("Applications"),
            _("Interviews"),
            _("Offers"),
            _("Hires"),
        ],  # fmt: skip
        rows=rows if len(rows) > 1 else [],
        chart=Chart(kind="bar", values=(1, 2, 3, 4), total_row=True),
        note=note,
        source=str(SOURCE),
    )


def first_applications(filters: Filters) -> dict[object, tuple[int, float]]:
    """Per posting month: how many vacancies of the filters posted in the period have an
    application, and the median of the whole days from posting to the first one (from the
    first-application cells)."""
    cells = FirstApplication
    rows = db.session.execute(
        select(cells.month, cells.days, func.sum(cells.vacancies))
        .where(*Scope(filters).cell_clauses(cells))
        .group_by(cells.month, cells.days)
        .order_by(cells.month, cells.days)
    )
    found: dict[object, list[tuple[float, int]]] = defaultdict(list)
    for month, days, n in rows:
        found[month].append((float(days), int(n)))
    return {m: (sum(n for _, n in days), quantile(days, 0.5)) for m, days in found.items()}


def time_to_application(filters: Filters) -> Figure:
    """Median days from posting to the first application, per posting month."""
    posted = vacancy_counts(Scope(filters), "month")
    firsts = first_applications(filters)
    rows, links = [], {}
    for r, month in enumerate(filters.months):
        count, days = firsts.get(month, (0, None))
        rows.append([month_label(month), posted.get((month,), 0), count,
                     None if days is None else round(days, 1)])  # fmt: skip
        links[(r, 1)] = drill_url(Scope(filters).narrowed(since=month, until=month))
    return Figure(
        name="time_to_application",
        title=_("Days from posting to the first application"),
        headers=[
            _("Posting month"),
            _("Vacancies posted"),
            _("Of them, with an application"),
            _("Median days to the first application"),
        ],  # fmt: skip
        rows=rows,
        chart=Chart(kind="line", values=(3,), x_title=_("Month"), y_title=_("Days")),
        note=_("Empty where no vacancy of the month has an application yet."),
        source=str(SOURCE),
        links=links,
    )


def smk_share(filters: Filters) -> Figure:
    """Per posting month: vacancies posted and the share open to SMK graduates."""
    counts = vacancy_counts(Scope(filters), "month", "min_education")
    rows, links = [], {}
    for r, month in enumerate(filters.months):
        total = sum(n for (m, _level), n in counts.items() if m == month)
        smk = counts.get((month, SMK), 0)
        share = round(100 * smk / total, 1) if total else None
        rows.append([month_label(month), total, smk, share])
        one = Scope(filters).narrowed(since=month, until=month)
        links[(r, 1)] = drill_url(one)
        if not filters.education or filters.education == SMK:
            links[(r, 2)] = drill_url(one.narrowed(education=SMK))
    return Figure(
        name="smk_share",
        title=_("Share of vacancies open to SMK graduates"),
        headers=[
            _("Posting month"),
            _("Vacancies posted"),
            _("Asking SMA/SMK at most"),
            _("Share (%)"),
        ],  # fmt: skip
        rows=rows,
        chart=Chart(
            kind="line", values=(3,), unit="percent", x_title=_("Month"), y_title=_("Share (%)")
        ),  # fmt: skip
        note=_("Vacancies whose minimum education is SMA/SMK, which SMK graduates may apply to."),
        source=str(SOURCE),
        links=links,
    )


@register_page(
    "outcomes",
    _l("Outcomes"),
    _l(
        "What happens through the platform: applications, interviews, offers and hires; how "
        "soon vacancies get a first application; how many vacancies SMK graduates may apply to."
    ),
    order=40,
)
def outcomes_figures(filters: Filters) -> list[Figure]:
    """The Outcomes page's figures for the filters."""
    return [
        _pipeline_figure(filters, by_district=True),
        _pipeline_figure(filters, by_district=False),
        time_to_application(filters),
        smk_share(filters),
    ]
