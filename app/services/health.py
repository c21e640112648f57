"""Health checks for load balancers and monitoring."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from app.extensions import db


def check_health() -> tuple[bool, dict[str, str]]:
    """(healthy, report); the report names each part as "ok" or its error."""
    report = {"status": "ok", "db": "ok"}
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError as error:
        db.session.rollback()
        report["db"] = f"error: {type(error).__name__}"
        report["status"] = "error"
    return report["status"] == "ok", report


def check_alive() -> dict[str, str]:
    """Liveness: this process answers ("ok"); the database's state is named for information."""
    _healthy, report = check_health()
    report["status"] = "ok"
    return report


def check_ready() -> tuple[bool, dict[str, str]]:
    """(ready, report) for a load balancer: the database answers, Redis answers when jobs use
    it, and this process has loaded the model, the skill index and the ranking indexes
    (``matching.warm_up``: gunicorn's workers at start, else the first request that needs them)."""
    from flask import current_app

    from app.services.indexes import indexes_built
    from app.services.linking import index_loaded

    healthy, report = check_health()
    url = current_app.config.get("REDIS_URL")
    if url:
        try:
            from redis import Redis

            Redis.from_url(url, socket_timeout=1, socket_connect_timeout=1).ping()
            report["redis"] = "ok"
        except Exception as error:  # noqa: BLE001 - any failure means not ready
            report["redis"] = f"error: {type(error).__name__}"
    else:
        report["redis"] = "not used"
    report["model"] = "ok" if index_loaded() else "not loaded"
    report["indexes"] = "ok" if indexes_built() else "not built"
    ready = healthy and report["redis"] in ("ok", "not used")
    ready = ready and report["model"] == "ok" and report["indexes"] == "ok"
    report["status"] = "ok" if ready else "not ready"
    return ready, report
