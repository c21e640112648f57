"""The one-time link pages: no login, CSRF on, POSTs rate-limited per client address; an
unknown, used or expired link is a 404 that says so."""

from __future__ import annotations

from flask import Blueprint, render_template

from app.auth.throttle import count_attempt, per_address
from app.form_errors import show_under_field
from app.invitations.forms import TeacherSkillsForm, TracerForm
from app.language import current_language
from app.services import teachers, tracer
from app.services.errors import NotFoundError, ValidationError
from app.services.regions import region_choices

bp = Blueprint("invitations", __name__)


def _gone() -> tuple[str, int]:
    return render_template("invitations/gone.html"), 404


@bp.route("/tracer/<token>", methods=["GET", "POST"], endpoint="tracer")
@per_address("INVITATION_FORM_LIMIT")
def tracer_form(token: str) -> str | tuple[str, int]:
    """A graduate says where they are a year after graduating (once)."""
    count_attempt()
    try:
        graduate = tracer.graduate_for_token(token)
    except NotFoundError:
        return _gone()
    form = TracerForm()
    form.region_id.choices = [(0, "—")] + region_choices()
    form.skills.choices = tracer.skill_choices(graduate.curriculum, current_language())
    if form.validate_on_submit():
        answer = tracer.Answer(
            status=form.status.data,
            employer=form.employer.data or "",
            region_id=form.region_id.data or None,
            job_title=form.job_title.data or "",
            in_field={"yes": True, "no": False}.get(form.in_field.data or ""),
            skill_ids=tuple(form.skills.data or ()),
        )
        try:
            tracer.submit(graduate, answer)
        except ValidationError as error:
            show_under_field(form, error)
        except NotFoundError:
            return _gone()
        else:
            return render_template("invitations/thanks.html")
    return render_template("invitations/tracer.html", form=form, graduate=graduate)


@bp.route("/teacher/<token>", methods=["GET", "POST"])
@per_address("INVITATION_FORM_LIMIT")
def teacher(token: str) -> str | tuple[str, int]:
    """A teacher declares their skills (once)."""
    count_attempt()
    try:
        person = teachers.teacher_for_token(token)
    except NotFoundError:
        return _gone()
    form = TeacherSkillsForm()
    form.skills.choices = teachers.skill_choices(person, current_language())
    if form.validate_on_submit():
        teachers.declare_skills(person, form.skills.data or ())
        return render_template("invitations/thanks.html")
    return render_template("invitations/teacher.html", form=form, teacher=person)
