"""SQLAlchemy models, one module per aggregate, re-exported so Alembic sees them all."""

from app.models.api_token import API_SCOPES, ApiToken
from app.models.application import (
    APPLICATION_STATUSES,
    HIRE_WITHOUT_OFFER_FROM,
    REJECTION_REASONS,
    REOPEN_TO,
    TRANSITIONS,
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
    ProgrammeGraduates,
)
from app.models.demand import (
    ApplicationOutcome,
    FirstApplication,
    SalaryDemand,
    SkillDemand,
    SkillDemandEmployer,
    SkillDemandExample,
    VacancyDemand,
)
from app.models.feed import FEED_FORMATS, LINK_KINDS, BkkVacancy, Feed, FeedPosting
from app.models.gap_report import GapReportSnapshot
from app.models.job import JOB_STATUSES, BackgroundJob
from app.models.labour_statistic import LabourStatistic
from app.models.notification import NOTIFICATION_KINDS, Notification, SavedSearch
from app.models.opendata import OpenDataRelease
from app.models.region import Region
from app.models.seeker import VISIBILITY, SeekerProfile, SeekerSkill
from app.models.skill import (
    FREE_SKILL_MAX,
    SKILL_TYPES,
    FreeSkill,
    Occupation,
    OccupationGroup,
    Skill,
    SkillAlias,
)
from app.models.supply import SeekerSupply
from app.models.sync import (
    ACTION_KINDS,
    ACTION_STATUSES,
    PARTNER_CONTRIBUTIONS,
    IndustryPartner,
    SyncAction,
    SyncComment,
    SyncInvitation,
    SyncPlan,
)
from app.models.teachers import Teacher, TeacherSkill
from app.models.tracer import (
    TRACER_STATUSES,
    TracerGraduate,
    TracerResponse,
    TracerResponseSkill,
)
from app.models.training import TRAINING_AUDIENCES, TRAINING_MODES, Training, TrainingSkill
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
from app.models.vector import VECTOR_SUBJECTS, TextVector

__all__ = [
    "API_SCOPES",
    "ApiToken",
    "ACTION_KINDS",
    "ACTION_STATUSES",
    "PARTNER_CONTRIBUTIONS",
    "IndustryPartner",
    "SyncAction",
    "SyncComment",
    "SyncInvitation",
    "SyncPlan",
    "FEED_FORMATS",
    "LINK_KINDS",
    "BkkVacancy",
    "Feed",
    "FeedPosting",
    "SalaryDemand",
    "ApplicationOutcome",
    "FirstApplication",
    "SeekerSupply",
    "SkillDemand",
    "SkillDemandEmployer",
    "SkillDemandExample",
    "VacancyDemand",
    "APPLICATION_STATUSES",
    "CURRICULUM_LEVELS",
    "EDUCATION_LEVELS",
    "EMPLOYMENT_TYPES",
    "HIRE_WITHOUT_OFFER_FROM",
    "JOB_STATUSES",
    "LabourStatistic",
    "MODERATION_STATUSES",
    "NOTIFICATION_KINDS",
    "ORGANISATION_KINDS",
    "REJECTION_REASONS",
    "REOPEN_TO",
    "REPORT_REASONS",
    "ROLES",
    "SKILL_TYPES",
    "TRAINING_MODES",
    "TRAINING_AUDIENCES",
    "TRACER_STATUSES",
    "Teacher",
    "TeacherSkill",
    "TracerGraduate",
    "TracerResponse",
    "TracerResponseSkill",
    "TRANSITIONS",
    "VACANCY_STATUSES",
    "VERIFICATION_STATUSES",
    "VISIBILITY",
    "Application",
    "ApplicationEvent",
    "AuditEntry",
    "BackgroundJob",
    "Curriculum",
    "CurriculumUnit",
    "GapReportSnapshot",
    "LearningOutcome",
    "Notification",
    "Occupation",
    "OccupationGroup",
    "ProgrammeGraduates",
    "OpenDataRelease",
    "TextVector",
    "VECTOR_SUBJECTS",
    "Organisation",
    "OutcomeSkill",
    "Region",
    "SavedSearch",
    "SeekerProfile",
    "SeekerSkill",
    "Skill",
    "SkillAlias",
    "FreeSkill",
    "FREE_SKILL_MAX",
    "Training",
    "TrainingSkill",
    "User",
    "Vacancy",
    "VacancyReport",
    "VacancySkill",
]
