"""Plain values for parsed curricula, and the issues a parse can report.

Every issue has a stable machine ``code``; the web app translates it with its own copy of
``ISSUE_CODES`` and ``LOCATION_TEMPLATES`` (see ``format_issue``). ``message`` is the English
default built from the same templates.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any

from curricula.limits import DEFAULT_LIMITS, InputLimitError

MAX_DOCUMENT_BYTES = DEFAULT_LIMITS.max_bytes

LEVELS = ("smk", "d3", "d4", "s1", "training")
PHASES = ("A", "B", "C", "D", "E", "F")


@dataclass(frozen=True)
class ParsedOutcome:
    """One learning outcome; ``line`` is where it starts (``page`` is set for PDFs)."""

    text: str
    line: int | None = None
    page: int | None = None


@dataclass(frozen=True)
class UnitAttributes:
    """What a unit says of itself: name, code and the numbers written next to it (a unit
    heading's ``curricula.fields.UnitHeader``, a parsed unit's first fields)."""

    name: str
    code: str = ""
    phase: str | None = None
    semester: int | None = None
    hours: int | None = None
    credits: int | None = None


@dataclass(frozen=True)
class ParsedUnit(UnitAttributes):
    """A unit, subject element or course, with its learning outcomes."""

    outcomes: tuple[ParsedOutcome, ...] = ()
    line: int | None = None
    page: int | None = None


@dataclass(frozen=True)
class ParsedCurriculum:
    """A programme's curriculum as read from one document."""

    programme: str = ""
    concentration: str = ""
    level: str | None = None
    version_year: int | None = None
    units: tuple[ParsedUnit, ...] = ()


# code -> English template; formatted with ``field`` and the issue's params.
ISSUE_CODES: dict[str, str] = {
    "file_too_large": "The file is {size} bytes; the limit is {limit} bytes.",
    "empty_document": "The document is empty.",
    "unsupported_type": (
        "{filename!r} cannot be read as a curriculum: the name ends in {extension!r} but the "
        "content is {detected}. Use CSV, JSON, Markdown, plain text, PDF or DOCX."
    ),
    "legacy_encoding": "The text is not UTF-8; it was read as Windows-1252. Check the letters.",
    "bad_csv": "The CSV cannot be read: {detail}.",
    "missing_column": "Column {field} is missing (columns found: {columns}).",
    "unknown_column": "Column {field} is not part of the template and was ignored.",
    "extra_cells": "The row has {got} cells but the header has {expected}.",
    "missing_value": "{field} must not be empty.",
    "bad_integer": "{field} must be a whole number, got {value!r}.",
    "too_long": "{field} must be at most {max} characters, got {got}.",
    "out_of_range": "{field} must be between {min} and {max}, got {value}.",
    "bad_phase": "{field} must be a phase letter A-F (e.g. 'E' or 'Fase F'), got {value!r}.",
    "bad_level": "{field} must be one of {allowed}, got {value!r}.",
    "conflicting_value": (
        "{field} is {value!r} here but {first_value!r} on line {first_line} for the same unit."
    ),
    "bad_json": "The JSON cannot be read at column {column}: {detail}.",
    "wrong_type": "{field} must be {expected}, got {got}.",
    "missing_field": "{field} is required.",
    "unknown_field": "{field} is not part of the template and was ignored.",
    "outcome_outside_unit": "This outcome is not under any unit heading and was ignored.",
    "skipped_section": "Section {title!r} holds programme-level outcomes and was not imported.",
    "no_units": (
        "No units found: put a heading (e.g. 'Elemen: ...', 'Mata Kuliah: ...' or '## ...') "
        "above each group of learning outcomes."
    ),
    "no_outcomes": "No learning outcomes found under any unit.",
    "unit_without_outcomes": "Unit {unit!r} has no learning outcomes.",
    "unreadable_pdf": "The PDF cannot be read: {detail}.",
    "encrypted_pdf": "The PDF is password-protected; save a copy without a password.",
    "pdf_without_text": (
        "The PDF's {pages} page(s) hold no text (a scan?); export it with text or use DOCX."
    ),
    "unreadable_docx": "The DOCX cannot be read: {detail}.",
    "bad_zip": "The DOCX cannot be opened as a ZIP archive: {detail}.",
    "zip_too_many_entries": "The DOCX holds {count} files; at most {limit} are accepted.",
    "zip_too_large": "The DOCX unpacks to {size} bytes; at most {limit} bytes are accepted.",
    "too_many_pages": "The PDF has {pages} pages; at most {limit} are accepted.",
    "too_many_paragraphs": "The document has {count} paragraphs; at most {limit} are accepted.",
    "too_many_lines": "The document has {count} lines; at most {limit} are accepted.",
    "too_many_outcomes": (
        "The curriculum has {count} learning outcomes; at most {limit} are accepted."
    ),
    "too_deep": "The JSON nests {depth} levels deep; at most {limit} are accepted.",
    "number_too_long": "A number has {digits} digits; at most {limit} are accepted.",
    "bad_number": "{value!r} is not a usable number.",
    "invalid_text": "{field} holds characters that are not valid Unicode.",
}

# Values of the ``detected`` param of "unsupported_type".
CONTENT_KINDS = ("pdf", "docx", "zip", "binary", "text")

# Codes reported as warnings alongside a result; every other code is an error.
WARNING_CODES = frozenset(
    {
        "legacy_encoding",
        "unknown_column",
        "unknown_field",
        "outcome_outside_unit",
        "skipped_section",
        "unit_without_outcomes",
    }
)

# Where an issue is: chosen by ``issue_location`` from the issue's line and params.
LOCATION_TEMPLATES: dict[str, str] = {
    "line": "Line {line}",
    "page": "Page {page}, line {line}",
    "paragraph": "Paragraph {line}",
    "table": "Table {table}, row {row}",
}


def issue_location(line: int | None, params: Mapping[str, Any]) -> str | None:
    """The key of ``LOCATION_TEMPLATES`` that fits an issue, or None when it has no line."""
    if "table" in params:
        return "table"
    if line is None:
        return None
    if "page" in params:
        return "page"
    if params.get("paragraph"):
        return "paragraph"
    return "line"


def format_issue(
    code: str,
    line: int | None = None,
    field: str | None = None,
    params: Mapping[str, Any] | None = None,
    templates: Mapping[str, str] = ISSUE_CODES,
    locations: Mapping[str, str] = LOCATION_TEMPLATES,
) -> str:
    """Render an issue: '<location>: <text>'; pass translated templates to localise."""
    params = dict(params or {})
    values = {"field": field or "", "line": line, **params}
    text = templates.get(code, code).format(**values)
    where = issue_location(line, params)
    if where is None:
        return text
    return f"{locations[where].format(**values)}: {text}"


@dataclass(frozen=True)
class ParseIssue:
    """Something wrong (or worth checking) in a document, with where it is."""

    code: str
    line: int | None = None
    field: str | None = None
    params: dict[str, Any] = dataclass_field(default_factory=dict)
    message: str = ""

    @property
    def is_warning(self) -> bool:
        """True when the document can still be used."""
        return self.code in WARNING_CODES


def make_issue(
    code: str, line: int | None = None, field: str | None = None, **params: Any
) -> ParseIssue:
    """Build an issue with its English message."""
    if code not in ISSUE_CODES:
        raise KeyError(f"unknown issue code {code!r}")
    message = format_issue(code, line, field, params)
    return ParseIssue(code=code, line=line, field=field, params=params, message=message)


class CurriculumParseError(ValueError):
    """The document cannot be used; ``issues`` says why and where."""

    def __init__(self, issues: list[ParseIssue]) -> None:
        self.issues = list(issues)
        super().__init__("\n".join(issue.message for issue in self.issues))


@dataclass(frozen=True)
class ParseResult:
    """A parsed curriculum with the warnings the school should look at."""

    curriculum: ParsedCurriculum
    warnings: tuple[ParseIssue, ...] = ()
    source_format: str = ""


def limit_error(error: InputLimitError) -> CurriculumParseError:
    """The parse error that reports a broken input limit."""
    return CurriculumParseError([make_issue(error.code, **error.params)])
