"""Vacancies sent by partner systems through the API, keyed by the partner's ``external_id``:
the same checks as the bulk import (``vacancy_rows.check_row``) and the same vacancy
services as the site, so sending a vacancy twice updates it instead of duplicating it."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from app.auth import policy
from app.extensions import db
from app.models import User, Vacancy, VacancySkill
from app.services import vacancies
from app.services.errors import NotFoundError, PermissionDeniedError, ServiceError
from app.services.vacancy_rows import RowError, check_row

EXTERNAL_ID_MAX = 100


class InvalidInputError(ServiceError):
    """Every problem of one request body, each naming its field."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__("; ".join(f"{e.field}: {e.message}" for e in errors))
        self.errors = errors


def check_external_id(value: Any) -> str:
    """A partner's id: text of 1 to 100 printable characters."""
    if not isinstance(value, str) or not value.strip():
        message = _l("This field is required.")
    elif len(value) > EXTERNAL_ID_MAX or not value.isprintable():
        message = _l("Use at most %(max)d printable characters.", max=EXTERNAL_ID_MAX)
    else:
        return value.strip()
    raise InvalidInputError([RowError(0, "external_id", str(message))])


def check_payload(raw: Any, external_id: Any) -> tuple[str, vacancies.VacancyInput, bool]:
    """(external id, fields, publish) of a request body, or InvalidInputError naming every bad field."""
    if not isinstance(raw, dict):
        raise InvalidInputError(
            [RowError(0, "-", str(_l("Each entry must be an object with the columns as keys.")))]
        )
    errors: list[RowError] = []
    try:
        external_id = check_external_id(external_id)
    except InvalidInputError as error:
        errors += error.errors
    publish = raw.get("publish", True)
    if not isinstance(publish, bool):
        errors.append(RowError(0, "publish", str(_l("Must be true or false."))))
    fields = {k: v for k, v in raw.items() if k not in ("external_id", "publish")}
    data, problems = check_row(fields)
    errors += problems
    if errors or data is None:
        raise InvalidInputError(errors)
    return external_id, data, publish


def _require_writer(user: User) -> None:
    if not policy.manages_vacancies(user):
        raise PermissionDeniedError("vacancies")


def find(user: User, external_id: str) -> Vacancy | None:
    """The vacancy of the user's organisation with this external id, with its skills."""
    return db.session.scalar(
        select(Vacancy)
        .where(Vacancy.organisation_id == user.organisation_id, Vacancy.external_id == external_id)
        .options(selectinload(Vacancy.skills).selectinload(VacancySkill.skill))
    )


def get(user: User, external_id: str) -> Vacancy:
    """``find`` or NotFoundError; the id is read as storing reads it (stripped, and one over
    ``EXTERNAL_ID_MAX`` characters names no vacancy)."""
    key = str(external_id)
    vacancy = find(user, key.strip()) if len(key) <= EXTERNAL_ID_MAX else None
    if vacancy is None:
        raise NotFoundError(external_id)
    return vacancy


def list_own(user: User, limit: int = 100, after_id: int = 0) -> list[Vacancy]:
    """The organisation's vacancies that have an external id, by id, after ``after_id``."""
    return list(
        db.session.scalars(
            select(Vacancy)
            .where(
                Vacancy.organisation_id == user.organisation_id,
                Vacancy.external_id.is_not(None),
                Vacancy.id > after_id,
            )
            .options(selectinload(Vacancy.skills).selectinload(VacancySkill.skill))
            .order_by(Vacancy.id)
            .limit(limit)
        )
    )


def upsert(user: User, raw: Any, external_id: Any = None) -> tuple[Vacancy, bool]:
    """Create the vacancy, or update the one with the same external id; (vacancy, created).

    Its skills are read in this call, as the site reads them. Publishing needs what it needs on
    the site (a verified organisation, a closing date not past): PermissionDeniedError or
    InvalidInputError otherwise, and nothing is saved.
    """
    _require_writer(user)
    sent = raw.get("external_id") if isinstance(raw, dict) else None
    if external_id is not None and sent not in (None, external_id):
        message = _l("The external_id of the body differs from the one in the address.")
        raise InvalidInputError([RowError(0, "external_id", str(message))])
    external_id = sent if external_id is None else external_id
    key, data, publish = check_payload(raw, external_id)
    if publish and not policy.can_publish_vacancy(user):
        raise PermissionDeniedError("publish")
    existing = find(user, key)
    try:
        if existing is None:
            vacancy = vacancies.create_vacancy(user, data, publish, read_now=True, external_id=key)
            return vacancy, True
    except IntegrityError:  # the same id sent twice at once: the other request created it
        db.session.rollback()
        existing = find(user, key)
        if existing is None:
            raise
    return _update(existing, data, publish, user), False


def _update(vacancy: Vacancy, data: vacancies.VacancyInput, publish: bool, user: User) -> Vacancy:
    from app.services.errors import ValidationError

    try:
        if publish and vacancy.status != "open":
            vacancies.check_input(data, publishing=True)
        vacancies.update_vacancy(vacancy, data, user, read_now=True)
        if publish and vacancy.status != "open":
            vacancies.change_status(vacancy, "publish", user)
        elif not publish and vacancy.status == "open":
            vacancies.change_status(vacancy, "unpublish", user)
    except ValidationError as error:
        db.session.rollback()
        raise InvalidInputError([RowError(0, error.field, error.message)]) from error
    return vacancy


def close(user: User, external_id: str) -> Vacancy:
    """Close the organisation's vacancy with this external id (closing twice is fine)."""
    _require_writer(user)
    vacancy = get(user, external_id)
    if vacancy.status != "closed":
        vacancies.change_status(vacancy, "close", user)
    return vacancy
