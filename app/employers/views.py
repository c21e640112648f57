"""Employer pages: vacancies, their skills, bulk import."""

from __future__ import annotations

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import to_utc
from flask_login import current_user
from werkzeug.wrappers import Response

from app.auth import policy
from app.auth.decorators import capability_required
from app.employers.forms import (
    ApplicationStatusForm,
    ImportForm,
    OccupationForm,
    ReopenForm,
    StatusForm,
    VacancyForm,
    occupation_choices,
    vacancy_input,
)
from app.labels import label
from app.language import current_language
from app.models import Application, Vacancy
from app.services import applications, free_skills, matching, occupations, vacancies, vacancy_import
from app.services.errors import PermissionDeniedError, ValidationError
from app.services.regions import region_choices
from app.skill_forms import FreeSkillForm, SkillLinkForm, SkillWithImportanceForm

bp = Blueprint("employers", __name__)
employer_only = capability_required(policy.manages_vacancies)
employer_or_admin = capability_required(policy.oversees_vacancies)
application_handlers = capability_required(policy.handles_applications)


def _vacancy_form(item: Vacancy | None = None) -> VacancyForm:
    """The vacancy form with its choices; the occupation shows only the employer's own choice."""
    form = VacancyForm(obj=item)
    form.region_id.choices = region_choices()
    form.occupation_choice.choices = occupation_choices()
    if request.method == "GET" and item is not None:
        form.occupation_choice.data = (
            item.occupation_code if item.occupation_origin == "employer" else ""
        )
    return form


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
    form = _vacancy_form()
    if request.method == "GET" and current_user.organisation.region_id:
        form.region_id.data = current_user.organisation.region_id
    if form.validate_on_submit():
        publish = "publish" in request.form
        try:
            vacancy = vacancies.create_vacancy(current_user, vacancy_input(form), publish=publish)
        except ValidationError as error:
            getattr(form, error.field).errors.append(error.message)
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
        skills_job=vacancies.skills_job(item),
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
    form = _vacancy_form(item)
    if form.validate_on_submit():
        try:
            vacancies.update_vacancy(item, vacancy_input(form), current_user)
        except ValidationError as error:
            getattr(form, error.field).errors.append(error.message)
        else:
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
        vacancies.add_skill(item, form.skill_id.data, form.importance.data)
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
            vacancies.remove_skill(item, link_id)
        elif action == "importance" and form.importance.data in ("required", "preferred"):
            vacancies.set_skill_importance(item, link_id, form.importance.data)
    return redirect(url_for("employers.vacancy", vacancy_id=item.id) + "#skills")


@bp.route("/vacancies/import", methods=["GET", "POST"])
@employer_only
def import_vacancies() -> str | Response:
    """Bulk import from CSV or JSON, with every rejected row named by line and field. A small
    file is imported at once; a larger one becomes a background job with a progress page."""
    form = ImportForm()
    report = None
    if form.validate_on_submit():
        upload = form.file.data
        data = upload.read()
        options = {
            "all_or_nothing": form.mode.data == "all_or_nothing",
            "publish": form.publish.data == "open",
        }
        try:
            rows = vacancy_import.read_rows(data, upload.filename)
            if len(rows) > current_app.config["IMPORT_INLINE_ROWS"]:
                started = vacancy_import.start_import_job(
                    current_user, data, upload.filename, **options
                )
                return redirect(url_for("jobs.show", job_id=started.id))
            report = vacancy_import.import_rows(rows, current_user, **options)
        except ValidationError as error:
            form.file.errors.append(error.message)
    return render_template("employers/import.html", form=form, report=report)


@bp.route("/vacancies/import/example.<fmt>")
@employer_only
def import_example(fmt: str) -> Response:
    """The documented example files of the import."""
    path = vacancy_import.example_path(fmt)
    return send_file(path, as_attachment=True, download_name=path.name)


@bp.route("/vacancies/<int:vacancy_id>/candidates")
@employer_or_admin
def candidates(vacancy_id: int) -> str | tuple[str, int]:
    """Seekers who made themselves visible, ranked for this vacancy, each explained."""
    item = vacancies.get_for_employer(vacancy_id, current_user)
    if not policy.can_view_candidates(current_user, item):
        message = _("Your organisation must be verified before it sees candidates.")
        return render_template("errors/403.html", message=message), 403
    found = matching.candidates(item, k=30)
    return render_template(
        "employers/candidates.html",
        vacancy=item,
        candidates=found,
        contact_shown={
            c.profile.id for c in found if policy.can_see_candidate_contact(current_user, c.profile)
        },
        labels=matching.labels_for([c.match for c in found], current_language()),
    )


@bp.route("/vacancies/<int:vacancy_id>/applications")
@application_handlers
def applications_list(vacancy_id: int) -> str:
    """Applications received for this vacancy: what each seeker shares, and the pipeline."""
    item = vacancies.get_for_employer(vacancy_id, current_user)
    if not policy.can_handle_applications(current_user, item):
        message = _("Your organisation must be verified before it sees candidates.")
        return render_template("errors/403.html", message=message), 403  # type: ignore[return-value]
    return _applications_page(item)


def _applications_page(
    item: Vacancy, failed: tuple[int, ApplicationStatusForm] | None = None
) -> str:
    received = applications.for_vacancy(item)
    matches = {a.id: matching.explain(a.profile, item) for a in received}
    return render_template(
        "employers/applications.html",
        vacancy=item,
        applications=received,
        matches=matches,
        labels=matching.labels_for(list(matches.values()), current_language()),
        form=ApplicationStatusForm(formdata=None),
        failed=failed,
        reopen_form=ReopenForm(formdata=None),
        moves={a.id: applications.next_moves(a.status) for a in received},
        contact_shown={a.id for a in received if policy.can_see_contact(current_user, a)},
    )


def _move(form: ApplicationStatusForm) -> applications.Move:
    interview_at = form.interview_at.data
    return applications.Move(
        status=form.status.data,
        reason=form.rejection_reason.data or None,
        message=form.message.data or "",
        note=form.note.data or "",
        interview_at=to_utc(interview_at) if interview_at else None,
        interview_place=form.interview_place.data or "",
        confirm_hire=bool(form.confirm_hire.data),
    )


@bp.route("/applications/<int:application_id>/status", methods=["POST"])
@application_handlers
def application_status(application_id: int) -> str | tuple[str, int] | Response:
    """Move an application along an allowed transition; the applicant hears back."""
    item = applications.get_for_employer(application_id, current_user)
    form = ApplicationStatusForm()
    if form.validate_on_submit():
        try:
            applications.move(item, _move(form), current_user)
        except ValidationError as error:
            getattr(form, error.field).errors = [error.message]
        else:
            status = label("application_status", item.status)
            flash(_("Application moved to: %(status)s.", status=status), "success")
            return redirect(_to_application(item))
    return _applications_page(item.vacancy, failed=(item.id, form)), 400


@bp.route("/applications/<int:application_id>/reopen", methods=["POST"])
@application_handlers
def reopen_application(application_id: int) -> Response:
    """Bring a rejected application back to review; the applicant hears back."""
    item = applications.get_for_employer(application_id, current_user)
    form = ReopenForm()
    if form.validate_on_submit():
        try:
            applications.reopen(item, current_user, form.message.data or "")
        except ValidationError as error:
            flash(error.message, "danger")
        else:
            flash(_("Application reopened."), "success")
    return redirect(_to_application(item))


def _to_application(item: Application) -> str:
    return url_for("employers.applications_list", vacancy_id=item.vacancy_id) + (
        f"#application-{item.id}"
    )
