"""Vacancies of employers: create, edit, publish/close, expiry, ownership checks (their skills:
``vacancy_skills``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from app.auth import policy
from app.extensions import db
from app.models import User, Vacancy, VacancySkill
from app.models.base import utcnow
from app.services import moderation, occupations, organisations, vectors
from app.services.clock import today as local_today
from app.services.errors import NotFoundError, PermissionDeniedError, ValidationError, owned_by
from app.services.linking import SkillSuggestion
from app.services.vacancy_skills import read_skills_later, refresh_suggestions
from app.services.visibility import public_vacancy_clauses

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
    # KBJI group code the employer chose; "" lets the system suggest; None: not asked (keep)
    occupation: str | None = None


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
        .options(
            selectinload(Vacancy.skills).selectinload(VacancySkill.skill),
            selectinload(Vacancy.occupation),
        )
    )
    org = vacancy.organisation_id if vacancy is not None else None
    return owned_by(vacancy, org, user, vacancy_id)  # type: ignore[return-value]


def get_open(vacancy_id: int) -> Vacancy:
    """An open vacancy anyone may see; drafts and closed ones are not public."""
    vacancy = db.session.scalar(
        select(Vacancy)
        .where(Vacancy.id == vacancy_id, *public_vacancy_clauses())
        .options(  # everything the page shows, loaded here rather than from the template
            selectinload(Vacancy.skills).selectinload(VacancySkill.skill),
            selectinload(Vacancy.organisation),
            selectinload(Vacancy.region),
            selectinload(Vacancy.occupation),
        )
    )
    if vacancy is None:
        raise NotFoundError(vacancy_id)
    return vacancy


def check_input(data: VacancyInput, publishing: bool = False) -> None:
    """Rules across fields: the salary range; an open vacancy's closing date is not past."""
    from flask_babel import lazy_gettext as _l

    low, high = data.salary_min, data.salary_max
    if low is not None and high is not None and low > high:
        raise ValidationError(
            "salary_max", str(_l("The maximum salary must not be below the minimum."))
        )
    if publishing:
        _check_closing_date(data.closing_date)


def _check_closing_date(closing: date | None) -> None:
    """An open vacancy's closing date has not passed (the platform's day)."""
    from flask_babel import lazy_gettext as _l

    if closing is not None and closing < local_today():
        raise ValidationError(
            "closing_date", str(_l("The closing date has passed: choose a date from today on."))
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
    medians: dict[str, float | None] | None = None,
) -> Vacancy:
    """A new vacancy with its suggested skills, added to the session (not committed).

    It is published only when the user's organisation may publish (verified, not suspended);
    otherwise it stays a draft. Scam signals in it hold it for review. ``suggestions``: the
    skills already read from its text (an import reads many at once); ``medians``: the pay
    medians for the scam screening, read once for many vacancies.
    """
    publish = publish and policy.can_publish_vacancy(user)
    check_input(data, publishing=publish)
    vacancy = Vacancy(organisation_id=user.organisation_id, created_by_id=user.id, status="draft")
    _fill(vacancy, data)
    moderation.screen(vacancy, medians)
    if publish:
        _set_status(vacancy, "open")
    occupations.apply_choice(vacancy, data.occupation, user)
    refresh_suggestions(vacancy, suggestions)
    db.session.add(vacancy)
    return vacancy


def create_vacancy(
    user: User,
    data: VacancyInput,
    publish: bool = False,
    *,
    read_now: bool = False,
    external_id: str | None = None,
) -> Vacancy:
    """Save a new vacancy at once; its skills are read from its text by a background job
    (``vacancies.extract``) and become suggestions within seconds, or in this call with
    ``read_now`` (the API answers with them). ``external_id``: a partner system's own id."""
    vacancy = build_vacancy(user, data, publish, suggestions=None if read_now else [])
    vacancy.external_id = external_id
    if read_now:
        _read_occupation_and_vector(vacancy)
    db.session.commit()
    if not read_now:
        read_skills_later(vacancy, user)
    return vacancy


def _read_occupation_and_vector(vacancy: Vacancy) -> None:
    """What the ``vacancies.extract`` job does after the skills: occupation, stored vector."""
    occupations.classify_vacancies([vacancy])
    db.session.flush()
    vectors.refresh("vacancy", [vacancy.id])


def update_vacancy(
    vacancy: Vacancy, data: VacancyInput, user: User | None = None, *, read_now: bool = False
) -> Vacancy:
    """Save edits at once; a changed text (or an occupation given back to the system) is read
    again by a background job, or in this call with ``read_now`` (people's skill and
    occupation choices stay)."""
    check_input(data, publishing=vacancy.status == "open")
    changed = refill(vacancy, data)
    changed = occupations.apply_choice(vacancy, data.occupation, user) or changed
    if changed and read_now:
        refresh_suggestions(vacancy)
        _read_occupation_and_vector(vacancy)
    db.session.commit()
    if changed and not read_now:
        read_skills_later(vacancy, user)
    return vacancy


def refill(vacancy: Vacancy, data: VacancyInput) -> bool:
    """New field values from a source that owns the vacancy (a feed), in the caller's
    transaction: screened again when they changed; True when the text changed (read it again)."""
    before = _screened_fields(vacancy)
    changed = (vacancy.title, vacancy.description) != (data.title.strip(), data.description.strip())
    _fill(vacancy, data)
    if _screened_fields(vacancy) != before:
        moderation.screen(vacancy)
    vacancy.updated_at = utcnow()
    return changed


def _screened_fields(vacancy: Vacancy) -> tuple[object, ...]:
    return (
        vacancy.title,
        vacancy.description,
        vacancy.salary_min,
        vacancy.salary_max,
        vacancy.min_education,
    )


def _set_status(vacancy: Vacancy, status: str) -> None:
    vacancy.status = status
    if status == "open" and vacancy.posted_at is None:
        vacancy.posted_at = utcnow()


def change_status(vacancy: Vacancy, action: str, user: User | None = None) -> None:
    """Publish, close, re-open or take back to draft.

    Publishing needs a verified organisation and a closing date that has not passed; a vacancy
    a moderator took down goes back to review when published again.
    """

    if action not in STATUS_ACTIONS:
        raise ValidationError("action", action)
    status = STATUS_ACTIONS[action]
    if status == "open":
        if not policy.can_publish_vacancy(user):
            raise PermissionDeniedError(vacancy.id)
        _check_closing_date(vacancy.closing_date)
        if vacancy.moderation_status == "removed":
            vacancy.moderation_status = "held"
        if vacancy.status == "closed":
            vacancy.posted_at = utcnow()  # re-opened: published anew (expiry, digests)
        vacancy.closed_reason = ""
    _set_status(vacancy, status)
    db.session.commit()


def expire(today: date | None = None, max_open_days: int | None = None) -> dict[str, int]:
    """Close open vacancies whose closing date has passed, and those without a date that have
    been open longer than ``max_open_days`` (their employers are told). Returns the counts."""
    today = today or local_today()
    if max_open_days is None:
        from flask import current_app

        max_open_days = current_app.config["VACANCY_MAX_OPEN_DAYS"]
    past = db.session.scalars(
        select(Vacancy).where(Vacancy.status == "open", Vacancy.closing_date < today)
    ).all()
    for vacancy in past:
        vacancy.status, vacancy.closed_reason = "closed", "closing_date"
    cutoff = today - timedelta(days=max_open_days)
    stale = db.session.scalars(
        select(Vacancy)
        .where(
            Vacancy.status == "open",
            Vacancy.closing_date.is_(None),
            func.date(Vacancy.posted_at) < cutoff,
        )
        .options(selectinload(Vacancy.organisation))
    ).all()
    for vacancy in stale:
        vacancy.status, vacancy.closed_reason = "closed", "expired"
        organisations.tell_members(
            vacancy.organisation, "expired", f"{vacancy.title} ({max_open_days}+)"
        )
    db.session.commit()
    return {"closing_date": len(past), "expired": len(stale)}


def count_by_status() -> dict[str, int]:
    """How many vacancies are in each status."""
    rows = db.session.execute(select(Vacancy.status, func.count()).group_by(Vacancy.status))
    return {status: count for status, count in rows}
