"""The demand aggregate: what vacancies ask for, per skill x region x month x occupation x
education asked, kept up to date by ``app.services.demand`` so that reports and the planners'
pages read cells instead of every vacancy.

Only vacancies that count (published, cleared by moderation, of a verified organisation that is
not suspended) and that have at least one skill contribute. ``month`` is the first day of the
posting month; ``closed_month`` the first day of the month the vacancy closed (or closes: the
closing date of an open vacancy), ``NULL`` for an open vacancy without a closing date. A vacancy
was open in month M when ``month <= M`` and ``closed_month`` is ``NULL`` or ``>= M``.
``occupation_code`` is the vacancy's KBJI 2014 group (``NULL``: not classified) and
``min_education`` the education it asks for; a reader that does not filter on them sums over them.
"""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db


class _Cell:
    """A region and posting month: the columns every aggregate row is keyed by."""

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(sa.ForeignKey("regions.id"))
    month: Mapped[date]


class _VacancyCell(_Cell):
    """A cell with the vacancy's closing month, occupation group and education asked."""

    closed_month: Mapped[date | None]
    occupation_code: Mapped[str | None] = mapped_column(sa.String(4))
    min_education: Mapped[str | None] = mapped_column(sa.String(10))


class _SkillCell(_Cell):
    """A cell of one skill."""

    skill_id: Mapped[str] = mapped_column(sa.ForeignKey("skills.id", ondelete="CASCADE"))


class SkillDemand(_VacancyCell, db.Model):
    """How many counted vacancies of a region, posted in a month (and closed in a month), asked
    for a skill as required or as nice to have. Every count sums over any set of cells."""

    __tablename__ = "skill_demand"
    __table_args__ = (
        sa.Index("ix_skill_demand_region_month", "region_id", "month"),
        sa.Index("ix_skill_demand_skill_region_month", "skill_id", "region_id", "month"),
    )

    skill_id: Mapped[str] = mapped_column(sa.ForeignKey("skills.id", ondelete="CASCADE"))
    required: Mapped[bool]
    vacancies: Mapped[int]
    open_vacancies: Mapped[int]  # of them, still open (status) at the last refresh


class VacancyDemand(_VacancyCell, db.Model):
    """Counted vacancies per region, posting month, closing month, occupation and education
    asked: ``with_skills`` rows are the vacancies with at least one skill (the number a gap
    report divides by); all rows together are the planners' vacancy counts."""

    __tablename__ = "vacancy_demand"
    __table_args__ = (sa.Index("ix_vacancy_demand_region_month", "region_id", "month"),)

    with_skills: Mapped[bool] = mapped_column(default=True, server_default=sa.true())
    vacancies: Mapped[int]
    open_vacancies: Mapped[int]


class SalaryDemand(_VacancyCell, db.Model):
    """Counted vacancies that give a salary, per cell and salary: the middle of the minimum and
    maximum offered, or the one given (rupiah per month). Salaries are round numbers, so there
    are few distinct values per cell, and quartiles are read exactly from the counts."""

    __tablename__ = "salary_demand"
    __table_args__ = (sa.Index("ix_salary_demand_region_month", "region_id", "month"),)

    salary: Mapped[float] = mapped_column(sa.Double)
    vacancies: Mapped[int]


class ApplicationOutcome(_Cell, db.Model):
    """Applications through the platform to counted vacancies, per the vacancy's cell (region,
    posting month, occupation, education asked), the applicant's education and the month of
    the application: how many, and how many reached an interview, an offer and a hire."""

    __tablename__ = "application_outcomes"
    __table_args__ = (sa.Index("ix_application_outcomes_region_month", "region_id", "month"),)

    occupation_code: Mapped[str | None] = mapped_column(sa.String(4))
    min_education: Mapped[str | None] = mapped_column(sa.String(10))
    applicant_education: Mapped[str | None] = mapped_column(sa.String(10))
    applied_month: Mapped[date]
    applications: Mapped[int]
    interviews: Mapped[int]
    offers: Mapped[int]
    hires: Mapped[int]


class FirstApplication(_VacancyCell, db.Model):
    """Counted vacancies with an application, per cell and the whole days from posting to the
    first application (medians are read exactly from the counts)."""

    __tablename__ = "first_applications"
    __table_args__ = (sa.Index("ix_first_applications_region_month", "region_id", "month"),)

    days: Mapped[int]
    vacancies: Mapped[int]


class SkillDemandExample(_SkillCell, db.Model):
    """A few vacancies per skill, region, posting month and occupation (required first, newest
    first) whose sentence shows the skill in a report."""

    __tablename__ = "skill_demand_examples"
    __table_args__ = (
        sa.Index("ix_skill_demand_examples_cell", "skill_id", "region_id", "month"),
        sa.Index("ix_skill_demand_examples_region_month", "region_id", "month"),
    )

    occupation_code: Mapped[str | None] = mapped_column(sa.String(4))  # the vacancy's KBJI group
    vacancy_id: Mapped[int] = mapped_column(sa.ForeignKey("vacancies.id", ondelete="CASCADE"))
    required: Mapped[bool]
    rank: Mapped[int]


class SkillDemandEmployer(_SkillCell, db.Model):
    """The employers asking most for a skill in a region, posting month and occupation (a few
    per cell), with their number of vacancies: the report's industry partners."""

    __tablename__ = "skill_demand_employers"
    __table_args__ = (
        sa.Index("ix_skill_demand_employers_cell", "skill_id", "region_id", "month"),
        sa.Index("ix_skill_demand_employers_region_month", "region_id", "month"),
    )

    occupation_code: Mapped[str | None] = mapped_column(sa.String(4))  # the vacancies' KBJI group
    organisation_id: Mapped[int] = mapped_column(
        sa.ForeignKey("organisations.id", ondelete="CASCADE")
    )
    vacancies: Mapped[int]
