"""Bulk import of vacancies from CSV or JSON: every row validated, errors named by line and
field, and either the valid rows or nothing at all saved (the user chooses)."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.extensions import db
from app.models import EDUCATION_LEVELS, EMPLOYMENT_TYPES, Region, User
from app.services.errors import ValidationError
from app.services.vacancies import VacancyInput, build_vacancy

COLUMNS = (
    "title",
    "description",
    "region",
    "employment_type",
    "min_education",
    "salary_min",
    "salary_max",
    "closing_date",
)
REQUIRED = ("title", "description", "region", "employment_type", "min_education")
EXAMPLES = Path(__file__).resolve().parent.parent / "data" / "import"
EMPLOYMENT_ALIASES = {
    "penuh waktu": "full_time",
    "full time": "full_time",
    "purnawaktu": "full_time",
    "paruh waktu": "part_time",
    "part time": "part_time",
    "kontrak": "contract",
    "magang": "internship",
    "internship": "internship",
    "lepas": "freelance",
}
EDUCATION_ALIASES = {"sma": "sma_smk", "smk": "sma_smk", "sma/smk": "sma_smk", "slta": "sma_smk"}


@dataclass(frozen=True)
class RowError:
    """One problem of one row: where (line of a CSV, entry of a JSON list), which field, what."""

    line: int
    field: str
    message: str


@dataclass
class ImportReport:
    """What an import did."""

    total: int = 0
    imported: list[int] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    all_or_nothing: bool = False

    @property
    def rejected_lines(self) -> list[int]:
        """Lines with at least one error."""
        return sorted({e.line for e in self.errors})


def example_path(fmt: str) -> Path:
    """The shipped example file for ``csv`` or ``json``."""
    if fmt not in ("csv", "json"):
        from app.services.errors import NotFoundError

        raise NotFoundError(fmt)
    return EXAMPLES / f"vacancies_example.{fmt}"


def read_rows(data: bytes, filename: str) -> list[tuple[int, dict[str, Any]]]:
    """(line or entry number, raw fields) of a CSV or JSON upload."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError("file", str(_l("The file is not UTF-8 text."))) from error
    name = filename.lower()
    if name.endswith(".json"):
        return _json_rows(text)
    if name.endswith(".csv"):
        return _csv_rows(text)
    raise ValidationError("file", str(_l("Only CSV or JSON files are accepted.")))


def _csv_rows(text: str) -> list[tuple[int, dict[str, Any]]]:
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    header = [h.strip() for h in reader.fieldnames or []]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise ValidationError(
            "file",
            str(_l("Line 1: missing columns: %(columns)s.", columns=", ".join(missing))),
        )
    rows = []
    previous_end = 1
    for record in reader:
        clean = {(k or "").strip(): (v or "").strip() for k, v in record.items() if k}
        if any(clean.values()):
            rows.append((previous_end + 1, clean))  # the line where the record starts
        previous_end = reader.line_num
    return rows


def _json_rows(text: str) -> list[tuple[int, dict[str, Any]]]:
    try:
        payload = json.loads(text)
    except json.JSONDecodeError as error:
        raise ValidationError(
            "file", str(_l("Line %(line)d: the JSON is not valid.", line=error.lineno))
        ) from error
    items = payload.get("vacancies") if isinstance(payload, dict) else payload
    if not isinstance(items, list):
        raise ValidationError(
            "file", str(_l('The JSON must be a list of vacancies or {"vacancies": [...]}.'))
        )
    return [(i, item if isinstance(item, dict) else {"_": item}) for i, item in enumerate(items, 1)]


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _integer(value: Any) -> int | None:
    text = re.sub(r"[.\s]|^Rp", "", _text(value), flags=re.IGNORECASE)
    if text == "":
        return None
    if not text.isdigit():
        raise ValueError(text)
    return int(text)


class _RowChecker:
    """Turns one raw row into a VacancyInput, collecting every error of the row."""

    def __init__(self, regions: dict[str, int]) -> None:
        self.regions = regions

    def check(self, line: int, raw: dict[str, Any]) -> tuple[VacancyInput | None, list[RowError]]:
        errors: list[RowError] = []

        def fail(name: str, message: object) -> None:
            errors.append(RowError(line, name, str(message)))

        values = {c: _text(raw.get(c)) for c in COLUMNS}
        for name in REQUIRED:
            if not values[name]:
                fail(name, _l("This field is required."))
        if len(values["title"]) > 200:
            fail("title", _l("Use at most %(max)d characters.", max=200))
        region_id = self.regions.get(values["region"].lower())
        if values["region"] and region_id is None:
            fail("region", _l("Unknown region %(value)r.", value=values["region"]))

        def choice(name: str, aliases: dict[str, str], allowed: tuple[str, ...]) -> str:
            value = aliases.get(values[name].lower(), values[name].lower())
            if values[name] and value not in allowed:
                fail(
                    name,
                    _l(
                        "Unknown value %(value)r; use one of %(allowed)s.",
                        value=values[name],
                        allowed=", ".join(allowed),
                    ),
                )
            return value

        employment = choice("employment_type", EMPLOYMENT_ALIASES, EMPLOYMENT_TYPES)
        education = choice("min_education", EDUCATION_ALIASES, EDUCATION_LEVELS)
        salaries: dict[str, int | None] = {}
        for name in ("salary_min", "salary_max"):
            try:
                salaries[name] = _integer(values[name])
            except ValueError:
                fail(name, _l("Enter a whole amount in rupiah, got %(value)r.", value=values[name]))
        if (salaries.get("salary_min") or 0) > (salaries.get("salary_max") or 10**12):
            fail("salary_max", _l("The maximum salary must not be below the minimum."))
        closing = None
        if values["closing_date"]:
            try:
                closing = date.fromisoformat(values["closing_date"])
            except ValueError:
                fail(
                    "closing_date",
                    _l("Use a date like 2026-12-31, got %(value)r.", value=values["closing_date"]),
                )
        if errors:
            return None, errors
        return VacancyInput(
            title=values["title"],
            description=values["description"],
            region_id=region_id or 0,
            employment_type=employment,
            min_education=education,
            salary_min=salaries["salary_min"],
            salary_max=salaries["salary_max"],
            closing_date=closing,
        ), []


def region_lookup() -> dict[str, int]:
    """Region names and BPS codes (lower-cased) -> region id."""
    lookup: dict[str, int] = {}
    for region in db.session.scalars(select(Region)):
        lookup[region.name.lower()] = region.id
        lookup[region.code] = region.id
        bare = region.name.lower().replace("kab. ", "kabupaten ")
        lookup[bare] = region.id
    return lookup


def import_rows(
    rows: list[tuple[int, dict[str, Any]]],
    user: User,
    *,
    all_or_nothing: bool = False,
    publish: bool = False,
    progress: Callable[[Iterable[Any]], Iterable[Any]] = lambda it: it,
) -> ImportReport:
    """Validate every row, then save the valid ones (or none) in one transaction."""
    report = ImportReport(total=len(rows), all_or_nothing=all_or_nothing)
    checker = _RowChecker(region_lookup())
    valid: list[VacancyInput] = []
    for line, raw in rows:
        data, errors = checker.check(line, raw)
        report.errors += errors
        if data is not None:
            valid.append(data)
    if all_or_nothing and report.errors:
        return report
    try:
        created = [build_vacancy(user, data, publish) for data in progress(valid)]
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    report.imported = [v.id for v in created]
    return report


def import_file(
    data: bytes, filename: str, user: User, *, all_or_nothing: bool = False, publish: bool = False
) -> ImportReport:
    """Read and import an uploaded file (at most IMPORT_MAX_BYTES)."""
    from flask import current_app

    limit = current_app.config["IMPORT_MAX_BYTES"]
    if len(data) > limit:
        raise ValidationError(
            "file", str(_l("The file is larger than %(mb)d MB.", mb=limit // (1024 * 1024)))
        )
    return import_rows(
        read_rows(data, filename), user, all_or_nothing=all_or_nothing, publish=publish
    )
