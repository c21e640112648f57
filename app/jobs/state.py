"""The recorded state of jobs: one job, the job still pending on a subject, and the recovery
of jobs lost with the process or the Redis that held them (``flask jobs recover``)."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select

from app.extensions import db
from app.jobs.runner import start_recorded
from app.models import BackgroundJob
from app.models.base import utcnow

log = logging.getLogger("app.jobs.runner")  # the name its records had before the split


def get(job_id: str) -> BackgroundJob | None:
    """A job's recorded state."""
    return db.session.get(BackgroundJob, job_id)


def _stranded_before() -> datetime:
    """Jobs queued or running without a change since this moment were lost (see
    ``JOBS_STRANDED_AFTER``)."""
    return utcnow() - timedelta(seconds=current_app.config["JOBS_STRANDED_AFTER"])


def pending(subject: str) -> BackgroundJob | None:
    """The newest job still queued or running on ``subject`` (None when there is none). A job
    lost with the process that held it (no change for ``JOBS_STRANDED_AFTER``) is not pending:
    it must not keep new work on its subject from starting."""
    return db.session.scalar(
        select(BackgroundJob)
        .where(
            BackgroundJob.subject == subject,
            BackgroundJob.status.in_(("queued", "running")),
            BackgroundJob.updated_at >= _stranded_before(),
        )
        .order_by(BackgroundJob.created_at.desc())
        .limit(1)
    )


def recover_stranded() -> dict[str, int]:
    """Start again the jobs lost with the process or the Redis that held them (queued or
    running without a change for ``JOBS_STRANDED_AFTER``: a worker's timeout is shorter), while
    they have attempts left; mark the others failed with the reason. Jobs are idempotent or
    commit once, so a job started again never half-saves. Returns how many of each."""
    limit = current_app.config["JOBS_MAX_RETRIES"] + 1
    stranded = list(
        db.session.scalars(
            select(BackgroundJob).where(
                BackgroundJob.status.in_(("queued", "running")),
                BackgroundJob.updated_at < _stranded_before(),
            )
        )
    )
    restarted, failed = [], 0
    for record in stranded:
        if record.attempts < limit:
            record.status, record.updated_at = "queued", utcnow()
            restarted.append((record.id, record.kind, dict(record.params or {})))
        else:
            record.status, record.finished_at, record.payload = "failed", utcnow(), None
            record.error = "Lost: the process running it stopped, and no attempts are left."
            failed += 1
    db.session.commit()
    for job_id, kind, params in restarted:
        log.warning("job %s (%s) was stranded; starting it again", job_id, kind)
        start_recorded(job_id, kind, params)
    return {"restarted": len(restarted), "failed": failed}
