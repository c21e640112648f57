"""Vacancies a school's placement office (Bursa Kerja Khusus, BKK) posts for its industry
partners: the same vacancy rules and service as an employer's (moderation, scam signals, skills
read by the usual job), the partner's name kept beside it, the school as its owner."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.auth import policy
from app.extensions import db
from app.models import BkkVacancy, User, Vacancy
from app.services import vacancies
from app.services.errors import PermissionDeniedError, ValidationError, owned_by
from app.services.vacancies import VacancyInput

PARTNER_MAX = 200


@dataclass(frozen=True)
class BkkPosting:
    """A BKK vacancy with the partner employer it is for."""

    vacancy: Vacancy
    partner_name: str


def check_partner(name: str) -> str:
    """The partner employer's name, trimmed; required, at most PARTNER_MAX characters."""
    name = (name or "").strip()
    if not name:
        raise ValidationError("partner_name", str(_l("This field is required.")))
    if len(name) > PARTNER_MAX:
        raise ValidationError(
            "partner_name", str(_l("Use at most %(max)d characters.", max=PARTNER_MAX))
        )
    return name


def create(user: User, partner_name: str, data: VacancyInput, publish: bool = False) -> Vacancy:
    """A vacancy of ``partner_name`` posted by the user's school (published when asked: the
    school is verified, so it is, unless its scam signals hold it for review)."""
    if not policy.posts_bkk_vacancies(user):
        raise PermissionDeniedError("bkk")
    partner = check_partner(partner_name)
    vacancy = vacancies.build_vacancy(user, data, publish, suggestions=[])
    db.session.flush()
    db.session.add(
        BkkVacancy(vacancy_id=vacancy.id, school_id=user.organisation_id, partner_name=partner)
    )
    db.session.commit()
    vacancies.read_skills_later(vacancy, user)
    return vacancy


def list_for_school(user: User) -> list[BkkPosting]:
    """The BKK vacancies of the user's school, newest first."""
    rows = db.session.execute(
        select(Vacancy, BkkVacancy.partner_name)
        .join(BkkVacancy, BkkVacancy.vacancy_id == Vacancy.id)
        .where(BkkVacancy.school_id == user.organisation_id)
        .order_by(Vacancy.created_at.desc(), Vacancy.id.desc())
    )
    return [BkkPosting(vacancy, partner) for vacancy, partner in rows]


def get_for_school(vacancy_id: int, user: User) -> BkkPosting:
    """A BKK vacancy of the user's school (NotFound / PermissionDenied otherwise)."""
    mark = db.session.get(BkkVacancy, vacancy_id)
    owned_by(mark, mark.school_id if mark else None, user, vacancy_id)
    return BkkPosting(mark.vacancy, mark.partner_name)  # type: ignore[union-attr]


def update(posting: BkkPosting, partner_name: str, data: VacancyInput, user: User) -> Vacancy:
    """Save edits of a BKK vacancy (the same rules as an employer's edits)."""
    if not policy.posts_bkk_vacancies(user):
        raise PermissionDeniedError(posting.vacancy.id)
    partner = check_partner(partner_name)
    mark = db.session.get(BkkVacancy, posting.vacancy.id)
    mark.partner_name = partner  # type: ignore[union-attr]
    return vacancies.update_vacancy(posting.vacancy, data, user)


def change_status(posting: BkkPosting, action: str, user: User) -> None:
    """Publish, close, re-open or take back to draft (the vacancy service's rules)."""
    vacancies.change_status(posting.vacancy, action, user)
