"""Registration, login, logout, password change and reset, email verification.

Login, reset requests and registration are throttled (``app.auth.throttle``); none of these
pages says whether an email address has an account."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user
from werkzeug.wrappers import Response

from app.auth.forms import (
    ConfirmForm,
    LoginForm,
    MemberRegistrationForm,
    PasswordChangeForm,
    PasswordResetForm,
    PasswordResetRequestForm,
    SchoolRegistrationForm,
    SeekerRegistrationForm,
)
from app.auth.throttle import count_attempt, per_account, per_address
from app.form_errors import accepted, show_under_field
from app.language import current_language
from app.services import account_links, account_recovery, accounts
from app.services.account_links import LinkError
from app.services.errors import ValidationError
from app.services.regions import region_choices
from app.urls import safe_next

bp = Blueprint("auth", __name__)


def _registered(email: str) -> Response:
    """The one outcome of a registration, whether the address was new or not."""
    session["check_inbox"] = accounts.normalise_email(email)
    return redirect(url_for("auth.check_inbox"))


@bp.route("/register", methods=["GET", "POST"])
@per_address("REGISTRATION_LIMIT_PER_ADDRESS")
def register() -> str | Response:
    """A job seeker creates an account."""
    form = SeekerRegistrationForm()
    if form.validate_on_submit():
        count_attempt()
        if accepted(
            form,
            lambda: accounts.register_seeker(
                form.email.data, form.name.data, form.password.data, current_language()
            ),
        ):
            return _registered(form.email.data)
    return render_template("auth/register.html", form=form, role="seeker")


@bp.route("/register/<role>", methods=["GET", "POST"])
@per_address("REGISTRATION_LIMIT_PER_ADDRESS")
def register_member(role: str) -> str | Response:
    """An employer or a school registers with its organisation."""
    if role not in accounts.ORGANISATION_KIND_OF_ROLE:
        abort(404)
    form = SchoolRegistrationForm() if role == "school" else MemberRegistrationForm()
    form.region_id.choices = region_choices()
    if form.validate_on_submit():
        count_attempt()
        if accepted(
            form,
            lambda: accounts.register_member(
                role,
                form.email.data,
                form.name.data,
                form.password.data,
                form.organisation_name.data,
                form.region_id.data,
                form.address.data or "",
                current_language(),
                kind=form.kind.data if role == "school" else "employer",
            ),
        ):
            return _registered(form.email.data)
    return render_template("auth/register.html", form=form, role=role)


@bp.route("/register/check-inbox")
def check_inbox() -> str:
    """After registering: open the link we emailed (shown for new and taken addresses alike)."""
    return render_template("auth/check_inbox.html", email=session.get("check_inbox", ""))


@bp.route("/login", methods=["GET", "POST"])
@per_address("LOGIN_LIMIT_PER_ADDRESS")
@per_account("LOGIN_LIMIT_PER_ACCOUNT")
def login() -> str | Response:
    """Sign in; a failure never says whether the email exists. Failures are throttled."""
    if current_user.is_authenticated:
        return redirect(url_for("main.dashboard"))
    form = LoginForm()
    if form.validate_on_submit():
        user = accounts.authenticate(form.email.data, form.password.data)
        if user is None:
            count_attempt()
            flash(_("Email or password is incorrect."), "danger")
        else:
            login_user(user)
            return redirect(safe_next(request.args.get("next")) or url_for("main.dashboard"))
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
@login_required
def logout() -> Response:
    """Sign out (POST with a CSRF token, so a link cannot log anyone out)."""
    logout_user()
    flash(_("You have been logged out."), "info")
    return redirect(url_for("main.index"))


@bp.route("/password", methods=["GET", "POST"])
@login_required
def change_password() -> str | Response:
    """Change the signed-in user's password; every other session ends."""
    form = PasswordChangeForm()
    if form.validate_on_submit() and accepted(
        form,
        lambda: accounts.change_password(
            current_user, form.current_password.data, form.password.data
        ),
    ):
        login_user(current_user._get_current_object())  # this session, under the new version
        flash(_("Your password has been changed. Other sessions have been logged out."), "success")
        return redirect(url_for("account.index"))
    return render_template("auth/password.html", form=form)


@bp.route("/reset", methods=["GET", "POST"])
@per_address("PASSWORD_RESET_LIMIT_PER_ADDRESS")
@per_account("PASSWORD_RESET_LIMIT_PER_ACCOUNT")
def forgot_password() -> str | Response:
    """Ask for a reset link; the answer is the same whether the address has an account."""
    form = PasswordResetRequestForm()
    if form.validate_on_submit():
        count_attempt()
        account_recovery.request_password_reset(form.email.data)
        flash(
            _(
                "If an account exists for %(email)s, we have sent it a link to choose a new"
                " password. Check your inbox.",
                email=accounts.normalise_email(form.email.data),
            ),
            "info",
        )
        return redirect(url_for("auth.login"))
    return render_template("auth/forgot_password.html", form=form)


@bp.route("/reset/<token>", methods=["GET", "POST"])
def reset_password(token: str) -> str | Response | tuple[str, int]:
    """Choose a new password through an emailed link (once, while it is young)."""
    try:
        user = account_links.user_for_reset_token(token)
    except LinkError as error:
        return render_template("auth/link_error.html", message=error.message), 400
    form = PasswordResetForm()
    if form.validate_on_submit():
        try:
            account_recovery.reset_password(token, form.password.data)
        except ValidationError as error:
            show_under_field(form, error)
        except LinkError as error:
            return render_template("auth/link_error.html", message=error.message), 400
        else:
            logout_user()
            flash(_("Your password has been changed. Log in with the new one."), "success")
            return redirect(url_for("auth.login"))
    return render_template("auth/reset_password.html", form=form, user=user)


@bp.route("/verify/<token>", methods=["GET", "POST"])
def verify_email(token: str) -> str | Response | tuple[str, int]:
    """An emailed verification link shows a button; pressing it (POST, so a mail scanner that
    opens links changes nothing) verifies the address, a new address replacing the old one, and
    signs in someone who is not signed in yet."""
    try:
        user, address = account_links.read_verification_token(token)
    except LinkError as error:
        return render_template("auth/link_error.html", message=error.message), 400
    form = ConfirmForm()
    if not form.validate_on_submit():
        return render_template("auth/verify_email.html", form=form, address=address)
    try:
        user, changed = account_recovery.verify_email(token)
    except LinkError as error:
        return render_template("auth/link_error.html", message=error.message), 400
    if changed:
        flash(
            _("Thank you, your email address %(email)s is verified.", email=user.email), "success"
        )
    else:
        flash(_("Your email address is already verified."), "info")
    if not current_user.is_authenticated and changed and user.active:
        login_user(user)
    if current_user.is_authenticated:
        return redirect(url_for("main.dashboard"))
    return redirect(url_for("auth.login"))
