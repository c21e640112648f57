"""Accounts and the organisations (employers, schools, training providers, agencies) they belong
to."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import choice, utcnow
from app.models.region import Region

ROLES = ("seeker", "employer", "school", "admin", "planner")
# agency: a government office (Bappeda, Disnaker, Dinas Pendidikan, DKISP) whose planners read
# aggregates; an administrator creates it, so it counts as verified.
ORGANISATION_KINDS = ("employer", "school", "training_provider", "agency")
# unsubmitted: registered, identity not yet given; pending: waiting in the administrators' queue;
# verified: may reach people; rejected: told why, may correct and ask again.
VERIFICATION_STATUSES = ("unsubmitted", "pending", "verified", "rejected")


class Organisation(db.Model):
    """An employer, school or training provider; users of those roles belong to one."""

    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(choice("organisation_kind", *ORGANISATION_KINDS))
    name: Mapped[str] = mapped_column(sa.String(200))
    region_id: Mapped[int | None] = mapped_column(sa.ForeignKey("regions.id"))
    address: Mapped[str] = mapped_column(sa.String(300), default="")
    registration_number: Mapped[str] = mapped_column(sa.String(40), default="")
    verification_status: Mapped[str] = mapped_column(
        choice("verification_status", *VERIFICATION_STATUSES), default="unsubmitted", index=True
    )
    verification_note: Mapped[str] = mapped_column(sa.Text, default="")
    verification_requested_at: Mapped[datetime | None]
    verified_at: Mapped[datetime | None]
    suspended: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    region: Mapped[Region | None] = relationship()
    members: Mapped[list[User]] = relationship(back_populates="organisation")

    @property
    def is_verified(self) -> bool:
        """Verified by an administrator and not suspended: may publish and reach people."""
        return self.verification_status == "verified" and not self.suspended

    def __repr__(self) -> str:
        return f"<Organisation {self.id} {self.name}>"


class User(UserMixin, db.Model):
    """A person who signs in; the role decides what they may do."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(sa.String(255))
    name: Mapped[str] = mapped_column(sa.String(120))
    role: Mapped[str] = mapped_column(choice("user_role", *ROLES))
    locale: Mapped[str] = mapped_column(sa.String(5), default="id")
    active: Mapped[bool] = mapped_column(default=True)
    organisation_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("organisations.id"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    last_login_at: Mapped[datetime | None]
    # set when the owner opened a verification link sent to ``email``
    email_verified_at: Mapped[datetime | None]
    # an address the owner asked to move to; it replaces ``email`` once verified
    pending_email: Mapped[str | None] = mapped_column(sa.String(254))
    # part of the session id: raising it ends every session (password change, reset,
    # deactivation, "log out everywhere")
    session_version: Mapped[int] = mapped_column(default=0)

    organisation: Mapped[Organisation | None] = relationship(back_populates="members")

    @property
    def is_active(self) -> bool:  # type: ignore[override]
        """Flask-Login refuses inactive accounts."""
        return self.active

    def get_id(self) -> str:
        """The session id: the user id and the session version (``"7:2"``)."""
        return f"{self.id}:{self.session_version}"

    def __repr__(self) -> str:
        return f"<User {self.id} {self.role}>"
