"""Tracer study: the graduates a school lists for a programme and year, and what each says a
year later (working, studying, entrepreneur, looking for work) through a one-time link."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import children, choice, parent_key, utcnow
from app.models.curriculum import Curriculum
from app.models.region import Region

TRACER_STATUSES = ("working", "studying", "entrepreneur", "looking")


class TracerGraduate(db.Model):
    """A graduate of a programme in a year, listed by the school, with their contact and
    consent; the invitation link's token is stored only as its SHA-256."""

    __tablename__ = "tracer_graduates"
    __table_args__ = (sa.Index("ix_tracer_graduates_programme_year", "curriculum_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    curriculum_id: Mapped[int] = parent_key("curricula.id")
    year: Mapped[int]
    name: Mapped[str] = mapped_column(sa.String(200))
    contact: Mapped[str] = mapped_column(sa.String(254), default="")
    consent: Mapped[bool] = mapped_column(default=False)
    token_hash: Mapped[str | None] = mapped_column(sa.String(64), unique=True)
    invited_at: Mapped[datetime | None]
    token_expires_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    curriculum: Mapped[Curriculum] = relationship()
    response: Mapped[TracerResponse | None] = children("graduate", uselist=False)


class TracerResponse(db.Model):
    """Where a graduate is a year after graduating, as they said it (one per graduate)."""

    __tablename__ = "tracer_responses"

    id: Mapped[int] = mapped_column(primary_key=True)
    graduate_id: Mapped[int] = mapped_column(
        sa.ForeignKey("tracer_graduates.id", ondelete="CASCADE"), unique=True
    )
    status: Mapped[str] = mapped_column(choice("tracer_status", *TRACER_STATUSES))
    employer: Mapped[str] = mapped_column(sa.String(200), default="")
    region_id: Mapped[int | None] = mapped_column(sa.ForeignKey("regions.id"))
    job_title: Mapped[str] = mapped_column(sa.String(200), default="")
    # the work matches the programme (working or entrepreneur; None: not said)
    in_field: Mapped[bool | None]
    responded_at: Mapped[datetime] = mapped_column(default=utcnow)

    graduate: Mapped[TracerGraduate] = relationship(back_populates="response")
    region: Mapped[Region | None] = relationship()
    skills: Mapped[list[TracerResponseSkill]] = children("response")


class TracerResponseSkill(db.Model):
    """A skill a graduate says they use."""

    __tablename__ = "tracer_response_skills"
    __table_args__ = (sa.UniqueConstraint("response_id", "skill_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = parent_key("tracer_responses.id")
    skill_id: Mapped[str] = mapped_column(sa.ForeignKey("skills.id", ondelete="CASCADE"))

    response: Mapped[TracerResponse] = relationship(back_populates="skills")
