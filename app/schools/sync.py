"""School pages of curriculum sync with industry: partners, plans made from gap advice, the
partners' review, the meeting and its minutes (PDF)."""

from __future__ import annotations

from flask import Blueprint, Response, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.auth import policy
from app.auth.decorators import capability_required
from app.form_errors import accepted, flash_form_errors, flash_refusal
from app.language import current_language
from app.models import SyncPlan
from app.schools.sync_forms import (
    AcceptAdviceForm,
    ActionForm,
    ButtonForm,
    InviteForm,
    MeetingForm,
    PartnerForm,
    SuggestedPartnerForm,
)
from app.services import gap_reports, sync
from app.services.errors import ValidationError

bp = Blueprint("sync", __name__)
school_only = capability_required(policy.can_plan_curriculum_sync)


def _partner_form(formdata: object = None) -> PartnerForm:
    form = PartnerForm(formdata=formdata) if formdata is not None else PartnerForm()
    form.employer_id.choices = [(0, "—")] + [(e.id, e.name) for e in sync.verified_employers()]
    return form


@bp.route("/partners", methods=["GET", "POST"])
@school_only
def partners() -> str | Response:
    """The school's industry partners, and adding one."""
    form = _partner_form()
    if form.validate_on_submit():
        given = sync.PartnerInput(
            form.name.data or "",
            form.employer_id.data or None,
            tuple(form.contributions.data or ()),
            form.note.data or "",
        )
        if accepted(form, lambda: sync.add_partner(current_user, given)):
            flash(_("Partner added."), "success")
            return redirect(url_for("sync.partners"))
    return render_template(
        "schools/sync/partners.html",
        partners=sync.list_partners(current_user),
        form=form,
        delete_form=ButtonForm(),
    )


@bp.route("/partners/suggested", methods=["POST"])
@school_only
def add_suggested() -> Response:
    """One click on a partner the gap report suggests."""
    form = SuggestedPartnerForm()
    back = url_for("sync.partners")
    if form.snapshot_id.data and form.snapshot_id.data.isdigit():
        back = url_for("schools.snapshot", snapshot_id=int(form.snapshot_id.data)) + "#sync"
    if not form.validate_on_submit():
        flash(_("The form has expired; please submit it again."), "danger")
        return redirect(back)
    try:
        partner, new = sync.add_suggested_partner(current_user, form.name.data)
    except ValidationError as error:
        flash(error.message, "danger")
    else:
        message = _("%(name)s added to your partners.", name=partner.name)
        flash(message if new else _("%(name)s is already a partner.", name=partner.name), "success")
    return redirect(back)


@bp.route("/partners/<int:partner_id>/delete", methods=["POST"])
@school_only
def delete_partner(partner_id: int) -> Response:
    """Remove a partner."""
    partner = sync.get_partner(partner_id, current_user)
    if ButtonForm().validate_on_submit():
        sync.delete_partner(partner)
        flash(_("Partner removed."), "success")
    return redirect(url_for("sync.partners"))


@bp.route("/gap-reports/<int:snapshot_id>/accept", methods=["POST"])
@school_only
def accept(snapshot_id: int) -> Response:
    """Accept missing skills of a stored report into the curriculum's sync plan."""
    snapshot = gap_reports.get_snapshot(snapshot_id, current_user)
    form = AcceptAdviceForm()
    if not form.validate_on_submit():
        flash(_("The form has expired; please submit it again."), "danger")
        return redirect(url_for("schools.snapshot", snapshot_id=snapshot.id) + "#sync")
    try:
        plan = sync.accept_advice(current_user, snapshot, form.skill_ids.data or [])
    except ValidationError as error:
        flash(error.message, "danger")
        return redirect(url_for("schools.snapshot", snapshot_id=snapshot.id) + "#sync")
    flash(
        _("Advice accepted into the sync plan; the draft version has the new outcomes."), "success"
    )
    return redirect(url_for("sync.plan", plan_id=plan.id))


@bp.route("/")
@school_only
def plans() -> str:
    """The school's sync plans."""
    return render_template("schools/sync/plans.html", plans=sync.list_plans(current_user))


def _action_forms(plan: SyncPlan, units: list[tuple[int, str]]) -> dict[int, ActionForm]:
    forms = {}
    for action in plan.actions:
        form = ActionForm(
            prefix=f"a{action.id}",
            formdata=None,
            data={
                "kind": action.kind,
                "unit_id": action.unit_id or 0,
                "owner": action.owner,
                "target_semester": action.target_semester,
                "status": action.status,
            },
        )
        form.unit_id.choices = [(0, "—")] + units
        forms[action.id] = form
    return forms


def _plan_page(plan: SyncPlan, meeting: MeetingForm | None = None) -> str:
    page = sync.plan_page(plan, current_user, current_language())
    invite = InviteForm()
    invite.partner_ids.choices = [(p.id, p.name) for p in page.invitable]
    if meeting is None:
        meeting = MeetingForm(
            formdata=None,
            data={
                "meeting_date": plan.meeting_date,
                "place": plan.meeting_place,
                "attended_ids": [i.id for i in plan.invitations if i.attended],
                "other_attendees": plan.other_attendees,
                "agreed": plan.agreed,
            },
        )
    meeting.attended_ids.choices = [(i.id, i.partner.name) for i in plan.invitations]
    return render_template(
        "schools/sync/plan.html",
        page=page,
        plan=plan,
        action_forms=_action_forms(plan, page.units),
        invite_form=invite,
        may_invite=policy.can_invite_sync_partners(current_user, plan.organisation_id),
        meeting_form=meeting,
        button_form=ButtonForm(),
    )


@bp.route("/plans/<int:plan_id>")
@school_only
def plan(plan_id: int) -> str:
    """A plan: its actions (with equipment), partners' answers and comments, the meeting."""
    return _plan_page(sync.get_plan(plan_id, current_user))


@bp.route("/plans/<int:plan_id>/actions/<int:action_id>", methods=["POST"])
@school_only
def update_action(plan_id: int, action_id: int) -> Response:
    """Change one action; the draft follows."""
    item = sync.get_plan(plan_id, current_user)
    form = ActionForm(prefix=f"a{action_id}")
    form.unit_id.choices = [(0, "—")] + [(u.id, u.name) for u in item.draft.units]
    if form.validate_on_submit():
        given = sync.ActionInput(
            form.kind.data,
            form.unit_id.data or None,
            form.owner.data or "",
            form.target_semester.data,
            form.status.data,
        )
        try:
            sync.update_action(item, action_id, given)
            flash(_("Action saved."), "success")
        except ValidationError as error:
            flash_refusal(form, error)
    else:
        flash_form_errors(form)
    return redirect(url_for("sync.plan", plan_id=item.id) + f"#action-{action_id}")


@bp.route("/plans/<int:plan_id>/actions/<int:action_id>/delete", methods=["POST"])
@school_only
def remove_action(plan_id: int, action_id: int) -> Response:
    """Delete one action (its outcome leaves the draft)."""
    item = sync.get_plan(plan_id, current_user)
    if ButtonForm().validate_on_submit():
        try:
            sync.remove_action(item, action_id)
            flash(_("Action removed."), "success")
        except ValidationError as error:
            flash(error.message, "danger")
    return redirect(url_for("sync.plan", plan_id=item.id))


@bp.route("/plans/<int:plan_id>/invite", methods=["POST"])
@school_only
def invite(plan_id: int) -> Response:
    """Invite partner employers to review the plan."""
    item = sync.get_plan(plan_id, current_user)
    form = InviteForm()
    form.partner_ids.choices = [(p.id, p.name) for p in sync.list_partners(current_user)]
    if not form.validate_on_submit():
        flash(_("Choose at least one partner."), "danger")
        return redirect(url_for("sync.plan", plan_id=item.id) + "#partners")
    try:
        sync.invite(item, form.partner_ids.data, current_user)
        flash(_("Invitations sent."), "success")
    except ValidationError as error:
        flash(error.message, "danger")
    return redirect(url_for("sync.plan", plan_id=item.id) + "#partners")


@bp.route("/plans/<int:plan_id>/meeting", methods=["POST"])
@school_only
def meeting(plan_id: int) -> str | Response:
    """Record the sync meeting for the minutes."""
    item = sync.get_plan(plan_id, current_user)
    form = MeetingForm()
    form.attended_ids.choices = [(i.id, i.partner.name) for i in item.invitations]
    if form.validate_on_submit():
        given = sync.Meeting(
            form.meeting_date.data,
            form.place.data or "",
            tuple(form.attended_ids.data or ()),
            form.other_attendees.data or "",
            form.agreed.data or "",
        )
        if accepted(form, lambda: sync.record_meeting(item, given)):
            flash(_("Meeting saved."), "success")
            return redirect(url_for("sync.plan", plan_id=item.id) + "#meeting")
    return _plan_page(item, form)


@bp.route("/plans/<int:plan_id>/close", methods=["POST"])
@school_only
def close(plan_id: int) -> Response:
    """Close the plan (no more changes or answers)."""
    item = sync.get_plan(plan_id, current_user)
    if ButtonForm().validate_on_submit():
        sync.close_plan(item)
        flash(_("Plan closed."), "success")
    return redirect(url_for("sync.plan", plan_id=item.id))


@bp.route("/plans/<int:plan_id>/minutes.pdf")
@school_only
def minutes(plan_id: int) -> Response:
    """The minutes of the sync (berita acara) as PDF, in Indonesian."""
    item = sync.get_plan(plan_id, current_user)
    return Response(
        sync.minutes_pdf(item),
        mimetype="application/pdf",
        headers={
            "Content-Disposition": f"attachment; filename=berita-acara-sinkronisasi-{item.id}.pdf"
        },
    )
