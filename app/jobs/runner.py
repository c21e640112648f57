"""Enqueue and run jobs; record their state for the progress pages."""

from __future__ import annotations

import logging
import threading
import traceback
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from flask import Flask, current_app, has_app_context
from sqlalchemy import select, update
from sqlalchemy.exc import OperationalError

from app.extensions import db
from app.models import BackgroundJob
from app.models.base import utcnow

log = logging.getLogger(__name__)

JobFunction = Callable[..., dict[str, Any] | None]
_REGISTRY: dict[str, JobFunction] = {}
_EXECUTOR_LOCK = threading.Lock()
_EXECUTOR: ThreadPoolExecutor | None = None


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
        """The file enqueued with the job (empty when there is none)."""
        return (
            db.session.scalar(select(BackgroundJob.payload).where(BackgroundJob.id == self.job_id))
            or b""
        )

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


def _queue():  # type: ignore[no-untyped-def]
    from redis import Redis
    from rq import Queue

    connection = Redis.from_url(current_app.config["REDIS_URL"])
    return Queue(current_app.config["JOBS_QUEUE"], connection=connection)


def enqueue(
    kind: str,
    owner_id: int | None = None,
    payload: bytes | None = None,
    subject: str = "",
    **params: Any,
) -> BackgroundJob:
    """Record a job (with its uploaded file, if any) and start it: on the RQ queue when
    REDIS_URL is set, else in a thread of this process (``JOBS_EAGER``: right here, before
    returning, as the test configuration does)."""
    if kind not in registered():
        raise KeyError(f"no job named {kind!r}")
    record = BackgroundJob(
        id=str(uuid.uuid4()),
        kind=kind,
        owner_id=owner_id,
        status="queued",
        params=params,
        payload=payload,
        subject=subject,
    )
    db.session.add(record)
    db.session.commit()
    config = current_app.config
    if config.get("JOBS_EAGER"):
        try:
            _execute(record.id, kind, params, will_retry=False)
        except Exception:  # noqa: BLE001 - recorded on the job as failed, like on a worker
            log.warning("eager job %s (%s) failed", record.id, kind)
    elif config.get("REDIS_URL"):
        from rq import Retry

        _queue().enqueue(
            run,
            record.id,
            kind,
            params,
            job_id=record.id,
            retry=Retry(max=config["JOBS_MAX_RETRIES"]),
            job_timeout=config["JOBS_TIMEOUT"],
            result_ttl=86_400,
            failure_ttl=7 * 86_400,
        )
    else:
        app = current_app._get_current_object()  # type: ignore[attr-defined]
        _executor().submit(_run_in_thread, app, record.id, kind, params)
    return record


def _executor() -> ThreadPoolExecutor:
    global _EXECUTOR
    with _EXECUTOR_LOCK:
        if _EXECUTOR is None:
            _EXECUTOR = ThreadPoolExecutor(max_workers=1, thread_name_prefix="linkmatch-job")
        return _EXECUTOR


def _run_in_thread(app: Flask, job_id: str, kind: str, params: dict[str, Any]) -> None:
    """Run a job in this process, retrying like the RQ worker does."""
    attempts = app.config["JOBS_MAX_RETRIES"] + 1
    with app.app_context():
        for attempt in range(1, attempts + 1):
            try:
                _execute(job_id, kind, params, will_retry=attempt < attempts)
                return
            except Exception:  # noqa: BLE001 - recorded on the job; retried or failed
                log.info("job %s attempt %d of %d failed", job_id, attempt, attempts)
            finally:
                db.session.remove()


def run(job_id: str, kind: str, params: dict[str, Any]) -> dict[str, Any]:
    """The RQ entry point: run the job inside the app (the worker's, or a new one)."""
    from rq import get_current_job

    current = get_current_job()
    will_retry = bool(current and current.retries_left)
    if has_app_context():
        return _execute(job_id, kind, params, will_retry)
    from app import create_app

    with create_app().app_context():
        return _execute(job_id, kind, params, will_retry)


def _execute(job_id: str, kind: str, params: dict[str, Any], will_retry: bool) -> dict[str, Any]:
    record = db.session.get(BackgroundJob, job_id)
    if record is None:
        raise LookupError(f"job {job_id} is not recorded")
    record.status = "running"
    record.attempts += 1
    record.error = ""
    db.session.commit()
    try:
        result = registered()[kind](JobContext(job_id), **params) or {}
    except Exception as error:
        db.session.rollback()  # nothing of a failed attempt is kept
        record = db.session.get(BackgroundJob, job_id)
        record.status = "queued" if will_retry else "failed"
        record.error = f"{type(error).__name__}: {error}"
        record.finished_at = None if will_retry else utcnow()
        if not will_retry:
            record.payload = None
        db.session.commit()
        log.error("job %s (%s) failed:\n%s", job_id, kind, traceback.format_exc())
        raise
    record = db.session.get(BackgroundJob, job_id)
    record.status = "finished"
    record.result = result
    record.payload = None  # the uploaded file is not kept once it has been read
    record.finished_at = utcnow()
    db.session.commit()
    return result


def get(job_id: str) -> BackgroundJob | None:
    """A job's recorded state."""
    return db.session.get(BackgroundJob, job_id)


def pending(subject: str) -> BackgroundJob | None:
    """The newest job still queued or running on ``subject`` (None when there is none)."""
    return db.session.scalar(
        select(BackgroundJob)
        .where(BackgroundJob.subject == subject, BackgroundJob.status.in_(("queued", "running")))
        .order_by(BackgroundJob.created_at.desc())
        .limit(1)
    )
