"""The planners' context tables as cells (headers and rows exactly as the page shows them) and
as CSV or XLSX downloads of those same cells."""

from __future__ import annotations

import io

from flask_babel import lazy_gettext as _l

from app.labels import label
from app.profile import current_profile
from app.services.context_figures import ContextTable
from app.services.csv_safe import SafeWriter, safe_cell


def _first_header(table: ContextTable) -> str:
    return {
        "province": str(_l("Period")),
        "districts": str(_l("Regency/city")),
        "education": str(_l("Education")),
    }[table.name]


def row_label(table: ContextTable, key: str) -> str:
    """What the first column shows for a row (education levels are translated)."""
    if table.name == "education":
        return str(label("education_breakdown", key))
    return key


def table_cells(table: ContextTable) -> tuple[list[str], list[list[object]]]:
    """Headers and rows of a context table, as on the page and in its downloads."""
    headers = [
        _first_header(table),
        str(_l("Area code")),
        str(_l("Period")),
        str(_l("Open unemployment rate (%)")),
        str(_l("Source")),
    ]
    rows: list[list[object]] = [
        [row_label(table, r.key), r.area_code, r.period, r.value, r.source] for r in table.rows
    ]
    return headers, rows


def table_csv(table: ContextTable) -> str:
    """The table's cells as CSV (text cells cannot start a spreadsheet formula)."""
    headers, rows = table_cells(table)
    buffer = io.StringIO()
    writer = SafeWriter(buffer)
    for row in [headers, *rows]:
        writer.writerow(row)
    return buffer.getvalue()


def table_xlsx(table: ContextTable) -> bytes:
    """The table's cells as an XLSX workbook of one sheet (with the source note below)."""
    from openpyxl import Workbook

    headers, rows = table_cells(table)
    book = Workbook()
    sheet = book.active
    sheet.title = table.name
    for row in [headers, *rows]:
        sheet.append([safe_cell(value) for value in row])
    sheet.append([])
    sheet.append([current_profile().source_note])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
