"""What people hear back: notifications in the site, and the searches seekers save for a digest."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import choice, parent_key, utcnow
from app.models.region import Region
from app.models.user import User

NOTIFICATION_KINDS = (
    "application_received",
    "application_moved",
    "application_reopened",
    "organisation",
    "curriculum_sync",
)


class Notification(db.Model):
    """One message to one user; stored as a kind and its parameters, rendered in the reader's
    language when shown or mailed."""

    __tablename__ = "notifications"
    __table_args__ = (sa.Index("ix_notifications_recipient_unread", "recipient_id", "read_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(choice("notification_kind", *NOTIFICATION_KINDS))
    params: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)
    link: Mapped[str] = mapped_column(sa.String(300), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    read_at: Mapped[datetime | None]

    recipient: Mapped[User] = relationship()


class SavedSearch(db.Model):
    """A seeker's vacancy search kept under a name; new matches are mailed in a daily digest."""

    __tablename__ = "saved_searches"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = parent_key("users.id")
    name: Mapped[str] = mapped_column(sa.String(100))
    query: Mapped[str] = mapped_column(sa.String(200), default="")
    region_id: Mapped[int | None] = mapped_column(sa.ForeignKey("regions.id", ondelete="SET NULL"))
    employment_type: Mapped[str | None] = mapped_column(sa.String(20))
    education: Mapped[str | None] = mapped_column(sa.String(20))
    salary_min: Mapped[int | None] = mapped_column(sa.BigInteger)
    email_digest: Mapped[bool] = mapped_column(default=True)
    last_digest_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[User] = relationship()
    region: Mapped[Region | None] = relationship()
