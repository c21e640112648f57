"""The school placement office's (BKK) vacancies: posted for industry partners with the
employer's vacancy form and rules, listed on the "Lowongan BKK" page, edited by their school only."""

from __future__ import annotations

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.auth import policy
from app.auth.decorators import capability_required
from app.employers.forms import vacancy_form, vacancy_input
from app.form_errors import accepted
from app.schools.forms import BkkStatusForm, BkkVacancyForm
from app.services import bkk
from app.services.errors import PermissionDeniedError, ValidationError

bp = Blueprint("bkk", __name__)
bkk_only = capability_required(policy.posts_bkk_vacancies)


def _form(posting: bkk.BkkPosting | None = None) -> BkkVacancyForm:
    form = vacancy_form(BkkVacancyForm, posting.vacancy if posting else None)
    if request.method == "GET" and posting is not None:
        form.partner_name.data = posting.partner_name
    return form


@bp.route("/")
@bkk_only
def index() -> str:
    """The school's BKK vacancies."""
    return render_template(
        "schools/bkk.html", postings=bkk.list_for_school(current_user), status_form=BkkStatusForm()
    )


@bp.route("/new", methods=["GET", "POST"])
@bkk_only
def new() -> str | Response:
    """Post a partner's vacancy (saved, or saved and published)."""
    form = _form()
    if form.validate_on_submit() and accepted(
        form,
        lambda: bkk.create(
            current_user, form.partner_name.data, vacancy_input(form), "publish" in request.form
        ),
    ):
        flash(_("Vacancy saved. Its skills are read from the text in a moment."), "success")
        return redirect(url_for("bkk.index"))
    return render_template("schools/bkk_form.html", form=form, posting=None)


@bp.route("/<int:vacancy_id>/edit", methods=["GET", "POST"])
@bkk_only
def edit(vacancy_id: int) -> str | Response:
    """Edit a BKK vacancy of this school."""
    posting = bkk.get_for_school(vacancy_id, current_user)
    form = _form(posting)
    if form.validate_on_submit() and accepted(
        form,
        lambda: bkk.update(posting, form.partner_name.data, vacancy_input(form), current_user),
    ):
        flash(_("Vacancy saved."), "success")
        return redirect(url_for("bkk.index"))
    return render_template("schools/bkk_form.html", form=form, posting=posting)


@bp.route("/<int:vacancy_id>/status", methods=["POST"])
@bkk_only
def status(vacancy_id: int) -> Response:
    """Publish, close or re-open a BKK vacancy of this school."""
    posting = bkk.get_for_school(vacancy_id, current_user)
    form = BkkStatusForm()
    if form.validate_on_submit():
        try:
            bkk.change_status(posting, form.action.data, current_user)
        except (ValidationError, PermissionDeniedError) as error:
            flash(
                getattr(
                    error, "message", _("Your organisation must be verified before it publishes.")
                ),
                "danger",
            )
        else:
            flash(_("Status changed."), "success")
    return redirect(url_for("bkk.index"))
