"""Curricula: listing and reading them with ownership checks, and the skills of their outcomes."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import (
    BackgroundJob,
    Curriculum,
    CurriculumUnit,
    LearningOutcome,
    OutcomeSkill,
    Skill,
    User,
)
from app.models.base import utcnow
from app.services import skill_links
from app.services.errors import NotFoundError, owned_by
from app.services.linking import SkillSuggestion, read_skills_many
from app.services.skill_jobs import SkillsReading

SKILLS_JOB = SkillsReading("curricula.extract", "curriculum")


def list_for_school(user: User) -> list[Curriculum]:
    """The curricula of the user's school."""
    return list(
        db.session.scalars(
            select(Curriculum)
            .where(Curriculum.organisation_id == user.organisation_id)
            .order_by(Curriculum.programme, Curriculum.version_year.desc())
        )
    )


def with_units(curriculum_id: int) -> Curriculum | None:
    """A curriculum with its units, their outcomes and the outcomes' skills loaded at once."""
    return db.session.scalar(
        select(Curriculum)
        .where(Curriculum.id == curriculum_id)
        .options(
            selectinload(Curriculum.units)
            .selectinload(CurriculumUnit.outcomes)
            .selectinload(LearningOutcome.skills)
            .selectinload(OutcomeSkill.skill)
        )
    )


def get_for_school(curriculum_id: int, user: User) -> Curriculum:
    """A curriculum of the user's school (admins see all); raises otherwise."""
    curriculum = with_units(curriculum_id)
    org = curriculum.organisation_id if curriculum is not None else None
    return owned_by(curriculum, org, user, curriculum_id)  # type: ignore[return-value]


OUTCOME_BATCH = 64  # learning outcomes whose skills are read in one pass of the linker


def _outcomes(curriculum: Curriculum) -> list[LearningOutcome]:
    return [outcome for unit in curriculum.units for outcome in unit.outcomes]


def _was_read(outcome: LearningOutcome) -> bool:
    return outcome.skills_read_at is not None or bool(outcome.skills)


def has_unread_outcomes(curriculum: Curriculum) -> bool:
    """Some learning outcome's skills were never read (its job not done, or lost)."""
    return not all(_was_read(o) for o in _outcomes(curriculum))


def extract_outcome_skills(
    curriculum: Curriculum,
    progress: Callable[[Iterable[LearningOutcome]], Iterable[LearningOutcome]] | None = None,
    only_unread: bool = False,
    commit: bool = True,
) -> int:
    """Read the skills of each learning outcome (people's choices stay); returns how many
    outcomes were read. ``only_unread`` skips outcomes read before (``skills_read_at``) or
    that already have skill rows."""
    outcomes = [o for o in _outcomes(curriculum) if not (only_unread and _was_read(o))]
    if outcomes and db.session.scalar(select(Skill.id).limit(1)) is None:
        outcomes = []  # no vocabulary loaded: no skill could be stored
    items = progress(outcomes) if progress else outcomes

    def make_link(s: SkillSuggestion) -> OutcomeSkill:
        return OutcomeSkill(
            skill_id=s.skill_id,
            origin="extracted",
            confidence=s.confidence,
            evidence=s.evidence,
        )

    pending: list[LearningOutcome] = []

    def read_pending() -> None:  # one pass of the linker for many outcomes
        # no flush before the commit: the new rows do not hold a SQLite file's write lock
        # while the job's progress is recorded from another connection
        with db.session.no_autoflush:
            found, mentioned = read_skills_many([outcome.text for outcome in pending])
            read_at = utcnow()
            for outcome, suggestions, ids in zip(pending, found, mentioned, strict=True):
                skill_links.apply_suggestions(outcome.skills, suggestions, make_link)
                outcome.skills_read_at, outcome.mentioned_skills = read_at, ids
        pending.clear()

    for outcome in items:
        pending.append(outcome)
        if len(pending) >= OUTCOME_BATCH:
            read_pending()
    read_pending()
    if commit:
        db.session.commit()
    return len(outcomes)


def outcome_count(curriculum: Curriculum) -> int:
    """How many learning outcomes the curriculum has."""
    return len(_outcomes(curriculum))


def read_skills_later(curriculum: Curriculum, user: User | None) -> None:
    """Start the job that reads the skills of every learning outcome (``curricula.extract``)."""
    SKILLS_JOB.start(curriculum, getattr(user, "id", None))


def skills_job(curriculum: Curriculum) -> BackgroundJob | None:
    """The job still reading this curriculum's skills, if any."""
    return SKILLS_JOB.pending(curriculum)


def progress_job(curriculum: Curriculum) -> BackgroundJob | None:
    """The job whose progress page to show instead of the curriculum: a large curriculum's,
    while its skills are still being read (a small one's page shows a note and reloads)."""
    if outcome_count(curriculum) <= current_app.config["CURRICULUM_PROGRESS_PAGE_OUTCOMES"]:
        return None
    return skills_job(curriculum)


def skills_subject(curriculum: Curriculum) -> str:
    """The job subject of reading this curriculum's skills."""
    return SKILLS_JOB.subject(curriculum)


def get_outcome(curriculum: Curriculum, outcome_id: int) -> LearningOutcome:
    """An outcome of this curriculum (so ownership follows from the curriculum)."""
    for outcome in _outcomes(curriculum):
        if outcome.id == outcome_id:
            return outcome
    raise NotFoundError(outcome_id)


def add_outcome_skill(curriculum: Curriculum, outcome_id: int, skill_id: str) -> None:
    """The school adds a skill to a learning outcome."""
    outcome = get_outcome(curriculum, outcome_id)
    skill_links.declare(outcome.skills, skill_id, OutcomeSkill)
    db.session.commit()


def accept_outcome_skill(curriculum: Curriculum, outcome_id: int, link_id: int) -> None:
    """The school confirms a suggested skill."""
    link = skill_links.find_link(get_outcome(curriculum, outcome_id).skills, link_id)
    link.origin = "declared"
    link.rejected = False
    db.session.commit()


def remove_outcome_skill(curriculum: Curriculum, outcome_id: int, link_id: int) -> None:
    """The school removes a skill; it is not suggested again."""
    skill_links.reject(skill_links.find_link(get_outcome(curriculum, outcome_id).skills, link_id))
    db.session.commit()


def get_curriculum(curriculum_id: int) -> Curriculum:
    """A curriculum by id with no ownership check (command line of the education office)."""
    curriculum = db.session.get(Curriculum, curriculum_id)
    if curriculum is None:
        raise NotFoundError(curriculum_id)
    return curriculum
