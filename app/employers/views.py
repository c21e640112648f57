"""Employer pages: vacancies and their skills (the bulk import in ``imports``, candidates and
applications in ``applicants``, both on this blueprint)."""

from __future__ import annotations

from flask import (
    Blueprint,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from app.auth import policy
from app.auth.decorators import capability_required
from app.employers.forms import (
    OccupationForm,
    StatusForm,
    VacancyForm,
    occupation_choices,
    vacancy_form,
    vacancy_input,
)
from app.form_errors import accepted, show_under_field
from app.models import Vacancy
from app.services import free_skills, occupations, vacancies, vacancy_skills
from app.services.errors import PermissionDeniedError, ValidationError
from app.skill_forms import FreeSkillForm, SkillLinkForm, SkillWithImportanceForm

bp = Blueprint("employers", __name__)
employer_only = capability_required(policy.manages_vacancies)
employer_or_admin = capability_required(policy.oversees_vacancies)
application_handlers = capability_required(policy.handles_applications)


@bp.route("/")
@employer_only
def dashboard() -> str:
    """The employer's vacancies and the organisation's verification status."""
    return render_template(
        "employers/dashboard.html",
        vacancies=vacancies.list_for_employer(current_user),
        organisation=current_user.organisation,
    )


@bp.route("/vacancies/new", methods=["GET", "POST"])
@employer_only
def new_vacancy() -> str | Response:
    """Write a vacancy; on save its skills are suggested from the text."""
    form = vacancy_form(VacancyForm)
    if request.method == "GET" and current_user.organisation.region_id:
        form.region_id.data = current_user.organisation.region_id
    if form.validate_on_submit():
        publish = "publish" in request.form
        try:
            vacancy = vacancies.create_vacancy(current_user, vacancy_input(form), publish=publish)
        except ValidationError as error:
            show_under_field(form, error)
        else:
            flash(_("Vacancy saved. Check the suggested skills below."), "success")
            _flash_publication(vacancy, publish)
            return redirect(url_for("employers.vacancy", vacancy_id=vacancy.id))
    return render_template("employers/vacancy_form.html", form=form, vacancy=None)


def _flash_publication(vacancy: object, asked: bool) -> None:
    """Tell the employer why a vacancy they published is not shown (yet)."""
    if asked and not policy.can_publish_vacancy(current_user):
        flash(
            _("Saved as a draft: your organisation must be verified before it publishes."),
            "warning",
        )
    elif vacancy.status == "open" and vacancy.moderation_status == "held":  # type: ignore[attr-defined]
        flash(
            _("Held for review: an administrator checks this vacancy before it is shown."),
            "warning",
        )


@bp.route("/vacancies/<int:vacancy_id>")
@employer_or_admin
def vacancy(vacancy_id: int) -> str:
    """One vacancy: its text, its skills (with the sentence each came from), its status."""
    item = vacancies.get_for_employer(vacancy_id, current_user)
    return render_template(
        "employers/vacancy.html",
        vacancy=item,
        skills_job=vacancy_skills.skills_job(item),
        add_form=SkillWithImportanceForm(),
        free=free_skills.of_vacancy(item),
        link_form=SkillLinkForm(),
        status_form=StatusForm(),
        occupation_form=_occupation_form(item),
    )


def _occupation_form(item: Vacancy) -> OccupationForm:
    form = OccupationForm(formdata=None)
    form.code.choices = occupation_choices()
    form.code.data = item.occupation_code or ""
    return form


@bp.route("/vacancies/<int:vacancy_id>/occupation", methods=["POST"])
@employer_only
def vacancy_occupation(vacancy_id: int) -> Response:
    """Correct the vacancy's occupation (it stays), or give it back to the system (blank)."""
    item = vacancies.get_for_employer(vacancy_id, current_user)
    form = OccupationForm()
    form.code.choices = occupation_choices()
    if form.validate_on_submit():
        occupations.choose(item, form.code.data or "", current_user)
        flash(
            _("Occupation saved.")
            if form.code.data
            else _("The system suggests the occupation again in a moment."),
            "success",
        )
    else:
        flash(_("Choose an occupation from the list."), "danger")
    return redirect(url_for("employers.vacancy", vacancy_id=item.id) + "#occupation")


@bp.route("/vacancies/<int:vacancy_id>/edit", methods=["GET", "POST"])
@employer_only
def edit_vacancy(vacancy_id: int) -> str | Response:
    """Edit a vacancy; a changed text is read again, the employer's skill choices stay."""
    item = vacancies.get_for_employer(vacancy_id, current_user)
    form = vacancy_form(VacancyForm, item)
    if form.validate_on_submit() and accepted(
        form, lambda: vacancies.update_vacancy(item, vacancy_input(form), current_user)
    ):
        flash(_("Vacancy saved."), "success")
        return redirect(url_for("employers.vacancy", vacancy_id=item.id))
    return render_template("employers/vacancy_form.html", form=form, vacancy=item)


@bp.route("/vacancies/<int:vacancy_id>/status", methods=["POST"])
@employer_only
def vacancy_status(vacancy_id: int) -> Response:
    """Publish, close or re-open."""
    item = vacancies.get_for_employer(vacancy_id, current_user)
    form = StatusForm()
    if form.validate_on_submit() and form.action.data in vacancies.STATUS_ACTIONS:
        try:
            vacancies.change_status(item, form.action.data, current_user)
        except PermissionDeniedError:
            flash(_("Your organisation must be verified before it publishes."), "danger")
        except ValidationError as error:
            flash(error.message, "danger")
        else:
            flash(_("Status changed."), "success")
            _flash_publication(item, False)
    return redirect(url_for("employers.vacancy", vacancy_id=item.id))


@bp.route("/vacancies/<int:vacancy_id>/skills", methods=["POST"])
@employer_only
def add_skill(vacancy_id: int) -> Response:
    """Add a skill chosen from the vocabulary."""
    item = vacancies.get_for_employer(vacancy_id, current_user)
    form = SkillWithImportanceForm()
    free_form = FreeSkillForm()
    if form.validate_on_submit():
        vacancy_skills.add_skill(item, form.skill_id.data, form.importance.data)
        flash(_("Skill added."), "success")
    elif free_form.free_text.data == "1" and free_form.validate_on_submit():
        try:
            kept = free_skills.add_for_vacancy(
                item, free_form.skill_query.data, free_form.importance.data
            )
        except ValidationError as error:
            flash(error.message, "danger")
        else:
            flash(_("Skill added as you wrote it.") if kept else _("Skill added."), "success")
    else:
        flash(_("Choose a skill from the suggestions list."), "danger")
    return redirect(url_for("employers.vacancy", vacancy_id=item.id) + "#skills")


@bp.route("/vacancies/<int:vacancy_id>/skills/<int:link_id>/<action>", methods=["POST"])
@employer_only
def change_skill(vacancy_id: int, link_id: int, action: str) -> Response:
    """Mark a skill required / nice to have (accepting it), or remove it."""
    item = vacancies.get_for_employer(vacancy_id, current_user)
    form = SkillLinkForm()
    if form.validate_on_submit():
        if action == "remove":
            vacancy_skills.remove_skill(item, link_id)
        elif action == "importance" and form.importance.data in ("required", "preferred"):
            vacancy_skills.set_skill_importance(item, link_id, form.importance.data)
    return redirect(url_for("employers.vacancy", vacancy_id=item.id) + "#skills")


from app.employers import applicants, imports  # noqa: E402, F401
