"""Planners' home: headline counts and the BPS context (open unemployment over time, by
kabupaten/kota and by education), each chart with its table and downloads of that table."""

from __future__ import annotations

from flask import Blueprint, Response, abort, render_template, request

from app.auth import policy
from app.auth.decorators import capability_required
from app.planner.forms import PeriodFilterForm
from app.services import context_exports, context_figures
from app.services.headline_counts import headline_counts

bp = Blueprint("planner", __name__)
aggregates_only = capability_required(policy.can_read_aggregates)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _filters() -> tuple[PeriodFilterForm, dict[str, context_figures.ContextTable]]:
    form = PeriodFilterForm(request.args)
    form.set_periods(context_figures.periods())
    tables = context_figures.context_tables(
        form.since.data or None, form.until.data or None, form.survey_round.data or None
    )
    return form, tables


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
        source_note=context_exports.SOURCE_NOTE,
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
