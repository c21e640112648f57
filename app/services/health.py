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
