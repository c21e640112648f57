"""Curricula: listing and reading them with ownership checks."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import Curriculum, CurriculumUnit, User
from app.services.errors import NotFoundError, PermissionDeniedError


def list_for_school(user: User) -> list[Curriculum]:
    """The curricula of the user's school."""
    return list(
        db.session.scalars(
            select(Curriculum)
            .where(Curriculum.organisation_id == user.organisation_id)
            .order_by(Curriculum.programme, Curriculum.version_year.desc())
        )
    )


def get_for_school(curriculum_id: int, user: User) -> Curriculum:
    """A curriculum of the user's school (admins see all); raises otherwise."""
    curriculum = db.session.scalar(
        select(Curriculum)
        .where(Curriculum.id == curriculum_id)
        .options(selectinload(Curriculum.units).selectinload(CurriculumUnit.outcomes))
    )
    if curriculum is None:
        raise NotFoundError(curriculum_id)
    if user.role != "admin" and curriculum.organisation_id != user.organisation_id:
        raise PermissionDeniedError(curriculum_id)
    return curriculum

