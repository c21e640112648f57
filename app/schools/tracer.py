"""A programme's tracer study (the school's page): the graduates listed per year, their
one-time invitation links, and what those who answered say, year by year."""

from __future__ import annotations

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from app.auth import policy
from app.form_errors import accepted, flash_form_errors, flash_refusal
from app.language import current_language
from app.models import Curriculum
from app.schools import curriculum_for, school_only
from app.schools.forms import DeleteForm
from app.schools.people_forms import GraduateForm, InviteForm
from app.services import tracer
from app.services.errors import ValidationError

bp = Blueprint("tracer", __name__)


def _curriculum(curriculum_id: int) -> Curriculum:
    return curriculum_for(curriculum_id, policy.can_manage_tracer)


def _graduate_input(form: GraduateForm) -> tracer.GraduateInput:
    return tracer.GraduateInput(
        form.year.data, form.name.data, form.contact.data or "", bool(form.consent.data)
    )


@bp.route("/<int:curriculum_id>/tracer", methods=["GET", "POST"])
@school_only
def index(curriculum_id: int) -> str | Response:
    """The tracer results per year, the skills graduates use, and the graduate list."""
    item = _curriculum(curriculum_id)
    form = GraduateForm()
    if form.validate_on_submit() and accepted(
        form, lambda: tracer.add_graduate(item, _graduate_input(form))
    ):
        flash(_("Graduate added."), "success")
        return redirect(url_for("tracer.index", curriculum_id=item.id))
    year = request.args.get("year", type=int)
    return render_template(
        "schools/tracer.html",
        curriculum=item,
        years=tracer.by_year(item),
        skills=tracer.skills_used(item, current_language(), year),
        year=year,
        graduates=tracer.list_for(item),
        form=form,
        invite_form=InviteForm(),
        delete_form=DeleteForm(),
    )


@bp.route("/<int:curriculum_id>/tracer/invite", methods=["POST"])
@school_only
def invite(curriculum_id: int) -> str | Response:
    """New links for a year's graduates who have not answered (shown once, to share)."""
    item = _curriculum(curriculum_id)
    form = InviteForm()
    if not form.validate_on_submit() or form.year.data is None:
        abort(400)
    made = tracer.invite(tracer.list_for(item, form.year.data))
    links = [(g.name, url_for("invitations.tracer", token=t, _external=True)) for g, t in made]
    return render_template("schools/invitation_links.html", curriculum=item, links=links,
                           back=url_for("tracer.index", curriculum_id=item.id))  # fmt: skip


@bp.route("/<int:curriculum_id>/tracer/<int:graduate_id>/edit", methods=["POST"])
@school_only
def edit(curriculum_id: int, graduate_id: int) -> Response:
    """Correct a listed graduate (nothing changes when a field is refused)."""
    item = _curriculum(curriculum_id)
    graduate = tracer.get_graduate(item, graduate_id)
    form = GraduateForm(prefix=f"g{graduate.id}")
    if form.validate_on_submit():
        try:
            tracer.update_graduate(graduate, _graduate_input(form))
            flash(_("Graduate saved."), "success")
        except ValidationError as error:
            flash_refusal(form, error)
    flash_form_errors(form)
    return redirect(url_for("tracer.index", curriculum_id=item.id) + "#graduates")


@bp.route("/<int:curriculum_id>/tracer/<int:graduate_id>/delete", methods=["POST"])
@school_only
def delete(curriculum_id: int, graduate_id: int) -> Response:
    """Forget a listed graduate and their answer."""
    item = _curriculum(curriculum_id)
    graduate = tracer.get_graduate(item, graduate_id)
    if DeleteForm().validate_on_submit():
        tracer.delete_graduate(graduate)
        flash(_("Graduate deleted."), "success")
    return redirect(url_for("tracer.index", curriculum_id=item.id))
