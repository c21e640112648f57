"""What the planners' pages show, as data: the filters every page takes (``Filters``) and the
figures it draws (``Figure``: a table with its chart, note and source), exported as CSV or
XLSX exactly as on screen. The pages' figures are computed by ``pages`` modules from aggregates;
this module knows nothing of any one page."""

from __future__ import annotations

import io
from dataclasses import dataclass, field, replace
from datetime import date

from app.services.clock import today
from app.services.csv_safe import SafeWriter, safe_cell

DEFAULT_MONTHS = 12


def without_jit() -> None:
    """On PostgreSQL, no JIT compilation for the rest of this transaction. The planners' queries
    may join and group some 100,000 rows, which PostgreSQL estimates above its JIT threshold:
    compiling such a query took 3.7 s where running it took 0.5 s (a first version of the
    Outcomes page, 200,000 vacancies and 150,000 applications, ``EXPLAIN ANALYZE``)."""
    from sqlalchemy import text

    from app.extensions import db

    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(text("SET LOCAL jit = off"))


def month_start(day: date) -> date:
    """The first day of ``day``'s month."""
    return day.replace(day=1)


def add_months(month: date, count: int) -> date:
    """The first day of the month ``count`` months after ``month`` (negative: before)."""
    index = month.year * 12 + month.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


def months_between(since: date, until: date) -> list[date]:
    """Every month from ``since`` to ``until`` (first days, both included)."""
    months, month = [], month_start(since)
    while month <= until:
        months.append(month)
        month = add_months(month, 1)
    return months


@dataclass(frozen=True)
class Filters:
    """A planner's choice: the months from ``since`` to ``until`` (first days, both included),
    and optionally one kabupaten/kota, one KBJI occupation group and one education level."""

    since: date
    until: date
    region_id: int | None = None
    occupation_code: str | None = None
    education: str | None = None

    @classmethod
    def default(cls) -> Filters:
        """The last twelve months, this month included, the whole province."""
        until = month_start(today())
        return cls(since=add_months(until, 1 - DEFAULT_MONTHS), until=until)

    @property
    def months(self) -> list[date]:
        """Every month of the period."""
        return months_between(self.since, self.until)

    def year_earlier(self) -> Filters:
        """The same months a year before (to compare a quarter with the same quarter)."""
        return replace(self, since=add_months(self.since, -12), until=add_months(self.until, -12))

    def query_args(self) -> dict[str, str]:
        """The filters as the query string of the pages (for links and downloads)."""
        args = {"since": self.since.strftime("%Y-%m"), "until": self.until.strftime("%Y-%m")}
        if self.region_id is not None:
            args["region"] = str(self.region_id)
        if self.occupation_code:
            args["occupation"] = self.occupation_code
        if self.education:
            args["education"] = self.education
        return args


@dataclass(frozen=True)
class Chart:
    """How a figure's table is drawn: ``kind`` is ``line`` (months on the x axis), ``bar``,
        ``bar-horizontal`` or ``heatmap`` (the table itself, cells shaded by value). ``label``
        is the column index of the labels, ``values`` the column indices of the series (each
        series is named by its header); ``unit`` is ``count`` or ``percent``. ``total_row``: the
    table's last row is a total, shown in the table and left out of the chart."""

    kind: str
    label: int = 0
    values: tuple[int, ...] = (1,)
    unit: str = "count"
    x_title: str = ""
    y_title: str = ""
    total_row: bool = False


@dataclass
class Figure:
    """One table of a page with its chart. ``links`` maps (row, column) to the URL of the
    vacancies or programmes behind that number (the drill-down). A cell that is ``None`` is
    empty on screen and in downloads (``suppressed`` rows say why)."""

    name: str
    title: str
    headers: list[str]
    rows: list[list[object]]
    chart: Chart | None = None
    note: str = ""
    source: str = ""
    links: dict[tuple[int, int], str] = field(default_factory=dict)

    def chart_spec(self) -> dict[str, object] | None:
        """The chart as the JSON the page's script draws (same rows as the table)."""
        if self.chart is None or not self.rows or self.chart.kind == "heatmap":
            return None
        chart = self.chart
        rows = self.rows[:-1] if chart.total_row else self.rows
        return {
            "kind": chart.kind,
            "unit": chart.unit,
            "title": self.title,
            "source": self.source,
            "x": chart.x_title,
            "y": chart.y_title,
            "labels": [_text(row[chart.label]) for row in rows],
            "series": [
                {"name": self.headers[i], "values": [row[i] for row in rows]} for i in chart.values
            ],
        }

    def heat(self) -> dict[tuple[int, int], float]:
        """For a heat map: each value cell's shade from 0 to 1 (its share of the largest)."""
        if self.chart is None or self.chart.kind != "heatmap":
            return {}
        cells = {
            (r, c): float(row[c])
            for r, row in enumerate(self.rows)
            for c in self.chart.values
            if isinstance(row[c], int | float)
        }
        top = max(cells.values(), default=0.0)
        return {key: (value / top if top > 0 else 0.0) for key, value in cells.items()}


def _text(value: object) -> str:
    return "" if value is None else str(value)


def figure_csv(figure: Figure) -> str:
    """The figure's table as CSV (its source on the last line; text cells cannot start a
    spreadsheet formula)."""
    buffer = io.StringIO()
    writer = SafeWriter(buffer)
    for row in [figure.headers, *figure.rows]:
        writer.writerow(["" if value is None else value for value in row])
    if figure.source:
        writer.writerow([figure.source])
    return buffer.getvalue()


def figure_xlsx(figure: Figure) -> bytes:
    """The figure's table as an XLSX workbook of one sheet (the note and source below)."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = figure.name[:31]
    for row in [figure.headers, *figure.rows]:
        sheet.append([safe_cell(value) for value in row])
    sheet.append([])
    for line in (figure.note, figure.source):
        if line:
            sheet.append([line])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
