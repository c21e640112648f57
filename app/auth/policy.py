"""Who may do what: one place for every access rule, decided from the user's role, organisation
and its verification. Views (through ``app.auth.decorators``) and services ask these
capabilities; no other module compares role strings."""

from __future__ import annotations

from typing import Any

STAFF_ROLES = ("admin",)


def _role(user: Any) -> str | None:
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return getattr(user, "role", None)


def is_admin(user: Any) -> bool:
    """An administrator of the platform."""
    return _role(user) == "admin"


def has_role(user: Any, *roles: str) -> bool:
    """The signed-in user has one of ``roles`` (the decorators' check)."""
    return _role(user) in roles


def organisation_verified(user: Any) -> bool:
    """The user belongs to an organisation an administrator has verified."""
    organisation = getattr(user, "organisation", None)
    return bool(organisation is not None and organisation.is_verified)


def can_act_for(user: Any, organisation_id: int | None) -> bool:
    """The user may read and change objects of this organisation (administrators may always)."""
    if is_admin(user):
        return True
    mine = getattr(user, "organisation_id", None)
    return mine is not None and mine == organisation_id


def can_manage_accounts(user: Any) -> bool:
    """List, search, (de)activate accounts and change roles."""
    return is_admin(user)


def can_read_audit_log(user: Any) -> bool:
    """Read the audit log."""
    return is_admin(user)


def can_read_outbox(user: Any) -> bool:
    """Read the development mail outbox."""
    return is_admin(user)


def email_verified(user: Any) -> bool:
    """The signed-in user has opened a verification link sent to their email address (flows
    such as applying or asking for organisation verification may require it)."""
    if _role(user) is None:
        return False
    return getattr(user, "email_verified_at", None) is not None
