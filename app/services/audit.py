"""The audit log: record an action in the caller's transaction, read the log."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, or_, select

from app.extensions import db
from app.models import AuditEntry, User
from app.services.paging import Paging


def record(
    actor: User | None,
    action: str,
    target_type: str,
    target_id: int | None,
    target_label: str = "",
    reason: str = "",
    **details: object,
) -> AuditEntry:
    """Add an audit entry to the session; the caller commits it with the change it describes."""
    entry = AuditEntry(
        actor_id=getattr(actor, "id", None),
        actor_email=getattr(actor, "email", "") or "",
        action=action,
        target_type=target_type,
        target_id=target_id,
        target_label=target_label[:300],
        reason=reason.strip(),
        details={k: v for k, v in details.items() if v is not None},
    )
    db.session.add(entry)
    return entry


@dataclass(frozen=True)
class AuditPage(Paging):
    """One page of the audit log, newest first."""

    entries: list[AuditEntry]


def entries(query: str = "", action: str = "", page: int = 1, per_page: int = 50) -> AuditPage:
    """Audit entries matching a free-text query (actor, target, reason) and an action."""
    stmt = select(AuditEntry)
    if action:
        stmt = stmt.where(AuditEntry.action == action)
    if query:
        like = f"%{query.strip().lower()}%"
        stmt = stmt.where(
            or_(
                func.lower(AuditEntry.actor_email).like(like),
                func.lower(AuditEntry.target_label).like(like),
                func.lower(AuditEntry.reason).like(like),
            )
        )
    total = db.session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    page = max(1, page)
    rows = db.session.scalars(
        stmt.order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc())
        .limit(per_page)
        .offset((page - 1) * per_page)
    )
    return AuditPage(total=total, page=page, per_page=per_page, entries=list(rows))


def actions() -> list[str]:
    """The distinct actions in the log (for the filter)."""
    return list(
        db.session.scalars(select(AuditEntry.action).distinct().order_by(AuditEntry.action))
    )
