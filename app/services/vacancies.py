"""Vacancies of employers: create, edit, publish/close, skills, ownership checks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import User, Vacancy, VacancySkill
from app.models.base import utcnow
from app.services import skill_links
from app.services.errors import NotFoundError, ValidationError, owned_by
from app.services.linking import SkillSuggestion, suggest_skills
from matching.importance import importance_of

TITLE_MAX = 200  # characters; the form, the import and the column agree
DESCRIPTION_MAX = 20_000

STATUS_ACTIONS = {"publish": "open", "close": "closed", "reopen": "open", "unpublish": "draft"}


@dataclass(frozen=True)
class VacancyInput:
    """The fields an employer fills in."""

    title: str
    description: str
    region_id: int
    employment_type: str
    min_education: str
    salary_min: int | None = None
    salary_max: int | None = None
    closing_date: date | None = None


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
    org = vacancy.organisation_id if vacancy is not None else None
    return owned_by(vacancy, org, user, vacancy_id)  # type: ignore[return-value]


def get_open(vacancy_id: int) -> Vacancy:
    """An open vacancy anyone may see; drafts and closed ones are not public."""
    vacancy = db.session.scalar(
        select(Vacancy)
        .where(Vacancy.id == vacancy_id)
        .options(  # everything the page shows, loaded here rather than from the template
            selectinload(Vacancy.skills).selectinload(VacancySkill.skill),
            selectinload(Vacancy.organisation),
            selectinload(Vacancy.region),
        )
    )
    if vacancy is None or vacancy.status != "open":
        raise NotFoundError(vacancy_id)
    return vacancy


def check_input(data: VacancyInput) -> None:
    """Rules across fields: the salary range."""
    low, high = data.salary_min, data.salary_max
    if low is not None and high is not None and low > high:
        from flask_babel import lazy_gettext as _l

        raise ValidationError(
            "salary_max", str(_l("The maximum salary must not be below the minimum."))
        )


def _fill(vacancy: Vacancy, data: VacancyInput) -> None:
    vacancy.title = data.title.strip()
    vacancy.description = data.description.strip()
    vacancy.region_id = data.region_id
    vacancy.employment_type = data.employment_type
    vacancy.min_education = data.min_education
    vacancy.salary_min = data.salary_min
    vacancy.salary_max = data.salary_max
    vacancy.closing_date = data.closing_date


def build_vacancy(
    user: User,
    data: VacancyInput,
    publish: bool = False,
    suggestions: list[SkillSuggestion] | None = None,
) -> Vacancy:
    """A new vacancy with its suggested skills, added to the session (not committed).

    ``suggestions``: the skills already read from its text (an import reads many at once).
    """
    check_input(data)
    vacancy = Vacancy(organisation_id=user.organisation_id, created_by_id=user.id, status="draft")
    _fill(vacancy, data)
    if publish:
        _set_status(vacancy, "open")
    refresh_suggestions(vacancy, suggestions)
    db.session.add(vacancy)
    return vacancy


def create_vacancy(user: User, data: VacancyInput, publish: bool = False) -> Vacancy:
    """Save a new vacancy; its description's skills become suggestions."""
    vacancy = build_vacancy(user, data, publish)
    db.session.commit()
    return vacancy


def update_vacancy(vacancy: Vacancy, data: VacancyInput) -> Vacancy:
    """Save edits; a changed text is read again (people's skill choices stay)."""
    check_input(data)
    changed = (vacancy.title, vacancy.description) != (data.title.strip(), data.description.strip())
    _fill(vacancy, data)
    if changed:
        refresh_suggestions(vacancy)
    db.session.commit()
    return vacancy


def suggestion_text(title: str, description: str) -> str:
    """The text whose skills a vacancy is given: its title and description."""
    return f"{title.strip()}\n{description.strip()}"


def refresh_suggestions(vacancy: Vacancy, suggestions: list[SkillSuggestion] | None = None) -> None:
    """Extract the skills of the title and description again (unless given)."""
    if suggestions is None:
        suggestions = suggest_skills(suggestion_text(vacancy.title, vacancy.description))

    def make_link(s: SkillSuggestion) -> VacancySkill:
        return VacancySkill(
            skill_id=s.skill_id,
            origin="extracted",
            importance=importance_of(s.evidence),
            confidence=s.confidence,
            evidence=s.evidence,
        )

    skill_links.apply_suggestions(vacancy.skills, suggestions, make_link)
    vacancy.updated_at = utcnow()


def _set_status(vacancy: Vacancy, status: str) -> None:
    vacancy.status = status
    if status == "open" and vacancy.posted_at is None:
        vacancy.posted_at = utcnow()


def change_status(vacancy: Vacancy, action: str) -> None:
    """Publish, close, re-open or take back to draft."""
    if action not in STATUS_ACTIONS:
        raise ValidationError("action", action)
    _set_status(vacancy, STATUS_ACTIONS[action])
    db.session.commit()


def add_skill(vacancy: Vacancy, skill_id: str, importance: str) -> None:
    """The employer adds a skill (required or nice to have)."""
    link = skill_links.declare(
        vacancy.skills, skill_id, lambda: VacancySkill(importance=importance)
    )
    link.importance = importance
    vacancy.updated_at = utcnow()
    db.session.commit()


def set_skill_importance(vacancy: Vacancy, link_id: int, importance: str) -> None:
    """Mark a skill required or nice to have (this also accepts a suggestion)."""
    link = skill_links.find_link(vacancy.skills, link_id)
    link.importance = importance
    link.origin = "declared"
    link.rejected = False
    vacancy.updated_at = utcnow()
    db.session.commit()


def remove_skill(vacancy: Vacancy, link_id: int) -> None:
    """The employer removes a skill; it is not suggested again."""
    skill_links.reject(skill_links.find_link(vacancy.skills, link_id))
    vacancy.updated_at = utcnow()
    db.session.commit()


def count_by_status() -> dict[str, int]:
    """How many vacancies are in each status."""
    rows = db.session.execute(select(Vacancy.status, func.count()).group_by(Vacancy.status))
    return {status: count for status, count in rows}
