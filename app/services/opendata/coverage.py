"""Programme coverage: per published school programme (curriculum), how many of its district's
most demanded skills its learning outcomes teach. A plain count (no embeddings, no near
skills), so it can be built in a monthly job; the school's gap report is the finer measure."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime

from sqlalchemy import func, select

from app.extensions import db
from app.models import (
    Curriculum,
    CurriculumUnit,
    LearningOutcome,
    Organisation,
    OutcomeSkill,
    Region,
    SkillDemand,
)
from app.services.demand.sql import next_month
from app.services.opendata.datasets import Row
from app.services.visibility import trusted_organisation_ids

TOP_SKILLS = 20
WINDOW_MONTHS = 12


def window_start(month: date) -> date:
    """The first month of the ``WINDOW_MONTHS`` posting months ending with ``month``."""
    index = month.year * 12 + month.month - 1 - (WINDOW_MONTHS - 1)
    return date(index // 12, index % 12 + 1, 1)


def top_skills(month: date) -> dict[int, list[str]]:
    """Per region, the ``TOP_SKILLS`` skills required by most counted vacancies posted in the
    window (ties: by skill id)."""
    total = func.sum(SkillDemand.vacancies)
    rows = db.session.execute(
        select(SkillDemand.region_id, SkillDemand.skill_id, total)
        .where(SkillDemand.required.is_(True), SkillDemand.month >= window_start(month),
               SkillDemand.month <= month)
        .group_by(SkillDemand.region_id, SkillDemand.skill_id)
    ).all()  # fmt: skip
    ranked: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for region_id, skill_id, n in rows:
        ranked[region_id].append((-int(n), skill_id))
    return {r: [s for _, s in sorted(items)[:TOP_SKILLS]] for r, items in ranked.items()}


def build_coverage(month: date) -> list[Row]:
    """One row per published curriculum of a trusted school with a district, created by the end
    of ``month``: its district's top demanded skills and how many its outcomes teach."""
    end = datetime.combine(next_month(month), datetime.min.time())
    curricula = db.session.execute(
        select(Curriculum.id, Curriculum.programme, Curriculum.concentration, Curriculum.level,
               Curriculum.version_year, Organisation.name, Region.id, Region.code, Region.name)
        .join(Organisation, Organisation.id == Curriculum.organisation_id)
        .join(Region, Region.id == Organisation.region_id)
        .where(Curriculum.status == "published", Curriculum.created_at < end,
               Curriculum.organisation_id.in_(trusted_organisation_ids()))
    ).all()  # fmt: skip
    taught: dict[int, set[str]] = defaultdict(set)
    for curriculum_id, skill_id in db.session.execute(
        select(CurriculumUnit.curriculum_id, OutcomeSkill.skill_id)
        .join(LearningOutcome, LearningOutcome.unit_id == CurriculumUnit.id)
        .join(OutcomeSkill, OutcomeSkill.outcome_id == LearningOutcome.id)
        .where(OutcomeSkill.rejected.is_(False),
               CurriculumUnit.curriculum_id.in_([c[0] for c in curricula]))
    ):  # fmt: skip
        taught[curriculum_id].add(skill_id)
    tops = top_skills(month)
    rows = []
    for cid, programme, concentration, level, year, school, region_id, code, name in curricula:
        top = tops.get(region_id, [])
        covered = sum(1 for skill in top if skill in taught[cid])
        rows.append({
            "month": month.strftime("%Y-%m"), "region_code": code, "region_name": name,
            "school": school, "curriculum_id": cid, "programme": programme,
            "concentration": concentration, "level": level, "version_year": year,
            "skills_taught": len(taught[cid]), "top_skills": len(top),
            "top_skills_covered": covered,
            "coverage_share": round(covered / len(top), 3) if top else None,
        })  # fmt: skip
    return sorted(rows, key=lambda row: (row["region_code"], row["school"], row["curriculum_id"]))
