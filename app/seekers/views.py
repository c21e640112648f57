"""Job seeker pages: profile, skills and CV, recommendations, training advice, privacy."""

from __future__ import annotations

import json

from flask import (
    Blueprint,
    Response,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, logout_user

from app.auth import policy
from app.auth.decorators import capability_required
from app.form_errors import accepted
from app.language import current_language
from app.models import SeekerProfile
from app.seekers.forms import ConfirmForm, CvForm, DeleteForm, PrivacyForm, ProfileForm
from app.services import (
    applications,
    free_skills,
    match_labels,
    matching,
    seeker_export,
    seekers,
    trainings,
    vacancies,
)
from app.services.errors import ValidationError
from app.services.regions import region_choices
from app.skill_forms import FreeSkillForm, SkillPickForm
from app.validators import whole_number

bp = Blueprint("seekers", __name__)
seeker_only = capability_required(policy.keeps_seeker_profile)


@bp.route("/")
@seeker_only
def dashboard() -> str:
    """The seeker's home: profile state, top recommendations and next steps."""
    profile = seekers.profile_of(current_user)
    return render_template(
        "seekers/dashboard.html",
        profile=profile,
        groups=seekers.skills_by_origin(profile),
        pending=seekers.pending_skills(profile),
        recommendations=matching.recommendations(profile, k=5),
    )


@bp.route("/profile", methods=["GET", "POST"])
@seeker_only
def profile() -> str | Response:
    """Edit the profile fields."""
    item = seekers.profile_of(current_user)
    form = ProfileForm(obj=item)
    form.region_id.choices = [(0, "—")] + region_choices()
    if form.validate_on_submit() and accepted(
        form,
        lambda: seekers.update_profile(
            item,
            seekers.ProfileInput(
                region_id=form.region_id.data or None,
                education_level=form.education_level.data or None,
                field_of_study=form.field_of_study.data or "",
                graduation_year=form.graduation_year.data,
                headline=form.headline.data or "",
                summary=form.summary.data or "",
                phone=form.phone.data or "",
                whatsapp=bool(form.whatsapp.data),
            ),
        ),
    ):
        flash(_("Profile saved."), "success")
        return redirect(url_for("seekers.dashboard"))
    return render_template("seekers/profile.html", form=form)


@bp.route("/skills", methods=["GET", "POST"])
@seeker_only
def skills() -> str | Response:
    """My skills: declared, from my CV, verified; add more; confirm CV suggestions."""
    item = seekers.profile_of(current_user)
    add_form = SkillPickForm()
    free_form = FreeSkillForm()
    if add_form.validate_on_submit():
        seekers.add_skill(item, add_form.skill_id.data)
        flash(_("Skill added."), "success")
        return redirect(url_for("seekers.skills"))
    if free_form.free_text.data == "1" and free_form.validate_on_submit():
        try:
            kept = free_skills.add_for_profile(item, free_form.skill_query.data)
        except ValidationError as error:
            flash(error.message, "danger")
        else:
            flash(_("Skill added as you wrote it.") if kept else _("Skill added."), "success")
            return redirect(url_for("seekers.skills"))
    elif request.method == "POST":
        flash(_("Choose a skill from the suggestions list."), "danger")
    return _skills_page(item, add_form, CvForm())


def _skills_page(item: SeekerProfile, add_form: SkillPickForm, cv_form: CvForm) -> str:
    """The skills page (one rendering for the page and for a CV upload that failed)."""
    pending = seekers.pending_skills(item)
    return render_template(
        "seekers/skills.html",
        profile=item,
        groups=seekers.skills_by_origin(item),
        pending=pending,
        preticked=seekers.preticked_ids(pending),
        free=free_skills.of_profile(item),
        add_form=add_form,
        cv_form=cv_form,
        confirm_form=ConfirmForm(),
    )


@bp.route("/skills/<int:link_id>/remove", methods=["POST"])
@seeker_only
def remove_skill(link_id: int) -> Response:
    """Remove one of my skills."""
    form = ConfirmForm()
    if form.validate_on_submit():
        seekers.remove_skill(seekers.profile_of(current_user), link_id)
    return redirect(url_for("seekers.skills"))


@bp.route("/cv", methods=["POST"])
@seeker_only
def upload_cv() -> str | Response:
    """Read skills from an uploaded CV; they wait for my confirmation."""
    item = seekers.profile_of(current_user)
    form = CvForm()
    if form.validate_on_submit():
        upload = form.file.data
        try:
            found, clipped = seekers.read_cv(item, upload.read(), upload.filename)
        except ValidationError as error:
            form.file.errors.append(error.message)
        else:
            if clipped:
                flash(
                    _(
                        "Your CV is long: only its beginning was read (at most %(n)d characters "
                        "and %(s)d sentences), up to the end of a sentence.",
                        n=current_app.config["LINKER_MAX_CHARS"],
                        s=current_app.config["LINKER_MAX_SENTENCES"],
                    ),
                    "warning",
                )
            flash(
                _("%(n)d skills found in your CV. Confirm the ones that are yours.", n=found),
                "info",
            )
            return redirect(url_for("seekers.skills") + "#pending")
    return _skills_page(item, SkillPickForm(), form), 400


@bp.route("/skills/confirm", methods=["POST"])
@seeker_only
def confirm_skills() -> Response:
    """Confirm the ticked CV suggestions; the others are dropped."""
    form = ConfirmForm()
    if form.validate_on_submit():
        chosen = {n for v in request.form.getlist("link_id") if (n := whole_number(v)) is not None}
        seekers.confirm_skills(seekers.profile_of(current_user), chosen)
        flash(_("Your skills have been updated."), "success")
    return redirect(url_for("seekers.skills"))


@bp.route("/recommendations")
@seeker_only
def recommendations() -> str:
    """Open vacancies ranked for me, each with matched and missing skills."""
    item = seekers.profile_of(current_user)
    found = matching.recommendations(item, k=20)
    return render_template(
        "seekers/recommendations.html",
        profile=item,
        recommendations=found,
        labels=match_labels.labels_for([r.match for r in found], current_language()),
        applied=applications.applied_vacancy_ids(item),
    )


@bp.route("/training")
@seeker_only
def regional_training() -> str:
    """Trainings for the skills most demanded in my region that I do not have yet."""
    item = seekers.profile_of(current_user)
    return _training_page(item, trainings.for_region(item), None)


@bp.route("/training/vacancy/<int:vacancy_id>")
@seeker_only
def vacancy_training(vacancy_id: int) -> str:
    """Trainings that close my gaps for one vacancy."""
    item = seekers.profile_of(current_user)
    vacancy = vacancies.get_open(vacancy_id)
    return _training_page(item, trainings.for_vacancy(item, vacancy), vacancy)


def _training_page(profile, advice, vacancy) -> str:  # type: ignore[no-untyped-def]
    ids = set(advice.gaps) | {p.near_skill for s in advice.plan.steps for p in s.partial}
    return render_template(
        "seekers/training.html",
        profile=profile,
        advice=advice,
        vacancy=vacancy,
        labels=match_labels.skill_labels(ids, current_language()),
    )


@bp.route("/applications")
@seeker_only
def my_applications() -> str:
    """The status of my applications."""
    item = seekers.profile_of(current_user)
    return render_template("seekers/applications.html", applications=applications.for_seeker(item))


@bp.route("/privacy", methods=["GET", "POST"])
@seeker_only
def privacy() -> str | Response:
    """Visibility to employers (with consent), export of my data, deletion of my account."""
    item = seekers.profile_of(current_user)
    form = _privacy_form(item)
    if form.validate_on_submit():
        try:
            seekers.set_visibility(
                item,
                form.visibility.data == "visible",
                form.consent.data,
                form.share_contact.data,
            )
        except ValidationError as error:
            form.consent.errors.append(error.message)
        else:
            flash(_("Your privacy settings have been saved."), "success")
            return redirect(url_for("seekers.privacy"))
    return render_template(
        "seekers/privacy.html", form=form, profile=item, delete_form=DeleteForm()
    )


def _privacy_form(profile) -> PrivacyForm:  # type: ignore[no-untyped-def]
    return PrivacyForm(
        visibility=profile.visibility,
        consent=profile.consent_at is not None,
        share_contact=profile.share_contact,
    )


@bp.route("/export")
@seeker_only
def export() -> Response:
    """All my data as a JSON file."""
    payload = json.dumps(seeker_export.export_data(current_user), ensure_ascii=False, indent=2)
    return Response(
        payload,
        mimetype="application/json",
        headers={"Content-Disposition": "attachment; filename=linkmatch-data-saya.json"},
    )


@bp.route("/delete", methods=["POST"])
@seeker_only
def delete() -> str | Response:
    """Delete my account and all my data."""
    form = DeleteForm()
    item = seekers.profile_of(current_user)
    if form.validate_on_submit():
        try:
            seekers.delete_account(current_user, form.password.data)
        except ValidationError as error:
            form.password.errors.append(error.message)
        else:
            logout_user()
            flash(_("Your account and data have been deleted."), "info")
            return redirect(url_for("main.index"))
    privacy_form = _privacy_form(item)
    return render_template(
        "seekers/privacy.html", form=privacy_form, profile=item, delete_form=form
    ), 400
