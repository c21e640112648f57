"""Accounts: registration for each role, login, password change, sessions, administrators.

Registration never says whether an email is taken: a new account gets a verification link, the
owner of an existing one gets a note, and the caller shows the same "check your inbox" page."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from app.extensions import db
from app.models import Organisation, SeekerProfile, User
from app.models.base import utcnow
from app.services import account_links
from app.services.errors import ValidationError
from app.services.passwords import check_password

ORGANISATION_KIND_OF_ROLE = {"employer": "employer", "school": "school"}


def _hasher() -> PasswordHasher:
    """Argon2id; cheap parameters only under the testing config."""
    if current_app.config.get("PASSWORD_HASH_FAST"):
        return PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    return PasswordHasher()


def hash_password(password: str) -> str:
    """Hash a password with Argon2id."""
    return _hasher().hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    """True when the password matches the stored hash."""
    try:
        return _hasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def normalise_email(email: str) -> str:
    """Emails are compared trimmed and lower-cased."""
    return email.strip().lower()


def load_user(session_id: str) -> User | None:
    """Flask-Login's user loader: the active user whose session version is still current."""
    user_id, _, version = session_id.partition(":")
    if not (user_id.isdigit() and version.isdigit()):
        return None
    user = db.session.get(User, int(user_id))
    if user is None or not user.active or user.session_version != int(version):
        return None
    return user


def find_user(email: str) -> User | None:
    """The user with this email, if any."""
    return db.session.scalar(select(User).where(User.email == normalise_email(email)))


def _taken(email: str, password: str, name: str) -> bool:
    """Check the password rule, then whether the email is taken; when it is, spend the time of a
    new account's hashing and tell the owner instead of the visitor."""
    check_password(password, email, name)
    refuse_demo_login(email, password)
    existing = find_user(email)
    if existing is None:
        return False
    hash_password(password)
    account_links.notify_registration_attempt(existing)
    return True


def refuse_demo_login(email: str, password: str) -> None:
    """Where demo data is not allowed (production), the demo logins and password are refused:
    a demo login would stop the next production start (see ``refuse_demo_accounts``)."""
    if current_app.config.get("ALLOW_DEMO_DATA") is not False:
        return
    from app.services.demo import demo_emails

    if normalise_email(email) in demo_emails():
        raise ValidationError("email", str(_l("This email address is reserved.")))
    if password == current_app.config.get("DEMO_PASSWORD"):
        raise ValidationError("password", str(_l("This password is not allowed.")))


def register_seeker(email: str, name: str, password: str, locale: str = "id") -> User | None:
    """Create a job seeker account with an empty, hidden profile and send it a verification
    link; None when the email already has an account (its owner is told by email)."""
    if _taken(email, password, name):
        return None
    user = User(
        email=normalise_email(email),
        name=name.strip(),
        password_hash=hash_password(password),
        role="seeker",
        locale=locale,
    )
    db.session.add(user)
    db.session.flush()
    db.session.add(SeekerProfile(user_id=user.id))
    db.session.commit()
    account_links.send_verification(user)
    return user


def register_member(
    role: str,
    email: str,
    name: str,
    password: str,
    organisation_name: str,
    region_id: int | None,
    address: str = "",
    locale: str = "id",
    kind: str | None = None,
) -> User | None:
    """Create an employer or school account together with its (unverified) organisation and
    send a verification link; None when the email already has an account.

    A school-role account may belong to a school or to a training provider (``kind``).
    """
    if role not in ORGANISATION_KIND_OF_ROLE:
        raise ValueError(f"role {role!r} does not register with an organisation")
    allowed = {"employer": ("employer",), "school": ("school", "training_provider")}[role]
    kind = kind if kind in allowed else allowed[0]
    if _taken(email, password, name):
        return None
    organisation = Organisation(
        kind=kind,
        name=organisation_name.strip(),
        region_id=region_id,
        address=address.strip(),
    )
    user = User(
        email=normalise_email(email),
        name=name.strip(),
        password_hash=hash_password(password),
        role=role,
        locale=locale,
        organisation=organisation,
    )
    db.session.add_all([organisation, user])
    db.session.commit()
    account_links.send_verification(user)
    return user


def authenticate(email: str, password: str) -> User | None:
    """The active user with these credentials, or None (never says which part was wrong)."""
    user = find_user(email)
    if user is None:
        _hasher().hash(password)  # spend the same time as a real check
        return None
    if not verify_password(user.password_hash, password) or not user.active:
        return None
    user.last_login_at = utcnow()
    db.session.commit()
    return user


def check_current_password(user: User, current: str) -> None:
    """Raise ValidationError on ``current_password`` unless it is the user's password."""
    if not verify_password(user.password_hash, current):
        raise ValidationError("current_password", str(_l("The current password is wrong.")))


def set_password(user: User, new: str) -> None:
    """Store a new password (after the common/personal rule) and end every session; the
    caller commits."""
    check_password(new, user.email, user.name)
    user.password_hash = hash_password(new)
    user.session_version += 1


def change_password(user: User, current: str, new: str) -> None:
    """Replace the password after checking the current one; every session ends (the caller
    signs the current one in again)."""
    check_current_password(user, current)
    set_password(user, new)
    db.session.commit()


def end_sessions(user: User) -> None:
    """Log the user out everywhere: every session and remember-me cookie stops working."""
    user.session_version += 1
    db.session.commit()


def set_locale(user: User, locale: str) -> None:
    """Remember a signed-in user's UI language."""
    user.locale = locale
    db.session.commit()


def create_admin(email: str, password: str, name: str = "Administrator") -> User:
    """Create an administrator account (the CLI's ``users create-admin``; its email counts
    as verified, the operator typed it)."""
    check_password(password, email, name)
    if find_user(email) is not None:
        raise ValidationError("email", str(_l("An account with this email already exists.")))
    user = User(
        email=normalise_email(email),
        name=name,
        password_hash=hash_password(password),
        role="admin",
        email_verified_at=utcnow(),
    )
    db.session.add(user)
    db.session.commit()
    return user


def count_users_by_role() -> dict[str, int]:
    """How many accounts each role has."""
    rows = db.session.execute(select(User.role, func.count()).group_by(User.role))
    return {role: count for role, count in rows}
