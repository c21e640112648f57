"""Planners' pages: the home (headline counts and the BPS context), the registered figure pages
(``app.services.planner.registry``: demand, supply, gaps, outcomes...) with one filter form, and
downloads of exactly the table on screen as CSV or XLSX."""

from __future__ import annotations

from flask import Blueprint, Response, abort, render_template, request

from app.auth import policy
from app.auth.decorators import capability_required
from app.labels import choices
from app.language import current_language
from app.planner.forms import PeriodFilterForm, PlannerFilterForm
from app.profile import current_profile
from app.services import context_exports, context_figures, occupation_groups, regions
from app.services.headline_counts import headline_counts
from app.services.planner import (
    Figure,
    Filters,
    add_months,
    drill,
    figure_csv,
    figure_xlsx,
    months_between,
    without_jit,
)
from app.services.planner.registry import PAGES, find_figure, load_pages, menu

bp = Blueprint("planner", __name__)
aggregates_only = capability_required(policy.can_read_aggregates)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MONTHS_OFFERED = 36
load_pages()  # every page module of app.services.planner registers itself


@bp.app_context_processor
def _planner_menu() -> dict[str, object]:
    return {"planner_pages": menu, "planner_filter_args": _filter_args}


def _filter_args() -> dict[str, str]:
    """The filters of the query string (the menu keeps them; not a drill-down's own arguments)."""
    keys = ("since", "until", "region", "occupation", "education")
    return {key: request.args[key] for key in keys if request.args.get(key)}


def _filters() -> tuple[PeriodFilterForm, dict[str, context_figures.ContextTable]]:
    form = PeriodFilterForm(request.args)
    form.set_periods(context_figures.periods())
    tables = context_figures.context_tables(
        form.since.data or None, form.until.data or None, form.survey_round.data or None
    )
    return form, tables


def planner_filters() -> tuple[PlannerFilterForm, Filters]:
    """The filter form of the figure pages, read from the query string, and its filters."""
    default = Filters.default()
    form = PlannerFilterForm(request.args)
    form.set_choices(
        months_between(add_months(default.until, 1 - MONTHS_OFFERED), default.until),
        regions.region_choices(),
        [(g.code, f"{g.code} {g.title_id}") for g in occupation_groups.all_groups()],
        choices("education_level"),
    )
    return form, form.filters(default)


@bp.route("/")
@aggregates_only
def index() -> str:
    """Headline counts and the context charts with their tables."""
    form, tables = _filters()
    cells = {name: context_exports.table_cells(table) for name, table in tables.items()}
    return render_template(
        "planner/index.html",
        form=form,
        counts=headline_counts(),
        tables=tables,
        cells=cells,
        row_label=context_exports.row_label,
        source_note=current_profile().source_note,
    )


@bp.route("/context/<name>.<fmt>")
@aggregates_only
def download(name: str, fmt: str) -> Response:
    """Exactly the table of the page (same filters) as CSV or XLSX."""
    if name not in context_figures.TABLES or fmt not in ("csv", "xlsx"):
        abort(404)
    form, tables = _filters()
    table = tables[name]
    filename = f"tpt_{name}_{table.period or form.until.data or 'all'}.{fmt}"
    headers = {"Content-Disposition": f'attachment; filename="{filename}"'}
    if fmt == "csv":
        body = context_exports.table_csv(table)
        return Response(body, mimetype="text/csv; charset=utf-8", headers=headers)
    return Response(context_exports.table_xlsx(table), mimetype=XLSX, headers=headers)


@bp.route("/vacancies")
@aggregates_only
def vacancies() -> str:
    """The vacancies behind a number of a page (its link's filters and scope), paginated."""
    form, filters = planner_filters()
    without_jit()
    scope = drill.scope_from_args(request.args, filters)
    locale = current_language()
    rows, paging = drill.list_page(scope, request.args.get("page", 1, type=int), locale)
    return render_template(
        "planner/vacancies.html",
        form=form,
        scope=scope,
        rows=rows,
        paging=paging,
        skill=drill.skill_label(scope, locale),
        args=scope.query_args(),
    )


@bp.route("/<page>")
@aggregates_only
def page(page: str) -> str:
    """A registered figure page with the filters of the query string."""
    registered = PAGES.get(page)
    if registered is None or registered.figures is None:
        abort(404)
    form, filters = planner_filters()
    without_jit()
    return render_template(
        "planner/page.html",
        page=registered,
        form=form,
        filters=filters,
        figures=registered.figures(filters),
    )


@bp.route("/<page>/<figure>.<fmt>")
@aggregates_only
def download_figure(page: str, figure: str, fmt: str) -> Response:
    """One figure's table, with the page's filters, as CSV or XLSX: what is on screen."""
    if fmt not in ("csv", "xlsx"):
        abort(404)
    _, filters = planner_filters()
    without_jit()
    found = find_figure(page, figure, filters)
    if found is None:
        abort(404)
    return figure_download(found, filters, fmt)


def figure_download(figure: Figure, filters: Filters, fmt: str) -> Response:
    """A figure as an attachment named after it and its period."""
    period = f"{filters.since:%Y-%m}_{filters.until:%Y-%m}"
    headers = {"Content-Disposition": f'attachment; filename="{figure.name}_{period}.{fmt}"'}
    if fmt == "csv":
        return Response(figure_csv(figure), mimetype="text/csv; charset=utf-8", headers=headers)
    return Response(figure_xlsx(figure), mimetype=XLSX, headers=headers)


# The pages register themselves on import (after ``bp`` exists: they add views to it).
from app.planner import gap_views  # noqa: E402, F401
