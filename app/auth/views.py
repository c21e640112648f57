"""Registration, login, logout and password change."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user
from werkzeug.wrappers import Response

from app.auth.forms import (
    LoginForm,
    MemberRegistrationForm,
    PasswordChangeForm,
    SchoolRegistrationForm,
    SeekerRegistrationForm,
)
from app.services import accounts
from app.services.errors import ValidationError
from app.services.regions import region_choices
from app.urls import safe_next

bp = Blueprint("auth", __name__)


def _form_error(form: object, error: ValidationError) -> None:
    getattr(form, error.field).errors.append(error.message)


@bp.route("/register", methods=["GET", "POST"])
def register() -> str | Response:
    """A job seeker creates an account."""
    form = SeekerRegistrationForm()
    if form.validate_on_submit():
        try:
            user = accounts.register_seeker(
                form.email.data, form.name.data, form.password.data, _locale()
            )
        except ValidationError as error:
            _form_error(form, error)
        else:
            login_user(user)
            flash(_("Welcome! Your account is ready."), "success")
            return redirect(url_for("main.dashboard"))
    return render_template("auth/register.html", form=form, role="seeker")


@bp.route("/register/<role>", methods=["GET", "POST"])
def register_member(role: str) -> str | Response:
    """An employer or a school registers with its organisation."""
    if role not in accounts.ORGANISATION_KIND_OF_ROLE:
        abort(404)
    form = SchoolRegistrationForm() if role == "school" else MemberRegistrationForm()
    form.region_id.choices = region_choices()
    if form.validate_on_submit():
        try:
            user = accounts.register_member(
                role,
                form.email.data,
                form.name.data,
                form.password.data,
                form.organisation_name.data,
                form.region_id.data,
                form.address.data or "",
                _locale(),
                kind=form.kind.data if role == "school" else "employer",
            )
        except ValidationError as error:
            _form_error(form, error)
        else:
            login_user(user)
            flash(_("Welcome! Your account is ready."), "success")
            return redirect(url_for("main.dashboard"))
    return render_template("auth/register.html", form=form, role=role)


@bp.route("/login", methods=["GET", "POST"])
def login() -> str | Response:
    """Sign in; a failure never says whether the email exists."""
    if current_user.is_authenticated:
        return redirect(url_for("main.dashboard"))
    form = LoginForm()
    if form.validate_on_submit():
        user = accounts.authenticate(form.email.data, form.password.data)
        if user is None:
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
    """Change the signed-in user's password."""
    form = PasswordChangeForm()
    if form.validate_on_submit():
        try:
            accounts.change_password(current_user, form.current_password.data, form.password.data)
        except ValidationError as error:
            _form_error(form, error)
        else:
            flash(_("Your password has been changed."), "success")
            return redirect(url_for("main.dashboard"))
    return render_template("auth/password.html", form=form)


def _locale() -> str:
    from flask_babel import get_locale

    return str(get_locale())
