"""A seeker's own data, everything the platform stores about them, as JSON-ready data (the
right of access of UU 27/2022)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select

from app.extensions import db
from app.models import Application, Notification, SavedSearch, SeekerProfile, User
from app.models.base import utcnow
from app.services.notifications import render
from app.services.seekers import profile_of


def export_data(user: User) -> dict[str, Any]:
    """Everything the platform stores about a seeker, as JSON-ready data (UU 27/2022)."""
    profile = profile_of(user)
    return {
        "account": _account(user),
        "profile": _profile(profile),
        "skills": _skills(profile),
        "applications": _applications(profile),
        "notifications": _notifications(user),
        "saved_searches": _saved_searches(user),
        "exported_at": _iso(utcnow()),
    }


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _account(user: User) -> dict[str, Any]:
    return {
        "email": user.email,
        "name": user.name,
        "role": user.role,
        "locale": user.locale,
        "created_at": _iso(user.created_at),
        "last_login_at": _iso(user.last_login_at),
    }


def _profile(profile: SeekerProfile) -> dict[str, Any]:
    return {
        "region": profile.region.name if profile.region else None,
        "education_level": profile.education_level,
        "field_of_study": profile.field_of_study,
        "graduation_year": profile.graduation_year,
        "headline": profile.headline,
        "summary": profile.summary,
        "visibility": profile.visibility,
        "consent_at": _iso(profile.consent_at),
        "phone": profile.phone,
        "whatsapp": profile.whatsapp,
        "share_contact_with_candidate_searches": profile.share_contact,
    }


def _skills(profile: SeekerProfile) -> list[dict[str, Any]]:
    return [
        {
            "skill": s.skill.label_en,
            "skill_id": s.skill_id,
            "origin": s.origin,
            "confirmed": s.confirmed,
            "removed": s.rejected,
            "evidence": s.evidence,
        }
        for s in profile.skills
    ]


def _applications(profile: SeekerProfile) -> list[dict[str, Any]]:
    applications = db.session.scalars(
        select(Application).where(Application.profile_id == profile.id)
    )
    return [
        {
            "vacancy": a.vacancy.title,
            "employer": a.vacancy.organisation.name,
            "status": a.status,
            "message": a.message,
            "created_at": _iso(a.created_at),
            "history": [
                {
                    "status": e.status,
                    "at": _iso(e.created_at),
                    "message": e.message,
                    "interview_at": _iso(e.interview_at),
                    "interview_place": e.interview_place,
                }
                for e in a.events
            ],
        }
        for a in applications
    ]


def _notifications(user: User) -> list[dict[str, Any]]:
    return [
        {
            "title": render(n).title,
            "body": render(n).body,
            "created_at": _iso(n.created_at),
            "read_at": _iso(n.read_at),
        }
        for n in db.session.scalars(
            select(Notification)
            .where(Notification.recipient_id == user.id)
            .order_by(Notification.created_at)
        )
    ]


def _saved_searches(user: User) -> list[dict[str, Any]]:
    return [
        {
            "name": s.name,
            "query": s.query,
            "region": s.region.name if s.region else None,
            "employment_type": s.employment_type,
            "education": s.education,
            "salary_min": s.salary_min,
            "email_digest": s.email_digest,
            "last_digest_at": _iso(s.last_digest_at),
            "created_at": _iso(s.created_at),
        }
        for s in db.session.scalars(
            select(SavedSearch).where(SavedSearch.user_id == user.id).order_by(SavedSearch.id)
        )
    ]
