"""A job's page: progress while it runs (polled by a script), then its result or its error."""

from __future__ import annotations

from flask import Blueprint, abort, render_template
from flask_login import current_user, login_required

from app.auth import policy
from app.jobs import get
from app.models import BackgroundJob

bp = Blueprint("jobs", __name__)
RESULT_TEMPLATES = {
    "vacancies.import": "jobs/_vacancies_import.html",
    "curricula.extract": "jobs/_curricula_extract.html",
}


def _own(job_id: str) -> BackgroundJob:
    record = get(job_id) if len(job_id) <= 36 else None
    if record is None or not policy.can_read_job(current_user, record):
        abort(404)
    return record


@bp.route("/<job_id>")
@login_required
def show(job_id: str) -> str:
    """The job's state; the page refreshes itself until the job ends."""
    record = _own(job_id)
    return render_template(
        "jobs/show.html", job=record, result_template=RESULT_TEMPLATES.get(record.kind)
    )


@bp.route("/<job_id>/status.json")
@login_required
def status(job_id: str) -> dict[str, object]:
    """The job's state for the page's script."""
    record = _own(job_id)
    return {
        "status": record.status,
        "done": record.done,
        "total": record.total,
        "percent": record.percent,
        "attempts": record.attempts,
    }
