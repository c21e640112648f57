"""Organisations prove who they are: the identity they send, the administrators' review queue,
approval or rejection with a reason, and the members told by email."""

from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import Organisation, User
from app.models.base import utcnow
from app.services import audit
from app.services.errors import NotFoundError, PermissionDeniedError, ValidationError

NIB = re.compile(r"\d{13}")  # Nomor Induk Berusaha (OSS)
NPSN = re.compile(r"\d{8}")  # Nomor Pokok Sekolah Nasional
LICENCE = re.compile(r"(?=[^\n]{0,40}\d)[A-Za-z0-9][A-Za-z0-9 ./-]{2,39}")
ADDRESS_MIN = 10


def identity_label(kind: str) -> str:
    """What the identity number of this kind of organisation is called."""
    return {
        "employer": str(_l("NIB (Nomor Induk Berusaha, 13 digits)")),
        "school": str(_l("NPSN (Nomor Pokok Sekolah Nasional, 8 digits)")),
        "training_provider": str(_l("Licence number (izin LPK/BLK)")),
    }.get(kind, str(_l("Registration number")))


def check_identity(kind: str, number: str, address: str) -> tuple[str, str]:
    """The cleaned identity number and address; ValidationError naming the field otherwise."""
    cleaned = number.strip()
    if kind in ("employer", "school"):
        cleaned = re.sub(r"[\s.-]", "", cleaned)
    pattern, message = {
        "employer": (NIB, _l("An NIB has exactly 13 digits.")),
        "school": (NPSN, _l("An NPSN has exactly 8 digits.")),
    }.get(
        kind,
        (
            LICENCE,
            _l("Use 3 to 40 letters, digits, spaces, dots, slashes or dashes, with a digit."),
        ),
    )
    if not pattern.fullmatch(cleaned):
        raise ValidationError("registration_number", str(message))
    address = " ".join(address.split())
    if len(address) < ADDRESS_MIN:
        raise ValidationError(
            "address", str(_l("Give the full address (street, number, district)."))
        )
    return cleaned, address[:300]


def request_verification(user: User, number: str, address: str) -> Organisation:
    """Send the organisation's identity to the administrators' queue."""
    from app.auth.policy import can_request_verification

    organisation = user.organisation
    if organisation is None or not can_request_verification(user):
        raise PermissionDeniedError("organisation")
    if organisation.verification_status == "verified":
        raise ValidationError("registration_number", str(_l("Your organisation is verified.")))
    cleaned, address = check_identity(organisation.kind, number, address)
    organisation.registration_number = cleaned
    organisation.address = address
    organisation.verification_status = "pending"
    organisation.verification_requested_at = utcnow()
    db.session.commit()
    return organisation


def pending() -> list[Organisation]:
    """Organisations waiting for review, oldest request first."""
    return list(
        db.session.scalars(
            select(Organisation)
            .where(Organisation.verification_status == "pending")
            .options(selectinload(Organisation.members), selectinload(Organisation.region))
            .order_by(Organisation.verification_requested_at, Organisation.id)
        )
    )


def same_number_elsewhere(organisations: list[Organisation]) -> dict[int, list[str]]:
    """For each organisation, the names of others that use the same identity number."""
    numbers = {o.registration_number for o in organisations if o.registration_number}
    if not numbers:
        return {}
    rows = db.session.execute(
        select(Organisation.id, Organisation.name, Organisation.registration_number).where(
            Organisation.registration_number.in_(numbers)
        )
    ).all()
    return {
        o.id: [
            name for oid, name, number in rows if number == o.registration_number and oid != o.id
        ]
        for o in organisations
    }


def get(organisation_id: int) -> Organisation:
    """An organisation by id (NotFoundError when missing)."""
    organisation = db.session.get(Organisation, organisation_id)
    if organisation is None:
        raise NotFoundError(organisation_id)
    return organisation


def decide(organisation: Organisation, admin: User, approve: bool, reason: str) -> None:
    """Approve or reject a verification request (a rejection needs a reason); audited, and
    the organisation's members are told by email."""
    from app.auth.policy import can_verify_organisations

    if not can_verify_organisations(admin):
        raise PermissionDeniedError(organisation.id)
    if organisation.verification_status != "pending":
        raise ValidationError("reason", str(_l("This organisation has not asked to be verified.")))
    reason = reason.strip()
    if not approve and not reason:
        raise ValidationError("reason", str(_l("Say why the request is rejected.")))
    organisation.verification_status = "verified" if approve else "rejected"
    organisation.verification_note = reason
    organisation.verified_at = utcnow() if approve else None
    audit.record(
        admin,
        "organisation.verify" if approve else "organisation.reject",
        "organisation",
        organisation.id,
        organisation.name,
        reason,
        registration_number=organisation.registration_number,
    )
    touch_vacancies(organisation.id)
    tell_members(organisation, "verified" if approve else "rejected", reason)
    db.session.commit()
    from app.services.demand import refresh_organisation_later

    refresh_organisation_later(organisation.id)  # its vacancies now count (or still do not)


SUBJECTS = {
    "verified": _l("Your organisation is verified"),
    "rejected": _l("Your verification request was not approved"),
    "warned": _l("A warning about your vacancies"),
    "suspended": _l("Your organisation is suspended"),
    "unsuspended": _l("Your organisation may publish again"),
    "unpublished": _l("A vacancy was taken down"),
    "expired": _l("A vacancy was closed"),
}
BODIES = {
    "verified": _l(
        "%(org)s is verified. You can now publish vacancies and see candidates on Link & Match."
    ),
    "rejected": _l(
        "The verification request of %(org)s was not approved. Reason: %(reason)s\n"
        "Correct the details and send the request again from your organisation page."
    ),
    "warned": _l(
        "An administrator of Link & Match warns %(org)s: %(reason)s\n"
        "Repeated problems lead to suspension."
    ),
    "suspended": _l(
        "%(org)s is suspended: its vacancies are no longer shown and it cannot publish. "
        "Reason: %(reason)s"
    ),
    "unsuspended": _l("%(org)s is no longer suspended. %(reason)s"),
    "unpublished": _l("An administrator took down the vacancy of %(org)s: %(reason)s"),
    "expired": _l("A vacancy of %(org)s was closed: %(reason)s"),
}


def touch_vacancies(organisation_id: int) -> None:
    """Mark the organisation's vacancies changed, so per-process indexes of public vacancies
    are rebuilt after its verification or suspension changes."""
    from sqlalchemy import update

    from app.models import Vacancy

    db.session.execute(
        update(Vacancy)
        .where(Vacancy.organisation_id == organisation_id)
        .values(updated_at=utcnow())
    )


def tell_members(organisation: Organisation, event: str, reason: str = "", link: str = "") -> None:
    """Notify every active member of the organisation (on the site and by email, each in their
    own language); call it before the commit that makes the change, so both land together."""
    from app.services.notifications import notify
    from app.urls import site_path

    params = {"event": event, "organisation": organisation.name, "reason": reason}
    for member in organisation.members:
        if member.active:
            notify(member, "organisation", params, link or site_path("organisations.mine"))


def count_pending() -> int:
    """How many verification requests wait."""
    return (
        db.session.scalar(select(func.count()).where(Organisation.verification_status == "pending"))
        or 0
    )
