"""Teachers of a school's programme (no account needed) and the skills they have, as the school
records them or as the teacher declares them through an invitation link."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import children, parent_key, utcnow
from app.models.curriculum import Curriculum
from app.models.skill import SkillLinkMixin


class Teacher(db.Model):
    """A teacher of one programme (curriculum) of a school."""

    __tablename__ = "teachers"

    id: Mapped[int] = mapped_column(primary_key=True)
    curriculum_id: Mapped[int] = parent_key("curricula.id")
    name: Mapped[str] = mapped_column(sa.String(200))
    subjects: Mapped[str] = mapped_column(sa.String(500), default="")
    # a link for the teacher to declare their own skills: only its SHA-256 is stored
    token_hash: Mapped[str | None] = mapped_column(sa.String(64), unique=True)
    token_expires_at: Mapped[datetime | None]
    declared_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    curriculum: Mapped[Curriculum] = relationship()
    skills: Mapped[list[TeacherSkill]] = children("teacher")


class TeacherSkill(SkillLinkMixin, db.Model):
    """A skill a teacher has (``declared``: recorded by the school or the teacher;
    ``verified``: backed by a certificate)."""

    __tablename__ = "teacher_skills"
    __table_args__ = (sa.UniqueConstraint("teacher_id", "skill_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    teacher_id: Mapped[int] = parent_key("teachers.id")

    teacher: Mapped[Teacher] = relationship(back_populates="skills")
