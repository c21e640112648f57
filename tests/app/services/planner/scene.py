"""Hand-built vacancies for the planner pages' tests: posted on given days, in given districts,
occupations and education levels, with given skills and salaries."""

from __future__ import annotations

from datetime import date, datetime

from flask import current_app
from sqlalchemy import select

from app.extensions import db
from app.models import Region, VacancySkill
from app.services.occupation_groups import load_groups
from tests.factories import OrganisationFactory, VacancyFactory

WEB, DATA = "2512", "2521"  # KBJI: software developers, database designers


def load_occupations() -> None:
    """The KBJI groups (vacancies refer to them)."""
    load_groups(current_app.config["OCCUPATION_GROUPS_FILE"])


def regions() -> list[Region]:
    """The loaded districts by code."""
    return list(db.session.scalars(select(Region).order_by(Region.code)))


def posted(  # type: ignore[no-untyped-def]
    day: date,
    region: Region,
    skills=(),
    occupation: str | None = WEB,
    employer=None,
    **fields,
):
    """A vacancy posted on ``day`` asking for ``skills`` [(skill, importance)]."""
    item = VacancyFactory(
        organisation=employer or OrganisationFactory(),
        region=region,
        posted_at=datetime.combine(day, datetime.min.time().replace(hour=9)),
        occupation_code=occupation,
        **fields,
    )
    for skill, importance in skills:
        item.skills.append(
            VacancySkill(skill_id=skill.id, importance=importance, origin="declared", evidence="")
        )
    db.session.commit()
    return item
