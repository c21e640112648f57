"""Vacancies: listing and reading them with ownership checks."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import User, Vacancy, VacancySkill
from app.services.errors import NotFoundError, PermissionDeniedError


def list_for_employer(user: User) -> list[Vacancy]:
    """The vacancies of the user's organisation, newest first."""
    return list(
        db.session.scalars(
            select(Vacancy)
            .where(Vacancy.organisation_id == user.organisation_id)
            .order_by(Vacancy.created_at.desc(), Vacancy.id.desc())
        )
    )


def get_for_employer(vacancy_id: int, user: User) -> Vacancy:
    """A vacancy the user's organisation owns (admins see all); raises otherwise."""
    vacancy = db.session.scalar(
        select(Vacancy)
        .where(Vacancy.id == vacancy_id)
        .options(selectinload(Vacancy.skills).selectinload(VacancySkill.skill))
    )
    if vacancy is None:
        raise NotFoundError(vacancy_id)
    if user.role != "admin" and vacancy.organisation_id != user.organisation_id:
        raise PermissionDeniedError(vacancy_id)
    return vacancy


def count_by_status() -> dict[str, int]:
    """How many vacancies are in each status."""
    rows = db.session.execute(select(Vacancy.status, func.count()).group_by(Vacancy.status))
    return {status: count for status, count in rows}
