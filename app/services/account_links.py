"""Signed links sent by email (password reset, email verification) and the account emails,
each written in the recipient's language.

A reset link carries a fingerprint of the password hash, the session version and the email, so
it stops working once used (the hash changes), after any other password change, "log out
everywhere", deactivation or an email change. A verification link names the address it
verifies and works while that address still waits for verification."""

from __future__ import annotations

import hashlib
import smtplib

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from app.extensions import db
from app.models import User
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


def _send(to: str, subject: str, body: str) -> None:
    """Send one account email (the caller has set the recipient's language). A mail server
    failure is logged, not raised: the page must look the same whether an email was due (an
    account exists) or not, and the user can ask for the link again."""
    try:
        mail.send(to, subject, body + "\n\n" + _("— Link & Match Banten") + "\n")
    except (OSError, smtplib.SMTPException):
        current_app.logger.exception("account email to %s not sent", to)


def send_verification(user: User) -> None:
    """Email a verification link to the address waiting for it (new, or the account's own)."""
    address = user.pending_email or user.email
    link = external_url("auth.verify_email", token=verification_token(user, address))
    days = current_app.config["EMAIL_VERIFICATION_MAX_AGE"] // 86400
    with force_locale(user.locale or "id"):
        body = _(
            "Hello %(name)s,\n\nopen this link to verify your email address for Link & Match"
            " Banten:\n\n%(link)s\n\nThe link works for %(days)s days. If you did not ask for it,"
            " ignore this email.",
            name=user.name,
            link=link,
            days=days,
        )
        _send(address, _("Verify your email address"), body)


def send_reset(user: User) -> None:
    """Email a password-reset link."""
    link = external_url("auth.reset_password", token=reset_token(user))
    minutes = current_app.config["PASSWORD_RESET_MAX_AGE"] // 60
    with force_locale(user.locale or "id"):
        body = _(
            "Hello %(name)s,\n\nsomeone (hopefully you) asked to reset the password of your Link &"
            " Match Banten account. Open this link to choose a new password:\n\n%(link)s\n\nThe link"
            " works once, for %(minutes)s minutes. If you did not ask for it, ignore this email;"
            " your password stays the same.",
            name=user.name,
            link=link,
            minutes=minutes,
        )
        _send(user.email, _("Reset your password"), body)


def notify_registration_attempt(user: User) -> None:
    """Tell an account's owner that someone tried to register with their address."""
    with force_locale(user.locale or "id"):
        body = _(
            "Hello %(name)s,\n\nsomeone tried to create a new Link & Match Banten account with this"
            " email address, which already has an account. If it was you, log in or reset your"
            " password:\n\n%(login)s\n%(reset)s\n\nIf it was not you, you can ignore this email.",
            name=user.name,
            login=external_url("auth.login"),
            reset=external_url("auth.forgot_password"),
        )
        _send(user.email, _("Someone tried to register with your email address"), body)


def notify_email_taken(address: str, locale: str) -> None:
    """Tell the owner of ``address`` that another account tried to move to it."""
    with force_locale(locale or "id"):
        body = _(
            "Hello,\n\nsomeone asked to move another Link & Match Banten account to this email"
            " address, which already has an account. Nothing was changed. If it was you, log in"
            " with this address instead:\n\n%(login)s",
            login=external_url("auth.login"),
        )
        _send(address, _("Someone tried to use your email address"), body)


def notify_email_change(user: User, new_address: str) -> None:
    """Tell the present address that the account asked to move to another one."""
    with force_locale(user.locale or "id"):
        body = _(
            "Hello %(name)s,\n\nyour Link & Match Banten account asked to change its email address"
            " to %(new)s. It changes once the new address is verified. If you did not ask for this,"
            " log in and change your password, or reset it:\n\n%(reset)s",
            name=user.name,
            new=new_address,
            reset=external_url("auth.forgot_password"),
        )
        _send(user.email, _("Your email address is being changed"), body)


def send_planner_welcome(user: User, link: str) -> None:
    """Tell a new planner (created by an administrator) where to set the password."""
    with force_locale(user.locale or "id"):
        body = _(
            "Hello %(name)s,\n\nan administrator created a planner account for you on Link &"
            " Match Banten (%(agency)s). Open this link to choose your password:\n\n%(link)s\n\n"
            'The link works once, for a short time; when it has expired, use "Forgot your'
            ' password?" on the login page with this address.',
            name=user.name,
            agency=user.organisation.name if user.organisation else "",
            link=link,
        )
        _send(user.email, _("Your planner account"), body)
