"""Command line: ``flask users``, ``flask seed``, ``flask vocab``, ``flask regions``, ``flask translate``."""

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
vacancies_cli = AppGroup("vacancies", help="Vacancies: bulk import, expiry, occupations.")
match_cli = AppGroup("match", help="Matching: recommendations, index warm-up.")

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


@match_cli.command("seeker")
@click.argument("email")
@click.option("--limit", default=10, show_default=True, help="How many vacancies.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
def match_seeker(email: str, limit: int, as_json: bool) -> None:
    """A seeker's recommended vacancies with matched and missing skills."""
    import json

    from app.services import matching, seekers

    user = accounts.find_user(email)
    if user is None or user.role != "seeker":
        raise click.ClickException(f"no seeker account {email}")
    found = matching.recommendations(seekers.profile_of(user), k=limit)
    labels = matching.labels_for([r.match for r in found], "en")
    rows = [
        {
            "vacancy_id": r.vacancy.id,
            "title": r.vacancy.title,
            "score": round(r.match.score or 0.0, 4),
            "required_total": r.match.required_total,
            "required_matched": r.match.required_matched_count,
            "matched": [labels[s] for s in r.match.required_matched + r.match.preferred_matched],
            "missing": [labels[s] for s in r.match.required_gaps],
        }
        for r in found
    ]
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for row in rows:
        click.echo(
            f"{row['score']:.2f}  {row['title']}  ({row['required_matched']} of "
            f"{row['required_total']} required; missing: {', '.join(row['missing']) or '-'})"
        )


@match_cli.command("warm")
def warm() -> None:
    """Build the skill index once (label embeddings are cached on disk for later starts)."""
    import time

    from app.services.linking import skill_index

    started = time.perf_counter()
    index = skill_index()
    click.echo(f"Skill index ready: {len(index)} skills in {time.perf_counter() - started:.1f} s.")


@match_cli.command("reindex")
@click.option("--chunk", default=200, show_default=True, help="Rows embedded per commit.")
def reindex(chunk: int) -> None:
    """Store the text vectors of every vacancy, seeker profile and curriculum unit whose text has
    none yet (after seeding, importing by SQL or changing the model); stored ones are kept."""
    from sqlalchemy import select

    from app.extensions import db
    from app.models import SeekerProfile, Vacancy
    from app.services import vectors

    for subject, model in (("vacancy", Vacancy), ("seeker", SeekerProfile)):
        ids = list(db.session.scalars(select(model.id).order_by(model.id)))
        embedded = 0
        with click.progressbar(length=len(ids), label=f"{subject} vectors") as bar:
            for start in range(0, len(ids), chunk):
                embedded += vectors.refresh(subject, ids[start : start + chunk])
                db.session.commit()
                bar.update(len(ids[start : start + chunk]))
        click.echo(f"{subject}: {embedded} of {len(ids)} embedded, the rest already stored.")
    _reindex_units(chunk)
    _write_snapshot()


def _reindex_units(chunk: int) -> None:
    """Store the vectors of every curriculum unit's texts (a seed writes curricula without them),
    a few curricula per pass of the model (texts they share are embedded once)."""
    from sqlalchemy import select
    from sqlalchemy.orm import selectinload

    from app.extensions import db
    from app.models import Curriculum, CurriculumUnit
    from app.services import vectors

    ids = list(db.session.scalars(select(Curriculum.id).order_by(Curriculum.id)))
    embedded, per_pass = 0, max(1, chunk // 20)
    with click.progressbar(length=len(ids), label="curriculum unit vectors") as bar:
        for start in range(0, len(ids), per_pass):
            found = db.session.scalars(
                select(Curriculum)
                .where(Curriculum.id.in_(ids[start : start + per_pass]))
                .options(selectinload(Curriculum.units).selectinload(CurriculumUnit.outcomes))
            )
            items = [item for curriculum in found for item in vectors.unit_items(curriculum)]
            embedded += vectors.store_many(vectors.UNIT_SUBJECT, items)
            db.session.commit()
            bar.update(len(ids[start : start + per_pass]))
    click.echo(f"curriculum units: {embedded} embedded, the rest already stored.")


@match_cli.command("snapshot")
def snapshot() -> None:
    """Build the vacancy and seeker indexes from the database and write the snapshot that web
    workers memory-map at start-up (INDEX_SNAPSHOT_DIR, default var/index)."""
    _write_snapshot()


def _write_snapshot() -> None:
    import time

    from flask import current_app

    from app.services import indexes, matching

    if not current_app.config["INDEX_SNAPSHOT_DIR"]:
        click.echo("INDEX_SNAPSHOT_DIR is empty: no index snapshot written.")
        return
    started = time.perf_counter()
    rows = indexes.write_snapshot(matching.neighbours(), matching._CACHE["mean"])  # type: ignore[arg-type]
    counts = ", ".join(f"{n} {kind} rows" for kind, n in rows.items())
    click.echo(
        f"Index snapshot written to {current_app.config['INDEX_SNAPSHOT_DIR']}: {counts} "
        f"({time.perf_counter() - started:.1f} s)."
    )


def _pybabel(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", *args], check=True)


def register(app: Flask) -> None:
    """Attach the command groups to the app."""
    from app.api.cli import api_cli
    from app.jobs.cli import jobs_cli
    from app.notifications.cli import notify_cli
    from app.planner.cli import context_cli, create_planner
    from app.planner.supply_cli import supply_cli
    from app.profile_cli import profile_cli
    from app.schools.cli import curricula_cli
    from app.services.demand.cli import demand_cli
    from app.services.feeds.cli import feeds_cli
    from app.services.opendata.cli import opendata_cli
    from app.vacancies.cli import classify_occupations

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
    if "classify-occupations" not in vacancies_cli.commands:
        vacancies_cli.add_command(classify_occupations)
