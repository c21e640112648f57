"""Curricula of schools: programme -> units (subjects/courses) -> learning outcomes -> skills."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import children, choice, parent_key, utcnow
from app.models.skill import SkillLinkMixin
from app.models.user import Organisation

CURRICULUM_LEVELS = ("smk", "d3", "d4", "s1", "training")
CURRICULUM_STATUSES = ("draft", "published", "archived")


class Curriculum(db.Model):
    """One version of a school's programme curriculum."""

    __tablename__ = "curricula"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id"), index=True)
    programme: Mapped[str] = mapped_column(sa.String(200))
    concentration: Mapped[str] = mapped_column(sa.String(200), default="")
    level: Mapped[str] = mapped_column(choice("curriculum_level", *CURRICULUM_LEVELS))
    version_year: Mapped[int]
    status: Mapped[str] = mapped_column(
        choice("curriculum_status", *CURRICULUM_STATUSES), default="draft"
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    organisation: Mapped[Organisation] = relationship()
    units: Mapped[list[CurriculumUnit]] = children("curriculum", order_by="CurriculumUnit.position")


class CurriculumUnit(db.Model):
    """A subject, course or training module; SMK units have a phase, university ones a semester."""

    __tablename__ = "curriculum_units"

    id: Mapped[int] = mapped_column(primary_key=True)
    curriculum_id: Mapped[int] = parent_key("curricula.id")
    position: Mapped[int] = mapped_column(default=0)
    code: Mapped[str] = mapped_column(sa.String(40), default="")
    name: Mapped[str] = mapped_column(sa.String(250))
    phase: Mapped[str | None] = mapped_column(sa.String(10))
    semester: Mapped[int | None]
    hours: Mapped[int | None]
    credits: Mapped[int | None]

    curriculum: Mapped[Curriculum] = relationship(back_populates="units")
    outcomes: Mapped[list[LearningOutcome]] = children("unit", order_by="LearningOutcome.position")


class LearningOutcome(db.Model):
    """A learning outcome (CP / CPMK) of a unit."""

    __tablename__ = "learning_outcomes"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = parent_key("curriculum_units.id")
    position: Mapped[int] = mapped_column(default=0)
    text: Mapped[str] = mapped_column(sa.Text)
    # when the linker last read this outcome's skills (None: not yet; an outcome that teaches no
    # skill of the vocabulary is read once, not again by every gap report)
    skills_read_at: Mapped[datetime | None] = mapped_column(default=None)
    # every skill the linker mentioned in it before the document filter (ids), stored when read:
    # the gap report's unit choice reads them (``gap_reports.placement.placement_units``)
    mentioned_skills: Mapped[list[str] | None] = mapped_column(sa.JSON, default=None)

    unit: Mapped[CurriculumUnit] = relationship(back_populates="outcomes")
    skills: Mapped[list[OutcomeSkill]] = children("outcome")


class OutcomeSkill(SkillLinkMixin, db.Model):
    """A skill a learning outcome teaches."""

    __tablename__ = "outcome_skills"
    __table_args__ = (sa.UniqueConstraint("outcome_id", "skill_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    outcome_id: Mapped[int] = parent_key("learning_outcomes.id")

    outcome: Mapped[LearningOutcome] = relationship(back_populates="skills")


class ProgrammeGraduates(db.Model):
    """How many students graduated from a programme (one curriculum's programme at its school)
    in a year, as the school records it: what planners weight a curriculum's skills by."""

    __tablename__ = "programme_graduates"
    __table_args__ = (sa.UniqueConstraint("curriculum_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    curriculum_id: Mapped[int] = parent_key("curricula.id")
    year: Mapped[int]
    graduates: Mapped[int]

    curriculum: Mapped[Curriculum] = relationship()
