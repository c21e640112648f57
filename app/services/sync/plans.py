"""Sync plans: gap advice accepted as actions on a draft curriculum version, edited, removed;
the skills a plan adds (for teacher matching) and the draft's coverage beside the current one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.auth import policy
from app.extensions import db
from app.models import (
    ACTION_KINDS,
    ACTION_STATUSES,
    Curriculum,
    CurriculumUnit,
    GapReportSnapshot,
    Skill,
    SyncAction,
    SyncPlan,
    User,
)
from app.services.errors import NotFoundError, PermissionDeniedError, ValidationError, owned_by
from app.services.sync.drafts import apply_action, copy_curriculum, draft_unit_for
from app.services.sync.drafts import remove_from_draft as _remove_from_draft
from curricula.gap import Partner, UnitSuggestion

OWNER_MAX = 120
SEMESTERS = range(1, 15)


@dataclass(frozen=True)
class Advice:
    """One missing skill of a stored gap report, with the report's advice dataclasses."""

    skill_id: str
    skill: str
    demand_share: float
    coverage: float
    suggestion: UnitSuggestion | None
    partners: tuple[Partner, ...]

    @property
    def kind(self) -> str:
        """The action this advice becomes by default: add / strengthen in the suggested unit,
        else a new elective (the report's "new unit or elective": ``action == "new"``)."""
        if self.suggestion is None or self.suggestion.action == "new":
            return "elective"
        return self.suggestion.action if self.suggestion.action in ACTION_KINDS else "add"


def _suggestion(data: dict[str, Any] | None) -> UnitSuggestion | None:
    if not data:
        return None
    return UnitSuggestion(**data)


def advice_from_report(result: dict[str, Any]) -> list[Advice]:
    """The advice of a stored report (its missing skills, most demanded first)."""
    return [
        Advice(
            item["skill_id"],
            item["skill"],
            float(item["demand_share"]),
            float(item.get("coverage") or 0.0),
            _suggestion(item.get("suggested_unit")),
            tuple(Partner(p["employer"], p["vacancies"]) for p in item.get("partners", [])),
        )
        for item in result.get("missing", [])
    ]


def _require_planner(user: User, organisation_id: int) -> None:
    if not policy.can_plan_curriculum_sync(user, organisation_id):
        raise PermissionDeniedError(organisation_id)


def open_plan(curriculum: Curriculum) -> SyncPlan | None:
    """The open plan of a curriculum, if any (one at a time); for a plan's draft version, that
    plan (advice on the draft's own report goes to the same plan)."""
    return db.session.scalar(
        select(SyncPlan)
        .where(
            (SyncPlan.curriculum_id == curriculum.id) | (SyncPlan.draft_id == curriculum.id),
            SyncPlan.status == "open",
        )
        .order_by(SyncPlan.id.desc())
        .limit(1)
    )


def _new_plan(snapshot: GapReportSnapshot, user: User) -> SyncPlan:
    current = snapshot.curriculum
    plan = SyncPlan(
        organisation_id=current.organisation_id,
        curriculum=current,
        draft=copy_curriculum(current),
        snapshot_id=snapshot.id,
        created_by_id=user.id,
    )
    db.session.add(plan)
    return plan


def accept_advice(user: User, snapshot: GapReportSnapshot, skill_ids: list[str]) -> SyncPlan:
    """Turn the chosen missing skills of a stored report into actions of the curriculum's open
    plan (a new plan and draft version when none is open); skills already planned stay."""
    _require_planner(user, snapshot.curriculum.organisation_id)
    wanted = {a.skill_id: a for a in advice_from_report(snapshot.result)}
    chosen = [wanted[s] for s in dict.fromkeys(skill_ids) if s in wanted]
    if not chosen:
        raise ValidationError("skill_ids", str(_l("Choose at least one missing skill.")))
    plan = open_plan(snapshot.curriculum) or _new_plan(snapshot, user)
    on_draft = plan.draft_id == snapshot.curriculum_id
    if not on_draft:
        plan.snapshot_id = snapshot.id
    planned = {a.skill_id for a in plan.actions}
    known = set(db.session.scalars(select(Skill.id).where(Skill.id.in_(wanted))))
    for advice in chosen:
        if advice.skill_id in planned or advice.skill_id not in known:
            continue
        unit = None
        if advice.suggestion is not None and advice.suggestion.unit_id is not None and plan.draft:
            found = db.session.get(CurriculumUnit, advice.suggestion.unit_id)
            if found is not None and found.curriculum_id == plan.draft_id:
                unit = found  # advice on the draft's own report names the draft's units
            elif found is not None and found.curriculum_id == plan.curriculum_id:
                unit = draft_unit_for(plan.draft, found)
        action = SyncAction(
            skill_id=advice.skill_id,
            skill=db.session.get(Skill, advice.skill_id),
            kind=advice.kind if unit is not None or advice.kind == "elective" else "elective",
            unit=unit,
            position=len(plan.actions),
            demand_share=advice.demand_share,
            coverage=advice.coverage,
        )
        plan.actions.append(action)
        apply_action(plan, action)
    db.session.commit()
    return plan


def list_plans(user: User) -> list[SyncPlan]:
    """The plans of the user's school, newest first."""
    return list(
        db.session.scalars(
            select(SyncPlan)
            .where(SyncPlan.organisation_id == user.organisation_id)
            .order_by(SyncPlan.created_at.desc(), SyncPlan.id.desc())
        )
    )


def load_plan(plan_id: int) -> SyncPlan | None:
    """A plan with its actions, their skills and comments loaded at once."""
    return db.session.scalar(
        select(SyncPlan)
        .where(SyncPlan.id == plan_id)
        .options(
            selectinload(SyncPlan.actions).selectinload(SyncAction.skill),
            selectinload(SyncPlan.actions).selectinload(SyncAction.comments),
            selectinload(SyncPlan.invitations),
        )
    )


def get_plan(plan_id: int, user: User) -> SyncPlan:
    """A plan of the user's school (administrators may read any); raises otherwise."""
    plan = load_plan(plan_id)
    org = plan.organisation_id if plan is not None else None
    return owned_by(plan, org, user, plan_id)  # type: ignore[return-value]


@dataclass(frozen=True)
class ActionInput:
    """What the school sets on an action."""

    kind: str
    unit_id: int | None
    owner: str
    target_semester: int | None
    status: str


def _action(plan: SyncPlan, action_id: int) -> SyncAction:
    action = next((a for a in plan.actions if a.id == action_id), None)
    if action is None:
        raise NotFoundError(action_id)
    return action


def _check(plan: SyncPlan, given: ActionInput) -> CurriculumUnit | None:
    if given.kind not in ACTION_KINDS:
        raise ValidationError("kind", str(_l("Choose from the list.")))
    if given.status not in ACTION_STATUSES:
        raise ValidationError("status", str(_l("Choose from the list.")))
    if len(given.owner) > OWNER_MAX:
        raise ValidationError("owner", str(_l("At most %(n)d characters.", n=OWNER_MAX)))
    if given.target_semester is not None and given.target_semester not in SEMESTERS:
        raise ValidationError("target_semester", str(_l("Choose a semester from 1 to 14.")))
    units = {u.id: u for u in (plan.draft.units if plan.draft else [])}
    if given.kind in ("add", "strengthen"):
        if given.unit_id not in units:
            raise ValidationError("unit_id", str(_l("Choose the unit of the draft.")))
        return units[given.unit_id]
    return None


def update_action(plan: SyncPlan, action_id: int, given: ActionInput) -> SyncAction:
    """Change an action's kind, unit, owner, target semester or status; the draft follows."""
    _require_open(plan)
    action = _action(plan, action_id)
    unit = _check(plan, given)
    _remove_from_draft(action)
    action.kind, action.owner = given.kind, given.owner.strip()
    action.target_semester, action.status = given.target_semester, given.status
    action.unit = unit
    db.session.flush()
    apply_action(plan, action)
    db.session.commit()
    return action


def remove_action(plan: SyncPlan, action_id: int) -> None:
    """Delete an action and take its outcome out of the draft."""
    _require_open(plan)
    action = _action(plan, action_id)
    _remove_from_draft(action)
    plan.actions.remove(action)  # delete-orphan: the row goes at flush
    db.session.commit()


def _require_open(plan: SyncPlan) -> None:
    if plan.status != "open":
        raise ValidationError("plan", str(_l("This plan is closed.")))


class AddedSkill(NamedTuple):
    """A skill a plan adds: its id, the draft unit that teaches it (None if none), the kind."""

    skill_id: str
    unit: CurriculumUnit | None
    kind: str


def skills_added_by_plan(plan: SyncPlan) -> list[AddedSkill]:
    """The skills a plan adds to the curriculum (dropped actions left out), in plan order:
    what teacher matching needs to know."""
    return [AddedSkill(a.skill_id, a.unit, a.kind) for a in plan.actions if a.status != "dropped"]


def taught_skills(curriculum: Curriculum) -> set[str]:
    """The skill ids a curriculum's outcomes teach (removed ones left out)."""
    return {
        s.skill_id for u in curriculum.units for o in u.outcomes for s in o.skills if not s.rejected
    }


def draft_coverage(result: dict[str, Any], draft: Curriculum | None) -> float | None:
    """The draft's coverage of the demand of a stored report of the current version: the
    current coverage plus, for each missing skill the draft teaches, its uncovered share.

    A lower bound: a newly taught skill may also partly cover near skills, which only the
    draft's own gap report counts."""
    if draft is None or result.get("coverage") is None:
        return None
    taught = taught_skills(draft)
    gained = sum(
        m["demand_share"] * (1.0 - (m.get("coverage") or 0.0))
        for m in result.get("missing", [])
        if m["skill_id"] in taught
    )
    return min(1.0, result["coverage"] + gained)
