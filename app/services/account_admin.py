"""Administrators manage accounts: search and page through them, deactivate and re-activate,
change a role. Every change is audited in its own transaction; the last active administrator
cannot be deactivated or demoted, and nobody deactivates themself."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, or_, select

from app.extensions import db
from app.models import ROLES, AuditEntry, SeekerProfile, User
from app.services import audit, indexes
from app.services.errors import NotFoundError, ValidationError
from app.services.paging import Paging

STATUSES = ("active", "inactive", "unverified")
# the organisation kinds a member role needs
ROLE_ORGANISATION_KINDS = {
    "employer": ("employer",),
    "school": ("school", "training_provider"),
    "planner": ("agency",),
}


@dataclass(frozen=True)
class AccountPage(Paging):
    """One page of accounts, newest first."""

    users: list[User]


def search(
    query: str = "", role: str = "", status: str = "", page: int = 1, per_page: int = 25
) -> AccountPage:
    """Accounts whose email or name contains ``query``, filtered by role and status."""
    stmt = select(User)
    if query.strip():
        like = f"%{query.strip().lower()}%"
        stmt = stmt.where(or_(func.lower(User.email).like(like), func.lower(User.name).like(like)))
    if role in ROLES:
        stmt = stmt.where(User.role == role)
    if status == "active":
        stmt = stmt.where(User.active.is_(True))
    elif status == "inactive":
        stmt = stmt.where(User.active.is_(False))
    elif status == "unverified":
        stmt = stmt.where(User.email_verified_at.is_(None))
    total = db.session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    page = max(1, min(page, max(1, -(-total // per_page))))
    rows = db.session.scalars(
        stmt.order_by(User.created_at.desc(), User.id.desc())
        .limit(per_page)
        .offset((page - 1) * per_page)
    )
    return AccountPage(total=total, page=page, per_page=per_page, users=list(rows))


def get_account(user_id: int) -> User:
    """One account, or NotFoundError."""
    user = db.session.get(User, user_id)
    if user is None:
        raise NotFoundError(user_id)
    return user


def history(user: User, limit: int = 20) -> list[AuditEntry]:
    """The newest audit entries about this account."""
    stmt = (
        select(AuditEntry)
        .where(AuditEntry.target_type == "user", AuditEntry.target_id == user.id)
        .order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc())
        .limit(limit)
    )
    return list(db.session.scalars(stmt))


def roles_for(user: User) -> list[str]:
    """The roles this account can hold: a member of an organisation keeps the member role of
    its kind (or becomes an administrator); an account without one is a seeker or an
    administrator. (A seeker with an organisation could otherwise act for it.)"""
    kind = user.organisation.kind if user.organisation is not None else None
    if kind is None:
        return [role for role in ROLES if role not in ROLE_ORGANISATION_KINDS]
    return [
        role for role in ROLES if role == "admin" or kind in ROLE_ORGANISATION_KINDS.get(role, ())
    ]


def _other_active_admins(user: User) -> int:
    stmt = select(func.count()).where(
        User.role == "admin", User.active.is_(True), User.id != user.id
    )
    return db.session.scalar(stmt) or 0


def _reason(reason: str) -> str:
    if not reason.strip():
        raise ValidationError("reason", str(_l("Give a reason; it is kept in the audit log.")))
    return reason.strip()


def set_active(admin: User, user: User, active: bool, reason: str) -> None:
    """Deactivate (ending every session) or re-activate an account, audited."""
    reason = _reason(reason)
    if user.active == active:
        return
    if not active and user.id == admin.id:
        raise ValidationError("reason", str(_l("You cannot deactivate your own account.")))
    if not active and user.role == "admin" and _other_active_admins(user) == 0:
        raise ValidationError(
            "reason", str(_l("This is the last active administrator; it cannot be deactivated."))
        )
    user.active = active
    if not active:
        user.session_version += 1
    indexes.touch_profile_of(user.id)  # candidates: a deactivated seeker leaves the index
    action = "account.reactivate" if active else "account.deactivate"
    audit.record(admin, action, "user", user.id, user.email, reason)
    db.session.commit()


def change_role(admin: User, user: User, role: str, reason: str) -> None:
    """Give an account another role, audited; its sessions end so menus and rights follow."""
    reason = _reason(reason)
    if role not in roles_for(user):
        raise ValidationError("role", str(_l("This account cannot have that role.")))
    if role == user.role:
        return
    if user.role == "admin" and _other_active_admins(user) == 0:
        raise ValidationError(
            "role", str(_l("This is the last active administrator; its role cannot change."))
        )
    before = user.role
    user.role = role
    user.session_version += 1
    has_profile = select(SeekerProfile.id).where(SeekerProfile.user_id == user.id)
    if role == "seeker" and db.session.scalar(has_profile) is None:
        db.session.add(SeekerProfile(user_id=user.id))
    audit.record(
        admin, "account.role", "user", user.id, user.email, reason, before=before, after=role
    )
    db.session.commit()
