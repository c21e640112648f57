"""A programme's teachers (the school's page): the list, their skills, their own link, and
who has the skills a curriculum plan adds and who needs which teacher trainings."""

from __future__ import annotations

from flask import Blueprint, Response, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from app.auth import policy
from app.form_errors import accepted, flash_form_errors, flash_refusal
from app.models import Curriculum, Teacher
from app.schools import curriculum_for, school_only
from app.schools.forms import DeleteForm
from app.schools.people_forms import InviteForm, TeacherForm
from app.services import teachers
from app.services import upskilling as upskilling_service
from app.services.errors import ValidationError
from app.skill_forms import SkillPickForm

bp = Blueprint("teachers", __name__)


def _curriculum(curriculum_id: int) -> Curriculum:
    return curriculum_for(curriculum_id, policy.can_manage_teachers)


def _teacher(curriculum_id: int, teacher_id: int) -> tuple[Curriculum, Teacher]:
    """The programme and one of its teachers (404 for another programme's)."""
    item = _curriculum(curriculum_id)
    return item, teachers.get_teacher(item, teacher_id)


def _back_to(teacher: Teacher) -> Response:
    return redirect(
        url_for("teachers.index", curriculum_id=teacher.curriculum_id) + f"#teacher-{teacher.id}"
    )


@bp.route("/<int:curriculum_id>/teachers", methods=["GET", "POST"])
@school_only
def index(curriculum_id: int) -> str | Response:
    """The programme's teachers with their skills, and a form to add one."""
    item = _curriculum(curriculum_id)
    form = TeacherForm()
    if form.validate_on_submit() and accepted(
        form, lambda: teachers.save_teacher(item, form.name.data, form.subjects.data or "")
    ):
        flash(_("Teacher saved."), "success")
        return redirect(url_for("teachers.index", curriculum_id=item.id))
    return render_template(
        "schools/teachers.html",
        curriculum=item,
        teachers=teachers.list_for(item),
        form=form,
        skill_form=SkillPickForm(),
        delete_form=DeleteForm(),
    )


@bp.route("/<int:curriculum_id>/teachers/<int:teacher_id>/edit", methods=["POST"])
@school_only
def edit(curriculum_id: int, teacher_id: int) -> Response:
    """Change a teacher's name or subjects (nothing changes when a field is refused)."""
    item, teacher = _teacher(curriculum_id, teacher_id)
    form = TeacherForm(prefix=f"t{teacher.id}")
    if form.validate_on_submit():
        try:
            teachers.save_teacher(item, form.name.data, form.subjects.data or "", teacher)
            flash(_("Teacher saved."), "success")
        except ValidationError as error:
            flash_refusal(form, error)
    flash_form_errors(form)
    return _back_to(teacher)


@bp.route("/<int:curriculum_id>/teachers/<int:teacher_id>/skills", methods=["POST"])
@school_only
def add_skill(curriculum_id: int, teacher_id: int) -> Response:
    """Record a skill of a teacher."""
    item, teacher = _teacher(curriculum_id, teacher_id)
    form = SkillPickForm()
    if form.validate_on_submit():
        try:
            teachers.add_skill(teacher, form.skill_id.data)
        except ValidationError as error:
            flash(error.message, "danger")
    else:
        flash(_("Choose a skill from the list."), "danger")
    return _back_to(teacher)


@bp.route(
    "/<int:curriculum_id>/teachers/<int:teacher_id>/skills/<int:link_id>/delete", methods=["POST"]
)
@school_only
def remove_skill(curriculum_id: int, teacher_id: int, link_id: int) -> Response:
    """Remove a recorded skill of a teacher."""
    item, teacher = _teacher(curriculum_id, teacher_id)
    if DeleteForm().validate_on_submit():
        teachers.remove_skill(teacher, link_id)
    return _back_to(teacher)


@bp.route("/<int:curriculum_id>/teachers/<int:teacher_id>/delete", methods=["POST"])
@school_only
def delete(curriculum_id: int, teacher_id: int) -> Response:
    """Forget a teacher."""
    item, teacher = _teacher(curriculum_id, teacher_id)
    if DeleteForm().validate_on_submit():
        teachers.delete_teacher(teacher)
        flash(_("Teacher deleted."), "success")
    return redirect(url_for("teachers.index", curriculum_id=item.id))


@bp.route("/<int:curriculum_id>/teachers/<int:teacher_id>/invite", methods=["POST"])
@school_only
def invite(curriculum_id: int, teacher_id: int) -> str | Response:
    """Make the teacher's link to declare their own skills (shown once)."""
    item, teacher = _teacher(curriculum_id, teacher_id)
    if not InviteForm().validate_on_submit():
        abort(400)
    token = teachers.invite(teacher)
    links = [(teacher.name, url_for("invitations.teacher", token=token, _external=True))]
    return render_template("schools/invitation_links.html", curriculum=item, links=links,
                           back=url_for("teachers.index", curriculum_id=item.id))  # fmt: skip


@bp.route("/<int:curriculum_id>/teachers/upskilling")
@school_only
def upskilling(curriculum_id: int) -> str:
    """Who has the skills the current sync plan adds (else the latest gap report asks for),
    and the teacher trainings to close the rest."""
    item = _curriculum(curriculum_id)
    found = upskilling_service.for_curriculum(item)
    return render_template("schools/upskilling.html", curriculum=item, found=found,
                           matching=found.matching)  # fmt: skip
