"""Stored gap reports: each computed report is kept as a snapshot with its parameters."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import parent_key, utcnow
from app.models.curriculum import Curriculum
from app.models.user import User


class GapReportSnapshot(db.Model):
    """One computed gap report of a curriculum: its parameters and the full result."""

    __tablename__ = "gap_report_snapshots"

    id: Mapped[int] = mapped_column(primary_key=True)
    curriculum_id: Mapped[int] = parent_key("curricula.id")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    parameters: Mapped[dict[str, Any]] = mapped_column(sa.JSON)
    result: Mapped[dict[str, Any]] = mapped_column(sa.JSON)
    coverage: Mapped[float | None]
    vacancies_considered: Mapped[int] = mapped_column(default=0)

    curriculum: Mapped[Curriculum] = relationship()
    created_by: Mapped[User | None] = relationship()
