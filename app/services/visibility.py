"""Which vacancies and offers reach people: one definition for search, recommendations,
candidates, training suggestions and every report.

A vacancy reaches people when it is open, not past its closing date, cleared by moderation and
posted by a verified organisation that is not suspended. Reports count the published vacancies
(open or closed) of such organisations that moderation did not hold or remove.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import ColumnElement, or_, select

from app.extensions import db
from app.models import Organisation, Vacancy
from app.services.clock import today as local_today


def trusted_organisation_ids():  # type: ignore[no-untyped-def]
    """A subquery of the organisations that are verified and not suspended."""
    return select(Organisation.id).where(
        Organisation.verification_status == "verified", Organisation.suspended.is_(False)
    )


def counted_vacancy_clauses() -> tuple[ColumnElement[bool], ...]:
    """Vacancies that count in reports and demand: cleared, of a trusted organisation."""
    return (
        Vacancy.moderation_status == "clear",
        Vacancy.organisation_id.in_(trusted_organisation_ids()),
    )


def public_vacancy_clauses(today: date | None = None) -> tuple[ColumnElement[bool], ...]:
    """Vacancies anyone may see and apply to."""
    today = today or local_today()
    return (
        Vacancy.status == "open",
        or_(Vacancy.closing_date.is_(None), Vacancy.closing_date >= today),
        *counted_vacancy_clauses(),
    )


def vacancy_is_public(vacancy_id: int) -> bool:
    """The same rule, asked of the database for one vacancy (one definition of the rule)."""
    found = db.session.scalar(
        select(Vacancy.id).where(Vacancy.id == vacancy_id, *public_vacancy_clauses())
    )
    return found is not None


def visible_seeker_clauses() -> tuple[ColumnElement[bool], ...]:
    """Seekers employers may find: a visible profile of an active account (join ``User``)."""
    from app.models import SeekerProfile, User

    return (SeekerProfile.visibility == "visible", User.active.is_(True))
