"""Notification pages: the list, opening one (marks it read), mark all read; stopping digest
emails from the signed link in each digest (no login needed)."""

from __future__ import annotations

from datetime import datetime

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import format_datetime
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from app.auth import policy
from app.notifications.forms import MarkAllReadForm, UnsubscribeForm
from app.services import digests, notifications
from app.urls import safe_next

bp = Blueprint("notifications", __name__)


@bp.app_context_processor
def inject_unread_count() -> dict[str, object]:
    """The navbar's unread count (templates never query); an error page rendered because the
    database failed still renders, without the count."""
    if not getattr(current_user, "is_authenticated", False):
        return {"unread_notifications": 0}
    return {"unread_notifications": notifications.badge_count(current_user)}


@bp.app_template_filter("interview_time")
def interview_time(moment: datetime) -> str:
    """An interview's stored UTC time, in the platform's time zone and the reader's language."""
    return format_datetime(moment, notifications.INTERVIEW_FORMAT)


@bp.route("/")
@login_required
def index() -> str:
    """My notifications, newest first, each in my language."""
    items = notifications.for_user(current_user)
    return render_template(
        "notifications/index.html",
        items=[(n, notifications.render(n)) for n in items],
        form=MarkAllReadForm(),
        saved_searches_link=policy.can_save_searches(current_user),
    )


@bp.route("/<int:notification_id>", methods=["POST"])
@login_required
def open_notification(notification_id: int) -> Response:
    """Open one of my notifications (a POST: it is marked read) and go to what it is about."""
    if not MarkAllReadForm().validate_on_submit():
        return redirect(url_for("notifications.index"))
    item = notifications.open_notification(current_user, notification_id)
    return redirect(safe_next(item.link) or url_for("notifications.index"))


@bp.route("/read-all", methods=["POST"])
@login_required
def mark_all_read() -> Response:
    """Mark all my notifications read."""
    if MarkAllReadForm().validate_on_submit():
        notifications.mark_all_read(current_user)
        flash(_("All notifications are marked as read."), "success")
    return redirect(url_for("notifications.index"))


@bp.route("/unsubscribe/<token>", methods=["GET", "POST"])
def unsubscribe(token: str) -> str | tuple[str, int]:
    """Stop the daily emails of saved searches: GET asks, POST does it (no login needed)."""
    user = digests.user_of_token(token)
    if user is None:
        abort(404)
    form = UnsubscribeForm()
    done = False
    if form.validate_on_submit():
        digests.unsubscribe(user)
        done = True
    return render_template("notifications/unsubscribe.html", form=form, done=done)
