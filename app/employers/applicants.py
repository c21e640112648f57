"""A vacancy's candidates and applications, and moving an application along its pipeline, on
the employers' blueprint (``app.employers.views`` imports this module)."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import to_utc
from flask_login import current_user
from werkzeug.wrappers import Response

from app.auth import policy
from app.employers.forms import ApplicationStatusForm, ReopenForm
from app.employers.views import application_handlers, bp, employer_or_admin
from app.form_errors import show_under_field
from app.labels import label
from app.language import current_language
from app.models import Application, Vacancy
from app.services import applications, match_labels, matching, vacancies
from app.services.errors import ValidationError


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
        labels=match_labels.labels_for([c.match for c in found], current_language()),
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
        labels=match_labels.labels_for(list(matches.values()), current_language()),
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
            show_under_field(form, error)
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
