"""Command line: ``flask users``, ``flask seed``, ``flask vocab``, ``flask regions``, ``flask translate``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from app.services import accounts, demo, regions, vocabulary
from app.services.errors import ValidationError

users_cli = AppGroup("users", help="Manage accounts.")
seed_cli = AppGroup("seed", help="Load reference and demo data.")
vocab_cli = AppGroup("vocab", help="The skill vocabulary.")
regions_cli = AppGroup("regions", help="The regions the platform serves.")
translate_cli = AppGroup("translate", help="Translation catalogues (Flask-Babel).")

TRANSLATIONS = Path(__file__).resolve().parent / "translations"
BABEL_CFG = Path(__file__).resolve().parent.parent / "babel.cfg"


@users_cli.command("create-admin")
@click.argument("email")
@click.password_option(help="The new administrator's password.")
def create_admin(email: str, password: str) -> None:
    """Create the first (or another) administrator account."""
    try:
        accounts.create_admin(email, password)
    except ValidationError as error:
        raise click.ClickException(f"{error.field}: {error.message}") from error
    click.echo(f"Administrator {email} created.")


@regions_cli.command("load")
@click.option("--file", "path", type=click.Path(exists=True, dir_okay=False), default=None)
def load_regions(path: str | None) -> None:
    """Load regions from a CSV file (default: the configured REGIONS_FILE)."""
    added = regions.load_regions(path or current_app.config["REGIONS_FILE"])
    click.echo(f"{added} regions added.")


@vocab_cli.command("load")
def load_vocab() -> None:
    """Load the shipped skill vocabulary into the database (insert or update)."""
    from matching.vocab import load_vocabulary

    counts = vocabulary.load_vocabulary(load_vocabulary())
    click.echo(f"{counts['skills']} skills ({counts['new']} new), {counts['aliases']} aliases.")


@seed_cli.command("reference")
def seed_reference() -> None:
    """Regions and the skill vocabulary, when the database does not have them yet."""
    regions.load_regions(current_app.config["REGIONS_FILE"])
    if vocabulary.count_skills() == 0:
        from matching.vocab import load_vocabulary

        counts = vocabulary.load_vocabulary(load_vocabulary())
        click.echo(f"Vocabulary loaded: {counts['skills']} skills, {counts['aliases']} aliases.")


@seed_cli.command("demo")
def seed_demo() -> None:
    """Create the demo scene (idempotent) and print the demo logins."""
    try:
        result = demo.seed_demo()
    except demo.DemoDataError as error:
        raise click.ClickException(str(error)) from error
    if not result.created:
        click.echo("Demo data already present.")
        return
    summary = ", ".join(f"{n} {name}" for name, n in sorted(result.counts.items()))
    click.echo(f"Demo data created: {summary}.")
    click.echo("Demo logins (password: " + current_app.config["DEMO_PASSWORD"] + "):")
    for email in demo.DEMO_LOGINS:
        click.echo(f"  {email}")


@translate_cli.command("update")
def translate_update() -> None:
    """Extract translatable strings and merge them into every catalogue."""
    pot = TRANSLATIONS / "messages.pot"
    _pybabel("extract", "-F", str(BABEL_CFG), "-k", "_l", "-o", str(pot), "app")
    _pybabel("update", "-i", str(pot), "-d", str(TRANSLATIONS), "--no-fuzzy-matching")


@translate_cli.command("compile")
def translate_compile() -> None:
    """Compile the catalogues to .mo files."""
    _pybabel("compile", "-d", str(TRANSLATIONS))


def _pybabel(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", *args], check=True)


def register(app: Flask) -> None:
    """Attach the command groups to the app."""
    for group in (users_cli, seed_cli, vocab_cli, regions_cli, translate_cli):
        app.cli.add_command(group)
