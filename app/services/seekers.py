"""Job seekers: profile, skills (typed or read from a CV), visibility and deletion (their data
export: ``services.seeker_export``)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import Notification, SavedSearch, SeekerProfile, SeekerSkill, User
from app.models.base import utcnow
from app.services import skill_links, vectors
from app.services.accounts import verify_password
from app.services.cv import cv_text
from app.services.errors import ValidationError
from app.services.linking import SkillSuggestion, clip_for_linker, suggest_skills
from app.validators import normalise_phone


@dataclass(frozen=True)
class ProfileInput:
    """The profile fields a seeker fills in."""

    region_id: int | None
    education_level: str | None
    field_of_study: str
    graduation_year: int | None
    headline: str
    summary: str
    phone: str = ""
    whatsapp: bool = False


def profile_of(user: User) -> SeekerProfile:
    """The seeker's profile (created on registration). A missing one is added to the session
    without a commit: the next change the seeker saves stores it, a page view does not."""
    profile = db.session.scalar(
        select(SeekerProfile)
        .where(SeekerProfile.user_id == user.id)
        .options(selectinload(SeekerProfile.skills).selectinload(SeekerSkill.skill))
    )
    if profile is None:
        profile = SeekerProfile(user_id=user.id)
        db.session.add(profile)
        db.session.flush()
    return profile


def update_profile(profile: SeekerProfile, data: ProfileInput) -> None:
    """Save the profile fields (a refused phone number changes none of them)."""
    phone = normalise_phone(data.phone)
    if phone is None:
        from flask_babel import lazy_gettext as _l

        raise ValidationError("phone", str(_l("Enter an Indonesian phone number.")))
    profile.region_id = data.region_id
    profile.education_level = data.education_level
    profile.field_of_study = data.field_of_study.strip()
    profile.graduation_year = data.graduation_year
    profile.headline = data.headline.strip()
    profile.summary = data.summary.strip()
    profile.phone = phone
    profile.whatsapp = bool(phone) and data.whatsapp
    profile.updated_at = utcnow()
    db.session.commit()
    vectors.refresh_later("seeker", [profile.id])


def add_skill(profile: SeekerProfile, skill_id: str) -> None:
    """The seeker declares a skill."""
    link = skill_links.declare(profile.skills, skill_id, SeekerSkill)
    link.confirmed = True
    profile.updated_at = utcnow()
    db.session.commit()
    vectors.refresh_later("seeker", [profile.id])


def remove_skill(profile: SeekerProfile, link_id: int) -> None:
    """The seeker removes a skill; a CV reading will not suggest it again."""
    link = skill_links.find_link(profile.skills, link_id)
    skill_links.reject(link)
    link.confirmed = False
    profile.updated_at = utcnow()
    db.session.commit()
    vectors.refresh_later("seeker", [profile.id])


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
    # earlier unconfirmed suggestions are replaced by this CV's; confirmed ones stay. Their rows
    # go first: a skill both CVs name gets a new row, which must not meet the old one's.
    for link in pending:
        profile.skills.remove(link)
    db.session.flush()
    skill_links.apply_suggestions(kept, suggestions, make_link)
    for link in kept:
        if link not in profile.skills:
            profile.skills.append(link)
    profile.updated_at = utcnow()
    db.session.commit()
    vectors.refresh_later("seeker", [profile.id])
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
    vectors.refresh_later("seeker", [profile.id])


def preticked_ids(links: list[SeekerSkill]) -> set[int]:
    """Ids of the CV suggestions ticked in advance: those at least as confident as the document
    filter's fitted ``pretick`` score (``python -m matching.lab.linking.document_fit``); the seeker
    ticks the others."""
    from matching.mentions import shipped_document_params

    floor = shipped_document_params().pretick
    return {
        link.id
        for link in links
        if link.origin == "extracted" and link.confidence is not None and link.confidence >= floor
    }


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


def set_visibility(
    profile: SeekerProfile, visible: bool, consent: bool, share_contact: bool = False
) -> None:
    """Become visible to employers (only with explicit consent) or hidden again; a visible
    profile may also show the phone number to employers browsing candidates."""
    if visible and not consent:
        from flask_babel import lazy_gettext as _l

        raise ValidationError(
            "consent", str(_l("Tick the consent box to be visible to employers."))
        )
    profile.visibility = "visible" if visible else "hidden"
    profile.consent_at = utcnow() if visible else None
    profile.share_contact = visible and share_contact
    profile.updated_at = utcnow()
    db.session.commit()


def delete_account(user: User, password: str) -> None:
    """Delete the seeker's account and every row about them, after checking the password."""
    if not verify_password(user.password_hash, password):
        from flask_babel import lazy_gettext as _l

        raise ValidationError("password", str(_l("The password is wrong.")))
    profile = profile_of(user)
    # notifications and saved searches go with the account (explicitly, not only by cascade)
    db.session.execute(delete(Notification).where(Notification.recipient_id == user.id))
    db.session.execute(delete(SavedSearch).where(SavedSearch.user_id == user.id))
    vectors.forget("seeker", profile.id)  # the profile's embedding is about them too
    db.session.delete(profile)
    db.session.delete(user)
    db.session.commit()
