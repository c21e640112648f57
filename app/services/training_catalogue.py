"""The training catalogue of providers and schools: create, edit, skills, ownership."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import BackgroundJob, Training, TrainingSkill, User
from app.services import skill_links
from app.services.errors import owned_by
from app.services.linking import SkillSuggestion, suggest_skills
from app.services.skill_jobs import SkillsReading

SKILLS_JOB = SkillsReading("trainings.extract", "training")


@dataclass(frozen=True)
class TrainingInput:
    """The fields a provider fills in."""

    title: str
    description: str
    mode: str
    region_id: int | None
    duration_hours: int | None
    cost: int
    audience: str = "seekers"


def list_for_provider(user: User) -> list[Training]:
    """The trainings of the user's organisation."""
    return list(
        db.session.scalars(
            select(Training)
            .where(Training.organisation_id == user.organisation_id)
            .order_by(Training.title)
        )
    )


def get_for_provider(training_id: int, user: User) -> Training:
    """A training of the user's organisation (admins see all); raises otherwise."""
    training = db.session.scalar(
        select(Training)
        .where(Training.id == training_id)
        .options(selectinload(Training.skills).selectinload(TrainingSkill.skill))
    )
    org = training.organisation_id if training is not None else None
    return owned_by(training, org, user, training_id)  # type: ignore[return-value]


def _fill(training: Training, data: TrainingInput) -> bool:
    changed = (training.title, training.description) != (
        data.title.strip(),
        data.description.strip(),
    )
    training.title = data.title.strip()
    training.description = data.description.strip()
    training.mode = data.mode
    training.region_id = data.region_id
    training.duration_hours = data.duration_hours
    training.cost = data.cost
    training.audience = data.audience
    return changed


def refresh_suggestions(training: Training) -> None:
    """Read the skills of the title and description again (people's choices stay)."""

    def make_link(s: SkillSuggestion) -> TrainingSkill:
        return TrainingSkill(
            skill_id=s.skill_id, origin="extracted", confidence=s.confidence, evidence=s.evidence
        )

    text = f"{training.title}\n{training.description}"
    skill_links.apply_suggestions(training.skills, suggest_skills(text), make_link)


def create_training(user: User, data: TrainingInput) -> Training:
    """Save a new training at once; its skills are read from the text by a background job
    (``trainings.extract``) and become suggestions within seconds."""
    training = Training(organisation_id=user.organisation_id)
    _fill(training, data)
    db.session.add(training)
    db.session.commit()
    read_skills_later(training, user)
    return training


def update_training(training: Training, data: TrainingInput, user: User | None = None) -> None:
    """Save edits at once; a changed text is read again by a background job."""
    changed = _fill(training, data)
    db.session.commit()
    if changed:
        read_skills_later(training, user)


def read_skills_later(training: Training, user: User | None) -> None:
    """Start the job that reads the training's skills from its title and description."""
    SKILLS_JOB.start(training, getattr(user, "id", None))


def skills_job(training: Training) -> BackgroundJob | None:
    """The job still reading this training's skills, if any."""
    return SKILLS_JOB.pending(training)


def skills_subject(training: Training) -> str:
    """The job subject of reading this training's skills."""
    return SKILLS_JOB.subject(training)


def add_skill(training: Training, skill_id: str) -> None:
    """The provider adds a skill."""
    skill_links.declare(training.skills, skill_id, TrainingSkill)
    db.session.commit()


def accept_skill(training: Training, link_id: int) -> None:
    """The provider accepts a suggested skill."""
    link = skill_links.find_link(training.skills, link_id)
    link.origin = "declared"
    db.session.commit()


def remove_skill(training: Training, link_id: int) -> None:
    """The provider removes a skill; it is not suggested again."""
    skill_links.reject(skill_links.find_link(training.skills, link_id))
    db.session.commit()
