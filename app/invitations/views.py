"""The one-time link pages: no login, CSRF on, POSTs rate-limited per client address; an
unknown, used or expired link is a 404 that says so."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import Blueprint, render_template

from app.auth.throttle import count_attempt, per_address
from app.form_errors import show_under_field
from app.invitations.forms import TeacherSkillsForm, TracerForm
from app.language import current_language
from app.models import Teacher, TracerGraduate
from app.services import teachers, tracer
from app.services.errors import NotFoundError, ValidationError
from app.services.regions import region_choices

bp = Blueprint("invitations", __name__)


def _gone() -> tuple[str, int]:
    return render_template("invitations/gone.html"), 404


def _link_page(lookup: Callable[[str], Any]) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """A one-time link's page: the attempt is counted, and the view gets the link's holder
    (``lookup(token)``), or the page says the link is gone."""

    def decorator(view: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(view)
        def wrapped(token: str) -> Any:
            count_attempt()
            try:
                holder = lookup(token)
            except NotFoundError:
                return _gone()
            return view(holder)

        return wrapped

    return decorator


@bp.route("/tracer/<token>", methods=["GET", "POST"], endpoint="tracer")
@per_address("INVITATION_FORM_LIMIT")
@_link_page(tracer.graduate_for_token)
def tracer_form(graduate: TracerGraduate) -> str | tuple[str, int]:
    """A graduate says where they are a year after graduating (once)."""
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
@_link_page(teachers.teacher_for_token)
def teacher(person: Teacher) -> str:
    """A teacher declares their skills (once)."""
    form = TeacherSkillsForm()
    form.skills.choices = teachers.skill_choices(person, current_language())
    if form.validate_on_submit():
        teachers.declare_skills(person, form.skills.data or ())
        return render_template("invitations/thanks.html")
    return render_template("invitations/teacher.html", form=form, teacher=person)
