"""Vacancy search and details; seekers see how they match and can apply."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from app.auth import policy, throttle
from app.auth.decorators import capability_required
from app.form_errors import accepted, flash_refusal
from app.language import current_language
from app.profile import current_profile
from app.seekers.forms import ApplyForm, SearchForm
from app.services import (
    applications,
    match_labels,
    matching,
    moderation,
    saved_searches,
    seekers,
    vacancies,
)
from app.services.errors import ValidationError
from app.services.feeds.attribution import origin_of
from app.services.regions import region_choices
from app.services.search import SORTS, SearchQuery, search
from app.vacancies.forms import ReportForm, SavedSearchForm, SaveSearchForm
from app.validators import whole_number

bp = Blueprint("vacancies", __name__)
seeker_only = capability_required(policy.keeps_seeker_profile)


def _seeker_profile():  # type: ignore[no-untyped-def]
    if policy.keeps_seeker_profile(current_user):
        return seekers.profile_of(current_user)
    return None


@bp.route("/")
def index() -> str:
    """Search open vacancies by keywords and meaning, with filters."""
    form = SearchForm(request.args)
    form.region.choices = [
        ("", _("All of %(province)s", province=current_profile().province_name))
    ] + [(str(i), n) for i, n in region_choices()]
    profile = _seeker_profile()
    page = request.args.get("page", "1")
    valid = form.validate()
    query = SearchQuery(
        text=(form.q.data or "") if valid else "",
        region_id=form.region.data if valid else None,
        employment_type=form.employment_type.data or None,
        education=form.education.data or None,
        salary_min=form.salary_min.data if valid else None,
        posted_within_days=form.posted.data if valid else None,
        sort=form.sort.data
        if form.sort.data in SORTS and (profile or form.sort.data != "match")
        else "relevance",
        page=max(1, whole_number(page) or 1),
    )
    return render_template(
        "vacancies/index.html",
        form=form,
        results=search(query, profile),
        query=query,
        profile=profile,
        save_form=SaveSearchForm(
            formdata=None,
            q=query.text,
            region=query.region_id,
            employment_type=query.employment_type or "",
            education=query.education or "",
            salary_min=query.salary_min,
        )
        if policy.can_save_searches(current_user)
        else None,
    )


@bp.route("/<int:vacancy_id>")
def detail(vacancy_id: int) -> str:
    """One open vacancy; a seeker sees the match explanation and can apply."""
    vacancy = vacancies.get_open(vacancy_id)
    profile = _seeker_profile()
    form = ApplyForm()
    match = matching.explain(profile, vacancy) if profile else None
    applied = profile is not None and vacancy.id in applications.applied_vacancy_ids(profile)
    return render_template(
        "vacancies/detail.html",
        vacancy=vacancy,
        origin=origin_of(vacancy.id),
        match=match,
        form=form,
        applied=applied,
        may_apply=policy.can_apply(current_user),
        profile=profile,
        labels=match_labels.labels_for([match], current_language()) if match else {},
        vacancy_evidence={s.skill_id: s.evidence for s in vacancy.skills},
        seeker_evidence={s.skill_id: s.evidence for s in profile.skills} if profile else {},
    )


@bp.route("/<int:vacancy_id>/apply", methods=["POST"])
@capability_required(policy.keeps_seeker_profile)
def apply(vacancy_id: int) -> Response:
    """Apply to an open vacancy with a short message."""
    vacancy = vacancies.get_open(vacancy_id)
    profile = seekers.profile_of(current_user)
    form = ApplyForm()
    if form.validate_on_submit():
        try:
            applications.apply(profile, vacancy, form.message.data or "", current_user)
        except ValidationError as error:
            flash(error.message, "danger")
        else:
            flash(_("Your application has been sent."), "success")
            return redirect(url_for("seekers.my_applications"))
    return redirect(url_for("vacancies.detail", vacancy_id=vacancy.id))


@bp.route("/<int:vacancy_id>/report", methods=["GET", "POST"])
@throttle.per_address("REPORT_LIMIT_PER_ADDRESS")
def report(vacancy_id: int) -> str | Response:
    """Anyone reports a vacancy (asks for money, fake company, discriminatory...)."""
    vacancy = vacancies.get_open(vacancy_id)
    if not policy.can_report_vacancy(current_user):
        abort(403)
    form = ReportForm()
    if form.validate_on_submit():
        reporter = current_user if current_user.is_authenticated else None
        throttle.count_attempt()
        if accepted(
            form,
            lambda: moderation.report(vacancy, reporter, form.reason.data, form.details.data or ""),
        ):
            flash(_("Thank you. An administrator will look at this vacancy."), "success")
            return redirect(url_for("vacancies.detail", vacancy_id=vacancy.id))
    return render_template("vacancies/report.html", vacancy=vacancy, form=form)


@bp.route("/saved")
@seeker_only
def saved() -> str:
    """My saved searches and whether each sends the daily email."""
    return render_template(
        "vacancies/saved.html",
        searches=saved_searches.for_user(current_user),
        args=saved_searches.search_args,
        form=SavedSearchForm(),
    )


@bp.route("/saved/new", methods=["POST"])
@seeker_only
def save_search() -> Response:
    """Keep the current search under a name."""
    form = SaveSearchForm()
    if form.validate_on_submit():
        criteria = saved_searches.Criteria(
            form.q.data or "",
            form.region.data,
            form.employment_type.data or None,
            form.education.data or None,
            form.salary_min.data,
        )
        try:
            saved_searches.save(current_user, form.name.data, criteria)
        except ValidationError as error:
            flash_refusal(form, error)
        else:
            flash(_("Search saved. New vacancies that match it come by email."), "success")
            return redirect(url_for("vacancies.saved"))
    for field in form:
        for message in field.errors:
            flash(f"{field.label.text}: {message}", "danger")
    return redirect(url_for("vacancies.index", q=form.q.data or None))


@bp.route("/saved/<int:saved_id>/delete", methods=["POST"])
@seeker_only
def delete_saved(saved_id: int) -> Response:
    """Delete one of my saved searches."""
    if SavedSearchForm().validate_on_submit():
        saved_searches.delete(current_user, saved_id)
        flash(_("Saved search deleted."), "success")
    return redirect(url_for("vacancies.saved"))


@bp.route("/saved/<int:saved_id>/email", methods=["POST"])
@seeker_only
def saved_email(saved_id: int) -> Response:
    """Turn the daily email of one saved search on or off."""
    form = SavedSearchForm()
    if form.validate_on_submit():
        saved_searches.set_email(current_user, saved_id, form.email.data == "1")
        flash(_("Saved search updated."), "success")
    return redirect(url_for("vacancies.saved"))
