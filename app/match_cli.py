"""``flask match``: a seeker's recommendations, the skill index's warm-up, the text vectors and
the index snapshot."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from app.services import accounts

match_cli = AppGroup("match", help="Matching: recommendations, index warm-up.")


@match_cli.command("seeker")
@click.argument("email")
@click.option("--limit", default=10, show_default=True, help="How many vacancies.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
def match_seeker(email: str, limit: int, as_json: bool) -> None:
    """A seeker's recommended vacancies with matched and missing skills."""
    import json

    from app.services import match_labels, matching, seekers

    user = accounts.find_user(email)
    if user is None or user.role != "seeker":
        raise click.ClickException(f"no seeker account {email}")
    found = matching.recommendations(seekers.profile_of(user), k=limit)
    labels = match_labels.labels_for([r.match for r in found], "en")
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
    """Build the skill index once, load its models and embed the skills' descriptions, which
    the gap report's unit advice reads (``services.linking.warm``: the vectors are cached on disk
    for later starts; gunicorn's workers do the same when they start)."""
    import time

    from app.services.linking import skill_index, warm

    started = time.perf_counter()
    index = skill_index()
    click.echo(f"Skill index ready: {len(index)} skills in {time.perf_counter() - started:.1f} s.")
    started = time.perf_counter()
    described = warm()
    click.echo(
        f"Models loaded and {described} skill descriptions embedded in "
        f"{time.perf_counter() - started:.1f} s."
    )


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


@match_cli.command("snapshot")
def snapshot() -> None:
    """Build the vacancy and seeker indexes from the database and write the snapshot that web
    workers memory-map at start-up (INDEX_SNAPSHOT_DIR, default var/index)."""
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


def _write_snapshot() -> None:
    import time

    from flask import current_app

    from app.services import indexes

    if not current_app.config["INDEX_SNAPSHOT_DIR"]:
        click.echo("INDEX_SNAPSHOT_DIR is empty: no index snapshot written.")
        return
    started = time.perf_counter()
    rows = indexes.write_snapshot()
    missing = [kind for kind, n in rows.items() if n is None]
    if missing:
        raise click.ClickException(
            f"{' and '.join(missing)} index snapshot not written to "
            f"{current_app.config['INDEX_SNAPSHOT_DIR']}: another process is writing it, or the "
            "disk refused it (see the log)."
        )
    counts = ", ".join(f"{n} {kind} rows" for kind, n in rows.items())
    click.echo(
        f"Index snapshot written to {current_app.config['INDEX_SNAPSHOT_DIR']}: {counts} "
        f"({time.perf_counter() - started:.1f} s)."
    )
