"""Accounts: registration for each role, login, password change, administrators."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from app.extensions import db
from app.models import Organisation, SeekerProfile, User
from app.models.base import utcnow
from app.services.errors import ValidationError

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


def load_user(user_id: str) -> User | None:
    """Flask-Login's user loader."""
    return db.session.get(User, int(user_id)) if user_id.isdigit() else None


def find_user(email: str) -> User | None:
    """The user with this email, if any."""
    return db.session.scalar(select(User).where(User.email == normalise_email(email)))


def _check_new_user(email: str, password: str) -> None:
    if find_user(email) is not None:
        raise ValidationError("email", str(_l("An account with this email already exists.")))
    if current_app.config.get("ALLOW_DEMO_DATA") is False:
        from app.services.demo import demo_emails

        # a demo login would stop the next production start (see refuse_demo_accounts)
        if normalise_email(email) in demo_emails():
            raise ValidationError("email", str(_l("This email address is reserved.")))
        if password == current_app.config.get("DEMO_PASSWORD"):
            raise ValidationError("password", str(_l("This password is not allowed.")))


def register_seeker(email: str, name: str, password: str, locale: str = "id") -> User:
    """Create a job seeker account with an empty, hidden profile."""
    _check_new_user(email, password)
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
) -> User:
    """Create an employer or school account together with its (unverified) organisation.

    A school-role account may belong to a school or to a training provider (``kind``).
    """
    if role not in ORGANISATION_KIND_OF_ROLE:
        raise ValueError(f"role {role!r} does not register with an organisation")
    allowed = {"employer": ("employer",), "school": ("school", "training_provider")}[role]
    kind = kind if kind in allowed else allowed[0]
    _check_new_user(email, password)
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


def change_password(user: User, current: str, new: str) -> None:
    """Replace the password after checking the current one."""
    if not verify_password(user.password_hash, current):
        raise ValidationError("current_password", str(_l("The current password is wrong.")))
    user.password_hash = hash_password(new)
    db.session.commit()


def set_locale(user: User, locale: str) -> None:
    """Remember a signed-in user's UI language."""
    user.locale = locale
    db.session.commit()


def create_admin(email: str, password: str, name: str = "Administrator") -> User:
    """Create an administrator account (the CLI's ``users create-admin``)."""
    _check_new_user(email, password)
    user = User(
        email=normalise_email(email),
        name=name,
        password_hash=hash_password(password),
        role="admin",
    )
    db.session.add(user)
    db.session.commit()
    return user


def count_users_by_role() -> dict[str, int]:
    """How many accounts each role has."""
    rows = db.session.execute(select(User.role, func.count()).group_by(User.role))
    return {role: count for role, count in rows}
