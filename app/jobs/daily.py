"""Daily jobs without cron (closing expired vacancies, the saved-search digest, a full
rebuild of the demand and supply aggregates, the open-data release of the last complete month when it is
not yet published, the pull of the vacancy feeds, a fresh index snapshot): a serving
process starts, with its first request, a thread that enqueues them a minute later and then
every 24 hours (``DAILY_JOBS_IN_PROCESS``; off in tests). The same thread looks every hour for
jobs lost with a process or with Redis and starts them again (``flask jobs recover``). Both are idempotent within a day;
with several web processes, run them on an RQ worker (``REDIS_URL``) or from cron
(``LINKMATCH_DAILY_JOBS=0`` and ``flask jobs enqueue KIND``), since two threads sending the
digest at the same moment could send it twice."""

from __future__ import annotations

import logging
import threading
import time

from flask import Flask

DAILY_KINDS = (
    "vacancies.expire",
    "notify.digest",
    "demand.rebuild",
    "supply.rebuild",
    "opendata.publish",
    "feeds.pull",
    "indexes.snapshot",
)
MIN_GAP = 20 * 60 * 60  # a daily job started less than this ago is not started again

FIRST_DELAY = 60
PERIOD = 24 * 60 * 60
SWEEP = 60 * 60  # how often stranded jobs are looked for
log = logging.getLogger(__name__)
_STARTED: set[int] = set()
_LOCK = threading.Lock()


def init_app(app: Flask) -> None:
    """Start the daily thread with the first request this process serves."""
    if not app.config.get("DAILY_JOBS_IN_PROCESS"):
        return

    @app.before_request
    def start_daily_jobs() -> None:
        with _LOCK:
            if id(app) in _STARTED:
                return
            _STARTED.add(id(app))
        threading.Thread(target=_loop, args=(app,), daemon=True, name="linkmatch-daily").start()


def _loop(app: Flask) -> None:
    time.sleep(FIRST_DELAY)
    last_daily = None
    while True:
        recover(app)
        if last_daily is None or time.monotonic() - last_daily >= PERIOD:
            last_daily = time.monotonic()
            run_daily(app)
        time.sleep(SWEEP)


def recover(app: Flask) -> dict[str, int]:
    """Start again the jobs lost with a process or with Redis (a failure is logged)."""
    from app.jobs import recover_stranded

    with app.app_context():
        try:
            return recover_stranded()
        except Exception:  # noqa: BLE001 - the sweep must never take the process down
            log.exception("stranded jobs not recovered")
            return {}


def _ran_lately(kind: str) -> bool:
    """A job of this kind was started (by any process) within ``MIN_GAP`` seconds and has not
    failed: every web worker starts this thread, and gunicorn replaces its workers now and
    then, so without this each new worker would run the whole-province rebuild again."""
    from sqlalchemy import func, select

    from app.extensions import db
    from app.models import BackgroundJob
    from app.models.base import utcnow

    last = db.session.scalar(
        select(func.max(BackgroundJob.created_at)).where(
            BackgroundJob.kind == kind, BackgroundJob.status != "failed"
        )
    )
    return last is not None and (utcnow() - last).total_seconds() < MIN_GAP


def run_daily(app: Flask) -> list[str]:
    """Enqueue each daily job not started lately by any process; returns their ids (a failure
    is logged, not raised)."""
    from app.jobs import enqueue

    started = []
    with app.app_context():
        for kind in DAILY_KINDS:
            try:
                if not _ran_lately(kind):
                    started.append(enqueue(kind).id)
            except Exception:  # noqa: BLE001 - a daily run must never take the process down
                log.exception("daily job %s not started", kind)
    return started
