"""Bulk import of vacancies from CSV or JSON: every row validated, errors named by line and
field (the rules of one row: ``vacancy_rows``), and either the valid rows or nothing at all
saved (the user chooses).

Files are read by ``vacancy_files`` within the upload limits (``IMPORT_MAX_BYTES``,
``IMPORT_MAX_ROWS``, JSON depth and digits); at most ``IMPORT_MAX_REPORTED_LINES`` lines with
problems are listed, the rest counted. ``import_file`` takes bytes and options and returns a
report, so a job can run it as it is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flask import current_app
from flask_babel import lazy_gettext as _l

from app.auth.policy import can_publish_vacancy
from app.extensions import db
from app.models import User
from app.profile import current_profile
from app.services import moderation, occupations, vacancy_files, vectors
from app.services.errors import ValidationError
from app.services.linking import clip_for_linker, suggest_skills_many
from app.services.uploads import input_limits
from app.services.vacancies import VacancyInput, build_vacancy, check_input
from app.services.vacancy_rows import RowError, row_checker
from app.services.vacancy_skills import suggestion_text

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
SKILL_BATCH = 64  # vacancies whose skills are read in one pass of the linker
EXAMPLES = Path(__file__).resolve().parent.parent / "data" / "import"


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
    """The example file for ``csv`` or ``json``: the deployment profile's own (its regions),
    else the shipped one."""
    if fmt not in ("csv", "json"):
        from app.services.errors import NotFoundError

        raise NotFoundError(fmt)
    own = current_profile().folder / "import" / f"vacancies_example.{fmt}"
    return own if own.is_file() else EXAMPLES / f"vacancies_example.{fmt}"


def read_rows(data: bytes, filename: str) -> list[tuple[int, dict[str, Any]]]:
    """(line or entry number, raw fields) of a CSV or JSON upload, within the upload limits."""
    return vacancy_files.read_rows(
        data, filename, input_limits("vacancies"), current_app.config["IMPORT_MAX_ROWS"]
    )


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
    checker = row_checker()
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
