"""SQLAlchemy models, one module per aggregate, re-exported so Alembic sees them all."""

from app.models.application import (
    APPLICATION_STATUSES,
    REJECTION_REASONS,
    Application,
    ApplicationEvent,
)
from app.models.audit import AuditEntry
from app.models.curriculum import (
    CURRICULUM_LEVELS,
    Curriculum,
    CurriculumUnit,
    LearningOutcome,
    OutcomeSkill,
)
from app.models.gap_report import GapReportSnapshot
from app.models.job import JOB_STATUSES, BackgroundJob
from app.models.region import Region
from app.models.seeker import VISIBILITY, SeekerProfile, SeekerSkill
from app.models.skill import SKILL_TYPES, Occupation, Skill, SkillAlias
from app.models.training import TRAINING_MODES, Training, TrainingSkill
from app.models.user import (
    ORGANISATION_KINDS,
    ROLES,
    VERIFICATION_STATUSES,
    Organisation,
    User,
)
from app.models.vacancy import (
    EDUCATION_LEVELS,
    EMPLOYMENT_TYPES,
    MODERATION_STATUSES,
    REPORT_REASONS,
    VACANCY_STATUSES,
    Vacancy,
    VacancyReport,
    VacancySkill,
)

__all__ = [
    "APPLICATION_STATUSES",
    "CURRICULUM_LEVELS",
    "EDUCATION_LEVELS",
    "JOB_STATUSES",
    "EMPLOYMENT_TYPES",
    "MODERATION_STATUSES",
    "ORGANISATION_KINDS",
    "REJECTION_REASONS",
    "REPORT_REASONS",
    "ROLES",
    "SKILL_TYPES",
    "TRAINING_MODES",
    "VACANCY_STATUSES",
    "VERIFICATION_STATUSES",
    "VISIBILITY",
    "Application",
    "AuditEntry",
    "BackgroundJob",
    "ApplicationEvent",
    "Curriculum",
    "CurriculumUnit",
    "GapReportSnapshot",
    "LearningOutcome",
    "Occupation",
    "Organisation",
    "OutcomeSkill",
    "Region",
    "SeekerProfile",
    "SeekerSkill",
    "Skill",
    "SkillAlias",
    "Training",
    "TrainingSkill",
    "User",
    "Vacancy",
    "VacancyReport",
    "VacancySkill",
]
