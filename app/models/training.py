"""Trainings offered by providers and schools, and the skills they teach."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import children, choice, parent_key, utcnow
from app.models.region import Region
from app.models.skill import SkillLinkMixin
from app.models.user import Organisation

TRAINING_MODES = ("online", "offline", "hybrid")
# who a training is for: job seekers (the default), teachers (industry internships for
# teachers, vendor academies, government teacher trainings), or both
TRAINING_AUDIENCES = ("seekers", "teachers", "all")


class Training(db.Model):
    """A course or bootcamp a seeker can take to close a skill gap."""

    __tablename__ = "trainings"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id"), index=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    mode: Mapped[str] = mapped_column(choice("training_mode", *TRAINING_MODES))
    region_id: Mapped[int | None] = mapped_column(sa.ForeignKey("regions.id"))
    duration_hours: Mapped[int | None]
    cost: Mapped[int] = mapped_column(sa.BigInteger, default=0)
    audience: Mapped[str] = mapped_column(
        choice("training_audience", *TRAINING_AUDIENCES),
        default="seekers",
        server_default="seekers",
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    organisation: Mapped[Organisation] = relationship()
    region: Mapped[Region | None] = relationship()
    skills: Mapped[list[TrainingSkill]] = children("training")


class TrainingSkill(SkillLinkMixin, db.Model):
    """A skill a training teaches."""

    __tablename__ = "training_skills"
    __table_args__ = (sa.UniqueConstraint("training_id", "skill_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    training_id: Mapped[int] = parent_key("trainings.id")

    training: Mapped[Training] = relationship(back_populates="skills")
