"""The project's CSV and JSON curriculum templates: reading them, and writing the JSON form.

CSV: one row per learning outcome, columns ``unit_code, unit_name, phase, semester, hours,
credits, outcome`` (comma or semicolon, UTF-8 with or without BOM); units are grouped by code and
name in order of appearance. Lines starting with ``#`` before the header may carry title lines
('# Program Keahlian: ...'). JSON: ``{"programme", "concentration", "level", "version_year",
"units": [{"code", "name", "phase", "semester", "hours", "credits", "outcomes": [...]}]}``.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from typing import Any

from curricula.assemble import TEMPLATE_COLUMNS, UnitRows, finish, map_columns
from curricula.fields import FieldError, parse_int, parse_level, parse_phase
from curricula.limits import (
    DEFAULT_LIMITS,
    InputLimitError,
    InputLimits,
    has_surrogates,
    load_json,
)
from curricula.model import (
    CurriculumParseError,
    ParsedCurriculum,
    ParsedOutcome,
    ParsedUnit,
    ParseIssue,
    limit_error,
    make_issue,
)
from curricula.titles import TitleInfo

Parsed = tuple[ParsedCurriculum, tuple[ParseIssue, ...]]
JSON_TOP = ("programme", "concentration", "level", "version_year", "units")
JSON_UNIT = ("code", "name", "phase", "semester", "hours", "credits", "outcomes")


def _delimiter(header: str) -> str:
    counts = {sep: header.count(sep) for sep in (",", ";", "\t")}
    return max(counts, key=lambda sep: counts[sep]) if any(counts.values()) else ","


def parse_csv(text: str) -> Parsed:
    """Parse the CSV template; errors name the line and the column."""
    text = text.lstrip("\ufeff")
    lines = text.splitlines()
    titles, skipped = TitleInfo(), 0
    while skipped < len(lines) and (not lines[skipped].strip() or lines[skipped].startswith("#")):
        titles.read_line(lines[skipped].lstrip("# ").strip())
        skipped += 1
    if skipped == len(lines):
        raise CurriculumParseError([make_issue("empty_document")])
    body = "\n".join(lines[skipped:])
    reader = csv.reader(io.StringIO(body, newline=""), delimiter=_delimiter(lines[skipped]))
    issues: list[ParseIssue] = []
    rows, columns, width, end = UnitRows(issues), None, 0, 0
    try:
        for cells in reader:
            start, end = end + 1, reader.line_num
            line = start + skipped
            if columns is None:
                columns, width = map_columns(cells, line, {}, issues), len(cells)
                if columns is None:
                    break
                continue
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) > width and any(cell.strip() for cell in cells[width:]):
                issues.append(make_issue("extra_cells", line, got=len(cells), expected=width))
                continue
            rows.add(
                {name: cells[i] if i < len(cells) else "" for name, i in columns.items()}, line, {}
            )
    except csv.Error as error:
        issues.append(make_issue("bad_csv", reader.line_num + skipped, detail=str(error)))
    return finish(rows.units(), issues, **vars(titles))


def _path(parent: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{parent}[{key}]"
    return f"{parent}.{key}" if parent else key


def _type_name(value: object) -> str:
    names = {
        dict: "an object",
        list: "a list",
        str: "text",
        bool: "true/false",
        int: "a number",
        float: "a number",
        type(None): "null",
    }
    return names.get(type(value), type(value).__name__)


class _JsonReader:
    def __init__(self) -> None:
        self.issues: list[ParseIssue] = []

    def typed(self, value: Any, path: str, kind: type, expected: str) -> bool:
        if isinstance(value, str) and has_surrogates(value):
            self.issues.append(make_issue("invalid_text", None, path))
            return False
        if isinstance(value, kind) and not isinstance(value, bool):
            return True
        self.issues.append(
            make_issue("wrong_type", None, path, expected=expected, got=_type_name(value))
        )
        return False

    def text(self, data: Mapping[str, Any], key: str, path: str) -> str:
        value = data.get(key)
        if value is None:
            return ""
        if isinstance(value, int | float) and not isinstance(value, bool):
            return str(value)
        return value.strip() if self.typed(value, _path(path, key), str, "text") else ""

    def value(self, data: Mapping[str, Any], key: str, path: str) -> Any:
        raw = data.get(key)
        if isinstance(raw, dict | list):
            self.typed(raw, _path(path, key), str, "a single value")
            return None
        try:
            if key == "phase":
                return parse_phase(raw)
            return parse_level(raw) if key == "level" else parse_int(raw, key)
        except FieldError as error:
            self.issues.append(make_issue(error.code, None, _path(path, key), **error.params))
            return None

    def unknown(self, data: Mapping[str, Any], known: tuple[str, ...], path: str) -> None:
        for key in data:
            if key not in known:
                self.issues.append(make_issue("unknown_field", None, _path(path, str(key))))

    def unit(self, data: Any, path: str) -> ParsedUnit | None:
        if not self.typed(data, path, dict, "an object"):
            return None
        self.unknown(data, JSON_UNIT, path)
        name = self.text(data, "name", path)
        if not name and "name" not in data:
            self.issues.append(make_issue("missing_field", None, _path(path, "name")))
        elif not name:
            self.issues.append(make_issue("missing_value", None, _path(path, "name")))
        outcomes: list[ParsedOutcome] = []
        raw_outcomes = data.get("outcomes", [])
        if self.typed(raw_outcomes, _path(path, "outcomes"), list, "a list of texts"):
            for index, item in enumerate(raw_outcomes):
                item_path = _path(_path(path, "outcomes"), index)
                if isinstance(item, dict):
                    item = item.get("text")
                if self.typed(item, item_path, str, "text") and item.strip():
                    outcomes.append(ParsedOutcome(" ".join(item.split())))
        values = {key: self.value(data, key, path) for key in JSON_UNIT[2:6]}
        return ParsedUnit(
            name=name, code=self.text(data, "code", path), outcomes=tuple(outcomes), **values
        )


def curriculum_from_mapping(data: Any) -> Parsed:
    """Check a decoded JSON template (or a corrected tree from a form); errors name the path."""
    reader = _JsonReader()
    if not reader.typed(data, "document", dict, "an object"):
        raise CurriculumParseError(reader.issues)
    reader.unknown(data, JSON_TOP, "")
    meta = {key: reader.text(data, key, "") for key in ("programme", "concentration")}
    meta["level"] = reader.value(data, "level", "")
    meta["version_year"] = reader.value(data, "version_year", "")
    units: list[ParsedUnit] = []
    if "units" not in data:
        reader.issues.append(make_issue("missing_field", None, "units"))
    elif reader.typed(data["units"], "units", list, "a list of units"):
        for index, item in enumerate(data["units"]):
            unit = reader.unit(item, _path("units", index))
            units.append(unit) if unit is not None else None
    return finish(units, reader.issues, **meta)


def parse_json(text: str, limits: InputLimits = DEFAULT_LIMITS) -> Parsed:
    """Parse the JSON template; syntax errors name the line and column, limits are checked."""
    try:
        data = load_json(text.lstrip("\ufeff"), limits)
    except InputLimitError as error:
        raise limit_error(error) from error
    except json.JSONDecodeError as error:
        raise CurriculumParseError(
            [make_issue("bad_json", error.lineno, column=error.colno, detail=error.msg)]
        ) from error
    return curriculum_from_mapping(data)


def curriculum_to_mapping(curriculum: ParsedCurriculum) -> dict[str, Any]:
    """The JSON template form of a curriculum (``curriculum_from_mapping`` reads it back)."""
    return {
        "programme": curriculum.programme,
        "concentration": curriculum.concentration,
        "level": curriculum.level,
        "version_year": curriculum.version_year,
        "units": [
            {
                "code": unit.code,
                "name": unit.name,
                "phase": unit.phase,
                "semester": unit.semester,
                "hours": unit.hours,
                "credits": unit.credits,
                "outcomes": [outcome.text for outcome in unit.outcomes],
            }
            for unit in curriculum.units
        ],
    }


def curriculum_to_csv(curriculum: ParsedCurriculum) -> str:
    """The CSV template form of a curriculum, one row per outcome."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(TEMPLATE_COLUMNS)
    for unit in curriculum.units:
        numbers = [unit.phase or "", unit.semester, unit.hours, unit.credits]
        cells = [unit.code, unit.name, *("" if n is None else n for n in numbers)]
        for outcome in unit.outcomes or (ParsedOutcome(""),):
            writer.writerow([*cells, outcome.text])
    return buffer.getvalue()
