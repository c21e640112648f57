"""``flask vacancies``: bulk import from a file, expiry, and the KBJI occupation of vacancies
without one."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from app.services import accounts
from app.services.errors import ValidationError

vacancies_cli = AppGroup("vacancies", help="Vacancies: bulk import, expiry, occupations.")


@vacancies_cli.command("classify-occupations")
@click.option(
    "--all",
    "everything",
    is_flag=True,
    help="Classify again every vacancy the system classified before (an employer's choice stays).",
)
def classify_occupations(everything: bool) -> None:
    """Give vacancies without an occupation their KBJI 2014 group, read by the matcher from the
    title and the skills (after seeding or importing by SQL); prints how many."""
    from app.services import occupation_groups, occupations

    if not occupation_groups.all_groups():
        raise click.ClickException("no occupation groups loaded: run `flask seed reference`")

    def progress(chunks: list[list[int]]) -> Iterable[list[int]]:
        with click.progressbar(chunks, label="Classifying", file=sys.stderr) as bar:
            yield from bar

    given, read = occupations.classify_missing(everything, progress=progress)
    click.echo(
        f"{given} of {read} vacancies given an occupation"
        + (
            f" ({read - given} below the confidence threshold left without one)."
            if read > given
            else "."
        )
    )


@vacancies_cli.command("expire")
@click.option(
    "--max-open-days",
    type=click.IntRange(1, 3650),
    default=None,
    help="Close vacancies without a closing date open longer than this (default: "
    "VACANCY_MAX_OPEN_DAYS, 60).",
)
def expire_vacancies(max_open_days: int | None) -> None:
    """Close vacancies past their closing date, and old ones without a date (employers are
    told). Run it daily (cron); a vacancy past its date takes no application even before."""
    from app.services.vacancies import expire

    days = max_open_days or current_app.config["VACANCY_MAX_OPEN_DAYS"]
    counts = expire(max_open_days=days)
    click.echo(
        f"Closed {counts['closing_date']} past their closing date and "
        f"{counts['expired']} open longer than {days} days."
    )


@vacancies_cli.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--employer", "email", required=True, help="Email of the employer account.")
@click.option("--all-or-nothing", is_flag=True, help="Import nothing unless every row is valid.")
@click.option("--publish", is_flag=True, help="Open the imported vacancies at once.")
def import_vacancies(path: str, email: str, all_or_nothing: bool, publish: bool) -> None:
    """Import vacancies from a CSV or JSON file (see the README for the columns)."""
    from app.services import vacancy_import

    user = accounts.find_user(email)
    if user is None or user.role != "employer":
        raise click.ClickException(f"no employer account {email}")
    try:
        rows = vacancy_import.read_rows(Path(path).read_bytes(), path)
    except ValidationError as error:
        raise click.ClickException(error.message) from error

    def progress(items):  # type: ignore[no-untyped-def]
        with click.progressbar(list(items), label="Importing", file=sys.stderr) as bar:
            yield from bar

    try:
        report = vacancy_import.import_rows(
            rows, user, all_or_nothing=all_or_nothing, publish=publish, progress=progress
        )
    except ValidationError as error:
        raise click.ClickException(error.message) from error
    for error in report.errors:
        click.echo(f"line {error.line}: {error.field}: {error.message}", err=True)
    click.echo(f"{len(report.imported)} of {report.total} vacancies imported.")
    if report.errors:
        rejected = ", ".join(str(n) for n in report.rejected_lines)
        if report.unreported_count:
            rejected += f" and {report.unreported_count} more"
        click.echo(
            f"Rejected lines: {rejected}" + (" (nothing imported)" if all_or_nothing else ""),
            err=True,
        )
        sys.exit(1)
