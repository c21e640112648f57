"""The registry of job functions (``@job(kind)``) and what a running job may use
(:class:`JobContext`: its uploaded file, progress, checkpoints)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import OperationalError

from app.extensions import db
from app.models import BackgroundJob
from app.models.base import utcnow

log = logging.getLogger("app.jobs.runner")  # the name its records had before the split

JobFunction = Callable[..., dict[str, Any] | None]
_REGISTRY: dict[str, JobFunction] = {}


def job(kind: str) -> Callable[[JobFunction], JobFunction]:
    """Register a job function under ``kind`` (e.g. ``"vacancies.import"``)."""

    def register(function: JobFunction) -> JobFunction:
        _REGISTRY[kind] = function
        return function

    return register


def registered() -> dict[str, JobFunction]:
    """The registered job functions by kind (their modules are imported first)."""
    import app.jobs.tasks  # noqa: F401 - registers the project's jobs

    return dict(_REGISTRY)


@dataclass(frozen=True)
class JobContext:
    """What a running job may use: its id, its uploaded file and a progress reporter."""

    job_id: str

    def payload(self) -> bytes:
        """The file enqueued with the job (empty when there is none), read on a connection of
        its own: the job's session holds no transaction open while it works on it."""
        with db.engine.connect() as connection:
            found = connection.scalar(
                select(BackgroundJob.payload).where(BackgroundJob.id == self.job_id)
            )
        return found or b""

    def progress(self, done: int, total: int) -> None:
        """Record progress in its own short transaction (best effort: a busy SQLite file
        skips an update rather than wait)."""
        try:
            with db.engine.begin() as connection:
                connection.execute(
                    update(BackgroundJob)
                    .where(BackgroundJob.id == self.job_id)
                    .values(done=done, total=total, updated_at=utcnow())
                )
        except OperationalError:
            log.debug("progress of job %s not recorded (database busy)", self.job_id)

    def checkpoint(self, **values: Any) -> None:
        """Record, at once and in its own transaction, that a step with an outside effect
        (an email sent) is done: a retry of the job reads it with :meth:`checkpoints` and
        does not do the step again."""
        with db.engine.begin() as connection:
            connection.execute(
                update(BackgroundJob)
                .where(BackgroundJob.id == self.job_id)
                .values(result={**self.checkpoints(), **values}, updated_at=utcnow())
            )

    def checkpoints(self) -> dict[str, Any]:
        """What earlier attempts of this job recorded with :meth:`checkpoint`."""
        with db.engine.connect() as connection:
            found = connection.scalar(
                select(BackgroundJob.result).where(BackgroundJob.id == self.job_id)
            )
        return dict(found or {})
