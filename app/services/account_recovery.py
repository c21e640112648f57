"""Password reset, email verification and email change: the flows behind the links that
``account_links`` signs and sends. None of them says whether an address has an account."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.extensions import db
from app.models import User
from app.models.base import utcnow
from app.services import account_links
from app.services.account_links import LinkError
from app.services.accounts import check_current_password, find_user, normalise_email, set_password
from app.services.errors import ValidationError


def request_password_reset(email: str) -> None:
    """Email a reset link when an active account has this address; nothing otherwise."""
    user = find_user(email)
    if user is not None and user.active:
        account_links.send_reset(user)


def reset_password(token: str, new: str) -> User:
    """Set a new password through a reset link; the link, and every session, stop working.

    The link reached the account's address, so an unverified address counts as verified.
    """
    user = account_links.user_for_reset_token(token)
    set_password(user, new)
    if user.email_verified_at is None:
        user.email_verified_at = utcnow()
    db.session.commit()
    return user


def verify_email(token: str) -> tuple[User, bool]:
    """Verify the address a link names; returns the user and whether anything changed
    (False: it was verified already). A pending new address replaces the old one here."""
    user, address = account_links.read_verification_token(token)
    if user.pending_email and address == user.pending_email:
        owner = find_user(address)
        if owner is not None and owner.id != user.id:
            raise LinkError(str(_l("This address now belongs to another account.")))
        user.email, user.pending_email = address, None
        user.email_verified_at = utcnow()
        db.session.commit()
        return user, True
    if address != user.email:
        raise LinkError(str(_l("This link has already been used or is no longer valid.")))
    if user.email_verified_at is not None:
        return user, False
    user.email_verified_at = utcnow()
    db.session.commit()
    return user, True


def resend_verification(user: User) -> bool:
    """Send the verification link again; False when nothing waits for verification."""
    if user.pending_email is None and user.email_verified_at is not None:
        return False
    owner = find_user(user.pending_email) if user.pending_email else None
    if owner is not None and owner.id != user.id:
        account_links.notify_email_taken(user.pending_email, owner.locale)  # never a link to it
        return True
    account_links.send_verification(user)
    return True


def request_email_change(user: User, new_email: str, current_password: str) -> None:
    """Ask to move the account to ``new_email`` after checking the password. The account keeps
    its present address until the new one is verified through the link sent to it; the present
    address is told. When another account has the new address, its owner is told instead and
    the caller shows the same outcome."""
    check_current_password(user, current_password)
    new = normalise_email(new_email)
    if new == user.email:
        raise ValidationError("email", str(_l("This is already your email address.")))
    other = find_user(new)
    user.pending_email = new  # shown as waiting either way: the page tells nobody who has it
    db.session.commit()
    if other is not None:
        account_links.notify_email_taken(new, other.locale)
        return
    account_links.send_verification(user)
    account_links.notify_email_change(user, new)


def cancel_email_change(user: User) -> None:
    """Forget a pending new address (its link stops working)."""
    user.pending_email = None
    db.session.commit()
