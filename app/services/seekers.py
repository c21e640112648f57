"""Job seeker profiles."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import SeekerProfile, SeekerSkill, User


def profile_of(user: User) -> SeekerProfile:
    """The seeker's profile (created on registration; created here if missing)."""
    profile = db.session.scalar(
        select(SeekerProfile)
        .where(SeekerProfile.user_id == user.id)
        .options(selectinload(SeekerProfile.skills).selectinload(SeekerSkill.skill))
    )
    if profile is None:
        profile = SeekerProfile(user_id=user.id)
        db.session.add(profile)
        db.session.commit()
    return profile
