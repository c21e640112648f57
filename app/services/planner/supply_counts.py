"""Supply counts for the planners' pages: job seekers (people, never rows about one person),
graduates of school programmes and the skills published curricula teach.

Which seekers count (as in the open-data seekers dataset, ``docs/open_data.md``): active accounts
with the seeker role and a profile, registered before the end of the period's last month; the
seekers table has no history, so a past period counts today's profiles of the accounts that
existed then. A skill counts when the seeker confirmed it and did not remove it: ``verified``
when backed by a certificate or assessment, ``declared`` otherwise (typed, or read from a CV and
confirmed). Seekers are read from the supply aggregate (``app.models.supply``, kept by
``app.services.seeker_supply``), never profile by profile.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import func, select

from app.extensions import db
from app.models import (
    Curriculum,
    CurriculumUnit,
    LearningOutcome,
    Organisation,
    OutcomeSkill,
    ProgrammeGraduates,
    SeekerSupply,
)
from app.services.planner import Filters
from app.services.visibility import trusted_organisation_ids

# a curriculum's level as the education level its graduates hold (training: none)
LEVEL_EDUCATION = {"smk": "sma_smk", "d3": "d3", "d4": "d4", "s1": "s1"}


def _cells(filters: Filters, by_region: bool = True, skills: bool = False) -> list:
    """Clauses of the supply aggregate's rows for the filters: accounts registered by the end
    of the period, the district (unless ``by_region`` is off, for a breakdown by district) and
    education level chosen; people rows, or skill rows (``skills``)."""
    clauses = [
        SeekerSupply.month <= filters.until,
        SeekerSupply.skill_id.is_not(None) if skills else SeekerSupply.skill_id.is_(None),
    ]
    if by_region and filters.region_id is not None:
        clauses.append(SeekerSupply.region_id == filters.region_id)
    if filters.education:
        clauses.append(SeekerSupply.education_level == filters.education)
    return clauses


PEOPLE = func.sum(SeekerSupply.seekers)


def seekers_by_region(filters: Filters) -> dict[int | None, int]:
    """People per district (``None``: no district given), education filter applied."""
    rows = db.session.execute(
        select(SeekerSupply.region_id, PEOPLE)
        .where(*_cells(filters, by_region=False))
        .group_by(SeekerSupply.region_id)
    )
    return {region_id: int(n) for region_id, n in rows}


def seekers_by_education(filters: Filters) -> dict[str | None, int]:
    """People per education level (``None``: not given), district filter applied."""
    rows = db.session.execute(
        select(SeekerSupply.education_level, PEOPLE)
        .where(*_cells(filters))
        .group_by(SeekerSupply.education_level)
    )
    return {level: int(n) for level, n in rows}


def seekers_by_skill(filters: Filters) -> dict[str, dict[str, int]]:
    """Per skill, people who declared it and people with it verified (one link per person and
    skill, so the two add up to the people with the skill)."""
    rows = db.session.execute(
        select(SeekerSupply.skill_id, SeekerSupply.status, PEOPLE)
        .where(*_cells(filters, skills=True))
        .group_by(SeekerSupply.skill_id, SeekerSupply.status)
    )
    found: dict[str, dict[str, int]] = defaultdict(lambda: {"declared": 0, "verified": 0})
    for skill_id, state, n in rows:
        found[skill_id][state] = int(n)
    return dict(found)


def seekers_by_region_skill(
    filters: Filters, skill_ids: list[str] | None = None
) -> dict[tuple[int, str], int]:
    """People with each skill (declared or verified) per district and skill."""
    query = select(SeekerSupply.region_id, SeekerSupply.skill_id, PEOPLE).where(
        *_cells(filters, skills=True), SeekerSupply.region_id.is_not(None)
    )
    if skill_ids is not None:
        query = query.where(SeekerSupply.skill_id.in_(skill_ids))
    query = query.group_by(SeekerSupply.region_id, SeekerSupply.skill_id)
    return {(region, skill): int(n) for region, skill, n in db.session.execute(query)}


@dataclass(frozen=True)
class Programme:
    """A published curriculum of a trusted school with a district: a school programme."""

    id: int
    school: str
    programme: str
    concentration: str
    level: str
    version_year: int
    region_id: int

    @property
    def name(self) -> str:
        """The programme as a planner reads it: school, programme (concentration)."""
        concentration = f" ({self.concentration})" if self.concentration else ""
        return f"{self.school}: {self.programme}{concentration}"


def programmes(region_id: int | None = None, education: str | None = None) -> list[Programme]:
    """Published curricula of verified, not suspended schools that name a district (of the
    given district and education level, if any), by district, school and programme."""
    query = (
        select(Curriculum.id, Organisation.name, Curriculum.programme, Curriculum.concentration,
               Curriculum.level, Curriculum.version_year, Organisation.region_id)
        .join(Organisation, Organisation.id == Curriculum.organisation_id)
        .where(Curriculum.status == "published", Organisation.region_id.is_not(None),
               Curriculum.organisation_id.in_(trusted_organisation_ids()))
    )  # fmt: skip
    if region_id is not None:
        query = query.where(Organisation.region_id == region_id)
    if education:
        levels = [k for k, v in LEVEL_EDUCATION.items() if v == education]
        query = query.where(Curriculum.level.in_(levels))
    found = [Programme(*row) for row in db.session.execute(query)]
    return sorted(found, key=lambda p: (p.region_id, p.school, p.programme, p.id))


def graduates(curriculum_ids: list[int], years: range) -> dict[tuple[int, int], int]:
    """Graduates per (curriculum, year) for the given years."""
    if not curriculum_ids:
        return {}
    rows = db.session.execute(
        select(ProgrammeGraduates.curriculum_id, ProgrammeGraduates.year,
               ProgrammeGraduates.graduates)
        .where(ProgrammeGraduates.curriculum_id.in_(curriculum_ids),
               ProgrammeGraduates.year >= years.start, ProgrammeGraduates.year < years.stop)
    )  # fmt: skip
    return {(cid, year): int(n) for cid, year, n in rows}


def taught_skills(curriculum_ids: list[int]) -> dict[int, set[str]]:
    """The skills each curriculum's learning outcomes teach (links the school removed left out)."""
    taught: dict[int, set[str]] = defaultdict(set)
    if not curriculum_ids:
        return taught
    for curriculum_id, skill_id in db.session.execute(
        select(CurriculumUnit.curriculum_id, OutcomeSkill.skill_id)
        .join(LearningOutcome, LearningOutcome.unit_id == CurriculumUnit.id)
        .join(OutcomeSkill, OutcomeSkill.outcome_id == LearningOutcome.id)
        .where(OutcomeSkill.rejected.is_(False), CurriculumUnit.curriculum_id.in_(curriculum_ids))
    ):
        taught[curriculum_id].add(skill_id)
    return taught


def period_years(filters: Filters) -> range:
    """The calendar years the period touches (graduates are counted per year)."""
    return range(filters.since.year, filters.until.year + 1)
