"""Planner accounts and their agencies (Bappeda, Disnaker, Dinas Pendidikan, DKISP...).

An administrator creates both (``flask users create-planner`` or the account pages); an agency
needs no verification request and counts as verified. A new planner has no usable password: the
email carries a set-password link (the password-reset link), which also verifies the address.
"""

from __future__ import annotations

import secrets

from email_validator import EmailNotValidError, validate_email
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from app.extensions import db
from app.models import Organisation, User
from app.models.base import utcnow
from app.services import account_links, audit
from app.services.accounts import find_user, hash_password, normalise_email, refuse_demo_login
from app.services.errors import ValidationError
from app.urls import external_url


def agencies() -> list[Organisation]:
    """Every agency, by name."""
    stmt = select(Organisation).where(Organisation.kind == "agency").order_by(Organisation.name)
    return list(db.session.scalars(stmt))


def agency_name(choice: str, new_name: str | None) -> str:
    """The agency a form chose: an existing agency's id, or ``"new"`` and a new name."""
    if choice == "new":
        return new_name or ""
    found = db.session.get(Organisation, int(choice)) if choice.isdigit() else None
    if found is None or found.kind != "agency":
        raise ValidationError("agency", str(_l("Choose an agency or name a new one.")))
    return found.name


def find_or_add_agency(name: str) -> Organisation:
    """The agency of this name (case and spacing ignored), or a new verified one (no commit)."""
    name = " ".join(name.split())
    if not name:
        raise ValidationError("agency", str(_l("Name the agency.")))
    if len(name) > 200:
        raise ValidationError("agency", str(_l("At most 200 characters.")))
    found = db.session.scalar(
        select(Organisation).where(
            Organisation.kind == "agency", func.lower(Organisation.name) == name.lower()
        )
    )
    if found is not None:
        return found
    agency = Organisation(
        kind="agency", name=name, verification_status="verified", verified_at=utcnow()
    )
    db.session.add(agency)
    return agency


def _check_email(email: str) -> str:
    try:
        validate_email(email, check_deliverability=False)
    except EmailNotValidError as error:
        raise ValidationError("email", str(_l("Enter a valid email address."))) from error
    if find_user(email) is not None:
        raise ValidationError("email", str(_l("An account with this email already exists.")))
    refuse_demo_login(email, "")
    return normalise_email(email)


def create_planner(
    actor: User | None, email: str, agency_name: str, name: str = "", locale: str = "id"
) -> tuple[User, str]:
    """Create a planner in an agency (added when new), audited; email the set-password link and
    return the account with that link (the CLI prints it once for the operator)."""
    address = _check_email(email)
    name = " ".join(name.split()) or address.split("@", 1)[0]
    if len(name) > 120:
        raise ValidationError("name", str(_l("At most 120 characters.")))
    agency = find_or_add_agency(agency_name)
    user = User(
        email=address,
        name=name,
        role="planner",
        locale=locale,
        organisation=agency,
        # nobody knows this password: the owner sets one through the emailed link
        password_hash=hash_password(secrets.token_urlsafe(32)),
    )
    db.session.add(user)
    db.session.flush()
    audit.record(actor, "account.create_planner", "user", user.id, address, agency=agency.name)
    db.session.commit()
    link = external_url("auth.reset_password", token=account_links.reset_token(user))
    account_links.send_planner_welcome(user, link)
    return user, link
