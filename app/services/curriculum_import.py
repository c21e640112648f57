"""Curriculum import: parse an uploaded document, let the school correct the tree, save it.

``curricula`` does the parsing; this module translates its issues, turns the review form back
into the template mapping (checked again with ``curriculum_from_mapping``), and saves the
curriculum with the skills read from each learning outcome.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import current_app
from flask_babel import lazy_gettext as _l

import curricula
from app.extensions import db
from app.models import Curriculum, CurriculumUnit, LearningOutcome, User
from app.services import vectors
from app.services.curricula import extract_outcome_skills, read_skills_later
from app.validators import whole_number
from curricula import (
    CurriculumParseError,
    ParsedCurriculum,
    ParseIssue,
    curriculum_from_mapping,
    curriculum_to_mapping,
    format_issue,
    parse_document,
)
from curricula.limits import without_surrogates

# Translated copies of curricula.ISSUE_CODES / LOCATION_TEMPLATES (same placeholders).
ISSUE_TEMPLATES: dict[str, Any] = {
    "file_too_large": _l("The file is {size} bytes; the limit is {limit} bytes."),
    "empty_document": _l("The document is empty."),
    "unsupported_type": _l(
        "{filename!r} cannot be read as a curriculum: the name ends in {extension!r} but the "
        "content is {detected}. Use CSV, JSON, Markdown, plain text, PDF or DOCX."
    ),
    "legacy_encoding": _l("The text is not UTF-8; it was read as Windows-1252. Check the letters."),
    "bad_csv": _l("The CSV cannot be read: {detail}."),
    "missing_column": _l("Column {field} is missing (columns found: {columns})."),
    "unknown_column": _l("Column {field} is not part of the template and was ignored."),
    "extra_cells": _l("The row has {got} cells but the header has {expected}."),
    "missing_value": _l("{field} must not be empty."),
    "bad_integer": _l("{field} must be a whole number, got {value!r}."),
    "too_long": _l("{field} must be at most {max} characters, got {got}."),
    "out_of_range": _l("{field} must be between {min} and {max}, got {value}."),
    "bad_phase": _l("{field} must be a phase letter A-F (e.g. 'E' or 'Fase F'), got {value!r}."),
    "bad_level": _l("{field} must be one of {allowed}, got {value!r}."),
    "conflicting_value": _l(
        "{field} is {value!r} here but {first_value!r} on line {first_line} for the same unit."
    ),
    "bad_json": _l("The JSON cannot be read at column {column}: {detail}."),
    "wrong_type": _l("{field} must be {expected}, got {got}."),
    "missing_field": _l("{field} is required."),
    "unknown_field": _l("{field} is not part of the template and was ignored."),
    "outcome_outside_unit": _l("This outcome is not under any unit heading and was ignored."),
    "skipped_section": _l("Section {title!r} holds programme-level outcomes and was not imported."),
    "no_units": _l(
        "No units found: put a heading (e.g. 'Elemen: ...', 'Mata Kuliah: ...' or '## ...') "
        "above each group of learning outcomes."
    ),
    "no_outcomes": _l("No learning outcomes found under any unit."),
    "unit_without_outcomes": _l("Unit {unit!r} has no learning outcomes."),
    "unreadable_pdf": _l("The PDF cannot be read: {detail}."),
    "encrypted_pdf": _l("The PDF is password-protected; save a copy without a password."),
    "pdf_without_text": _l(
        "The PDF's {pages} page(s) hold no text (a scan?); export it with text or use DOCX."
    ),
    "unreadable_docx": _l("The DOCX cannot be read: {detail}."),
    "bad_zip": _l("The DOCX cannot be opened as a ZIP archive: {detail}."),
    "zip_too_many_entries": _l("The DOCX holds {count} files; at most {limit} are accepted."),
    "zip_too_large": _l("The DOCX unpacks to {size} bytes; at most {limit} bytes are accepted."),
    "too_many_pages": _l("The PDF has {pages} pages; at most {limit} are accepted."),
    "too_many_paragraphs": _l("The document has {count} paragraphs; at most {limit} are accepted."),
    "too_many_lines": _l("The document has {count} lines; at most {limit} are accepted."),
    "too_many_outcomes": _l(
        "The curriculum has {count} learning outcomes; at most {limit} are accepted."
    ),
    "too_deep": _l("The JSON nests {depth} levels deep; at most {limit} are accepted."),
    "number_too_long": _l("A number has {digits} digits; at most {limit} are accepted."),
    "bad_number": _l("{value!r} is not a usable number."),
    "invalid_text": _l("{field} holds characters that are not valid Unicode."),
}
LOCATION_TEMPLATES: dict[str, Any] = {
    "line": _l("Line {line}"),
    "page": _l("Page {page}, line {line}"),
    "paragraph": _l("Paragraph {line}"),
    "table": _l("Table {table}, row {row}"),
}
UNIT_FIELDS = ("code", "name", "phase", "semester", "hours", "credits")
# Column sizes of the tables the tree is saved into (longer text would fail on PostgreSQL).
MAX_LENGTHS = {"programme": 200, "concentration": 200}
MAX_UNIT_LENGTHS = {"code": 40, "name": 250}


class CurriculumImportError(Exception):
    """The document or the corrected tree cannot be used; ``messages`` say why and where."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("\n".join(messages))
        self.messages = messages


@dataclass(frozen=True)
class ProgrammeInput:
    """What the school states about the programme (overrides what the document says)."""

    programme: str = ""
    concentration: str = ""
    level: str | None = None
    version_year: int | None = None


def issue_message(issue: ParseIssue) -> str:
    """One issue in the UI language: '<where>: <what>'."""
    templates = {code: str(text) for code, text in ISSUE_TEMPLATES.items()}
    locations = {key: str(text) for key, text in LOCATION_TEMPLATES.items()}
    try:
        text = format_issue(issue.code, issue.line, issue.field, issue.params, templates, locations)
    except (KeyError, IndexError, ValueError):  # a translation with a broken placeholder
        text = issue.message
    return without_surrogates(text)  # a value echoed from the file may hold one


def _raise_translated(error: CurriculumParseError) -> None:
    raise CurriculumImportError([issue_message(i) for i in error.issues]) from error


def parse_upload(data: bytes, filename: str) -> tuple[ParsedCurriculum, list[str]]:
    """Parse an uploaded document; returns the tree and translated warnings, or raises."""
    from app.services.uploads import input_limits

    try:
        result = parse_document(data, filename, input_limits("curriculum"))
    except CurriculumParseError as error:
        _raise_translated(error)
    return result.curriculum, [issue_message(w) for w in result.warnings]


def with_programme(parsed: ParsedCurriculum, given: ProgrammeInput) -> dict[str, Any]:
    """The template mapping of a parsed tree, with the school's programme fields winning."""
    mapping = curriculum_to_mapping(parsed)
    for key in ("programme", "concentration", "level", "version_year"):
        value = getattr(given, key)
        if value not in (None, ""):
            mapping[key] = value
    return mapping


def mapping_from_form(form: Mapping[str, str]) -> dict[str, Any]:
    """Rebuild the template mapping from the review form's fields.

    Fields: ``programme`` ... ``version_year``; per unit ``units-<i>-<field>``, ``units-<i>-remove``
    and outcomes ``units-<i>-outcomes-<j>`` (an empty outcome is dropped, so a blank extra field
    adds one and clearing a text removes it).
    """
    mapping: dict[str, Any] = {
        key: (form.get(key) or "").strip() or None
        for key in ("programme", "concentration", "level", "version_year")
    }
    indexes = sorted(
        {
            index
            for key in form
            if key.startswith("units-")
            and key.count("-") >= 2
            and (index := whole_number(key.split("-")[1], 6)) is not None
        }
    )
    units = []
    for i in indexes:
        prefix = f"units-{i}-"
        if form.get(prefix + "remove"):
            continue
        unit: dict[str, Any] = {
            f: (form.get(prefix + f) or "").strip() or None for f in UNIT_FIELDS
        }
        outcome_keys = sorted(
            (k for k in form if k.startswith(prefix + "outcomes-")),
            key=lambda k: whole_number(k.rsplit("-", 1)[1], 6) or 0,
        )
        unit["outcomes"] = [" ".join(form[k].split()) for k in outcome_keys if form[k].strip()]
        unit["code"] = unit["code"] or ""
        unit["name"] = unit["name"] or ""
        if unit["name"] or unit["code"] or unit["outcomes"]:  # an untouched blank unit is dropped
            units.append(unit)
    mapping["units"] = units
    return mapping


def check_mapping(mapping: Mapping[str, Any]) -> ParsedCurriculum:
    """Validate a (corrected) tree; raises ``CurriculumImportError`` naming each path."""
    try:
        parsed, _warnings = curriculum_from_mapping(dict(mapping))
    except CurriculumParseError as error:
        _raise_translated(error)
    messages = []
    if not parsed.programme:
        messages.append(issue_message(ParseIssue("missing_value", field="programme")))
    if parsed.level is None:
        messages.append(issue_message(ParseIssue("missing_value", field="level")))
    if parsed.version_year is None:
        messages.append(issue_message(ParseIssue("missing_value", field="version_year")))
    messages += _too_long(parsed)
    outcomes = sum(len(unit.outcomes) for unit in parsed.units)
    limit = current_app.config["UPLOAD_MAX_OUTCOMES"]
    if outcomes > limit:
        issue = ParseIssue("too_many_outcomes", params={"count": outcomes, "limit": limit})
        messages.append(issue_message(issue))
    if messages:
        raise CurriculumImportError(messages)
    return parsed


def _too_long(parsed: ParsedCurriculum) -> list[str]:
    """Messages for values longer than their database column, each naming its field."""
    values = [(key, getattr(parsed, key) or "", limit) for key, limit in MAX_LENGTHS.items()]
    for i, unit in enumerate(parsed.units):
        values += [
            (f"units[{i}].{key}", getattr(unit, key) or "", limit)
            for key, limit in MAX_UNIT_LENGTHS.items()
        ]
    return [
        issue_message(ParseIssue("too_long", field=name, params={"max": limit, "got": len(value)}))
        for name, value, limit in values
        if len(value) > limit
    ]


def save_curriculum(
    user: User,
    parsed: ParsedCurriculum,
    progress: Callable[[Iterable[LearningOutcome]], Iterable[LearningOutcome]] | None = None,
    *,
    in_background: bool = True,
) -> Curriculum:
    """Save a checked tree as a curriculum of the user's school. Each outcome's skills are
    read by a background job (``curricula.extract``) once it is saved, or, with
    ``in_background=False`` (the CLI), here before the one commit."""
    curriculum = Curriculum(
        organisation_id=user.organisation_id,
        programme=parsed.programme,
        concentration=parsed.concentration or "",
        level=parsed.level,
        version_year=parsed.version_year,
        status="published",
    )
    for position, item in enumerate(parsed.units):
        unit = CurriculumUnit(
            position=position,
            code=item.code or "",
            name=item.name,
            phase=item.phase,
            semester=item.semester,
            hours=item.hours,
            credits=item.credits,
        )
        unit.outcomes = [
            LearningOutcome(position=i, text=o.text) for i, o in enumerate(item.outcomes)
        ]
        curriculum.units.append(unit)
    db.session.add(curriculum)
    if in_background:
        db.session.commit()
        read_skills_later(curriculum, user)
        return curriculum
    try:
        extract_outcome_skills(curriculum, progress=progress, commit=False)
        db.session.flush()  # the units' ids
        vectors.store_unit_vectors(curriculum)
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    return curriculum


def import_document(
    user: User,
    data: bytes,
    filename: str,
    given: ProgrammeInput,
    progress: Callable[[Iterable[LearningOutcome]], Iterable[LearningOutcome]] | None = None,
) -> Curriculum:
    """Parse, check and save in one go (the CLI path); nothing is saved when it fails."""
    parsed, _warnings = parse_upload(data, filename)
    checked = check_mapping(with_programme(parsed, given))
    return save_curriculum(user, checked, progress, in_background=False)


def example_path(fmt: str) -> Path | None:
    """The shipped CSV or JSON template (None for other formats)."""
    if fmt not in ("csv", "json"):
        return None
    return Path(curricula.__file__).resolve().parent / "examples" / f"template.{fmt}"
