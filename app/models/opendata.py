"""Frozen open-data releases: each dataset's rows as of the end of a month, stored once so a
published figure never changes later (``app.services.opendata``)."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models.base import utcnow


class OpenDataRelease(db.Model):
    """One dataset of one monthly release: its rows as JSON and CSV text, and what changed
    against the dataset's previous release."""

    __tablename__ = "opendata_releases"
    __table_args__ = (sa.UniqueConstraint("dataset", "month"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    dataset: Mapped[str] = mapped_column(sa.String(60), index=True)
    month: Mapped[date]  # first day of the month the release covers up to (its end)
    released_at: Mapped[datetime] = mapped_column(default=utcnow)
    row_count: Mapped[int]
    rows_json: Mapped[str] = mapped_column(sa.Text)
    csv_text: Mapped[str] = mapped_column(sa.Text)
    changes_json: Mapped[str] = mapped_column(sa.Text, default="{}")
