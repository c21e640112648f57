"""Demand against supply per skill and district, for the planners' Gaps page.

- demand share of a skill in a district = vacancies of the district open at some time in the
  period that ask for the skill (required or nice to have) / all such vacancies of the district
  (the demand aggregate: ``skill_demand`` and ``vacancy_demand``);
- supply share = job seekers of the district with the skill (declared or verified) / job
  seekers of the district (``supply_counts``);
- shortage index = demand share / supply share. Zero supply: ``math.inf`` when the skill is in
  demand (shown as "no job seekers" and ranked first), ``None`` when neither side has it.

A programme's coverage of its district's demand is the school gap report's overall coverage
(``curricula.gap``: demand shares weighted by recency and importance, taught skills cover fully,
near skills partly), computed from the demand aggregate as the report does.
"""

from __future__ import annotations

import calendar
import math
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, or_, select

from app.extensions import db
from app.models import Region, SkillDemand, Training, TrainingSkill, VacancyDemand
from app.services.clock import today
from app.services.demand import aggregated_demand
from app.services.gap_reports.demand import _near_mapping
from app.services.planner import Filters, month_start
from app.services.planner import supply_counts as counts
from app.services.visibility import trusted_organisation_ids
from curricula.gap import GapParameters, supply_coverage

MIN_VACANCIES = 5  # a skill asked by fewer vacancies of a district is not ranked


def shortage_index(demand_share: float, supply_share: float) -> float | None:
    """Demand share over supply share; ``inf`` for demand without supply, ``None`` for
    neither."""
    if supply_share > 0:
        return demand_share / supply_share
    return math.inf if demand_share > 0 else None


@dataclass(frozen=True)
class Shortage:
    """One skill in one area (a district, or the province: ``region_id`` ``None``), with the
    counts behind its shares."""

    skill_id: str
    region_id: int | None
    vacancies: int
    vacancies_total: int
    seekers: int
    seekers_total: int

    @property
    def demand_share(self) -> float:
        """Share of the area's vacancies asking for the skill."""
        return self.vacancies / self.vacancies_total if self.vacancies_total else 0.0

    @property
    def supply_share(self) -> float:
        """Share of the area's job seekers with the skill."""
        return self.seekers / self.seekers_total if self.seekers_total else 0.0

    @property
    def index(self) -> float | None:
        """The shortage index (see the module)."""
        return shortage_index(self.demand_share, self.supply_share)


def _window(table, filters: Filters) -> list:  # type: ignore[no-untyped-def]
    """Cells of vacancies open at some time in the period (as the gap report reads them), of the
    district and the KBJI occupation group when chosen."""
    clauses = [
        table.month <= filters.until,
        or_(table.closed_month.is_(None), table.closed_month >= filters.since),
    ]
    if filters.region_id is not None:
        clauses.append(table.region_id == filters.region_id)
    if filters.occupation_code:
        clauses.append(table.occupation_code == filters.occupation_code)
    return clauses


def demand(filters: Filters) -> tuple[dict[tuple[int, str], int], dict[int, int]]:
    """Vacancies per (district, skill) and per district (those with at least one skill, the
    gap report's denominator), of the period, district and occupation chosen."""
    skill_rows = db.session.execute(
        select(SkillDemand.region_id, SkillDemand.skill_id, func.sum(SkillDemand.vacancies))
        .where(*_window(SkillDemand, filters))
        .group_by(SkillDemand.region_id, SkillDemand.skill_id)
    )
    totals = db.session.execute(
        select(VacancyDemand.region_id, func.sum(VacancyDemand.vacancies))
        .where(*_window(VacancyDemand, filters), VacancyDemand.with_skills.is_(True))
        .group_by(VacancyDemand.region_id)
    )
    by_skill = {(region, skill): int(n) for region, skill, n in skill_rows}
    return by_skill, {region: int(n) for region, n in totals}


def shortages(filters: Filters) -> list[Shortage]:
    """Every (district, skill) cell with at least ``MIN_VACANCIES`` vacancies, largest
    shortage first (no supply first, then by index, then by vacancies)."""
    wanted, vacancies = demand(filters)
    cells = [key for key, n in wanted.items() if n >= MIN_VACANCIES]
    seekers = counts.seekers_by_region_skill(filters, sorted({s for _, s in cells}))
    people = counts.seekers_by_region(filters)
    found = [
        Shortage(skill, region, wanted[(region, skill)], vacancies.get(region, 0),
                 seekers.get((region, skill), 0), people.get(region, 0))
        for region, skill in cells
    ]  # fmt: skip
    return sorted(found, key=_rank)


def _rank(cell: Shortage) -> tuple:
    """Sort key: the largest shortage first; a hidden (1 to 4) supply ranks as if it were 5, so
    the order says no more than the hidden cell does."""
    seekers = cell.seekers if cell.seekers == 0 or cell.seekers >= 5 else 5
    share = seekers / cell.seekers_total if cell.seekers_total else 0.0
    index = shortage_index(cell.demand_share, share)
    return (-(index if index is not None else -1.0), -cell.vacancies, cell.skill_id,
            cell.region_id or 0)  # fmt: skip


def area_shortages(filters: Filters) -> list[Shortage]:
    """The same per skill over the whole area (the chosen district, or every district summed:
    the province), largest shortage first."""
    wanted, vacancies = demand(filters)
    per_skill: dict[str, int] = {}
    for (_region, skill), n in wanted.items():
        per_skill[skill] = per_skill.get(skill, 0) + n
    skills = sorted(s for s, n in per_skill.items() if n >= MIN_VACANCIES)
    seekers: dict[str, int] = {}
    for (_region, skill), n in counts.seekers_by_region_skill(filters, skills).items():
        seekers[skill] = seekers.get(skill, 0) + n
    people = counts.seekers_by_region(filters)
    people_total = sum(
        n for region, n in people.items()
        if region is not None and filters.region_id in (None, region)
    )  # fmt: skip
    found = [
        Shortage(s, filters.region_id, per_skill[s], sum(vacancies.values()),
                 seekers.get(s, 0), people_total)
        for s in skills
    ]  # fmt: skip
    return sorted(found, key=_rank)


def trainings_by_skill(skill_ids: list[str], region_id: int | None) -> dict[str, list[str]]:
    """Titles of the catalogue's trainings (of trusted providers) teaching each skill, in the
    district or online (any, for the province), sorted by title."""
    if not skill_ids:
        return {}
    query = (
        select(TrainingSkill.skill_id, Training.title)
        .join(Training, Training.id == TrainingSkill.training_id)
        .where(TrainingSkill.skill_id.in_(skill_ids), TrainingSkill.rejected.is_(False),
               Training.organisation_id.in_(trusted_organisation_ids()))
        .order_by(Training.title, Training.id)
    )  # fmt: skip
    if region_id is not None:
        query = query.where(or_(Training.region_id == region_id, Training.region_id.is_(None)))
    found: dict[str, list[str]] = {}
    for skill_id, title in db.session.execute(query):
        found.setdefault(skill_id, []).append(title)
    return found


def gap_parameters(filters: Filters, region_name: str) -> GapParameters:
    """The gap report's parameters for the period: ``as_of`` today when the period ends this
    month (else the last day of its last month), as many months as the period has."""
    now = today()
    if filters.until >= month_start(now):
        as_of = now
    else:
        last = calendar.monthrange(filters.until.year, filters.until.month)[1]
        as_of = date(filters.until.year, filters.until.month, last)
    return GapParameters(as_of=as_of, regions=frozenset({region_name}), months=len(filters.months))


@dataclass(frozen=True)
class ProgrammeCoverage:
    """A programme's coverage of its district's demand (``None``: too few vacancies)."""

    programme: counts.Programme
    coverage: float | None
    vacancies: int


def programme_coverage(filters: Filters) -> list[ProgrammeCoverage]:
    """Every programme of the filters with the school gap report's coverage number against its
    own district's demand (one demand read per district)."""
    found = counts.programmes(filters.region_id, filters.education)
    taught = counts.taught_skills([p.id for p in found])
    names = {k: v for k, v in db.session.execute(select(Region.id, Region.name))}
    per_district = {}
    for region_id in sorted({p.region_id for p in found}):
        params = gap_parameters(filters, names[region_id])
        per_district[region_id] = (params, aggregated_demand(params, [region_id]))
    every_skill = set().union(*taught.values()) if taught else set()
    for _params, agg in per_district.values():
        every_skill |= set(agg.skill_ids)
    near = _near_mapping(every_skill) if found else {}
    result, memo = [], {}
    for programme in found:  # many programmes teach the same skills (one national structure)
        params, agg = per_district[programme.region_id]
        key = (programme.region_id, frozenset(taught.get(programme.id, set())))
        if key not in memo:
            memo[key] = _coverage(agg, set(key[1]), near, params)
        result.append(ProgrammeCoverage(programme, memo[key], agg.vacancies_considered))
    return result


def _coverage(agg, taught: set[str], near, params: GapParameters) -> float | None:  # type: ignore[no-untyped-def]
    """Overall coverage as ``build_gap_report`` computes it (``None`` where it refuses)."""
    if agg.vacancies_considered < params.min_vacancies or agg.total_weight <= 0:
        return None
    shares = agg.shares()
    demanded = {
        agg.skill_ids[i]: float(shares[i])
        for i in range(len(agg.skill_ids))
        if agg.skill_vacancies[i] > 0
    }
    covered = supply_coverage(demanded, taught, near, params)
    return float(sum(demanded[s] * c.coverage for s, c in covered.items()))
