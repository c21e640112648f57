"""Applications of seekers to vacancies, with their status history."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import children, choice, parent_key, utcnow
from app.models.seeker import SeekerProfile
from app.models.vacancy import Vacancy

APPLICATION_STATUSES = ("applied", "reviewed", "interview", "offer", "hired", "rejected")
REJECTION_REASONS = (
    "skill_mismatch",
    "experience",
    "education",
    "location",
    "position_filled",
    "withdrawn",
    "other",
)
# The pipeline: where an application may go from each status. A move to "hired" that skips the
# offer needs an explicit confirmation (HIRE_WITHOUT_OFFER_FROM); a rejected application only
# comes back through "reopen", to REOPEN_TO.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "applied": ("reviewed", "interview", "rejected"),
    "reviewed": ("interview", "offer", "rejected"),
    "interview": ("offer", "interview", "rejected"),  # interview again: rescheduled
    "offer": ("hired", "rejected"),
    "hired": (),
    "rejected": (),
}
HIRE_WITHOUT_OFFER_FROM = ("applied", "reviewed", "interview")
REOPEN_TO = "reviewed"


class Application(db.Model):
    """A seeker's application to one vacancy."""

    __tablename__ = "applications"
    __table_args__ = (sa.UniqueConstraint("profile_id", "vacancy_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = parent_key("seeker_profiles.id")
    vacancy_id: Mapped[int] = parent_key("vacancies.id")
    message: Mapped[str] = mapped_column(sa.Text, default="")
    status: Mapped[str] = mapped_column(
        choice("application_status", *APPLICATION_STATUSES), default="applied"
    )
    rejection_reason: Mapped[str | None] = mapped_column(
        choice("rejection_reason", *REJECTION_REASONS)
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    profile: Mapped[SeekerProfile] = relationship()
    vacancy: Mapped[Vacancy] = relationship()
    events: Mapped[list[ApplicationEvent]] = children(
        "application", order_by="ApplicationEvent.created_at"
    )


class ApplicationEvent(db.Model):
    """One status change of an application: who moved it, when, to what, and what the applicant
    was told (the note stays with the employer)."""

    __tablename__ = "application_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = parent_key("applications.id")
    status: Mapped[str] = mapped_column(choice("application_status", *APPLICATION_STATUSES))
    note: Mapped[str] = mapped_column(sa.Text, default="")
    # shown to the applicant: the employer's message and, for an interview, when and where
    message: Mapped[str] = mapped_column(sa.Text, default="")
    interview_at: Mapped[datetime | None]
    interview_place: Mapped[str] = mapped_column(sa.String(300), default="")
    reopened: Mapped[bool] = mapped_column(default=False)
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    application: Mapped[Application] = relationship(back_populates="events")
