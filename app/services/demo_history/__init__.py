"""Demo history for the planners' charts: ``flask seed history``.

Two years of vacancies from about fifty generated employers across Banten's districts, job
seekers with their skills, applications with their pipeline, and schools' programmes with their
yearly graduates; written from ``app/data/demo/history.json`` with a fixed seed through the
scale generator's templates and bulk writers, in one transaction. Idempotent: once its accounts
(``@history.example``, with a random password nobody knows) exist it adds nothing. Refused
where demo data is refused.
"""

from __future__ import annotations

import json
import os
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flask import current_app
from sqlalchemy import select

from app.extensions import db
from app.models import User
from app.services.scale_data import bulk

HISTORY_FILE = Path(__file__).resolve().parents[2] / "data" / "demo" / "history.json"
EMAIL_DOMAIN = "history.example"
DEFAULT_SEED = 2026
DEFAULT_VACANCIES = 2000
DEFAULT_SEEKERS = 600


class HistoryDataError(RuntimeError):
    """Demo history is refused here, or its prerequisites are missing."""


@dataclass
class HistoryResult:
    """What ``seed_history`` wrote, per table (empty when the history was there already)."""

    created: bool
    counts: dict[str, int] = field(default_factory=dict)


def read_history(path: Path = HISTORY_FILE) -> dict[str, Any]:
    """The written plan of the history (roles, employers, schools, district weights), on the
    deployment profile's districts."""
    from app.services.demo_regional import regional

    return regional(json.loads(path.read_text(encoding="utf-8")))


def history_present() -> bool:
    """The history's accounts are in the database already."""
    found = db.session.scalar(select(User.id).where(User.email.like(f"%@{EMAIL_DOMAIN}")).limit(1))
    return found is not None


def seed_history(
    seed: int = DEFAULT_SEED,
    vacancies: int = DEFAULT_VACANCIES,
    seekers: int = DEFAULT_SEEKERS,
) -> HistoryResult:
    """Write the history in one transaction (all or nothing), then rebuild the demand and
    supply aggregates (bulk writes bypass their upkeep); nothing when it is there already."""
    if not current_app.config.get("ALLOW_DEMO_DATA") or (
        os.environ.get("LINKMATCH_ENV") == "production"
    ):
        raise HistoryDataError("demo data and demo passwords are refused in this configuration")
    if history_present():
        return HistoryResult(created=False)
    from app.services.demand import rebuild_demand
    from app.services.demo_history.generator import History
    from app.services.seeker_supply import rebuild_supply

    try:
        bulk.no_statement_timeout()
        history = History(random.Random(seed), read_history())  # noqa: S311 - fixed-seed data
        counts = history.run(vacancies, seekers)
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    bulk.analyse(bulk.table_of(m) for m in history.models())
    rebuild_demand()
    rebuild_supply()
    return HistoryResult(created=True, counts=counts)
