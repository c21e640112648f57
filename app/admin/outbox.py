"""The development mail outbox: every message the site wrote to ``MAIL_FILE_PATH`` (when no
SMTP server is configured), listed for administrators, one message at a time. The page shows
password-reset links, so it is off (404) under the production config (``MAIL_OUTBOX_PAGE``)."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template

from app.auth import policy
from app.auth.decorators import capability_required
from app.services import mail

bp = Blueprint("admin_outbox", __name__)
read_outbox = capability_required(policy.can_read_outbox)


@bp.before_request
def page_enabled() -> None:
    """404 unless the configuration shows the outbox page."""
    if not current_app.config.get("MAIL_OUTBOX_PAGE"):
        abort(404)


@bp.route("/")
@read_outbox
def index() -> str:
    """The newest messages first."""
    smtp = bool(current_app.config.get("MAIL_SERVER"))
    return render_template("admin/outbox/index.html", messages=mail.outbox(), smtp=smtp)


@bp.route("/<name>")
@read_outbox
def show(name: str) -> str:
    """One message."""
    message = mail.outbox_message(name)
    if message is None:
        abort(404)
    return render_template("admin/outbox/show.html", message=message)
