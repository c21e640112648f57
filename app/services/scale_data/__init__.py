"""Province-scale data for benches: ``flask seed scale`` (employers, vacancies, seekers, schools).

Texts come from written templates (``templates``) whose skills, search terms and vectors are
computed once; rows are made by ``generator`` and bulk-written with their ids (``bulk``) in one
transaction. Every account it creates signs in with ``BENCH_PASSWORD`` (hashed once); refused
where demo data is refused.
"""

from __future__ import annotations

import os
import random
from contextlib import AbstractContextManager, nullcontext
from typing import Any

from flask import current_app
from sqlalchemy import select

from app.extensions import db
from app.models import Region, User
from app.services.scale_data import bulk
from app.services.scale_data.generator import (
    BENCH_PASSWORD,
    EMAIL_DOMAIN,
    Generator,
    Progress,
    ScaleResult,
    email,
)
from app.services.scale_data.writers import Writers

__all__ = ["BENCH_PASSWORD", "EMAIL_DOMAIN", "ScaleDataError", "ScaleResult", "email", "seed_scale"]


class ScaleDataError(RuntimeError):
    """Scale data is refused here, or is there already."""


def _quiet(label: str, total: int) -> AbstractContextManager[Any]:
    class _Bar:
        def update(self, n: int) -> None:
            """Nothing to show."""

    return nullcontext(_Bar())


def seed_scale(
    vacancies: int,
    seekers: int,
    schools: int,
    seed: int = 7,
    open_share: float = 0.5,
    progress: Progress = _quiet,
) -> ScaleResult:
    """Generate the data in one transaction (all or nothing); refused in production and when
    generated accounts are there already."""
    if not current_app.config.get("ALLOW_DEMO_DATA") or (
        os.environ.get("LINKMATCH_ENV") == "production"
    ):
        raise ScaleDataError("scale data and bench passwords are refused in this configuration")
    if db.session.scalar(select(User.id).where(User.email.like(f"%@{EMAIL_DOMAIN}")).limit(1)):
        raise ScaleDataError(f"accounts @{EMAIL_DOMAIN} exist already: use an empty database")
    regions = list(db.session.scalars(select(Region.id).order_by(Region.id)))
    if not regions:
        raise ScaleDataError("no regions: run `flask seed reference` first")
    try:
        bulk.no_statement_timeout()
        result = Generator(
            random.Random(seed),  # noqa: S311 - fixed-seed test data
            regions,
            open_share,
            progress,
        ).run(vacancies, seekers, schools)
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    bulk.analyse(bulk.table_of(m) for m in Writers.models())
    return result
