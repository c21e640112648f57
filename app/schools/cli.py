"""Command line for the education office: ``flask curricula import`` and ``flask curricula
gap-report`` (register ``curricula_cli`` on the app)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path

import click
from flask.cli import AppGroup

from app.services import curricula, curriculum_import, gap_reports
from app.services.accounts import find_user
from app.services.errors import NotFoundError, ValidationError

curricula_cli = AppGroup("curricula", help="Curricula: import documents, gap reports.")


@curricula_cli.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--school", "email", required=True, help="Email of a school account.")
@click.option("--programme", default="", help="Programme name (default: from the document).")
@click.option("--concentration", default="", help="Concentration (default: from the document).")
@click.option(
    "--level",
    type=click.Choice(["smk", "d3", "d4", "s1", "training"]),
    default=None,
    help="Level (default: from the document).",
)
@click.option(
    "--year",
    "version_year",
    type=int,
    default=None,
    help="Curriculum year (default: from the document).",
)
def import_curriculum(
    path: str,
    email: str,
    programme: str,
    concentration: str,
    level: str | None,
    version_year: int | None,
) -> None:
    """Import a curriculum document (CSV, JSON, Markdown, text, PDF, DOCX); prints its id.

    Nothing is saved when the document cannot be used; every issue is printed.
    """
    user = find_user(email)
    if user is None or user.role != "school" or user.organisation_id is None:
        raise click.ClickException(f"no school account {email}")
    given = curriculum_import.ProgrammeInput(programme, concentration, level, version_year)

    def progress(outcomes: Iterable) -> Iterable:  # type: ignore[type-arg]
        with click.progressbar(
            list(outcomes), label="Reading skills of outcomes", file=sys.stderr
        ) as bar:
            yield from bar

    try:
        item = curriculum_import.import_document(
            user, Path(path).read_bytes(), Path(path).name, given, progress=progress
        )
    except curriculum_import.CurriculumImportError as error:
        for message in error.messages:
            click.echo(message, err=True)
        raise click.ClickException(
            f"{path}: not imported ({len(error.messages)} issue(s))"
        ) from error
    click.echo(item.id)


@curricula_cli.command("gap-report")
@click.argument("curriculum_id", type=int)
@click.option(
    "--region",
    default=None,
    help="A kabupaten/kota name or code, 'all' for all of Banten (default: the school's own).",
)
@click.option("--months", default=12, show_default=True, help="Window for closed vacancies.")
@click.option(
    "--related",
    is_flag=True,
    help="Only the demand for the skills of the programme's field (taught, near, same group).",
)
@click.option(
    "--all-vacancies",
    is_flag=True,
    help="Compare with every vacancy (default: those of the programme's field).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the report as one JSON object.")
@click.option("--save", is_flag=True, help="Store the report as a snapshot.")
def gap_report(  # noqa: PLR0913 - one parameter per option
    curriculum_id: int,
    region: str | None,
    months: int,
    related: bool,
    all_vacancies: bool,
    as_json: bool,
    save: bool,
) -> None:
    """The gap report of a curriculum against regional demand."""
    try:
        item = curricula.get_curriculum(curriculum_id)
        scope = "all" if all_vacancies else "field"
        wanted = gap_reports.request_for_region(region, months, related, scope)
        if save:
            report = gap_reports.create_snapshot(item, wanted, None, "id").result
        else:
            report = gap_reports.compute_report(item, wanted, "id")
    except NotFoundError as error:
        raise click.ClickException(f"not found: {error}") from error
    except ValidationError as error:
        raise click.ClickException(f"{error.field}: {error.message}") from error
    if as_json:
        click.echo(json.dumps(report, ensure_ascii=False))
        return
    for note in gap_reports.scope_notes(report.get("request", {})):
        click.echo(f"Note: {note}.")
    if not report["enough_data"]:
        click.echo(f"Not enough data: {report['message']}.")
        return
    click.echo(
        f"Coverage {report['coverage'] * 100:.1f}% of the demand of "
        f"{report['vacancies_considered']} vacancies."
    )
    for m in report["missing"][:20]:
        unit = m.get("suggested_unit") or {}
        where = (
            f" -> {unit.get('action')} {unit.get('name') or 'new unit or elective'}" if unit else ""
        )
        click.echo(
            f"  missing {m['skill']}: {m['demand_share'] * 100:.1f}% "
            f"({m['vacancies']} vacancies){where}"
        )
