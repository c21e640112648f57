"""A programme's graduate list for the tracer study (name, contact, consent) and their
one-time invitation links."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import Curriculum, TracerGraduate
from app.models.base import utcnow
from app.services.errors import NotFoundError, ValidationError
from app.services.programme_graduates import FIRST_YEAR, last_year
from app.services.tracer.tokens import expiry, new_token

NAME_MAX, CONTACT_MAX = 200, 254


@dataclass(frozen=True)
class GraduateInput:
    """What the school records of a graduate."""

    year: int | None
    name: str
    contact: str
    consent: bool


def list_for(curriculum: Curriculum, year: int | None = None) -> list[TracerGraduate]:
    """The programme's listed graduates (of one year), newest year first, by name."""
    query = (
        select(TracerGraduate)
        .where(TracerGraduate.curriculum_id == curriculum.id)
        .options(selectinload(TracerGraduate.response))
        .order_by(TracerGraduate.year.desc(), TracerGraduate.name, TracerGraduate.id)
    )
    if year is not None:
        query = query.where(TracerGraduate.year == year)
    return list(db.session.scalars(query))


def get_graduate(curriculum: Curriculum, graduate_id: int) -> TracerGraduate:
    """A listed graduate of this programme (NotFoundError for another programme's)."""
    graduate = db.session.get(TracerGraduate, graduate_id)
    if graduate is None or graduate.curriculum_id != curriculum.id:
        raise NotFoundError(graduate_id)
    return graduate


def problems(data: GraduateInput) -> dict[str, str]:
    """Every broken rule, by field."""
    found: dict[str, str] = {}
    if data.year is None or not FIRST_YEAR <= data.year <= last_year():
        found["year"] = str(
            _l("Enter a year from %(first)d to %(last)d.", first=FIRST_YEAR, last=last_year())
        )
    if not data.name.strip():
        found["name"] = str(_l("Enter the graduate's name."))
    elif len(data.name.strip()) > NAME_MAX:
        found["name"] = str(_l("At most %(n)d characters.", n=NAME_MAX))
    if len(data.contact.strip()) > CONTACT_MAX:
        found["contact"] = str(_l("At most %(n)d characters.", n=CONTACT_MAX))
    return found


def add_graduate(curriculum: Curriculum, data: GraduateInput) -> TracerGraduate:
    """List a graduate; commits (nothing saved when a rule is broken)."""
    for field, message in problems(data).items():
        raise ValidationError(field, message)
    graduate = TracerGraduate(
        curriculum_id=curriculum.id,
        year=data.year,
        name=data.name.strip(),
        contact=data.contact.strip(),
        consent=data.consent,
    )
    db.session.add(graduate)
    db.session.commit()
    return graduate


def update_graduate(graduate: TracerGraduate, data: GraduateInput) -> TracerGraduate:
    """Correct a listed graduate's year, name, contact or consent; commits (nothing changed
    when a rule is broken). Withdrawing consent also stops a link not yet used."""
    for field, message in problems(data).items():
        raise ValidationError(field, message)
    graduate.year, graduate.name = data.year, data.name.strip()  # type: ignore[assignment]
    graduate.contact, graduate.consent = data.contact.strip(), data.consent
    if not data.consent:
        graduate.token_hash, graduate.token_expires_at = None, None
    db.session.commit()
    return graduate


def delete_graduate(graduate: TracerGraduate) -> None:
    """Forget a graduate and their answer; commits."""
    db.session.delete(graduate)
    db.session.commit()


def invite(graduates: list[TracerGraduate]) -> list[tuple[TracerGraduate, str]]:
    """New link tokens for the graduates who agreed to be contacted and have not answered
    (older links stop working); commits once. Each token is returned once, to be shared, and
    stored only as its hash."""
    made = []
    for graduate in graduates:
        if graduate.response is not None or not graduate.consent:
            continue
        token, digest = new_token()
        graduate.token_hash, graduate.token_expires_at = digest, expiry()
        graduate.invited_at = utcnow()
        made.append((graduate, token))
    db.session.commit()
    return made
