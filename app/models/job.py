"""Background jobs as users see them: what runs, its progress, its result or its error."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models.base import choice, utcnow

JOB_STATUSES = ("queued", "running", "finished", "failed")


class BackgroundJob(db.Model):
    """One unit of long work (an import, a re-index...), run by an RQ worker or a thread of the
    web process; both write its state here, so every web process shows the same progress."""

    __tablename__ = "background_jobs"

    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(60), index=True)
    status: Mapped[str] = mapped_column(
        choice("job_status", *JOB_STATUSES), default="queued", index=True
    )
    # what the job works on, e.g. "vacancy:12" (a page shows that work is under way)
    subject: Mapped[str] = mapped_column(sa.String(60), default="", index=True)
    owner_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    done: Mapped[int] = mapped_column(default=0)
    total: Mapped[int] = mapped_column(default=0)
    attempts: Mapped[int] = mapped_column(default=0)
    params: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    # an uploaded file the job reads (a worker on another machine has no access to the web's
    # disk); emptied when the job ends
    payload: Mapped[bytes | None] = mapped_column(sa.LargeBinary, deferred=True)
    result: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    error: Mapped[str] = mapped_column(sa.Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    finished_at: Mapped[datetime | None]

    @property
    def percent(self) -> int:
        """Progress in whole percent (0 before the total is known)."""
        if self.status == "finished":
            return 100
        return int(100 * self.done / self.total) if self.total else 0
