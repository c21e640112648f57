"""Bulk import of vacancies from CSV or JSON: every row validated, errors named by line and
field, and either the valid rows or nothing at all saved (the user chooses).

Files are read by ``vacancy_files`` within the upload limits (``IMPORT_MAX_BYTES``,
``IMPORT_MAX_ROWS``, JSON depth and digits); at most ``IMPORT_MAX_REPORTED_LINES`` lines with
problems are listed, the rest counted. ``import_file`` takes bytes and options and returns a
report, so a job can run it as it is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.auth.policy import can_publish_vacancy
from app.extensions import db
from app.models import EDUCATION_LEVELS, EMPLOYMENT_TYPES, Region, User
from app.services import moderation, occupations, vacancy_files, vectors
from app.services.clock import today as local_today
from app.services.errors import ValidationError
from app.services.linking import clip_for_linker, suggest_skills_many
from app.services.uploads import input_limits
from app.services.vacancies import (
    DESCRIPTION_MAX,
    TITLE_MAX,
    VacancyInput,
    build_vacancy,
    check_input,
    suggestion_text,
)
from app.services.vacancy_files import EXTRA_CELLS, ValueProblemError, read_amount, read_date
from curricula.limits import without_surrogates

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
TEXT_COLUMNS = ("title", "description", "region", "employment_type", "min_education")
MAX_CHARS = {
    "title": TITLE_MAX,
    "description": DESCRIPTION_MAX,
    "region": 200,
    "employment_type": 50,
    "min_education": 50,
}
CLOSING_DATE_EARLIEST = date(2000, 1, 1)
CLOSING_DATE_YEARS_AHEAD = 2
SKILL_BATCH = 64  # vacancies whose skills are read in one pass of the linker
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
    """What an import did. ``errors`` holds the problems of the first ``max_reported_lines``
    lines with problems; ``rejected_count`` counts every such line."""

    total: int = 0
    imported: list[int] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    all_or_nothing: bool = False
    rejected_count: int = 0
    max_reported_lines: int = 100

    @property
    def rejected_lines(self) -> list[int]:
        """Lines with at least one error (of those reported)."""
        return sorted({e.line for e in self.errors})

    @property
    def unreported_count(self) -> int:
        """Lines with problems beyond those listed in ``errors``."""
        return self.rejected_count - len(self.rejected_lines)

    def add(self, errors: list[RowError]) -> None:
        """Count a rejected line; keep its problems while under the cap."""
        if not errors:
            return
        self.rejected_count += 1
        if self.rejected_count <= self.max_reported_lines:
            self.errors += errors


def example_path(fmt: str) -> Path:
    """The shipped example file for ``csv`` or ``json``."""
    if fmt not in ("csv", "json"):
        from app.services.errors import NotFoundError

        raise NotFoundError(fmt)
    return EXAMPLES / f"vacancies_example.{fmt}"


def read_rows(data: bytes, filename: str) -> list[tuple[int, dict[str, Any]]]:
    """(line or entry number, raw fields) of a CSV or JSON upload, within the upload limits."""
    return vacancy_files.read_rows(
        data, filename, input_limits("vacancies"), current_app.config["IMPORT_MAX_ROWS"]
    )


_TYPE_NAMES = {bool: _l("true/false"), int: _l("a number"), float: _l("a number")}


def _type_name(value: Any) -> Any:
    if isinstance(value, dict):
        return _l("an object")
    if isinstance(value, list):
        return _l("a list")
    return _TYPE_NAMES.get(type(value), type(value).__name__)


class _RowChecker:
    """Turns one raw row into a VacancyInput, collecting every error of the row."""

    def __init__(self, regions: dict[str, int]) -> None:
        self.regions = regions
        config = current_app.config
        self.salary_max = config["SALARY_MAX"]
        today = local_today()
        self.first_date = CLOSING_DATE_EARLIEST
        self.last_date = today.replace(year=today.year + CLOSING_DATE_YEARS_AHEAD, day=28)

    def check(self, line: int, raw: dict[str, Any]) -> tuple[VacancyInput | None, list[RowError]]:
        errors: list[RowError] = []

        def fail(name: str, message: object) -> None:
            errors.append(RowError(line, name, without_surrogates(str(message))))

        if "_" in raw and len(raw) == 1:
            fail("-", _l("Each entry must be an object with the columns as keys."))
            return None, errors
        if EXTRA_CELLS in raw:
            got, expected = raw[EXTRA_CELLS]
            fail(
                "-",
                _l(
                    "The row has %(got)d cells but the header has %(expected)d.",
                    got=got,
                    expected=expected,
                ),
            )
        values: dict[str, str] = {}
        for name in TEXT_COLUMNS:
            value = raw.get(name)
            if value is not None and not isinstance(value, str):
                fail(name, _l("Must be text, got %(kind)s.", kind=_type_name(value)))
                value = None
            text = (value or "").strip()
            if not _encodable(text):
                fail(name, _l("The text holds characters that are not valid Unicode."))
                text = ""
            values[name] = text
        for name in REQUIRED:
            if not values[name] and not any(e.field == name for e in errors):
                fail(name, _l("This field is required."))
        for name, limit in MAX_CHARS.items():
            if len(values[name]) > limit:
                fail(name, _l("Use at most %(max)d characters.", max=limit))
        region_id = self.regions.get(values["region"].lower())
        if values["region"] and region_id is None:
            fail("region", _l("Unknown region %(value)r.", value=values["region"][:80]))

        def choice(name: str, aliases: dict[str, str], allowed: tuple[str, ...]) -> str:
            value = aliases.get(values[name].lower(), values[name].lower())
            if values[name] and value not in allowed:
                fail(
                    name,
                    _l(
                        "Unknown value %(value)r; use one of %(allowed)s.",
                        value=values[name][:80],
                        allowed=", ".join(allowed),
                    ),
                )
            return value

        employment = choice("employment_type", EMPLOYMENT_ALIASES, EMPLOYMENT_TYPES)
        education = choice("min_education", EDUCATION_ALIASES, EDUCATION_LEVELS)
        salaries: dict[str, int | None] = {}
        for name in ("salary_min", "salary_max"):
            try:
                salaries[name] = read_amount(raw.get(name), self.salary_max)
            except ValueProblemError as problem:
                fail(name, problem.message)
        low, high = salaries.get("salary_min"), salaries.get("salary_max")
        if low is not None and high is not None and low > high:
            fail("salary_max", _l("The maximum salary must not be below the minimum."))
        closing = None
        try:
            closing = read_date(raw.get("closing_date"), self.first_date, self.last_date)
        except ValueProblemError as problem:
            fail("closing_date", problem.message)
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


def row_checker() -> _RowChecker:
    """The one rule set of a vacancy row (``check(line, raw)``), for other importers (feeds)."""
    return _RowChecker(region_lookup())


def check_row(raw: dict[str, Any], line: int = 0) -> tuple[VacancyInput | None, list[RowError]]:
    """One vacancy's raw fields checked by the import's rules (the API sends one at a time)."""
    return row_checker().check(line, raw)


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate ('\ud800' in a JSON string)
        return False
    return True


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
    """Validate every row, then save the valid ones (or none) in one transaction.

    The skills of the valid rows are read in batches (``suggest_skills_many``), one pass of the
    linker per batch rather than one per vacancy; then their occupations, all at once.
    """
    report = ImportReport(
        total=len(rows),
        all_or_nothing=all_or_nothing,
        max_reported_lines=current_app.config["IMPORT_MAX_REPORTED_LINES"],
    )
    checker = _RowChecker(region_lookup())
    publishing = publish and can_publish_vacancy(user)
    valid: list[VacancyInput] = []
    for line, raw in rows:
        data, errors = checker.check(line, raw)
        if data is not None and publishing:
            try:  # what publishing asks of a vacancy (a closing date not in the past)
                check_input(data, publishing=True)
            except ValidationError as error:
                data, errors = None, [RowError(line, error.field, error.message)]
        report.add(errors)
        if data is not None:
            valid.append(data)
    if all_or_nothing and report.rejected_count:
        return report
    check_text_size(valid)
    medians = moderation.medians()
    try:
        created = []
        for first in range(0, len(valid), SKILL_BATCH):
            batch = valid[first : first + SKILL_BATCH]
            found = suggest_skills_many([suggestion_text(d.title, d.description) for d in batch])
            for data, suggestions in progress(list(zip(batch, found, strict=True))):
                created.append(build_vacancy(user, data, publish, suggestions, medians))
        occupations.classify_vacancies(created)
        db.session.flush()
        vectors.store_many("vacancy", [(v.id, vectors.vacancy_text(v)) for v in created])
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    report.imported = [v.id for v in created]
    return report


def check_text_size(valid: list[VacancyInput]) -> None:
    """Refuse a file whose titles and descriptions hold more than IMPORT_MAX_SENTENCES sentences
    (as the linker reads them): their skills are read inside the request (until imports run as
    jobs)."""
    from matching.linking.text import sentences

    limit = current_app.config["IMPORT_MAX_SENTENCES"]
    total = 0
    for data in valid:
        total += len(sentences(clip_for_linker(suggestion_text(data.title, data.description))[0]))
    if total > limit:
        raise ValidationError(
            "file",
            str(
                _l(
                    "The titles and descriptions hold %(n)d sentences; at most %(max)d are "
                    "read from one file. Split it into smaller files.",
                    n=total,
                    max=limit,
                )
            ),
        )


def import_file(
    data: bytes,
    filename: str,
    user: User,
    *,
    all_or_nothing: bool = False,
    publish: bool = False,
    progress: Callable[[Iterable[Any]], Iterable[Any]] = lambda it: it,
) -> ImportReport:
    """Read and import an uploaded file: bytes and options in, a report out (a job can call it).

    Raises ValidationError when the file as a whole cannot be used (too large, too many rows,
    not CSV/JSON, a duplicated or missing column); problems of single rows are in the report.
    """
    rows = read_rows(data, filename)
    return import_rows(
        rows, user, all_or_nothing=all_or_nothing, publish=publish, progress=progress
    )


def start_import_job(
    user: User, data: bytes, filename: str, *, all_or_nothing: bool, publish: bool
) -> Any:
    """Import a file in the background (job ``vacancies.import``); returns the job."""
    from app.jobs import enqueue

    return enqueue(
        "vacancies.import",
        owner_id=user.id,
        payload=data,
        employer_id=user.id,
        filename=filename,
        all_or_nothing=all_or_nothing,
        publish=publish,
    )
