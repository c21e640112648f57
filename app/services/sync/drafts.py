"""The draft version of a curriculum a sync plan changes: a copy of the current version, and
each action applied to it as a learning outcome that teaches the action's skill."""

from __future__ import annotations

from flask_babel import force_locale
from flask_babel import gettext as _

from app.extensions import db
from app.models import (
    Curriculum,
    CurriculumUnit,
    LearningOutcome,
    OutcomeSkill,
    SyncAction,
    SyncPlan,
)


def _shared_unit_name(kind: str) -> str:
    """The unit PKL topics and certifications go to (created in the draft), in Indonesian."""
    with force_locale("id"):
        if kind == "pkl":
            return _("Industry placement (PKL)")
        return _("Industry certification")


def copy_curriculum(current: Curriculum) -> Curriculum:
    """A new draft version: the same units, outcomes and skills (removed skills left out)."""
    draft = Curriculum(
        organisation_id=current.organisation_id,
        programme=current.programme,
        concentration=current.concentration,
        level=current.level,
        version_year=current.version_year + 1,
        status="draft",
    )
    for unit in current.units:
        draft.units.append(
            CurriculumUnit(
                position=unit.position,
                code=unit.code,
                name=unit.name,
                phase=unit.phase,
                semester=unit.semester,
                hours=unit.hours,
                credits=unit.credits,
                outcomes=[
                    LearningOutcome(
                        position=o.position,
                        text=o.text,
                        skills_read_at=o.skills_read_at,  # the same text, read already
                        mentioned_skills=o.mentioned_skills,
                        skills=[
                            OutcomeSkill(
                                skill_id=s.skill_id,
                                origin=s.origin,
                                confidence=s.confidence,
                                evidence=s.evidence,
                            )
                            for s in o.skills
                            if not s.rejected
                        ],
                    )
                    for o in unit.outcomes
                ],
            )
        )
    db.session.add(draft)
    return draft


def draft_unit_for(draft: Curriculum, current_unit: CurriculumUnit | None) -> CurriculumUnit | None:
    """The draft's copy of a unit of the current version (same position, code and name)."""
    if current_unit is None:
        return None
    for unit in draft.units:
        key = (unit.position, unit.code, unit.name)
        if key == (current_unit.position, current_unit.code, current_unit.name):
            return unit
    return next((u for u in draft.units if u.name == current_unit.name), None)


def _new_unit(draft: Curriculum, name: str, semester: int | None) -> CurriculumUnit:
    unit = CurriculumUnit(
        name=name,
        position=max((u.position for u in draft.units), default=-1) + 1,
        semester=semester,
    )
    draft.units.append(unit)
    return unit


def _unit_for(draft: Curriculum, action: SyncAction, label: str) -> CurriculumUnit:
    """Where the action's outcome goes: the chosen unit, else a unit its kind creates."""
    if action.unit is not None and action.kind in ("add", "strengthen"):
        return action.unit
    if action.kind in ("pkl", "certification"):
        name = _shared_unit_name(action.kind)
        found = next((u for u in draft.units if u.name == name), None)
        return found or _new_unit(draft, name, action.target_semester)
    if action.kind == "elective":
        with force_locale("id"):
            name = _("Elective: %(skill)s", skill=label)
        return _new_unit(draft, name, action.target_semester)
    return _new_unit(draft, label, action.target_semester)


def outcome_text(action: SyncAction, label: str) -> str:
    """The learning outcome an action adds, in Indonesian (the curriculum's language)."""
    with force_locale("id"):
        if action.kind == "pkl":
            return _("Students practise %(skill)s during industry placement (PKL).", skill=label)
        if action.kind == "certification":
            return _("Students prepare for an industry certification in %(skill)s.", skill=label)
        return _(
            "Students are able to apply %(skill)s (curriculum sync with industry).", skill=label
        )


def apply_action(plan: SyncPlan, action: SyncAction) -> None:
    """Put the action in the draft: a learning outcome teaching its skill, in its unit."""
    remove_from_draft(action)
    draft = plan.draft
    if draft is None or action.status == "dropped":
        return
    label = action.skill.label_id if action.skill is not None else action.skill_id
    unit = _unit_for(draft, action, label)
    outcome = LearningOutcome(
        text=outcome_text(action, label),
        position=max((o.position for o in unit.outcomes), default=-1) + 1,
        skills=[OutcomeSkill(skill_id=action.skill_id, origin="declared")],
    )
    unit.outcomes.append(outcome)
    action.unit = unit
    action.outcome = outcome


def remove_from_draft(action: SyncAction) -> None:
    """Take the action's learning outcome out of the draft (a unit it created and left empty
    goes too)."""
    outcome = action.outcome
    if outcome is None:
        return
    unit = outcome.unit
    action.outcome = None
    unit.outcomes.remove(outcome)  # delete-orphan: the row goes at flush
    if not unit.outcomes and unit.name not in _current_unit_names(action):
        if action.unit is unit:
            action.unit = None
        unit.curriculum.units.remove(unit)


def _current_unit_names(action: SyncAction) -> set[str]:
    return {u.name for u in action.plan.curriculum.units}
