"""Administrators' account pages: list with search, filters and pages; one account with its
deactivation / re-activation and role change (each with a reason, audited)."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from app.admin.account_forms import (
    AccountSearchForm,
    AccountStatusForm,
    PlannerForm,
    RoleChangeForm,
)
from app.auth import policy
from app.auth.decorators import capability_required
from app.form_errors import accepted
from app.labels import label
from app.models import ROLES, User
from app.services import account_admin, planners
from app.services.errors import ValidationError

bp = Blueprint("admin_accounts", __name__)
manage = capability_required(policy.can_manage_accounts)


@bp.route("/")
@manage
def index() -> str:
    """Accounts matching the search, newest first, 25 a page."""
    form = AccountSearchForm(request.args)
    form.role.choices = [("", _("All"))] + [(role, label("role", role)) for role in ROLES]
    found = account_admin.search(
        form.q.data or "",
        form.role.data or "",
        form.status.data or "",
        request.args.get("page", 1, type=int),
    )
    return render_template("admin/accounts/index.html", form=form, found=found)


def _account(user_id: int) -> tuple[User, AccountStatusForm, RoleChangeForm]:
    """The account and the forms of its page: the status and the role."""
    user = account_admin.get_account(user_id)
    role_form = RoleChangeForm(prefix="role")
    role_form.role.choices = [(r, label("role", r)) for r in account_admin.roles_for(user)]
    status_form = AccountStatusForm(prefix="status")
    if not status_form.is_submitted():
        status_form.active.data = "0" if user.active else "1"
    return user, status_form, role_form


def _page(user: object, status_form: AccountStatusForm, role_form: RoleChangeForm) -> str:
    return render_template(
        "admin/accounts/show.html",
        user=user,
        status_form=status_form,
        role_form=role_form,
        history=account_admin.history(user),  # type: ignore[arg-type]
    )


@bp.route("/<int:user_id>")
@manage
def show(user_id: int) -> str:
    """One account and the actions on it."""
    user, status_form, role_form = _account(user_id)
    role_form.role.data = user.role
    return _page(user, status_form, role_form)


@bp.route("/<int:user_id>/status", methods=["POST"])
@manage
def set_status(user_id: int) -> str | Response:
    """Deactivate (ending the account's sessions) or re-activate."""
    user, status_form, role_form = _account(user_id)
    if status_form.validate_on_submit():
        active = status_form.active.data == "1"
        if accepted(
            status_form,
            lambda: account_admin.set_active(current_user, user, active, status_form.reason.data),
        ):
            done = _("Account re-activated.") if active else _("Account deactivated.")
            flash(done, "success")
            return redirect(url_for("admin_accounts.show", user_id=user.id))
    return _page(user, status_form, role_form)


@bp.route("/<int:user_id>/role", methods=["POST"])
@manage
def change_role(user_id: int) -> str | Response:
    """Give the account another role."""
    user, status_form, role_form = _account(user_id)
    if role_form.validate_on_submit() and accepted(
        role_form,
        lambda: account_admin.change_role(
            current_user, user, role_form.role.data, role_form.reason.data
        ),
    ):
        flash(_("Role changed."), "success")
        return redirect(url_for("admin_accounts.show", user_id=user.id))
    return _page(user, status_form, role_form)


@bp.route("/planners/new", methods=["GET", "POST"])
@manage
def new_planner() -> str | Response:
    """Create a planner account (audited); the set-password link goes to the planner's email."""
    form = PlannerForm()
    form.agency.choices = [("", "—")] + [(str(a.id), a.name) for a in planners.agencies()]
    form.agency.choices.append(("new", _("A new agency (name below)")))
    if form.validate_on_submit():
        try:
            user, _link = planners.create_planner(
                current_user,
                form.email.data,
                planners.agency_name(form.agency.data, form.new_agency.data),
                form.name.data,
            )
        except ValidationError as error:
            getattr(form, "new_agency" if error.field == "agency" else error.field).errors.append(
                error.message
            )
        else:
            flash(_("Planner account created; a link to set the password was emailed."), "success")
            return redirect(url_for("admin_accounts.show", user_id=user.id))
    return render_template("admin/accounts/new_planner.html", form=form)
