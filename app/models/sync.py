"""Curriculum sync with industry: a school's industry partners, the plan that turns gap advice
into actions on a draft curriculum version, the partners invited to review it, their comments
and endorsements, and the minutes of the sync meeting."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import children, choice, parent_key, utcnow
from app.models.curriculum import Curriculum, CurriculumUnit, LearningOutcome
from app.models.gap_report import GapReportSnapshot
from app.models.skill import Skill
from app.models.user import Organisation, User

# what a partner gives the school
PARTNER_CONTRIBUTIONS = ("pkl", "guest_teaching", "equipment", "certification")
# what the school does about a missing skill
ACTION_KINDS = ("add", "strengthen", "elective", "pkl", "certification")
ACTION_STATUSES = ("planned", "in_progress", "done", "dropped")
# a plan is open while the school edits it and partners review it; closed once filed
PLAN_STATUSES = ("open", "closed")
INVITATION_STATUSES = ("invited", "endorsed", "not_endorsed")


class IndustryPartner(db.Model):
    """An industry partner of a school: an employer on the platform, or one known by name."""

    __tablename__ = "industry_partners"
    __table_args__ = (sa.UniqueConstraint("organisation_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = parent_key("organisations.id")
    employer_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("organisations.id", ondelete="SET NULL"), index=True
    )
    name: Mapped[str] = mapped_column(sa.String(200))
    contributions: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    note: Mapped[str] = mapped_column(sa.String(500), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    school: Mapped[Organisation] = relationship(foreign_keys=[organisation_id])
    employer: Mapped[Organisation | None] = relationship(foreign_keys=[employer_id])


class SyncPlan(db.Model):
    """A school's plan for one curriculum: actions applied to a new draft version."""

    __tablename__ = "sync_plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = parent_key("organisations.id")
    curriculum_id: Mapped[int] = parent_key("curricula.id")
    draft_id: Mapped[int | None] = mapped_column(sa.ForeignKey("curricula.id", ondelete="SET NULL"))
    snapshot_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("gap_report_snapshots.id", ondelete="SET NULL")
    )
    status: Mapped[str] = mapped_column(choice("sync_plan_status", *PLAN_STATUSES), default="open")
    meeting_date: Mapped[date | None]
    meeting_place: Mapped[str] = mapped_column(sa.String(200), default="")
    other_attendees: Mapped[str] = mapped_column(sa.Text, default="")
    agreed: Mapped[str] = mapped_column(sa.Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    curriculum: Mapped[Curriculum] = relationship(foreign_keys=[curriculum_id])
    draft: Mapped[Curriculum | None] = relationship(foreign_keys=[draft_id])
    snapshot: Mapped[GapReportSnapshot | None] = relationship()
    school: Mapped[Organisation] = relationship()
    created_by: Mapped[User | None] = relationship()
    actions: Mapped[list[SyncAction]] = children("plan", order_by="SyncAction.position")
    invitations: Mapped[list[SyncInvitation]] = children("plan", order_by="SyncInvitation.id")


class SyncAction(db.Model):
    """One missing skill the school accepted: what it does, in which unit, who, by when."""

    __tablename__ = "sync_actions"
    __table_args__ = (sa.UniqueConstraint("plan_id", "skill_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = parent_key("sync_plans.id")
    position: Mapped[int] = mapped_column(default=0)
    skill_id: Mapped[str] = mapped_column(sa.ForeignKey("skills.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(choice("sync_action_kind", *ACTION_KINDS))
    # the unit of the draft that teaches the skill, and the outcome the action added there
    unit_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("curriculum_units.id", ondelete="SET NULL")
    )
    outcome_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("learning_outcomes.id", ondelete="SET NULL")
    )
    owner: Mapped[str] = mapped_column(sa.String(120), default="")
    target_semester: Mapped[int | None]
    status: Mapped[str] = mapped_column(
        choice("sync_action_status", *ACTION_STATUSES), default="planned"
    )
    demand_share: Mapped[float] = mapped_column(default=0.0)
    coverage: Mapped[float] = mapped_column(default=0.0)

    plan: Mapped[SyncPlan] = relationship(back_populates="actions")
    skill: Mapped[Skill] = relationship()
    unit: Mapped[CurriculumUnit | None] = relationship()
    outcome: Mapped[LearningOutcome | None] = relationship()
    comments: Mapped[list[SyncComment]] = children("action", order_by="SyncComment.id")


class SyncInvitation(db.Model):
    """A partner employer invited to review a plan, and its answer."""

    __tablename__ = "sync_invitations"
    __table_args__ = (sa.UniqueConstraint("plan_id", "partner_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = parent_key("sync_plans.id")
    partner_id: Mapped[int] = mapped_column(
        sa.ForeignKey("industry_partners.id", ondelete="CASCADE")
    )
    # the invited employer organisation (kept even if the partner row changes)
    employer_id: Mapped[int] = parent_key("organisations.id")
    status: Mapped[str] = mapped_column(
        choice("sync_invitation_status", *INVITATION_STATUSES), default="invited"
    )
    attended: Mapped[bool] = mapped_column(default=False)
    representative: Mapped[str] = mapped_column(sa.String(120), default="")
    note: Mapped[str] = mapped_column(sa.Text, default="")
    invited_at: Mapped[datetime] = mapped_column(default=utcnow)
    responded_at: Mapped[datetime | None]

    plan: Mapped[SyncPlan] = relationship(back_populates="invitations")
    partner: Mapped[IndustryPartner] = relationship()
    employer: Mapped[Organisation] = relationship()
    comments: Mapped[list[SyncComment]] = children("invitation", order_by="SyncComment.id")


class SyncComment(db.Model):
    """A partner's comment on one action of a plan it was invited to."""

    __tablename__ = "sync_comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    invitation_id: Mapped[int] = parent_key("sync_invitations.id")
    action_id: Mapped[int] = parent_key("sync_actions.id")
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    invitation: Mapped[SyncInvitation] = relationship(back_populates="comments")
    action: Mapped[SyncAction] = relationship(back_populates="comments")
    author: Mapped[User | None] = relationship()
