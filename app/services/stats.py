"""Platform-wide counts for the administrators' overview."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from app.extensions import db
from app.models import Curriculum, Organisation, Skill, Training
from app.services.accounts import count_users_by_role
from app.services.vacancies import count_by_status


@dataclass(frozen=True)
class Overview:
    """What the platform holds right now."""

    users_by_role: dict[str, int]
    vacancies_by_status: dict[str, int]
    organisations: int
    curricula: int
    trainings: int
    skills: int


def _count(model: type) -> int:
    return db.session.scalar(select(func.count()).select_from(model)) or 0


def platform_overview() -> Overview:
    """Counts of the main objects."""
    return Overview(
        users_by_role=count_users_by_role(),
        vacancies_by_status=count_by_status(),
        organisations=_count(Organisation),
        curricula=_count(Curriculum),
        trainings=_count(Training),
        skills=_count(Skill),
    )
