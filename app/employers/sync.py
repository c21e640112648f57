"""Employer pages of curriculum sync: the invitations a school sent ("Undangan sinkronisasi
kurikulum"), the plan to review, a comment per action, and the answer (endorse or not)."""

from __future__ import annotations

from flask import Blueprint, Response, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.auth import policy
from app.auth.decorators import capability_required
from app.form_errors import accepted
from app.language import current_language
from app.models import SyncInvitation
from app.schools.sync_forms import AnswerForm, CommentForm
from app.services import sync
from app.services.errors import ValidationError

bp = Blueprint("partner_sync", __name__)
partner_only = capability_required(policy.reviews_curriculum_sync)


@bp.route("/")
@partner_only
def invitations() -> str:
    """The curriculum sync invitations of the employer."""
    return render_template(
        "employers/sync_invitations.html", invitations=sync.invitations_for(current_user)
    )


def _page(invitation: SyncInvitation, answer: AnswerForm | None = None) -> str:
    plan = invitation.plan
    if answer is None:
        answer = AnswerForm(
            formdata=None,
            data={
                "endorse": {"endorsed": "yes", "not_endorsed": "no"}.get(invitation.status),
                "representative": invitation.representative or current_user.name,
                "note": invitation.note,
            },
        )
    return render_template(
        "employers/sync_invitation.html",
        invitation=invitation,
        plan=plan,
        page=sync.plan_page(plan, None, current_language()),
        comment_form=CommentForm(),
        answer_form=answer,
    )


@bp.route("/<int:invitation_id>")
@partner_only
def invitation(invitation_id: int) -> str:
    """The plan the employer was invited to review."""
    return _page(sync.get_invitation(invitation_id, current_user))


@bp.route("/<int:invitation_id>/comments", methods=["POST"])
@partner_only
def comment(invitation_id: int) -> Response:
    """A comment on one action."""
    item = sync.get_invitation(invitation_id, current_user)
    form = CommentForm()
    anchor = f"#action-{form.action_id.data}" if (form.action_id.data or "").isdigit() else ""
    if form.validate_on_submit():
        try:
            sync.comment(item, current_user, int(form.action_id.data), form.body.data)
            flash(_("Comment sent."), "success")
        except (ValidationError, ValueError) as error:
            flash(getattr(error, "message", _("Choose an action of this plan.")), "danger")
    else:
        flash(_("Comment: %(error)s", error=_("write a comment.")), "danger")
    return redirect(url_for("partner_sync.invitation", invitation_id=item.id) + anchor)


@bp.route("/<int:invitation_id>/answer", methods=["POST"])
@partner_only
def answer(invitation_id: int) -> str | Response:
    """Endorse the plan or not."""
    item = sync.get_invitation(invitation_id, current_user)
    form = AnswerForm()
    if form.validate_on_submit():
        given = sync.Response(
            form.endorse.data == "yes", form.representative.data or "", form.note.data or ""
        )
        if accepted(form, lambda: sync.respond(item, current_user, given)):
            flash(_("Your answer was sent to the school."), "success")
            return redirect(url_for("partner_sync.invitation", invitation_id=item.id))
    return _page(item, form)
