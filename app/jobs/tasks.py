"""The project's jobs, registered by kind. Each takes a JobContext and JSON parameters."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from app.jobs.registry import JobContext, job

T = TypeVar("T")


def _one_step(context: JobContext, work: Callable[[], T]) -> T:
    """Do a job's work as one step of progress (0 of 1, then 1 of 1 when it is done)."""
    context.progress(0, 1)
    result = work()
    context.progress(1, 1)
    return result


@job("vacancies.expire")
def expire_vacancies(context: JobContext) -> dict[str, Any]:
    """Close vacancies past their closing date and old ones without a date (daily)."""
    from app.services.vacancies import expire

    counts = _one_step(context, expire)
    return counts


def _report_as_dict(report: Any) -> dict[str, Any]:
    """An import report as JSON (the job page renders it like the form's own report)."""
    return {
        "total": report.total,
        "imported": list(report.imported),
        "errors": [
            {"line": e.line, "field": e.field, "message": str(e.message)} for e in report.errors
        ],
        "all_or_nothing": report.all_or_nothing,
        "rejected_count": report.rejected_count,
        "unreported_count": report.unreported_count,
        "max_reported_lines": report.max_reported_lines,
    }


@job("vacancies.import")
def import_vacancies(
    context: JobContext, employer_id: int, filename: str, all_or_nothing: bool, publish: bool
) -> dict[str, Any]:
    """Import a large vacancy file (CSV/JSON) for an employer, with progress; all rows or the
    valid ones commit together, once."""
    from flask_babel import force_locale

    from app.extensions import db
    from app.models import User
    from app.services import vacancy_import
    from app.services.errors import ValidationError

    user = db.session.get(User, employer_id)
    state = {"done": 0, "total": 0}

    def progress(rows: Any) -> Any:
        for item in rows:
            state["done"] += 1
            if state["done"] % 10 == 0:
                context.progress(state["done"], state["total"])
            yield item

    with force_locale(user.locale or "id"):
        try:
            rows = vacancy_import.read_rows(context.payload(), filename)
        except ValidationError as error:  # the file as a whole cannot be used: not a failure
            return {"file_error": error.message}
        state["total"] = len(rows)
        context.progress(0, len(rows))
        report = vacancy_import.import_rows(
            rows, user, all_or_nothing=all_or_nothing, publish=publish, progress=progress
        )
        return _report_as_dict(report)


@job("vacancies.extract")
def extract_vacancy_skills(context: JobContext, vacancy_id: int) -> dict[str, Any]:
    """Read the skills of a saved vacancy's title and description, then its KBJI occupation
    from the title and those skills (people's choices stay); running it again gives the same
    result."""
    from app.extensions import db
    from app.models import Vacancy
    from app.services import occupations, vectors
    from app.services.vacancies import refresh_suggestions

    vacancy = db.session.get(Vacancy, vacancy_id)
    if vacancy is None:  # deleted meanwhile
        return {"skills": 0}
    context.progress(0, 1)
    refresh_suggestions(vacancy)
    occupations.classify_vacancies([vacancy])  # from the title and these skills (an employer's
    vectors.refresh("vacancy", [vacancy.id])  # choice stays)
    db.session.commit()
    return {
        "skills": sum(1 for link in vacancy.skills if not link.rejected),
        "occupation": vacancy.occupation_code,
    }


@job("vectors.refresh")
def refresh_vectors(context: JobContext, of: str, ids: list[int]) -> dict[str, Any]:
    """Store the text vectors of vacancies or seeker profiles (saved, or missing from an index),
    in chunks that each commit; running it again embeds nothing already stored."""
    from app.extensions import db
    from app.services import vectors

    embedded = 0
    for start in range(0, len(ids), 200):
        context.progress(start, len(ids))
        embedded += vectors.refresh(of, ids[start : start + 200])
        db.session.commit()
    context.progress(len(ids), len(ids))
    return {"embedded": embedded}


@job("trainings.extract")
def extract_training_skills(context: JobContext, training_id: int) -> dict[str, Any]:
    """Read the skills of a saved training's title and description (people's choices stay);
    running it again gives the same result."""
    from app.extensions import db
    from app.models import Training
    from app.services.training_catalogue import refresh_suggestions

    training = db.session.get(Training, training_id)
    if training is None:  # deleted meanwhile
        return {"skills": 0}
    context.progress(0, 1)
    refresh_suggestions(training)
    db.session.commit()
    return {"skills": sum(1 for link in training.skills if not link.rejected)}


@job("curricula.extract")
def extract_curriculum_skills(context: JobContext, curriculum_id: int) -> dict[str, Any]:
    """Read the skills of every learning outcome of a saved curriculum, with progress, and store
    the vectors of its units' texts (the gap report's unit advice); all of them commit together,
    once (people's choices stay; running it again gives the same result)."""
    from app.extensions import db
    from app.models import Curriculum
    from app.services import vectors
    from app.services.curricula import extract_outcome_skills, outcome_count

    curriculum = db.session.get(Curriculum, curriculum_id)
    if curriculum is None:  # deleted meanwhile
        return {"outcomes": 0}
    total = outcome_count(curriculum)
    state = {"done": 0}

    def progress(outcomes: Any) -> Any:
        for outcome in outcomes:
            state["done"] += 1
            if state["done"] % 16 == 0:
                context.progress(state["done"], total)
            yield outcome

    context.progress(0, total)
    read = extract_outcome_skills(curriculum, progress=progress, commit=False)
    vectors.store_unit_vectors(curriculum)
    db.session.commit()
    return {"outcomes": read, "curriculum_id": curriculum_id}


@job("indexes.snapshot")
def write_index_snapshot(context: JobContext) -> dict[str, Any]:
    """Build the vacancy and seeker indexes from the database and write them as the snapshot
    the web processes map (daily, and when a process's changes since the snapshot passed
    ``INDEX_DELTA_LIMIT``); writing it again only replaces it."""
    from flask import current_app

    from app.services import indexes

    if not current_app.config["INDEX_SNAPSHOT_DIR"]:
        return {"written": False}
    rows = _one_step(context, indexes.write_snapshot)
    return {"written": all(n is not None for n in rows.values()), **rows}


@job("notify.digest")
def send_digests(context: JobContext) -> dict[str, Any]:
    """Email each seeker the vacancies new for their saved searches (at most once a day)."""
    from app.services.digests import send_digests as send

    report = _one_step(context, send)
    return {"emailed": report.emailed, "vacancies": report.vacancies}


@job("demand.refresh")
def refresh_demand(
    context: JobContext,
    vacancy_ids: list[int] | None = None,
    cells: list | None = None,
    organisation_ids: list[int] | None = None,
) -> dict[str, Any]:
    """Recompute the demand aggregate's cells of the given vacancies, of the given
    organisations' vacancies and (region_id, month) cells ("YYYY-MM-01"); idempotent."""
    from datetime import date

    from app.services.demand import refresh_demand as refresh

    context.progress(0, 1)
    wanted = [(int(region), date.fromisoformat(str(month))) for region, month in cells or []]
    done = refresh(vacancy_ids or [], wanted, organisation_ids or [])
    context.progress(1, 1)
    return {"cells": done}


@job("demand.rebuild")
def rebuild_demand(context: JobContext) -> dict[str, Any]:
    """Recompute the whole demand aggregate from the vacancies (daily; idempotent)."""
    from app.services.demand import rebuild_demand as rebuild

    sizes = _one_step(context, rebuild)
    return sizes


@job("supply.rebuild")
def rebuild_supply(context: JobContext) -> dict[str, Any]:
    """Recompute the whole job-seeker supply aggregate from the profiles (daily; idempotent)."""
    from app.services.seeker_supply import rebuild_supply as rebuild

    sizes = _one_step(context, rebuild)
    return sizes


@job("mail.send")
def send_mail(context: JobContext, to: str, mail_subject: str) -> dict[str, Any]:
    """Send one queued email (its body is the job's payload). Idempotent: once the message is
    handed to the mail server the job records it, and a retry does not send it again."""
    from app.services import mail

    if context.checkpoints().get("sent"):
        return {"sent": True, "to": to}
    mail.send(to, mail_subject, context.payload().decode())
    context.checkpoint(sent=True)
    return {"sent": True, "to": to}


@job("opendata.publish")
def publish_open_data(context: JobContext, month: str | None = None) -> dict[str, Any]:
    """Publish the open-data release of a month (``YYYY-MM``; default: the last complete
    month) unless it is already published (daily; idempotent)."""
    from app.services import opendata

    result = _one_step(
        context, lambda: opendata.publish(opendata.parse_month(month) if month else None)
    )
    return {"month": result.month.strftime("%Y-%m"), "rows": result.rows}


@job("feeds.pull")
def pull_feeds(context: JobContext, names: list[str] | None = None) -> dict[str, Any]:
    """Pull the active vacancy feeds (or those named), each committing once (daily); pulling an
    unchanged feed again creates nothing."""
    from app.services.feeds import pull_all

    reports = _one_step(context, lambda: pull_all(names))
    return {report.feed: report.as_dict() for report in reports}
