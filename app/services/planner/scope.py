"""Which vacancies a planner's number counts, written twice from one description: as clauses on
the demand aggregate's cells (what the pages sum) and as clauses on the vacancies themselves
(what the drill-down lists). Both follow ``app.services.demand.sql``: counted vacancies, a
posting month, and open in month M when posted by M and closed (or closing) in M or later."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from sqlalchemy import exists, or_

from app.models import Vacancy, VacancySkill
from app.services.demand.sql import closed_on, counted_clauses, next_month
from app.services.planner import Filters

MEASURES = ("posted", "open")


@dataclass(frozen=True)
class Scope:
    """The vacancies behind a number: those of the filters' district, occupation and education,
    posted within the filters' months (``posted``) or open at some time during them (``open``);
    optionally only those asking for ``skill_id``, not classified to an occupation
    (``unclassified``) or giving a salary (``with_salary``)."""

    filters: Filters
    measure: str = "posted"
    skill_id: str | None = None
    unclassified: bool = False
    with_salary: bool = False

    def narrowed(self, **changes: object) -> Scope:
        """The same scope with some filters changed (a row's district, a month...)."""
        return replace(self, filters=replace(self.filters, **changes))

    def cell_clauses(self, table) -> list:  # type: ignore[no-untyped-def]
        """Clauses on ``VacancyDemand`` or ``SkillDemand`` rows (``skill_id`` is the caller's)."""
        f = self.filters
        if self.measure == "open":
            clauses = [
                table.month <= f.until,
                or_(table.closed_month.is_(None), table.closed_month >= f.since),
            ]
        else:
            clauses = [table.month >= f.since, table.month <= f.until]
        return clauses + self._filter_clauses(table)

    def vacancy_clauses(self, period: bool = True) -> list:
        """The same vacancies as clauses on ``Vacancy`` (for the drill-down and salaries);
        without ``period``, posted at any time."""
        clauses = [*counted_clauses(), *(self._period() if period else ())]
        clauses += self._filter_clauses(Vacancy)
        if self.skill_id:
            clauses.append(
                exists().where(
                    VacancySkill.vacancy_id == Vacancy.id,
                    VacancySkill.skill_id == self.skill_id,
                    VacancySkill.rejected.is_(False),
                )
            )
        if self.with_salary:
            clauses.append(or_(Vacancy.salary_min.is_not(None), Vacancy.salary_max.is_not(None)))
        return clauses

    def _filter_clauses(self, table) -> list:  # type: ignore[no-untyped-def]
        """District, occupation (or none: ``unclassified``) and education, as clauses on
        ``table`` (the aggregate's cells and ``Vacancy`` name these columns alike)."""
        f = self.filters
        clauses = []
        if f.region_id is not None:
            clauses.append(table.region_id == f.region_id)
        if self.unclassified:
            clauses.append(table.occupation_code.is_(None))
        elif f.occupation_code:
            clauses.append(table.occupation_code == f.occupation_code)
        if f.education:
            clauses.append(table.min_education == f.education)
        return clauses

    def _period(self) -> list:
        """Posted within the months, or posted by their end and not closed before them."""
        f = self.filters
        end = Vacancy.posted_at < _moment(next_month(f.until))
        if self.measure == "open":
            closed = closed_on()
            return [end, or_(closed.is_(None), closed >= f.since)]
        return [Vacancy.posted_at >= _moment(f.since), end]

    def query_args(self) -> dict[str, str]:
        """The scope as the drill-down's query string."""
        args = self.filters.query_args()
        args["measure"] = self.measure
        if self.skill_id:
            args["skill"] = self.skill_id
        if self.unclassified:
            args["unclassified"] = "1"
        if self.with_salary:
            args["salary"] = "1"
        return args


def _moment(day: date) -> datetime:
    return datetime.combine(day, datetime.min.time())


def drill_url(scope: Scope) -> str:
    """The drill-down page listing the vacancies of ``scope``."""
    from flask import url_for

    return url_for("planner.vacancies", **scope.query_args())
