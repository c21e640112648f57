"""The organisation page of employers and schools: status, and the verification request."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from app.auth import policy
from app.form_errors import accepted
from app.organisations.forms import VerificationForm
from app.services import organisations

bp = Blueprint("organisations", __name__)


@bp.route("/", methods=["GET", "POST"])
@login_required
def mine() -> str | Response:
    """Show the organisation's verification status; send or correct the identity."""
    organisation = current_user.organisation
    if organisation is None or not (
        policy.manages_vacancies(current_user) or policy.manages_curricula(current_user)
    ):
        abort(403)
    form = VerificationForm(obj=organisation)
    form.registration_number.label.text = organisations.identity_label(organisation.kind)
    if form.validate_on_submit() and accepted(
        form,
        lambda: organisations.request_verification(
            current_user, form.registration_number.data, form.address.data
        ),
    ):
        flash(_("Sent. An administrator reviews your organisation soon."), "success")
        return redirect(url_for("organisations.mine"))
    return render_template(
        "organisations/mine.html",
        organisation=organisation,
        form=form,
        can_send=policy.can_request_verification(current_user),
    )
