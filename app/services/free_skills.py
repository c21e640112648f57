"""Skills written in free text: kept as the person wrote them, mapped to the vocabulary later.

A seeker or an employer may add a skill the vocabulary does not hold. It is stored as written
(``FreeSkill``), shown beside the real skills, and listed for administrators grouped by its
lower-case form with counts; mapping one form to a vocabulary skill turns every row of that form
into a real declared skill of its profile or vacancy, in one audited transaction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from app.extensions import db
from app.models import (
    FREE_SKILL_MAX,
    FreeSkill,
    SeekerProfile,
    SeekerSkill,
    Skill,
    User,
    Vacancy,
    VacancySkill,
)
from app.models.base import utcnow
from app.services import audit, skill_links, vectors
from app.services.errors import NotFoundError, ValidationError
from app.services.skill_search import exact_skill

IMPORTANCES = ("required", "preferred")


@dataclass(frozen=True)
class FreeSkillCount:
    """One free-text form and how many profiles and vacancies wrote it."""

    key: str
    text: str  # one way it was written
    seekers: int
    vacancies: int


def normalise(text: str) -> str:
    """The form free-text skills are grouped by: lower case, single spaces."""
    return re.sub(r"\s+", " ", text).strip().lower()


def _checked(text: str) -> str:
    """The text as written (spaces tidied), or an error on ``skill_query``."""
    text = re.sub(r"\s+", " ", text or "").strip()
    if len(text) < 2:
        raise ValidationError("skill_query", str(_l("Write the skill (at least 2 characters).")))
    if len(text) > FREE_SKILL_MAX:
        raise ValidationError(
            "skill_query", str(_l("At most %(n)d characters for a skill.", n=FREE_SKILL_MAX))
        )
    return text


def add_for_profile(profile: SeekerProfile, text: str) -> bool:
    """A seeker declares a skill in their own words; a vocabulary form is linked at once.
    Returns True when it was kept as free text."""
    text = _checked(text)
    skill_id = exact_skill(text)
    if skill_id is not None:
        link = skill_links.declare(profile.skills, skill_id, SeekerSkill)
        link.confirmed = True
    elif not _exists(FreeSkill.profile_id == profile.id, normalise(text)):
        db.session.add(FreeSkill(text=text, key=normalise(text), profile_id=profile.id))
    profile.updated_at = utcnow()
    db.session.commit()
    if skill_id is not None:
        vectors.refresh_later("seeker", [profile.id])
    return skill_id is None


def add_for_vacancy(vacancy: Vacancy, text: str, importance: str) -> bool:
    """An employer asks for a skill in their own words; a vocabulary form is linked at once.
    Returns True when it was kept as free text."""
    text = _checked(text)
    importance = importance if importance in IMPORTANCES else "required"
    skill_id = exact_skill(text)
    if skill_id is not None:
        skill_links.declare_for_vacancy(vacancy, skill_id, importance)
    elif not _exists(FreeSkill.vacancy_id == vacancy.id, normalise(text)):
        db.session.add(
            FreeSkill(text=text, key=normalise(text), vacancy_id=vacancy.id, importance=importance)
        )
    vacancy.updated_at = utcnow()
    db.session.commit()
    return skill_id is None


def _exists(owner, key: str) -> bool:  # type: ignore[no-untyped-def]
    return db.session.scalar(select(FreeSkill.id).where(owner, FreeSkill.key == key)) is not None


def of_profile(profile: SeekerProfile) -> list[FreeSkill]:
    """A seeker's free-text skills, in the order written."""
    return list(
        db.session.scalars(
            select(FreeSkill).where(FreeSkill.profile_id == profile.id).order_by(FreeSkill.id)
        )
    )


def of_vacancy(vacancy: Vacancy) -> list[FreeSkill]:
    """A vacancy's free-text skills, in the order written."""
    return list(
        db.session.scalars(
            select(FreeSkill).where(FreeSkill.vacancy_id == vacancy.id).order_by(FreeSkill.id)
        )
    )


def counts() -> list[FreeSkillCount]:
    """Every free-text form with how many profiles and vacancies wrote it, most written first."""
    rows = db.session.execute(
        select(
            FreeSkill.key,
            func.min(FreeSkill.text),
            func.count(FreeSkill.profile_id),
            func.count(FreeSkill.vacancy_id),
        )
        .group_by(FreeSkill.key)
        .order_by(func.count().desc(), FreeSkill.key)
    )
    return [FreeSkillCount(k, t, s, v) for k, t, s, v in rows]


def map_to_skill(key: str, skill_id: str, admin: User) -> int:
    """Turn every free-text row of ``key`` into a declared skill ``skill_id`` of its profile or
    vacancy (audited, one transaction); returns how many rows were mapped."""
    skill = db.session.get(Skill, skill_id or "")
    if skill is None:
        raise ValidationError("skill_query", str(_l("Choose a skill from the suggestions list.")))
    rows = list(db.session.scalars(select(FreeSkill).where(FreeSkill.key == normalise(key))))
    if not rows:
        raise NotFoundError("free skill")
    profiles, vacancies = [], []
    for row in rows:
        if row.profile_id is not None:
            profile = db.session.get(SeekerProfile, row.profile_id)
            link = skill_links.declare(profile.skills, skill.id, SeekerSkill)  # type: ignore[union-attr]
            link.confirmed = True
            profile.updated_at = utcnow()  # type: ignore[union-attr]
            profiles.append(row.profile_id)
        else:
            vacancy = db.session.get(Vacancy, row.vacancy_id)
            importance = row.importance or "required"
            link = skill_links.declare(
                vacancy.skills,  # type: ignore[union-attr]
                skill.id,
                lambda importance=importance: VacancySkill(importance=importance),
            )
            vacancy.updated_at = utcnow()  # type: ignore[union-attr]
            vacancies.append(row.vacancy_id)
        db.session.delete(row)
    audit.record(
        admin,
        "free_skill.mapped",
        "skill",
        None,
        f"{rows[0].text} → {skill.label_en}",
        skill_id=skill.id,
        text=rows[0].text,
        seekers=len(profiles),
        vacancies=len(vacancies),
    )
    db.session.commit()
    if profiles:
        vectors.refresh_later("seeker", profiles)
    return len(rows)
