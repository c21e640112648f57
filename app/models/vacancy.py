"""Vacancies posted by employers and the skills they ask for."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import children, choice, parent_key, utcnow
from app.models.region import Region
from app.models.skill import OccupationGroup, SkillLinkMixin
from app.models.user import Organisation
from matching.keywords import term_string

EMPLOYMENT_TYPES = ("full_time", "part_time", "contract", "internship", "freelance")
EDUCATION_LEVELS = ("sma_smk", "d1", "d3", "d4", "s1", "s2")
VACANCY_STATUSES = ("draft", "open", "closed")
# clear: may be shown; held: scam signals found on save, waiting for a moderator;
# removed: taken down by a moderator (publishing again sends it back to review).
MODERATION_STATUSES = ("clear", "held", "removed")
REPORT_REASONS = ("asks_money", "fake_company", "discriminatory", "wrong_information", "other")
REPORT_STATUSES = ("open", "resolved", "dismissed")
IMPORTANCE = ("required", "preferred")
# auto: classified by the matcher from the title and skills; employer: chosen or corrected by
# the employer (a later re-extraction keeps it); outside: the matcher judged the title to be work
# outside the ICT groups (the code stays empty)
OCCUPATION_ORIGINS = ("auto", "employer", "outside")


class Vacancy(db.Model):
    """An IT job opening of one employer organisation."""

    __tablename__ = "vacancies"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id"), index=True)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    title: Mapped[str] = mapped_column(sa.String(200))
    description: Mapped[str] = mapped_column(sa.Text)
    region_id: Mapped[int] = mapped_column(sa.ForeignKey("regions.id"), index=True)
    employment_type: Mapped[str] = mapped_column(choice("employment_type", *EMPLOYMENT_TYPES))
    min_education: Mapped[str] = mapped_column(choice("education_level", *EDUCATION_LEVELS))
    salary_min: Mapped[int | None] = mapped_column(sa.BigInteger)
    salary_max: Mapped[int | None] = mapped_column(sa.BigInteger)
    status: Mapped[str] = mapped_column(
        choice("vacancy_status", *VACANCY_STATUSES), default="draft", index=True
    )
    posted_at: Mapped[datetime | None]
    closing_date: Mapped[date | None]
    moderation_status: Mapped[str] = mapped_column(
        choice("moderation_status", *MODERATION_STATUSES), default="clear", index=True
    )
    moderation_flags: Mapped[list] = mapped_column(sa.JSON, default=list)
    closed_reason: Mapped[str] = mapped_column(sa.String(40), default="")
    # the distinct keyword terms of title and description (``matching.keywords``), kept by the
    # listener below; the search index reads them (services/indexes)
    search_terms: Mapped[str] = mapped_column(sa.Text, default="")
    # KBJI 2014 unit group (4 digits); NULL until classified
    occupation_code: Mapped[str | None] = mapped_column(
        sa.ForeignKey("occupation_groups.code"), index=True
    )
    occupation_origin: Mapped[str | None] = mapped_column(
        choice("occupation_origin", *OCCUPATION_ORIGINS)
    )
    occupation_confidence: Mapped[float | None]
    # the partner system's own id of the vacancy (API writes); unique per organisation
    external_id: Mapped[str | None] = mapped_column(sa.String(100))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow, index=True)

    organisation: Mapped[Organisation] = relationship()
    region: Mapped[Region] = relationship()
    occupation: Mapped[OccupationGroup | None] = relationship()
    skills: Mapped[list[VacancySkill]] = children("vacancy")

    __table_args__ = (
        sa.CheckConstraint(
            "salary_min IS NULL OR salary_max IS NULL OR salary_min <= salary_max",
            name="salary_range",
        ),
        sa.Index("ix_vacancies_region_posted", "region_id", "posted_at"),  # demand refresh
        sa.Index("ix_vacancies_posted_at", "posted_at"),  # planners' drill-down, newest first
        sa.UniqueConstraint("organisation_id", "external_id", name="uq_vacancies_external_id"),
    )


@sa.event.listens_for(Vacancy, "before_insert")
@sa.event.listens_for(Vacancy, "before_update")
def _keep_search_terms(mapper, connection, vacancy: Vacancy) -> None:  # type: ignore[no-untyped-def]
    """The search terms follow the title and description."""
    vacancy.search_terms = term_string(f"{vacancy.title or ''}\n{vacancy.description or ''}")


class VacancySkill(SkillLinkMixin, db.Model):
    """A skill a vacancy asks for, required or nice-to-have."""

    __tablename__ = "vacancy_skills"
    __table_args__ = (sa.UniqueConstraint("vacancy_id", "skill_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    vacancy_id: Mapped[int] = parent_key("vacancies.id")
    importance: Mapped[str] = mapped_column(choice("skill_importance", *IMPORTANCE))

    vacancy: Mapped[Vacancy] = relationship(back_populates="skills")


class VacancyReport(db.Model):
    """Someone's report that a vacancy is a scam, fake, discriminatory or wrong."""

    __tablename__ = "vacancy_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    vacancy_id: Mapped[int] = parent_key("vacancies.id")
    reporter_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    reason: Mapped[str] = mapped_column(choice("report_reason", *REPORT_REASONS))
    details: Mapped[str] = mapped_column(sa.Text, default="")
    status: Mapped[str] = mapped_column(
        choice("report_status", *REPORT_STATUSES), default="open", index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    resolved_at: Mapped[datetime | None]

    vacancy: Mapped[Vacancy] = relationship()
