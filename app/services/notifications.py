"""Notifications: a row in the caller's transaction, and an email sent only after it commits.

``notify`` adds the in-site notification to the session the caller is about to commit, with
its email (rendered now, in the recipient's language) as a ``mail.send`` job in the same
transaction: a move that fails tells nobody, and a mail server that fails never undoes the
move (the job is retried, then shown as failed).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask_babel import force_locale, format_datetime
from flask_babel import gettext as _
from sqlalchemy import func, select, update
from sqlalchemy.exc import SQLAlchemyError

from app.extensions import db
from app.labels import label
from app.models import Notification, User
from app.models.base import utcnow
from app.profile import current_profile
from app.services import mail
from app.services.errors import NotFoundError
from app.urls import absolute_url

PAGE_SIZE = 50
INTERVIEW_FORMAT = "EEEE, d MMMM y, HH:mm zzzz"


@dataclass(frozen=True)
class Rendered:
    """A notification as one reader sees it."""

    title: str
    body: str


def _received(p: dict[str, Any]) -> Rendered:
    return Rendered(
        _("New application for %(vacancy)s", vacancy=p["vacancy"]),
        _("%(applicant)s applied for %(vacancy)s.", applicant=p["applicant"], vacancy=p["vacancy"]),
    )


def _moved(p: dict[str, Any]) -> Rendered:
    status = label("application_status", p["status"])
    lines = [
        _(
            "%(organisation)s moved your application for %(vacancy)s to: %(status)s.",
            organisation=p["organisation"],
            vacancy=p["vacancy"],
            status=status,
        )
    ]
    if p.get("reason"):
        lines.append(_("Reason: %(reason)s", reason=label("rejection_reason", p["reason"])))
    if p.get("interview_at"):
        when = format_datetime(datetime.fromisoformat(p["interview_at"]), INTERVIEW_FORMAT)
        lines.append(_("Interview: %(when)s", when=when))
        lines.append(_("Place: %(place)s", place=p.get("interview_place", "")))
    if p.get("message"):
        lines.append(_("Message from the employer: %(message)s", message=p["message"]))
    return Rendered(
        _("Your application for %(vacancy)s: %(status)s", vacancy=p["vacancy"], status=status),
        "\n".join(lines),
    )


def _reopened(p: dict[str, Any]) -> Rendered:
    lines = [
        _(
            "%(organisation)s reopened your application for %(vacancy)s; it is being reviewed "
            "again.",
            organisation=p["organisation"],
            vacancy=p["vacancy"],
        )
    ]
    if p.get("message"):
        lines.append(_("Message from the employer: %(message)s", message=p["message"]))
    return Rendered(
        _("Your application for %(vacancy)s was reopened", vacancy=p["vacancy"]), "\n".join(lines)
    )


def _organisation(p: dict[str, Any]) -> Rendered:
    """Verification decisions, warnings, suspensions and vacancies taken down or closed."""
    from app.services.organisations import BODIES, SUBJECTS

    body = str(BODIES[p["event"]]) % {"org": p["organisation"], "reason": p.get("reason") or "-"}
    return Rendered(str(SUBJECTS[p["event"]]), body)


def _curriculum_sync(p: dict[str, Any]) -> Rendered:
    """A school invites the partner to review a sync plan; a partner answers the school."""
    if p["event"] == "invited":
        return Rendered(
            _("Curriculum sync invitation from %(school)s", school=p["school"]),
            _(
                "%(school)s invites you to review its curriculum sync plan for %(programme)s: "
                "comment on each action and endorse the plan or not.",
                school=p["school"],
                programme=p["programme"],
            ),
        )
    if p["event"] == "endorsed":
        title = _("%(partner)s endorsed the sync plan", partner=p["partner"])
    else:
        title = _("%(partner)s did not endorse the sync plan", partner=p["partner"])
    return Rendered(
        title,
        _("Sync plan for %(programme)s: %(answer)s", programme=p["programme"], answer=title),
    )


RENDERERS: dict[str, Callable[[dict[str, Any]], Rendered]] = {
    "application_received": _received,
    "application_moved": _moved,
    "application_reopened": _reopened,
    "organisation": _organisation,
    "curriculum_sync": _curriculum_sync,
}


def render(notification: Notification) -> Rendered:
    """The notification's title and body in the current language."""
    return RENDERERS[notification.kind](notification.params)


def notify(
    user: User, kind: str, params: dict[str, Any], link: str, *, email: bool = True
) -> Notification:
    """Add a notification to the session (the caller commits); its email leaves after commit."""
    notification = Notification(recipient=user, kind=kind, params=params, link=link)
    db.session.add(notification)
    if email and user.active:
        with force_locale(user.locale or "id"):
            shown = render(notification)
            footer = _(
                "You receive this email because you have an account on %(platform)s.",
                platform=current_profile().platform_name,
            )
            body = f"{shown.body}\n\n{absolute_url(link)}\n\n--\n{footer}\n"
            mail.queue(user.email, shown.title, body)
    return notification


def unread_count(user: User) -> int:
    """How many of the user's notifications are unread."""
    return db.session.scalar(
        select(func.count())
        .select_from(Notification)
        .where(Notification.recipient_id == user.id, Notification.read_at.is_(None))
    )


def badge_count(user: User) -> int:
    """The unread count for the navigation bar; 0 when the database cannot answer (an error page
    rendered after a database failure must still render)."""
    try:
        return unread_count(user)
    except SQLAlchemyError:
        db.session.rollback()
        return 0


def for_user(user: User, limit: int = PAGE_SIZE) -> list[Notification]:
    """The user's newest notifications."""
    return list(
        db.session.scalars(
            select(Notification)
            .where(Notification.recipient_id == user.id)
            .order_by(Notification.created_at.desc(), Notification.id.desc())
            .limit(limit)
        )
    )


def open_notification(user: User, notification_id: int) -> Notification:
    """The user's own notification, marked read; another's is not found."""
    notification = db.session.get(Notification, notification_id)
    if notification is None or notification.recipient_id != user.id:
        raise NotFoundError(notification_id)
    if notification.read_at is None:
        notification.read_at = utcnow()
        db.session.commit()
    return notification


def mark_all_read(user: User) -> None:
    """Mark every notification of the user read."""
    db.session.execute(
        update(Notification)
        .where(Notification.recipient_id == user.id, Notification.read_at.is_(None))
        .values(read_at=utcnow())
    )
    db.session.commit()
