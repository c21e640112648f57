"""Command line of the planners' side: ``flask users create-planner`` and ``flask context load``."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from app.services import labour_context, planners
from app.services.errors import ValidationError

context_cli = AppGroup("context", help="Labour-market context figures (BPS).")


@click.command("create-planner")
@click.argument("email")
@click.option("--agency", required=True, help="The agency's name (added when new).")
@click.option("--name", default="", help="The planner's name (default: the email's local part).")
def create_planner(email: str, agency: str, name: str) -> None:
    """Create a planner in an agency; the set-password link is emailed and printed once."""
    try:
        user, link = planners.create_planner(None, email, agency, name)
    except ValidationError as error:
        raise click.ClickException(f"{error.field}: {error.message}") from error
    click.echo(f"Planner {user.email} created in {user.organisation.name}.")  # type: ignore[union-attr]
    click.echo("Set-password link (also emailed; it works once, for a short time):")
    click.echo(link)


@context_cli.command("load")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
def load_context(path: str) -> None:
    """Load context figures from a CSV file (all or nothing; the same keys are replaced)."""
    try:
        result = labour_context.load_context_file(path)
    except labour_context.ContextFileError as error:
        for problem in error.errors:
            click.echo(f"{path}: {problem}", err=True)
        raise click.ClickException(f"{len(error.errors)} problem(s); nothing was saved.") from error
    click.echo(f"{result.added} figures added, {result.replaced} replaced.")
