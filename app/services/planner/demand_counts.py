"""What the planners' Demand and Outcomes pages read from the demand aggregate: vacancies and
skill requests summed from its cells, the names of districts, occupations and skills, and the
source line of its figures."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from app.extensions import db
from app.language import current_language
from app.models import OccupationGroup, Region, Skill, SkillDemand, VacancyDemand
from app.services.planner.scope import Scope

SOURCE = _l("Source: Link & Match, vacancies of verified employers (demand aggregate).")


def region_names() -> dict[int, str]:
    """Every district's name by id."""
    return dict(db.session.execute(select(Region.id, Region.name)).all())


def occupation_names() -> dict[str, str]:
    """Every KBJI group's code and title in the UI language."""
    title = OccupationGroup.title_id if current_language() == "id" else OccupationGroup.title_en
    rows = db.session.execute(select(OccupationGroup.code, OccupationGroup.title_id, title))
    return {code: f"{code} {own or fallback}" for code, fallback, own in rows}


def skill_names(ids: Sequence[str]) -> dict[str, str]:
    """Skill labels in the UI language."""
    if not ids:
        return {}
    column = Skill.label_column(current_language())
    return dict(db.session.execute(select(Skill.id, column).where(Skill.id.in_(list(ids)))).all())


def vacancy_counts(scope: Scope, *by: str) -> dict[tuple, int]:
    """Vacancies of ``scope`` summed from the cells, per value of the ``by`` columns."""
    columns = [getattr(VacancyDemand, name) for name in by]
    rows = db.session.execute(
        select(*columns, func.sum(VacancyDemand.vacancies))
        .where(*scope.cell_clauses(VacancyDemand))
        .group_by(*columns)
    )
    return {tuple(row[:-1]): int(row[-1] or 0) for row in rows}


def skill_counts(scope: Scope, *by: str, skills: Sequence[str] | None = None) -> dict[tuple, int]:
    """Vacancies of ``scope`` asking for each skill (required or nice to have), per skill and
    value of the ``by`` columns (``skills``: only those)."""
    columns = [SkillDemand.skill_id, *(getattr(SkillDemand, name) for name in by)]
    clauses = scope.cell_clauses(SkillDemand)
    if skills is not None:
        clauses.append(SkillDemand.skill_id.in_(list(skills)))
    rows = db.session.execute(
        select(*columns, func.sum(SkillDemand.vacancies)).where(*clauses).group_by(*columns)
    )
    return {tuple(row[:-1]): int(row[-1] or 0) for row in rows}


def month_label(month: date) -> str:
    """A month as shown in tables: YYYY-MM."""
    return month.strftime("%Y-%m")


def narrow_occupation(scope: Scope, code: object) -> Scope:
    """``scope`` narrowed to one KBJI group (``None``: the vacancies not classified yet)."""
    if code is None:
        return Scope(scope.filters, scope.measure, unclassified=True)
    return scope.narrowed(occupation_code=code)


def totals_by_skill(counts: dict[tuple, int]) -> dict[str, int]:
    """Summed over the other columns: vacancies per skill."""
    totals: dict[str, int] = defaultdict(int)
    for key, n in counts.items():
        totals[key[0]] += n
    return totals
