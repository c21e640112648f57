"""``flask opendata``: publish a monthly release, write the latest one to a folder."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import AppGroup

from app.services import opendata

opendata_cli = AppGroup("opendata", help="Open data: monthly releases of the aggregate datasets.")


@opendata_cli.command("publish")
@click.option("--month", help="YYYY-MM (default: the last complete month).")
def publish(month: str | None) -> None:
    """Build and store every dataset as of the end of the month (a published one stays)."""
    try:
        wanted = opendata.parse_month(month) if month else None
    except ValueError as error:
        raise click.BadParameter(f"{month!r}: expected YYYY-MM", param_hint="--month") from error
    result = opendata.publish(wanted)
    for slug, rows in result.rows.items():
        state = "already published, unchanged" if rows is None else f"{rows} rows"
        click.echo(f"{result.month:%Y-%m} {slug}: {state}")


@opendata_cli.command("export")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
def export(folder: Path) -> None:
    """Write every dataset of the latest release (CSV, JSON) and data.json to FOLDER."""
    for path in opendata.export(folder, opendata.catalogue()):
        click.echo(str(path))
