"""Signed links sent by email (password reset, email verification) and the account emails,
each written in the recipient's language.

A reset link carries a fingerprint of the password hash, the session version and the email, so
it stops working once used (the hash changes), after any other password change, "log out
everywhere", deactivation or an email change. A verification link names the address it
verifies and works while that address still waits for verification."""

from __future__ import annotations

import hashlib

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from app.extensions import db
from app.models import User
from app.profile import current_profile
from app.services import mail
from app.services.errors import ServiceError
from app.urls import external_url

RESET = "password-reset"
VERIFY = "email-verification"


class LinkError(ServiceError):
    """A link that is expired, already used or not ours; ``message`` says which."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _serializer(purpose: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=f"linkmatch-{purpose}")


def _load(purpose: str, token: str, max_age: int) -> dict:
    try:
        data = _serializer(purpose).loads(token, max_age=max_age)
    except SignatureExpired as error:
        raise LinkError(str(_l("This link has expired. Ask for a new one."))) from error
    except BadSignature as error:
        raise LinkError(str(_l("This link is not valid. Ask for a new one."))) from error
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        raise LinkError(str(_l("This link is not valid. Ask for a new one.")))
    return data


def _fingerprint(user: User) -> str:
    state = f"{user.password_hash}|{user.session_version}|{user.email}"
    return hashlib.sha256(state.encode()).hexdigest()[:24]


def reset_token(user: User) -> str:
    """A password-reset token for the user's present password."""
    return _serializer(RESET).dumps({"u": user.id, "f": _fingerprint(user)})


def user_for_reset_token(token: str) -> User:
    """The active user a reset token was made for, while it is unused and young enough."""
    data = _load(RESET, token, current_app.config["PASSWORD_RESET_MAX_AGE"])
    user = db.session.get(User, data["u"])
    if user is None or not user.active or data.get("f") != _fingerprint(user):
        raise LinkError(str(_l("This link has already been used or is no longer valid.")))
    return user


def verification_token(user: User, email: str) -> str:
    """A token that verifies ``email`` (the account's address or the one it moves to)."""
    return _serializer(VERIFY).dumps({"u": user.id, "e": email})


def read_verification_token(token: str) -> tuple[User, str]:
    """The user and the address a verification token names."""
    data = _load(VERIFY, token, current_app.config["EMAIL_VERIFICATION_MAX_AGE"])
    user = db.session.get(User, data["u"])
    if user is None or not isinstance(data.get("e"), str):
        raise LinkError(str(_l("This link is not valid. Ask for a new one.")))
    return user, data["e"]


# Each account email: its subject and body (the body's %(...)s fields are filled when sent).
EMAILS = {
    "verify": (
        _l("Verify your email address"),
        _l(
            "Hello %(name)s,\n\nopen this link to verify your email address for %(platform)s:"
            "\n\n%(link)s\n\nThe link works for %(days)s days. If you did not ask for it,"
            " ignore this email."
        ),
    ),
    "reset": (
        _l("Reset your password"),
        _l(
            "Hello %(name)s,\n\nsomeone (hopefully you) asked to reset the password of your"
            " %(platform)s account. Open this link to choose a new password:\n\n%(link)s\n\nThe link"
            " works once, for %(minutes)s minutes. If you did not ask for it, ignore this email;"
            " your password stays the same."
        ),
    ),
    "registration_attempt": (
        _l("Someone tried to register with your email address"),
        _l(
            "Hello %(name)s,\n\nsomeone tried to create a new %(platform)s account with this"
            " email address, which already has an account. If it was you, log in or reset your"
            " password:\n\n%(login)s\n%(reset)s\n\nIf it was not you, you can ignore this email."
        ),
    ),
    "email_taken": (
        _l("Someone tried to use your email address"),
        _l(
            "Hello,\n\nsomeone asked to move another %(platform)s account to this email"
            " address, which already has an account. Nothing was changed. If it was you, log in"
            " with this address instead:\n\n%(login)s"
        ),
    ),
    "email_change": (
        _l("Your email address is being changed"),
        _l(
            "Hello %(name)s,\n\nyour %(platform)s account asked to change its email address"
            " to %(new)s. It changes once the new address is verified. If you did not ask for this,"
            " log in and change your password, or reset it:\n\n%(reset)s"
        ),
    ),
    "planner_welcome": (
        _l("Your planner account"),
        _l(
            "Hello %(name)s,\n\nan administrator created a planner account for you on"
            " %(platform)s (%(agency)s). Open this link to choose your password:\n\n%(link)s\n\n"
            'The link works once, for a short time; when it has expired, use "Forgot your'
            ' password?" on the login page with this address.'
        ),
    ),
}


def send_account_email(kind: str, to: str, locale: str | None, **fields: object) -> None:
    """Write account email ``kind`` in the recipient's language and send it by a background
    job (``mail.send``). The caller's change is committed with it; the page looks the same
    whether an email was due (an account exists) or not, and a mail server that fails is the
    job's concern (retried, then shown as failed), never the request's."""
    subject, body = EMAILS[kind]
    with force_locale(locale or "id"):
        platform = current_profile().platform_name
        text = str(body) % {"platform": platform, **fields}
        text += "\n\n" + _("— %(platform)s", platform=platform) + "\n"
        mail.queue(to, str(subject), text)
    db.session.commit()


def send_verification(user: User) -> None:
    """Email a verification link to the address waiting for it (new, or the account's own)."""
    address = user.pending_email or user.email
    link = external_url("auth.verify_email", token=verification_token(user, address))
    days = current_app.config["EMAIL_VERIFICATION_MAX_AGE"] // 86400
    send_account_email("verify", address, user.locale, name=user.name, link=link, days=days)


def send_reset(user: User) -> None:
    """Email a password-reset link."""
    link = external_url("auth.reset_password", token=reset_token(user))
    minutes = current_app.config["PASSWORD_RESET_MAX_AGE"] // 60
    send_account_email("reset", user.email, user.locale, name=user.name, link=link, minutes=minutes)


def notify_registration_attempt(user: User) -> None:
    """Tell an account's owner that someone tried to register with their address."""
    login, reset = external_url("auth.login"), external_url("auth.forgot_password")
    send_account_email(
        "registration_attempt", user.email, user.locale, name=user.name, login=login, reset=reset
    )


def notify_email_taken(address: str, locale: str) -> None:
    """Tell the owner of ``address`` that another account tried to move to it."""
    send_account_email("email_taken", address, locale, login=external_url("auth.login"))


def notify_email_change(user: User, new_address: str) -> None:
    """Tell the present address that the account asked to move to another one."""
    reset = external_url("auth.forgot_password")
    send_account_email(
        "email_change", user.email, user.locale, name=user.name, new=new_address, reset=reset
    )


def send_planner_welcome(user: User, link: str) -> None:
    """Tell a new planner (created by an administrator) where to set the password."""
    agency = user.organisation.name if user.organisation else ""
    send_account_email(
        "planner_welcome", user.email, user.locale, name=user.name, agency=agency, link=link
    )
