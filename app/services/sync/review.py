"""Partners review a plan: the school invites partner employers (verified organisations), each
comments per action and endorses the plan or not; the school records the meeting."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.auth import policy
from app.extensions import db
from app.models import IndustryPartner, SyncComment, SyncInvitation, SyncPlan, User
from app.models.base import utcnow
from app.services import notifications
from app.services.errors import NotFoundError, PermissionDeniedError, ValidationError
from app.services.sync.plans import load_plan
from app.urls import site_path

COMMENT_MAX = 2000
TEXT_MAX = 5000
NAME_MAX = 120
NOT_VERIFIED = _l(
    "Your school must be verified by an administrator before it invites partners to review a plan."
)


def _members(organisation_id: int) -> list[User]:
    return list(
        db.session.scalars(
            select(User).where(User.organisation_id == organisation_id, User.active.is_(True))
        )
    )


def _notify_org(organisation_id: int, params: dict, link: str) -> None:
    for member in _members(organisation_id):
        notifications.notify(member, "curriculum_sync", params, link)


def _params(plan: SyncPlan, event: str, **extra: str) -> dict:
    return {
        "event": event,
        "school": plan.school.name,
        "programme": plan.curriculum.programme,
        **extra,
    }


def invite(plan: SyncPlan, partner_ids: list[int], user: User) -> list[SyncInvitation]:
    """Invite partners of the school that are verified employers on the platform; each
    employer's members are notified. Only a verified school invites; partners already invited
    are skipped and an employer is invited once per plan."""
    if not policy.can_invite_sync_partners(user, plan.organisation_id):
        raise ValidationError("partner_ids", str(NOT_VERIFIED))
    if plan.status != "open":
        raise ValidationError("partner_ids", str(_l("This plan is closed.")))
    partners = db.session.scalars(
        select(IndustryPartner).where(
            IndustryPartner.id.in_(partner_ids),
            IndustryPartner.organisation_id == plan.organisation_id,
        )
    ).all()
    if not partners:
        raise ValidationError("partner_ids", str(_l("Choose at least one partner.")))
    invited = {i.partner_id for i in plan.invitations}
    employers = {i.employer_id for i in plan.invitations}
    chosen = [p for p in partners if p.id not in invited]
    for partner in chosen:  # all checked before any is added: nothing half-saved
        if partner.employer is None or not partner.employer.is_verified:
            raise ValidationError(
                "partner_ids",
                str(_l("%(name)s is not a verified employer on the platform.", name=partner.name)),
            )
        if partner.employer_id in employers:
            raise ValidationError(
                "partner_ids",
                str(_l("%(name)s's company is already invited to this plan.", name=partner.name)),
            )
        employers.add(partner.employer_id)
    new = [SyncInvitation(partner=p, employer_id=p.employer_id) for p in chosen]
    plan.invitations.extend(new)
    db.session.flush()
    for invitation in new:
        _notify_org(
            invitation.employer_id,
            _params(plan, "invited"),
            site_path("partner_sync.invitation", invitation_id=invitation.id),
        )
    db.session.commit()
    return new


def invitations_for(user: User) -> list[SyncInvitation]:
    """The invitations of the user's employer, newest first."""
    if not policy.reviews_curriculum_sync(user):
        return []
    return list(
        db.session.scalars(
            select(SyncInvitation)
            .where(SyncInvitation.employer_id == user.organisation_id)
            .order_by(SyncInvitation.invited_at.desc(), SyncInvitation.id.desc())
        )
    )


def get_invitation(invitation_id: int, user: User) -> SyncInvitation:
    """An invitation of the user's employer; NotFoundError for any other (no hint it exists)."""
    invitation = db.session.get(SyncInvitation, invitation_id)
    if invitation is None or not policy.can_review_sync_plan(user, invitation):
        raise NotFoundError(invitation_id)
    load_plan(invitation.plan_id)
    return invitation


def comment(invitation: SyncInvitation, user: User, action_id: int, body: str) -> SyncComment:
    """A partner's comment on one action of the plan it was invited to."""
    if not policy.can_review_sync_plan(user, invitation):
        raise PermissionDeniedError(invitation.id)
    body = (body or "").strip()
    if not body:
        raise ValidationError("body", str(_l("Write a comment.")))
    if len(body) > COMMENT_MAX:
        raise ValidationError("body", str(_l("At most %(n)d characters.", n=COMMENT_MAX)))
    action = next((a for a in invitation.plan.actions if a.id == action_id), None)
    if action is None:
        raise ValidationError("action_id", str(_l("Choose an action of this plan.")))
    found = SyncComment(invitation=invitation, action=action, author_id=user.id, body=body)
    db.session.add(found)
    db.session.commit()
    return found


@dataclass(frozen=True)
class Response:
    """A partner's answer: endorse or not, who represents it, a note."""

    endorse: bool
    representative: str = ""
    note: str = ""


def respond(invitation: SyncInvitation, user: User, given: Response) -> SyncInvitation:
    """Endorse the plan or not (it may be changed while the plan is open); the school's
    members are notified."""
    if not policy.can_review_sync_plan(user, invitation):
        raise PermissionDeniedError(invitation.id)
    if invitation.plan.status != "open":
        raise ValidationError("endorse", str(_l("This plan is closed.")))
    if len(given.representative) > NAME_MAX:
        raise ValidationError("representative", str(_l("At most %(n)d characters.", n=NAME_MAX)))
    if len(given.note) > TEXT_MAX:
        raise ValidationError("note", str(_l("At most %(n)d characters.", n=TEXT_MAX)))
    invitation.status = "endorsed" if given.endorse else "not_endorsed"
    invitation.representative = given.representative.strip() or user.name
    invitation.note = given.note.strip()
    invitation.responded_at = utcnow()
    plan = invitation.plan
    _notify_org(
        plan.organisation_id,
        _params(plan, invitation.status, partner=invitation.partner.name),
        site_path("sync.plan", plan_id=plan.id),
    )
    db.session.commit()
    return invitation


@dataclass(frozen=True)
class Meeting:
    """The sync meeting as the school records it for the minutes."""

    meeting_date: date | None
    place: str
    attended_ids: tuple[int, ...]
    other_attendees: str
    agreed: str


def record_meeting(plan: SyncPlan, given: Meeting) -> SyncPlan:
    """Keep the meeting's date, place, who attended and what was agreed."""
    if len(given.place) > 200:
        raise ValidationError("place", str(_l("At most %(n)d characters.", n=200)))
    for name, text in (("other_attendees", given.other_attendees), ("agreed", given.agreed)):
        if len(text) > TEXT_MAX:
            raise ValidationError(name, str(_l("At most %(n)d characters.", n=TEXT_MAX)))
    plan.meeting_date, plan.meeting_place = given.meeting_date, given.place.strip()
    plan.other_attendees, plan.agreed = given.other_attendees.strip(), given.agreed.strip()
    for invitation in plan.invitations:
        invitation.attended = invitation.id in given.attended_ids
    db.session.commit()
    return plan


def close_plan(plan: SyncPlan) -> SyncPlan:
    """Close the plan: no more changes or answers (the minutes stay downloadable)."""
    plan.status = "closed"
    db.session.commit()
    return plan


def endorsed_by(plan: SyncPlan) -> list[SyncInvitation]:
    """The invitations that endorsed the plan."""
    return [i for i in plan.invitations if i.status == "endorsed"]
