"""A school's industry partners: employers on the platform or known by name, with what each
contributes; the gap report's partner suggestions join the list in one click."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from app.extensions import db
from app.models import PARTNER_CONTRIBUTIONS, IndustryPartner, Organisation, User
from app.services.errors import ValidationError, owned_by

NAME_MAX = 200
NOTE_MAX = 500


@dataclass(frozen=True)
class PartnerInput:
    """What the school types or picks for a partner."""

    name: str = ""
    employer_id: int | None = None
    contributions: tuple[str, ...] = ()
    note: str = ""


def list_partners(user: User) -> list[IndustryPartner]:
    """The partners of the user's school, by name."""
    return list(
        db.session.scalars(
            select(IndustryPartner)
            .where(IndustryPartner.organisation_id == user.organisation_id)
            .order_by(func.lower(IndustryPartner.name))
        )
    )


def verified_employers() -> list[Organisation]:
    """Employers on the platform an administrator verified (the ones that can be invited)."""
    return list(
        db.session.scalars(
            select(Organisation)
            .where(
                Organisation.kind == "employer",
                Organisation.verification_status == "verified",
                Organisation.suspended.is_(False),
            )
            .order_by(Organisation.name)
        )
    )


def _employer(employer_id: int | None) -> Organisation | None:
    if employer_id is None:
        return None
    found = db.session.get(Organisation, employer_id)
    if found is None or found.kind != "employer" or not found.is_verified:
        raise ValidationError("employer_id", str(_l("Choose a verified employer.")))
    return found


def _employer_named(name: str) -> Organisation | None:
    """The one verified employer with this name (case-insensitive), if there is exactly one."""
    rows = [
        org
        for org in db.session.scalars(
            select(Organisation).where(
                Organisation.kind == "employer", func.lower(Organisation.name) == name.lower()
            )
        )
        if org.is_verified
    ]
    return rows[0] if len(rows) == 1 else None


def _existing(user: User, name: str) -> IndustryPartner | None:
    return db.session.scalar(
        select(IndustryPartner).where(
            IndustryPartner.organisation_id == user.organisation_id,
            func.lower(IndustryPartner.name) == name.lower(),
        )
    )


def add_partner(user: User, given: PartnerInput) -> IndustryPartner:
    """Add a partner (an employer of the platform, or a name); one row per name per school."""
    employer = _employer(given.employer_id)
    name = (given.name or "").strip() or (employer.name if employer else "")
    if not name:
        raise ValidationError("name", str(_l("Give the partner's name or choose an employer.")))
    if len(name) > NAME_MAX:
        raise ValidationError("name", str(_l("At most %(n)d characters.", n=NAME_MAX)))
    if len(given.note) > NOTE_MAX:
        raise ValidationError("note", str(_l("At most %(n)d characters.", n=NOTE_MAX)))
    unknown = set(given.contributions) - set(PARTNER_CONTRIBUTIONS)
    if unknown:
        raise ValidationError("contributions", str(_l("Choose from the list.")))
    if _existing(user, name) is not None:
        raise ValidationError("name", str(_l("%(name)s is already a partner.", name=name)))
    partner = IndustryPartner(
        organisation_id=user.organisation_id,
        employer=employer,
        name=name,
        contributions=[c for c in PARTNER_CONTRIBUTIONS if c in given.contributions],
        note=given.note.strip(),
    )
    db.session.add(partner)
    db.session.commit()
    return partner


def add_suggested_partner(user: User, name: str) -> tuple[IndustryPartner, bool]:
    """A partner the gap report suggested, added by name (linked to the verified employer of
    that name when there is one); returns the partner and whether it is new."""
    name = (name or "").strip()
    if not name or len(name) > NAME_MAX:
        raise ValidationError("name", str(_l("Give the partner's name or choose an employer.")))
    found = _existing(user, name)
    if found is not None:
        return found, False
    employer = _employer_named(name)
    partner = IndustryPartner(
        organisation_id=user.organisation_id, employer=employer, name=name, contributions=[]
    )
    db.session.add(partner)
    db.session.commit()
    return partner, True


def get_partner(partner_id: int, user: User) -> IndustryPartner:
    """A partner of the user's school; raises otherwise."""
    partner = db.session.get(IndustryPartner, partner_id)
    org = partner.organisation_id if partner is not None else None
    return owned_by(partner, org, user, partner_id)  # type: ignore[return-value]


def delete_partner(partner: IndustryPartner) -> None:
    """Remove a partner (its invitations go with it)."""
    db.session.delete(partner)
    db.session.commit()


def partner_names(user: User) -> set[str]:
    """Lower-cased names of the school's partners (to mark suggestions already added)."""
    return {
        name.lower()
        for name in db.session.scalars(
            select(IndustryPartner.name).where(
                IndustryPartner.organisation_id == user.organisation_id
            )
        )
    }
