"""Enqueue and run jobs; record their state for the progress pages."""

from __future__ import annotations

import logging
import threading
import traceback
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from flask import Flask, current_app, has_app_context
from sqlalchemy import event, select, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from app.extensions import db
from app.models import BackgroundJob
from app.models.base import utcnow

log = logging.getLogger(__name__)

JobFunction = Callable[..., dict[str, Any] | None]
_REGISTRY: dict[str, JobFunction] = {}
_EXECUTOR_LOCK = threading.Lock()
_EXECUTOR: ThreadPoolExecutor | None = None
AFTER_COMMIT = "linkmatch_jobs_after_commit"  # session.info key: jobs to start on commit


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


def _queue():  # type: ignore[no-untyped-def]
    from redis import Redis
    from rq import Queue

    config = current_app.config
    timeout = config["JOBS_REDIS_TIMEOUT"]
    connection = Redis.from_url(
        config["REDIS_URL"], socket_timeout=timeout, socket_connect_timeout=timeout
    )
    return Queue(config["JOBS_QUEUE"], connection=connection)


def _record(
    kind: str, owner_id: int | None, payload: bytes | None, subject: str, params: dict[str, Any]
) -> BackgroundJob:
    if kind not in registered():
        raise KeyError(f"no job named {kind!r}")
    return BackgroundJob(
        id=str(uuid.uuid4()),
        kind=kind,
        owner_id=owner_id,
        status="queued",
        params=params,
        payload=payload,
        subject=subject,
    )


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
    record = _record(kind, owner_id, payload, subject, params)
    db.session.add(record)
    db.session.commit()
    _start(record.id, kind, params)
    return record


def enqueue_after_commit(
    kind: str,
    owner_id: int | None = None,
    payload: bytes | None = None,
    subject: str = "",
    **params: Any,
) -> BackgroundJob:
    """Add a job to the caller's transaction: it is recorded and started when the caller
    commits, and never exists if the caller rolls back (an email about a change that was not
    saved is never sent; a change that was saved always has its job)."""
    record = _record(kind, owner_id, payload, subject, params)
    db.session.add(record)
    db.session().info.setdefault(AFTER_COMMIT, []).append((record.id, kind, params))
    return record


def enqueue_apart(kind: str, subject: str = "", **params: Any) -> str:
    """Record a job in a transaction of its own and start it, leaving the caller's session
    alone (work asked for from inside a request that may be reading, or rolled back later: an
    index whose delta passed its limit). An eager job runs with a session of its own too.
    Returns the job's id."""
    record = _record(kind, None, None, subject, params)
    with Session(db.engine) as session:
        session.add(record)
        session.commit()
        job_id = record.id
    _start(job_id, kind, params, fresh_session=True)
    return job_id


@event.listens_for(Session, "after_commit")
def _start_committed(session: Session) -> None:
    for job_id, kind, params in session.info.pop(AFTER_COMMIT, []):
        _start(job_id, kind, params, fresh_session=True)


@event.listens_for(Session, "after_rollback")
def _forget_uncommitted(session: Session) -> None:
    session.info.pop(AFTER_COMMIT, None)


def _start(job_id: str, kind: str, params: dict[str, Any], fresh_session: bool = False) -> None:
    """Run a recorded job eagerly, put it on the RQ queue, or hand it to this process's thread.
    When Redis cannot be reached the job runs in this process instead (logged): the site keeps
    working and no job is lost. ``fresh_session``: called from a commit hook, where the
    committed session may not be used again (an eager job gets its own app context)."""
    config = current_app.config
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    if config.get("JOBS_EAGER"):
        if fresh_session:
            with app.app_context():
                _run_eagerly(job_id, kind, params)
        else:
            _run_eagerly(job_id, kind, params)
        return
    if config.get("REDIS_URL"):
        try:
            _put_on_queue(job_id, kind, params)
            return
        except Exception as error:  # noqa: BLE001 - Redis down or unreachable: run it here
            log.warning(
                "job %s (%s) could not be queued (%s: %s); running it in this process",
                job_id,
                kind,
                type(error).__name__,
                error,
            )
    _executor().submit(_run_in_thread, app, job_id, kind, params)


def _run_eagerly(job_id: str, kind: str, params: dict[str, Any]) -> None:
    try:
        _execute(job_id, kind, params, will_retry=False)
    except Exception:  # noqa: BLE001 - recorded on the job as failed, like on a worker
        log.warning("eager job %s (%s) failed", job_id, kind)


def _put_on_queue(job_id: str, kind: str, params: dict[str, Any]) -> None:
    from rq import Retry

    config = current_app.config
    _queue().enqueue(
        run,
        job_id,
        kind,
        params,
        job_id=job_id,
        retry=Retry(max=config["JOBS_MAX_RETRIES"]),
        job_timeout=config["JOBS_TIMEOUT"],
        result_ttl=86_400,
        failure_ttl=7 * 86_400,
    )


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
        _start(job_id, kind, params)
    return {"restarted": len(restarted), "failed": failed}
