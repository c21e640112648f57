"""A vacancy's skills: read from its title and description (now, or by the ``vacancies.extract``
job), and the employer's own choices (add, mark required or nice to have, remove). The
caller of the readers commits; the employer's edits commit."""

from __future__ import annotations

from app.extensions import db
from app.models import BackgroundJob, User, Vacancy, VacancySkill
from app.models.base import utcnow
from app.services import skill_links
from app.services.linking import SkillSuggestion, suggest_skills
from app.services.skill_jobs import SkillsReading
from matching.importance import importance_of

SKILLS_JOB = SkillsReading("vacancies.extract", "vacancy")


def suggestion_text(title: str, description: str) -> str:
    """The text whose skills a vacancy is given: its title and description."""
    return f"{title.strip()}\n{description.strip()}"


def refresh_suggestions(vacancy: Vacancy, suggestions: list[SkillSuggestion] | None = None) -> None:
    """Extract the skills of the title and description again (unless given)."""
    if suggestions is None:
        suggestions = suggest_skills(suggestion_text(vacancy.title, vacancy.description))

    def make_link(s: SkillSuggestion) -> VacancySkill:
        return VacancySkill(
            skill_id=s.skill_id,
            origin="extracted",
            importance=importance_of(s.evidence),
            confidence=s.confidence,
            evidence=s.evidence,
        )

    skill_links.apply_suggestions(vacancy.skills, suggestions, make_link)
    vacancy.updated_at = utcnow()


def read_skills_later(vacancy: Vacancy, user: User | None) -> None:
    """Start the job that reads the vacancy's skills from its title and description."""
    SKILLS_JOB.start(vacancy, getattr(user, "id", None))


def skills_job(vacancy: Vacancy) -> BackgroundJob | None:
    """The job still reading this vacancy's skills, if any."""
    return SKILLS_JOB.pending(vacancy)


def skills_subject(vacancy: Vacancy) -> str:
    """The job subject of reading this vacancy's skills."""
    return SKILLS_JOB.subject(vacancy)


def add_skill(vacancy: Vacancy, skill_id: str, importance: str) -> None:
    """The employer adds a skill (required or nice to have)."""
    skill_links.declare_for_vacancy(vacancy, skill_id, importance)
    vacancy.updated_at = utcnow()
    db.session.commit()


def set_skill_importance(vacancy: Vacancy, link_id: int, importance: str) -> None:
    """Mark a skill required or nice to have (this also accepts a suggestion)."""
    link = skill_links.find_link(vacancy.skills, link_id)
    link.importance = importance
    link.origin = "declared"
    link.rejected = False
    vacancy.updated_at = utcnow()
    db.session.commit()


def remove_skill(vacancy: Vacancy, link_id: int) -> None:
    """The employer removes a skill; it is not suggested again."""
    skill_links.reject(skill_links.find_link(vacancy.skills, link_id))
    vacancy.updated_at = utcnow()
    db.session.commit()
