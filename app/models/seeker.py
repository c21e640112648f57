"""Job seekers' profiles and their skills."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import children, choice, parent_key, utcnow
from app.models.region import Region
from app.models.skill import SkillLinkMixin
from app.models.user import User
from app.models.vacancy import EDUCATION_LEVELS

VISIBILITY = ("hidden", "visible")


class SeekerProfile(db.Model):
    """What a job seeker tells about themself; hidden from employers unless they opt in."""

    __tablename__ = "seeker_profiles"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    region_id: Mapped[int | None] = mapped_column(sa.ForeignKey("regions.id"), index=True)
    education_level: Mapped[str | None] = mapped_column(
        choice("education_level", *EDUCATION_LEVELS)
    )
    field_of_study: Mapped[str] = mapped_column(sa.String(200), default="")
    graduation_year: Mapped[int | None]
    headline: Mapped[str] = mapped_column(sa.String(200), default="")
    summary: Mapped[str] = mapped_column(sa.Text, default="")
    visibility: Mapped[str] = mapped_column(choice("visibility", *VISIBILITY), default="hidden")
    consent_at: Mapped[datetime | None]
    # contact: given to the employers the seeker applies to; to employers browsing visible
    # candidates only when share_contact is chosen
    phone: Mapped[str] = mapped_column(sa.String(20), default="")
    whatsapp: Mapped[bool] = mapped_column(default=False)
    share_contact: Mapped[bool] = mapped_column(default=False)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow, index=True)

    user: Mapped[User] = relationship()
    region: Mapped[Region | None] = relationship()
    # in a fixed order: the profile's text (and so its stored vector's hash) lists them
    skills: Mapped[list[SeekerSkill]] = children("profile", order_by="SeekerSkill.id")


class SeekerSkill(SkillLinkMixin, db.Model):
    """A skill of a seeker: declared, extracted from a CV (to confirm) or verified."""

    __tablename__ = "seeker_skills"
    __table_args__ = (sa.UniqueConstraint("profile_id", "skill_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = parent_key("seeker_profiles.id")
    confirmed: Mapped[bool] = mapped_column(default=True)

    profile: Mapped[SeekerProfile] = relationship(back_populates="skills")
