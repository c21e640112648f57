"""The signed-in user's account page: email address and its verification, email change,
"log out everywhere". Every change is a POST with a CSRF token."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, logout_user
from werkzeug.wrappers import Response

from app.auth import policy
from app.auth.forms import ConfirmForm, EmailChangeForm
from app.auth.throttle import count_attempt, per_user
from app.form_errors import accepted
from app.services import account_recovery, accounts

bp = Blueprint("account", __name__)


@bp.app_context_processor
def inject_verification_state() -> dict[str, object]:
    """``email_unverified``: the banner in base.html asks the user to verify their address."""
    unverified = current_user.is_authenticated and not policy.email_verified(current_user)
    return {"email_unverified": unverified}


def _page(email_form: EmailChangeForm | None = None) -> str:
    return render_template(
        "account/index.html", email_form=email_form or EmailChangeForm(), confirm=ConfirmForm()
    )


@bp.route("/")
@login_required
def index() -> str:
    """Email and its verification, password, sessions."""
    return _page()


@bp.route("/email", methods=["POST"])
@login_required
@per_user("VERIFICATION_RESEND_LIMIT")
def change_email() -> str | Response:
    """Ask to move to another address (current password required, link sent to the new one)."""
    form = EmailChangeForm()
    if form.validate_on_submit():
        count_attempt()
        if accepted(
            form,
            lambda: account_recovery.request_email_change(
                current_user, form.email.data, form.current_password.data
            ),
        ):
            flash(
                _(
                    "We have sent a link to %(email)s. Your email address changes when you open"
                    " it; until then you keep using the present one.",
                    email=accounts.normalise_email(form.email.data),
                ),
                "info",
            )
            return redirect(url_for("account.index"))
    return _page(form)


@bp.route("/email/cancel", methods=["POST"])
@login_required
def cancel_email_change() -> Response:
    """Forget the address waiting for verification."""
    if ConfirmForm().validate_on_submit():
        account_recovery.cancel_email_change(current_user)
        flash(_("The email change has been cancelled."), "info")
    return redirect(url_for("account.index"))


@bp.route("/verify/resend", methods=["POST"])
@login_required
@per_user("VERIFICATION_RESEND_LIMIT")
def resend_verification() -> Response:
    """Send the verification link again (throttled per user)."""
    if ConfirmForm().validate_on_submit():
        count_attempt()
        if account_recovery.resend_verification(current_user):
            flash(_("We have sent the verification link again. Check your inbox."), "info")
        else:
            flash(_("Your email address is already verified."), "info")
    return redirect(url_for("account.index"))


@bp.route("/sessions/end", methods=["POST"])
@login_required
def end_sessions() -> Response:
    """Log out everywhere: every session of this account ends, this one too."""
    if ConfirmForm().validate_on_submit():
        accounts.end_sessions(current_user)
        logout_user()
        flash(_("You have been logged out on every device."), "info")
        return redirect(url_for("auth.login"))
    return redirect(url_for("account.index"))
