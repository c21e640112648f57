"""Daily jobs without cron (closing expired vacancies, the saved-search digest, a full
rebuild of the demand and supply aggregates, the open-data release of the last complete month when it is
not yet published): a serving
process starts, with its first request, a thread that enqueues them a minute later and then
every 24 hours (``DAILY_JOBS_IN_PROCESS``; off in tests). Both are idempotent within a day;
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
)
FIRST_DELAY = 60
PERIOD = 24 * 60 * 60
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
    while True:
        run_daily(app)
        time.sleep(PERIOD)


def run_daily(app: Flask) -> list[str]:
    """Enqueue each daily job once; returns their ids (a failure is logged, not raised)."""
    from app.jobs import enqueue

    started = []
    with app.app_context():
        for kind in DAILY_KINDS:
            try:
                started.append(enqueue(kind).id)
            except Exception:  # noqa: BLE001 - a daily run must never take the process down
                log.exception("daily job %s not started", kind)
    return started
