"""Command line: ``flask users``, ``flask seed``, ``flask vocab``, ``flask regions``, ``flask
translate``, and ``register``, which attaches every group (``flask vacancies`` in
``app/vacancies/cli.py``, ``flask match`` in ``app/match_cli.py``, the others beside their
packages)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from app.services import accounts, demo, labour_context, occupation_groups, regions, vocabulary
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
    """Load the shipped skill vocabulary, with the profile's local aliases, into the database
    (insert or update)."""
    from app.services.local_terms import profile_vocabulary

    counts = vocabulary.load_vocabulary(profile_vocabulary())
    click.echo(f"{counts['skills']} skills ({counts['new']} new), {counts['aliases']} aliases.")


@seed_cli.command("reference")
def seed_reference() -> None:
    """Regions, KBJI occupation groups, the BPS context figures and the skill vocabulary (when
    missing or changed)."""
    regions.load_regions(current_app.config["REGIONS_FILE"])
    occupation_groups.load_groups(current_app.config["OCCUPATION_GROUPS_FILE"])
    if current_app.config["CONTEXT_FILE"]:
        loaded = labour_context.load_context_file(current_app.config["CONTEXT_FILE"])
        click.echo(f"Context figures: {loaded.added} added, {loaded.replaced} replaced.")
    else:
        click.echo("Context figures: this profile ships no context file.")
    from app.services.local_terms import profile_vocabulary

    shipped = profile_vocabulary()
    if vocabulary.count_skills() == 0 or not vocabulary.is_current(shipped):
        counts = vocabulary.load_vocabulary(shipped)
        click.echo(f"Vocabulary loaded: {counts['skills']} skills, {counts['aliases']} aliases.")
    else:
        click.echo("Vocabulary: unchanged.")


@seed_cli.command("demo")
def seed_demo() -> None:
    """Create the demo scene (idempotent) and print the demo logins."""
    try:
        result = demo.seed_demo()
    except demo.DemoDataError as error:
        raise click.ClickException(str(error)) from error
    if not result.created:
        added = ""
        if result.counts.get("users"):
            added += f" Added: {result.counts['users']} planner login(s)."
        people = {k: n for k, n in result.counts.items() if k not in ("users", "organisations")}
        if people:
            added += " Added: " + ", ".join(f"{n} {k}" for k, n in sorted(people.items())) + "."
        click.echo("Demo data already present." + added)
        return
    summary = ", ".join(f"{n} {name}" for name, n in sorted(result.counts.items()))
    click.echo(f"Demo data created: {summary}.")
    click.echo("Demo logins (password: " + current_app.config["DEMO_PASSWORD"] + "):")
    for email in demo.DEMO_LOGINS:
        click.echo(f"  {email}")


@seed_cli.command("history")
@click.option("--seed", type=int, default=2026, show_default=True, help="Random seed.")
def seed_history(seed: int) -> None:
    """Two years of demo history for the planners' charts (employers, vacancies, seekers,
    applications, schools' graduates); adds nothing when it is there already."""
    import time

    from app.services import demo_history

    started = time.perf_counter()
    try:
        result = demo_history.seed_history(seed=seed)
    except demo_history.HistoryDataError as error:
        raise click.ClickException(str(error)) from error
    if not result.created:
        click.echo("Demo history already present.")
        return
    summary = ", ".join(f"{n} {name}" for name, n in sorted(result.counts.items()))
    click.echo(f"Demo history created: {summary} ({time.perf_counter() - started:.1f} s).")


@seed_cli.command("scale")
@click.option("--vacancies", type=click.IntRange(0), default=200_000, show_default=True)
@click.option("--seekers", type=click.IntRange(0), default=100_000, show_default=True)
@click.option("--schools", type=click.IntRange(0), default=1_000, show_default=True)
@click.option("--seed", type=int, default=7, show_default=True, help="Random seed.")
@click.option(
    "--open-share",
    type=click.FloatRange(0, 1),
    default=0.5,
    show_default=True,
    help="Share of vacancies open now (the rest closed, posted 2-12 months ago).",
)
def seed_scale(vacancies: int, seekers: int, schools: int, seed: int, open_share: float) -> None:
    """Province-scale bench data (bulk, fixed seed); every account's password is the bench
    password. Refused in production."""
    from app.services import scale_data

    def bar(label: str, total: int):  # type: ignore[no-untyped-def]
        return click.progressbar(length=total, label=f"{label:<18}", file=sys.stderr)

    try:
        result = scale_data.seed_scale(vacancies, seekers, schools, seed, open_share, bar)
    except scale_data.ScaleDataError as error:
        raise click.ClickException(str(error)) from error
    summary = ", ".join(f"{n} {name}" for name, n in sorted(result.counts.items()))
    click.echo(f"Scale data created: {summary}.")
    click.echo(
        f"Logins: {scale_data.email('seeker', 1)}, {scale_data.email('employer', 1)}, "
        f"{scale_data.email('school', 1)} ... (password: {scale_data.BENCH_PASSWORD})"
    )


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
    from app.api.cli import api_cli
    from app.jobs.cli import jobs_cli
    from app.match_cli import match_cli
    from app.notifications.cli import notify_cli
    from app.planner.cli import context_cli, create_planner
    from app.planner.supply_cli import supply_cli
    from app.profile_cli import profile_cli
    from app.schools.cli import curricula_cli
    from app.services.demand.cli import demand_cli
    from app.services.feeds.cli import feeds_cli
    from app.services.opendata.cli import opendata_cli
    from app.vacancies.cli import vacancies_cli

    for group in (
        users_cli,
        seed_cli,
        vocab_cli,
        regions_cli,
        translate_cli,
        vacancies_cli,
        match_cli,
        curricula_cli,
        jobs_cli,
        notify_cli,
        context_cli,
        demand_cli,
        opendata_cli,
        supply_cli,
        api_cli,
        feeds_cli,
        profile_cli,
    ):
        app.cli.add_command(group)
    if "create-planner" not in users_cli.commands:
        users_cli.add_command(create_planner)
