"""Markdown (pipe) tables of courses or subjects inside a text curriculum.

Schools and campuses paste their course list as a table (``| Kode | Mata kuliah | SKS | Smt |``)
and often describe some of the courses below it (``**TI1101 Algoritma dan Pemrograman**`` then
``CPMK-1: ...``). A table whose header names a unit column (the CSV template's column names and
aliases: Mata kuliah, Mata pelajaran, Elemen, Nama ...) is a course table: each row is a unit with
its code, credits, semester, hours and phase, and the cells of an outcome column (Capaian
Pembelajaran, CPMK, Tujuan Pembelajaran; several outcomes in one cell split at ``<br>``) are its
outcomes. Any other table is left to the text reader.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from curricula.assemble import normalise_column
from curricula.fields import FieldError, UnitHeader, parse_int, parse_phase, split_unit_header
from curricula.titles import SourceLine, strip_markup

_ROW = re.compile(r"^\s*\|.*\|\s*$")
_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_CELL_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_BOLD_LINE = re.compile(
    r"^\s*(?:\d{1,2}[.)]\s+)?(?:\*\*|__)(?P<text>[^*_].*?)(?:\*\*|__)(?P<rest>[^*_]*)$"
)
_MARKER = re.compile(r"\((?:pilihan|wajib|elective|optional)\)", re.IGNORECASE)
_NUMBERED_UNIT = re.compile(r"^unit\s+\d{1,2}\s*[.:)\-–]\s*(?P<name>\S.*)$", re.IGNORECASE)


@dataclass(frozen=True)
class TableRow:
    """One row of a course table: the unit it declares and the outcome texts of its cells."""

    header: UnitHeader
    outcomes: tuple[str, ...]


@dataclass(frozen=True)
class TableLine:
    """What a line of a course table is: its header or separator (``row`` None) or a unit row."""

    row: TableRow | None = None
    first: bool = False  # the table's header line: the reader starts the table's units here


def cells(line: str) -> list[str]:
    """The cells of a pipe-table line, outer pipes dropped (``\\|`` stays inside a cell)."""
    body = line.strip()
    body = body[1:] if body.startswith("|") else body
    body = body[:-1] if body.endswith("|") and not body.endswith("\\|") else body
    return [strip_markup(cell.replace("\\|", "|")) for cell in re.split(r"(?<!\\)\|", body)]


def course_columns(header: Sequence[str]) -> dict[str, int] | None:
    """Template column -> cell index when the header makes a course table (it names units)."""
    columns: dict[str, int] = {}
    for index, cell in enumerate(header):
        name = normalise_column(cell)
        columns.setdefault(name, index)
    return columns if "unit_name" in columns else None


def _row(values: Sequence[str], columns: dict[str, int]) -> TableRow | None:
    def cell(name: str) -> str:
        index = columns.get(name)
        return values[index].strip() if index is not None and index < len(values) else ""

    name = cell("unit_name")
    if not name:
        return None
    header = split_unit_header(name)
    header = replace(header, code=cell("unit_code") or header.code)
    for column in ("semester", "hours", "credits"):
        try:
            value = parse_int(cell(column), column)
        except FieldError:
            value = None
        if value is not None:
            header = replace(header, **{column: value})
    with contextlib.suppress(FieldError):
        header = replace(header, phase=parse_phase(cell("phase")) or header.phase)
    outcomes = tuple(
        " ".join(part.split()) for part in _CELL_BREAK.split(cell("outcome")) if part.strip()
    )
    return TableRow(header, outcomes)


def course_tables(lines: Sequence[SourceLine]) -> dict[int, TableLine]:
    """Index in ``lines`` -> ``TableLine`` for every line of a course table (a header row, a
    separator row, then rows), nothing for the lines of other tables."""
    out: dict[int, TableLine] = {}
    i = 0
    while i + 1 < len(lines):
        columns = None
        if _ROW.match(lines[i].text) and _SEPARATOR.match(lines[i + 1].text):
            columns = course_columns(cells(lines[i].text))
        if columns is None:
            i += 1
            continue
        out[i], out[i + 1] = TableLine(first=True), TableLine()
        i += 2
        while i < len(lines) and _ROW.match(lines[i].text):
            out[i] = TableLine(_row(cells(lines[i].text), columns))
            i += 1
    return out


def bold_unit_code(line: str) -> str | None:
    """The unit code a bold line starts with ('**TI1101 Algoritma dan Pemrograman**')."""
    header = course_heading(line)
    return header.code or None if header else None


def course_heading(line: str) -> UnitHeader | None:
    """The unit a bold course line declares: a bold title that starts with a unit code or
    'Unit 1.', then nothing but its credits, hours or semester ('**TI2210 Pemrograman Perangkat
    Bergerak** – 4 SKS, semester 4', '1. **SIA-311 Statistika** (3 SKS, semester 3)', '**Unit 2.
    Memahami dasar serat optik** (24 JP)'); None for any other line."""
    match = _BOLD_LINE.match(line)
    if not match:
        return None
    title, rest = match.group("text").strip(), match.group("rest").replace("·", ",")
    rest = _MARKER.sub("", rest).strip()
    numbered = _NUMBERED_UNIT.match(title)
    header = split_unit_header(f"{numbered.group('name') if numbered else title} {rest}")
    if not (header.code or numbered) or not header.name or header.name.endswith(":"):
        return None
    if rest and rest.strip(" ,-–—|") in header.name:
        return None  # the words after the bold title are not only its numbers
    return header
