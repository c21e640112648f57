"""The skill vocabulary (ESCO-based, with Indonesian labels and aliases) and occupations."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import children, choice, parent_key, utcnow

SKILL_TYPES = ("skill", "knowledge", "tool", "transversal")
ORIGINS = ("extracted", "declared", "verified")
FREE_SKILL_MAX = 80  # characters of a skill written in free text


class Skill(db.Model):
    """A skill concept with a stable id (the ESCO UUID where one exists)."""

    __tablename__ = "skills"

    id: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    uri: Mapped[str | None] = mapped_column(sa.String(200), unique=True)
    label_en: Mapped[str] = mapped_column(sa.String(250), index=True)
    label_id: Mapped[str] = mapped_column(sa.String(250), index=True)
    type: Mapped[str] = mapped_column(choice("skill_type", *SKILL_TYPES))
    group: Mapped[str] = mapped_column(sa.String(250), default="")
    description: Mapped[str] = mapped_column(sa.Text, default="")
    parent_id: Mapped[str | None] = mapped_column(sa.ForeignKey("skills.id"))

    aliases: Mapped[list[SkillAlias]] = children("skill")

    @classmethod
    def label_column(cls, locale: str) -> Any:
        """The column of the preferred label in the given UI language (for column queries)."""
        return cls.label_id if locale == "id" else cls.label_en

    def label(self, locale: str) -> str:
        """The preferred label in the given UI language."""
        return getattr(self, self.label_column(locale).key)

    def __repr__(self) -> str:
        return f"<Skill {self.id} {self.label_en}>"


class SkillAlias(db.Model):
    """Another name of a skill in one language: alternative label, abbreviation, shorthand, tool."""

    __tablename__ = "skill_aliases"

    id: Mapped[int] = mapped_column(primary_key=True)
    skill_id: Mapped[str] = parent_key("skills.id")
    text: Mapped[str] = mapped_column(sa.String(250), index=True)
    lang: Mapped[str] = mapped_column(sa.String(5))
    kind: Mapped[str] = mapped_column(sa.String(20))

    skill: Mapped[Skill] = relationship(back_populates="aliases")


class Occupation(db.Model):
    """An occupation (ESCO, with its ISCO-08 / KBJI 2014 code)."""

    __tablename__ = "occupations"

    id: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    uri: Mapped[str | None] = mapped_column(sa.String(200), unique=True)
    code: Mapped[str] = mapped_column(sa.String(10), index=True)
    label_en: Mapped[str] = mapped_column(sa.String(250))
    label_id: Mapped[str] = mapped_column(sa.String(250))


class OccupationGroup(db.Model):
    """A KBJI 2014 unit group (4 digits, equal to ISCO-08): what planners count vacancies by.
    Loaded from ``app/data/kbji2014_ict.csv`` (Sumber: BPS, KBJI 2014)."""

    __tablename__ = "occupation_groups"

    code: Mapped[str] = mapped_column(sa.String(4), primary_key=True)
    title_id: Mapped[str] = mapped_column(sa.String(250))
    title_en: Mapped[str] = mapped_column(sa.String(250), default="")
    description_id: Mapped[str] = mapped_column(sa.Text, default="")


class SkillLinkMixin:
    """Columns every '<thing>_skills' table shares: which skill, where it came from, how sure."""

    skill_id: Mapped[str] = mapped_column(sa.ForeignKey("skills.id"), index=True)
    origin: Mapped[str] = mapped_column(choice("skill_origin", *ORIGINS))
    confidence: Mapped[float | None]
    evidence: Mapped[str] = mapped_column(sa.Text, default="")
    # a person removed this skill: the row stays so a re-extraction never brings it back
    rejected: Mapped[bool] = mapped_column(default=False, server_default=sa.false())

    @sa.orm.declared_attr
    def skill(cls) -> Mapped[Skill]:  # noqa: N805 - SQLAlchemy declared_attr
        """The linked skill."""
        return relationship(Skill)


class FreeSkill(db.Model):
    """A skill a person wrote that is not in the vocabulary, kept as written (a seeker's declared
    skill or an employer's vacancy skill) until an administrator maps it to a vocabulary skill;
    mapping turns it into a real skill row of that profile or vacancy."""

    __tablename__ = "free_skills"
    __table_args__ = (
        sa.UniqueConstraint("profile_id", "key"),
        sa.UniqueConstraint("vacancy_id", "key"),
        sa.CheckConstraint(
            "(profile_id IS NULL) <> (vacancy_id IS NULL)", name="free_skill_has_one_owner"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(sa.String(FREE_SKILL_MAX))
    key: Mapped[str] = mapped_column(sa.String(FREE_SKILL_MAX), index=True)  # lower case, spaces
    profile_id: Mapped[int | None] = parent_key("seeker_profiles.id")
    vacancy_id: Mapped[int | None] = parent_key("vacancies.id")
    importance: Mapped[str | None] = mapped_column(sa.String(20))  # a vacancy's: required/...
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
