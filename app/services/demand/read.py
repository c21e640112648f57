"""Reading the demand aggregate for a report: per-skill totals of a window and area, and the
sentences and employers of the skills a report lists."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import numpy as np
from sqlalchemy import case, func, or_, select

from app.extensions import db
from app.models import (
    Organisation,
    Skill,
    SkillAlias,
    SkillDemand,
    SkillDemandEmployer,
    SkillDemandExample,
    Vacancy,
    VacancyDemand,
    VacancySkill,
)
from curricula.gap import (
    AggregatedDemand,
    GapParameters,
    SkillExamples,
    month_window,
    rank_evidence,
    rank_partners,
)


def _area(table, region_ids: Sequence[int] | None, first: date, last: date) -> list:  # type: ignore[no-untyped-def]
    clauses = [table.month <= last]
    if hasattr(table, "closed_month"):
        clauses.append(or_(table.closed_month.is_(None), table.closed_month >= first))
    else:  # examples and employers: vacancies posted within the window's months
        clauses.append(table.month >= first)
    if region_ids is not None:
        clauses.append(table.region_id.in_(list(region_ids)))
    return clauses


def aggregated_demand(params: GapParameters, region_ids: Sequence[int] | None) -> AggregatedDemand:
    """The demand of a report from the aggregate: cells of the area (``None``: all regions)
    and of ``month_window(params)``, weighed per month; examples read on request."""
    first, last = month_window(params)
    rows = db.session.execute(
        select(
            SkillDemand.skill_id,
            SkillDemand.month,
            SkillDemand.required,
            func.sum(SkillDemand.vacancies),
        )
        .where(*_area(SkillDemand, region_ids, first, last))
        .group_by(SkillDemand.skill_id, SkillDemand.month, SkillDemand.required)
    ).all()
    considered = db.session.scalar(
        select(func.coalesce(func.sum(VacancyDemand.vacancies), 0)).where(
            *_area(VacancyDemand, region_ids, first, last)
        )
    )
    index: dict[str, int] = {}
    skill = np.fromiter((index.setdefault(r[0], len(index)) for r in rows), np.int64, len(rows))

    def examples(ids: Sequence[str], max_evidence: int, max_partners: int) -> dict:
        return skill_examples(params, region_ids, ids, max_evidence, max_partners)

    return AggregatedDemand.from_cells(
        params,
        skill_ids=tuple(index),
        skill=skill,
        month=np.fromiter((r[1].toordinal() for r in rows), np.int64, len(rows)),
        required=np.fromiter((bool(r[2]) for r in rows), bool, len(rows)),
        vacancies=np.fromiter((r[3] for r in rows), np.int64, len(rows)),
        vacancies_considered=int(considered or 0),
        examples=examples,
    )


def skill_examples(
    params: GapParameters,
    region_ids: Sequence[int] | None,
    skill_ids: Sequence[str],
    max_evidence: int,
    max_partners: int,
) -> dict[str, SkillExamples]:
    """Sentences (heaviest first) and employers (most vacancies first) of the given skills,
    from the vacancies of the area posted within the window's months."""
    from app.services.gap_reports.demand import find_sentence

    first, last = month_window(params)
    ids = list(skill_ids)
    rows = db.session.execute(
        select(
            SkillDemandExample.skill_id,
            SkillDemandExample.month,
            SkillDemandExample.required,
            VacancySkill.evidence,
            Vacancy.title,
            case(
                (
                    or_(VacancySkill.evidence.is_(None), VacancySkill.evidence == ""),
                    Vacancy.description,
                ),
                else_="",
            ),
        )
        .join(
            VacancySkill,
            (VacancySkill.vacancy_id == SkillDemandExample.vacancy_id)
            & (VacancySkill.skill_id == SkillDemandExample.skill_id),
        )
        .join(Vacancy, Vacancy.id == SkillDemandExample.vacancy_id)
        .where(
            SkillDemandExample.skill_id.in_(ids),
            *_area(SkillDemandExample, region_ids, first, last),
        )
        .order_by(SkillDemandExample.month.desc(), SkillDemandExample.rank)
    ).all()
    needles = _needles({r[0] for r in rows if not r[3]})
    candidates: dict[str, list] = {}
    for skill_id, month, required, evidence, title, description in rows:
        sentence = evidence or find_sentence(description, needles.get(skill_id, [])) or title
        candidates.setdefault(skill_id, []).append((month, bool(required), sentence))
    counts: dict[str, dict[str, int]] = {}
    for skill_id, name, n in db.session.execute(
        select(
            SkillDemandEmployer.skill_id, Organisation.name, func.sum(SkillDemandEmployer.vacancies)
        )
        .join(Organisation, Organisation.id == SkillDemandEmployer.organisation_id)
        .where(
            SkillDemandEmployer.skill_id.in_(ids),
            *_area(SkillDemandEmployer, region_ids, first, last),
        )
        .group_by(SkillDemandEmployer.skill_id, Organisation.name)
    ):
        counts.setdefault(skill_id, {})[name] = int(n)
    return {
        s: SkillExamples(
            rank_evidence(params, candidates.get(s, []), max_evidence),
            rank_partners(counts.get(s, {}), max_partners),
        )
        for s in ids
    }


def _needles(skill_ids: set[str]) -> dict[str, list[str]]:
    """Lower-cased labels and aliases of a few skills (to find the sentence naming them)."""
    if not skill_ids:
        return {}
    found: dict[str, list[str]] = {}
    for sid, en, id_ in db.session.execute(
        select(Skill.id, Skill.label_en, Skill.label_id).where(Skill.id.in_(skill_ids))
    ):
        found[sid] = [t.lower() for t in (en, id_) if t and len(t) >= 2]
    for sid, text in db.session.execute(
        select(SkillAlias.skill_id, SkillAlias.text).where(SkillAlias.skill_id.in_(skill_ids))
    ):
        if text and len(text) >= 2:
            found.setdefault(sid, []).append(text.lower())
    return found
