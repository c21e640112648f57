"""Enqueue and run jobs: on the RQ queue, in a thread of this process, or eagerly; record their
state for the progress pages (the registry of job functions: ``registry``; reading and
recovering recorded jobs: ``state``)."""

from __future__ import annotations

import logging
import threading
import traceback
import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from flask import Flask, current_app, has_app_context
from sqlalchemy import event
from sqlalchemy.orm import Session

from app.extensions import db
from app.jobs.registry import JobContext, registered
from app.models import BackgroundJob
from app.models.base import utcnow

log = logging.getLogger(__name__)

_EXECUTOR_LOCK = threading.Lock()
_EXECUTOR: ThreadPoolExecutor | None = None
AFTER_COMMIT = "linkmatch_jobs_after_commit"  # session.info key: jobs to start on commit


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
    start_recorded(record.id, kind, params)
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
    start_recorded(job_id, kind, params, fresh_session=True)
    return job_id


@event.listens_for(Session, "after_commit")
def _start_committed(session: Session) -> None:
    for job_id, kind, params in session.info.pop(AFTER_COMMIT, []):
        start_recorded(job_id, kind, params, fresh_session=True)


@event.listens_for(Session, "after_rollback")
def _forget_uncommitted(session: Session) -> None:
    session.info.pop(AFTER_COMMIT, None)


def start_recorded(
    job_id: str, kind: str, params: dict[str, Any], fresh_session: bool = False
) -> None:
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
