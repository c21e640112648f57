"""Job seekers: profile, skills (typed or read from a CV), visibility, export and deletion."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import Application, SeekerProfile, SeekerSkill, User
from app.models.base import utcnow
from app.services import skill_links
from app.services.accounts import verify_password
from app.services.cv import cv_text
from app.services.errors import ValidationError
from app.services.linking import SkillSuggestion, clip_for_linker, suggest_skills


@dataclass(frozen=True)
class ProfileInput:
    """The profile fields a seeker fills in."""

    region_id: int | None
    education_level: str | None
    field_of_study: str
    graduation_year: int | None
    headline: str
    summary: str


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


def update_profile(profile: SeekerProfile, data: ProfileInput) -> None:
    """Save the profile fields."""
    profile.region_id = data.region_id
    profile.education_level = data.education_level
    profile.field_of_study = data.field_of_study.strip()
    profile.graduation_year = data.graduation_year
    profile.headline = data.headline.strip()
    profile.summary = data.summary.strip()
    profile.updated_at = utcnow()
    db.session.commit()


def add_skill(profile: SeekerProfile, skill_id: str) -> None:
    """The seeker declares a skill."""
    link = skill_links.declare(profile.skills, skill_id, SeekerSkill)
    link.confirmed = True
    profile.updated_at = utcnow()
    db.session.commit()


def remove_skill(profile: SeekerProfile, link_id: int) -> None:
    """The seeker removes a skill; a CV reading will not suggest it again."""
    link = skill_links.find_link(profile.skills, link_id)
    skill_links.reject(link)
    link.confirmed = False
    profile.updated_at = utcnow()
    db.session.commit()


def read_cv(
    profile: SeekerProfile, data: bytes, filename: str, max_bytes: int | None = None
) -> tuple[int, bool]:
    """Extract skills from a CV as unconfirmed suggestions; returns how many are new, and
    whether the text was longer than the linker reads (LINKER_MAX_CHARS, cut at a sentence end).

    The CV itself is not stored; only the suggested skills and the sentence each came from.
    """
    text, clipped = clip_for_linker(cv_text(data, filename, max_bytes))
    before = {s.skill_id for s in profile.skills}

    def make_link(s: SkillSuggestion) -> SeekerSkill:
        return SeekerSkill(
            skill_id=s.skill_id,
            origin="extracted",
            confirmed=False,
            confidence=s.confidence,
            evidence=s.evidence,
        )

    suggestions = suggest_skills(text)
    pending = [s for s in profile.skills if s.origin == "extracted" and not s.confirmed]
    kept = [s for s in profile.skills if s not in pending]
    # earlier unconfirmed suggestions are replaced by this CV's; confirmed ones stay
    for link in pending:
        profile.skills.remove(link)
    skill_links.apply_suggestions(kept, suggestions, make_link)
    for link in kept:
        if link not in profile.skills:
            profile.skills.append(link)
    profile.updated_at = utcnow()
    db.session.commit()
    return len({s.skill_id for s in profile.skills} - before), clipped


def confirm_skills(profile: SeekerProfile, link_ids: set[int]) -> None:
    """Confirm the chosen CV suggestions; the others are dropped as not mine."""
    for link in list(profile.skills):
        if link.origin == "extracted" and not link.confirmed and not link.rejected:
            if link.id in link_ids:
                link.confirmed = True
            else:
                skill_links.reject(link)
    profile.updated_at = utcnow()
    db.session.commit()


def pending_skills(profile: SeekerProfile) -> list[SeekerSkill]:
    """CV suggestions waiting for the seeker's confirmation."""
    return [s for s in profile.skills if not s.confirmed and not s.rejected]


def skills_by_origin(profile: SeekerProfile) -> dict[str, list[SeekerSkill]]:
    """Confirmed skills grouped as declared / extracted / verified."""
    groups: dict[str, list[SeekerSkill]] = {"declared": [], "extracted": [], "verified": []}
    for link in profile.skills:
        if link.confirmed and not link.rejected:
            groups[link.origin].append(link)
    return groups


def set_visibility(profile: SeekerProfile, visible: bool, consent: bool) -> None:
    """Become visible to employers (only with explicit consent) or hidden again."""
    if visible and not consent:
        from flask_babel import lazy_gettext as _l

        raise ValidationError(
            "consent", str(_l("Tick the consent box to be visible to employers."))
        )
    profile.visibility = "visible" if visible else "hidden"
    profile.consent_at = utcnow() if visible else None
    profile.updated_at = utcnow()
    db.session.commit()


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def export_data(user: User) -> dict[str, Any]:
    """Everything the platform stores about a seeker, as JSON-ready data (UU 27/2022)."""
    profile = profile_of(user)
    applications = db.session.scalars(
        select(Application).where(Application.profile_id == profile.id)
    )
    return {
        "account": {
            "email": user.email,
            "name": user.name,
            "role": user.role,
            "locale": user.locale,
            "created_at": _iso(user.created_at),
            "last_login_at": _iso(user.last_login_at),
        },
        "profile": {
            "region": profile.region.name if profile.region else None,
            "education_level": profile.education_level,
            "field_of_study": profile.field_of_study,
            "graduation_year": profile.graduation_year,
            "headline": profile.headline,
            "summary": profile.summary,
            "visibility": profile.visibility,
            "consent_at": _iso(profile.consent_at),
        },
        "skills": [
            {
                "skill": s.skill.label_en,
                "skill_id": s.skill_id,
                "origin": s.origin,
                "confirmed": s.confirmed,
                "removed": s.rejected,
                "evidence": s.evidence,
            }
            for s in profile.skills
        ],
        "applications": [
            {
                "vacancy": a.vacancy.title,
                "employer": a.vacancy.organisation.name,
                "status": a.status,
                "message": a.message,
                "created_at": _iso(a.created_at),
                "history": [{"status": e.status, "at": _iso(e.created_at)} for e in a.events],
            }
            for a in applications
        ],
        "exported_at": _iso(utcnow()),
    }


def delete_account(user: User, password: str) -> None:
    """Delete the seeker's account and every row about them, after checking the password."""
    if not verify_password(user.password_hash, password):
        from flask_babel import lazy_gettext as _l

        raise ValidationError("password", str(_l("The password is wrong.")))
    profile = profile_of(user)
    db.session.delete(profile)
    db.session.delete(user)
    db.session.commit()
