"""The planners' headline counts: what the platform holds now, counted with column queries under
the same visibility rules as search and reports (no row is loaded, no person is named)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import distinct, func, select

from app.extensions import db
from app.models import Curriculum, Organisation, SeekerProfile, User, Vacancy
from app.services.visibility import (
    public_vacancy_clauses,
    trusted_organisation_ids,
    visible_seeker_clauses,
)


@dataclass(frozen=True)
class HeadlineCounts:
    """Four numbers for the top of the planners' home."""

    open_vacancies: int
    verified_employers: int
    visible_seekers: int
    schools_with_curricula: int


def _scalar(stmt) -> int:  # type: ignore[no-untyped-def]
    return db.session.scalar(stmt) or 0


def headline_counts() -> HeadlineCounts:
    """Open public vacancies, verified employers, seekers visible to employers, and schools
    (or training providers) that are verified and have a published curriculum."""
    schools = select(func.count(distinct(Curriculum.organisation_id))).where(
        Curriculum.status == "published",
        Curriculum.organisation_id.in_(trusted_organisation_ids()),
    )
    return HeadlineCounts(
        open_vacancies=_scalar(
            select(func.count()).select_from(Vacancy).where(*public_vacancy_clauses())
        ),
        verified_employers=_scalar(
            select(func.count()).where(
                Organisation.kind == "employer", Organisation.id.in_(trusted_organisation_ids())
            )
        ),
        visible_seekers=_scalar(
            select(func.count())
            .select_from(SeekerProfile)
            .join(User, User.id == SeekerProfile.user_id)
            .where(*visible_seeker_clauses())
        ),
        schools_with_curricula=_scalar(schools),
    )
