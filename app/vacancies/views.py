"""Vacancy search and details; seekers see how they match and can apply."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from app.auth.decorators import role_required
from app.seekers.forms import ApplyForm, SearchForm
from app.services import applications, matching, seekers, vacancies
from app.services.errors import ValidationError
from app.services.regions import region_choices
from app.services.search import SORTS, SearchQuery, search
from app.validators import whole_number

bp = Blueprint("vacancies", __name__)


def _seeker_profile():  # type: ignore[no-untyped-def]
    if current_user.is_authenticated and current_user.role == "seeker":
        return seekers.profile_of(current_user)
    return None


@bp.route("/")
def index() -> str:
    """Search open vacancies by keywords and meaning, with filters."""
    form = SearchForm(request.args)
    form.region.choices = [("", _("All of Banten"))] + [(str(i), n) for i, n in region_choices()]
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
        match=match,
        form=form,
        applied=applied,
        profile=profile,
        labels=matching.labels_for([match], str(get_locale())) if match else {},
        vacancy_evidence={s.skill_id: s.evidence for s in vacancy.skills},
        seeker_evidence={s.skill_id: s.evidence for s in profile.skills} if profile else {},
    )


@bp.route("/<int:vacancy_id>/apply", methods=["POST"])
@role_required("seeker")
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
