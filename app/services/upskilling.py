"""What a programme's teachers are matched against on the upskilling page: the skills the
curriculum's current sync plan adds (``sync.skills_added_by_plan``), else the missing skills of
its latest gap report. A plan works on a draft version of the curriculum while the teachers stay
recorded on the version the plan was made from, so a draft is mapped back to that version."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from app.extensions import db
from app.models import Curriculum, GapReportSnapshot, SyncPlan
from app.services import sync, teachers


@dataclass(frozen=True)
class Upskilling:
    """The page's source (``plan``, ``gap_report`` or ``none``), the version whose teachers are
    matched, the plan used (if any) and the matching itself."""

    source: str
    programme: Curriculum
    plan: SyncPlan | None
    matching: teachers.Matching


def programme_of(curriculum: Curriculum) -> Curriculum:
    """The version that holds the programme's teachers: for a sync plan's draft, the version the
    plan was made from; any other curriculum is its own."""
    plan = db.session.scalar(
        select(SyncPlan)
        .where(SyncPlan.draft_id == curriculum.id)
        .order_by(SyncPlan.id.desc())
        .limit(1)
    )
    return plan.curriculum if plan is not None else curriculum


def _latest_report_at(curriculum: Curriculum) -> object:
    return db.session.scalar(
        select(GapReportSnapshot.created_at)
        .where(GapReportSnapshot.curriculum_id == curriculum.id)
        .order_by(GapReportSnapshot.created_at.desc())
        .limit(1)
    )


def current_plan(curriculum: Curriculum) -> SyncPlan | None:
    """The programme's current sync plan: the open one, else the latest closed one unless a gap
    report of the programme was saved after it (a new year's report supersedes a filed plan)."""
    programme = programme_of(curriculum)
    found = sync.open_plan(programme)
    if found is not None:
        return found
    closed = db.session.scalar(
        select(SyncPlan)
        .where(SyncPlan.curriculum_id == programme.id)
        .order_by(SyncPlan.created_at.desc(), SyncPlan.id.desc())
        .limit(1)
    )
    if closed is None:
        return None
    report_at = _latest_report_at(programme)
    return closed if report_at is None or report_at <= closed.created_at else None  # type: ignore[operator]


def plan_targets(plan: SyncPlan) -> list[teachers.SkillTarget]:
    """The skills a plan adds, with the draft unit (by name) and the action's kind."""
    return teachers.targets(
        (added.skill_id, added.unit, added.kind) for added in sync.skills_added_by_plan(plan)
    )


def for_curriculum(curriculum: Curriculum) -> Upskilling:
    """The programme's teachers against its current sync plan, else its latest gap report (of
    the curriculum itself, the draft's own report for a draft without plan)."""
    programme = programme_of(curriculum)
    plan = current_plan(curriculum)
    if plan is not None:
        return Upskilling("plan", programme, plan, teachers.match(programme, plan_targets(plan)))
    wanted = teachers.gap_report_targets(curriculum)
    source = "gap_report" if wanted else "none"
    return Upskilling(source, programme, None, teachers.match(programme, wanted))
