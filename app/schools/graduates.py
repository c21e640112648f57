"""A programme's graduates per year, recorded by its school: the list, add, change, delete."""

from __future__ import annotations

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from app.auth import policy
from app.form_errors import show_under_field
from app.models import Curriculum, ProgrammeGraduates
from app.schools import curriculum_for, school_or_admin
from app.schools.forms import DeleteForm, GraduatesForm
from app.services import programme_graduates
from app.services.errors import ValidationError

bp = Blueprint("graduates", __name__)


def _curriculum(curriculum_id: int, change: bool = False) -> Curriculum:
    return curriculum_for(curriculum_id, policy.can_record_graduates if change else None)


def _page(item: Curriculum, form: GraduatesForm, row: ProgrammeGraduates | None = None) -> str:
    return render_template(
        "schools/graduates.html",
        curriculum=item,
        graduates=programme_graduates.list_for(item),
        form=form,
        delete_form=DeleteForm(),
        row=row,
    )


def _save(item: Curriculum, form: GraduatesForm, row: ProgrammeGraduates | None) -> bool:
    """Validate and record; False (with every field's error on the form) when refused."""
    valid = form.validate_on_submit()
    found = programme_graduates.problems(
        item, form.year.data, form.graduates.data, row.id if row is not None else None
    )
    for field, message in found.items():
        getattr(form, field).errors = [*getattr(form, field).errors, message]
    if not valid or found:
        return False
    try:
        programme_graduates.record(item, form.year.data, form.graduates.data, row)
    except ValidationError as error:
        show_under_field(form, error)
        return False
    flash(_("Graduates saved."), "success")
    return True


@bp.route("/<int:curriculum_id>/graduates", methods=["GET", "POST"])
@school_or_admin
def index(curriculum_id: int) -> str | Response:
    """The recorded years and a form to add one."""
    item = _curriculum(curriculum_id, change=request.method == "POST")
    form = GraduatesForm()
    if request.method == "POST" and _save(item, form, None):
        return redirect(url_for("graduates.index", curriculum_id=item.id))
    return _page(item, form)


@bp.route("/<int:curriculum_id>/graduates/<int:row_id>", methods=["GET", "POST"])
@school_or_admin
def edit(curriculum_id: int, row_id: int) -> str | Response:
    """Change a recorded year."""
    item = _curriculum(curriculum_id, change=True)
    row = programme_graduates.get_row(item, row_id)
    form = GraduatesForm(obj=row)
    if _save(item, form, row):
        return redirect(url_for("graduates.index", curriculum_id=item.id))
    return _page(item, form, row)


@bp.route("/<int:curriculum_id>/graduates/<int:row_id>/delete", methods=["POST"])
@school_or_admin
def delete(curriculum_id: int, row_id: int) -> Response:
    """Delete a recorded year."""
    item = _curriculum(curriculum_id, change=True)
    row = programme_graduates.get_row(item, row_id)
    if DeleteForm().validate_on_submit():
        programme_graduates.delete(row)
        flash(_("Graduates deleted."), "success")
    else:
        flash(_("The form has expired; please submit it again."), "danger")
    return redirect(url_for("graduates.index", curriculum_id=item.id))
