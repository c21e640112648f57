"""Administrator pages: overview, verification queue, moderation queue, audit log."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from app.admin.forms import AuditSearchForm, DecisionForm, ModerationForm
from app.auth import policy
from app.auth.decorators import capability_required
from app.services import audit, free_skills, moderation, organisations
from app.services.errors import ValidationError
from app.services.scam_signals import spans
from app.services.stats import platform_overview
from app.skill_forms import MapFreeSkillForm

bp = Blueprint("admin", __name__)


@bp.route("/")
@capability_required(policy.is_admin)
def dashboard() -> str:
    """Counts of accounts, vacancies, curricula and skills, and what waits for review."""
    return render_template(
        "admin/dashboard.html",
        overview=platform_overview(),
        pending=organisations.count_pending(),
        waiting=moderation.count_waiting(),
    )


@bp.route("/verifications")
@capability_required(policy.can_verify_organisations)
def verifications() -> str:
    """Organisations waiting for verification, oldest first."""
    waiting = organisations.pending()
    return render_template(
        "admin/verifications.html",
        organisations=waiting,
        duplicates=organisations.same_number_elsewhere(waiting),
        form=DecisionForm(),
        identity_label=organisations.identity_label,
    )


@bp.route("/verifications/<int:organisation_id>", methods=["POST"])
@capability_required(policy.can_verify_organisations)
def decide(organisation_id: int) -> Response:
    """Approve or reject one request."""
    organisation = organisations.get(organisation_id)
    form = DecisionForm()
    if form.validate_on_submit():
        try:
            organisations.decide(
                organisation, current_user, form.decision.data == "approve", form.reason.data or ""
            )
        except ValidationError as error:
            flash(error.message, "danger")
        else:
            flash(
                _("Decision saved and the organisation told: %(name)s.", name=organisation.name),
                "success",
            )
    return redirect(url_for("admin.verifications"))


@bp.route("/moderation")
@capability_required(policy.can_moderate)
def moderation_queue() -> str:
    """Held and reported vacancies."""
    return render_template("admin/moderation.html", items=moderation.queue())


@bp.route("/moderation/vacancies/<int:vacancy_id>", methods=["GET", "POST"])
@capability_required(policy.can_moderate)
def moderate(vacancy_id: int) -> str | Response:
    """One vacancy with its signals highlighted and its reports; the moderator acts on it."""
    item = moderation.get_item(vacancy_id)
    form = ModerationForm()
    if form.validate_on_submit():
        try:
            _act(item.vacancy, form.action.data, form.reason.data or "")
        except ValidationError as error:
            form.reason.errors.append(error.message)
        else:
            flash(_("Done. The action is in the audit log."), "success")
            return redirect(url_for("admin.moderation_queue"))
    flags = item.vacancy.moderation_flags or []
    return render_template(
        "admin/moderate.html",
        item=item,
        form=form,
        title_spans=spans(flags, "title"),
        description_spans=spans(flags, "description"),
        warnings=moderation.warnings_of(item.vacancy.organisation_id),
    )


def _act(vacancy: object, action: str, reason: str) -> None:
    if action == "approve":
        moderation.approve(vacancy, current_user, reason)  # type: ignore[arg-type]
    elif action == "unpublish":
        moderation.unpublish(vacancy, current_user, reason)  # type: ignore[arg-type]
    else:
        moderation.act_on_organisation(
            vacancy.organisation,  # type: ignore[attr-defined]
            current_user,
            action,
            reason,
        )


@bp.route("/audit")
@capability_required(policy.can_read_audit_log)
def audit_log() -> str:
    """Every administrator action, newest first, searchable; nothing here can be edited."""
    form = AuditSearchForm(request.args)
    form.action.choices = [("", _("All actions"))] + [(a, a) for a in audit.actions()]
    valid = form.validate()
    page = audit.entries(
        query=(form.q.data or "") if valid else "",
        action=(form.action.data or "") if valid else "",
        page=(form.page.data or 1) if valid else 1,
    )
    return render_template("admin/audit.html", form=form, page=page)


@bp.route("/free-skills")
@capability_required(policy.can_keep_vocabulary)
def free_skills_list() -> str:
    """Skills people wrote in their own words, with counts, each with a form to map it."""
    return render_template(
        "admin/free_skills.html", items=free_skills.counts(), form=MapFreeSkillForm()
    )


@bp.route("/free-skills/map", methods=["POST"])
@capability_required(policy.can_keep_vocabulary)
def map_free_skill() -> Response:
    """Map one free-text skill to a vocabulary skill: its rows become real skill rows."""
    form = MapFreeSkillForm()
    if not form.validate_on_submit():
        flash(_("Choose a skill from the suggestions list."), "danger")
        return redirect(url_for("admin.free_skills_list"))
    try:
        mapped = free_skills.map_to_skill(form.key.data, form.skill_id.data, current_user)
    except ValidationError as error:
        flash(error.message, "danger")
    else:
        flash(_("%(n)d skills linked to the skill list.", n=mapped), "success")
    return redirect(url_for("admin.free_skills_list"))
