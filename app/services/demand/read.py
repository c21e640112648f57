"""Reading the demand aggregate for a report: per-skill totals of a window and area, and the
sentences and employers of the skills a report lists.

The database does the summing: each cell's count is multiplied by its month's decay and its
importance weight (``curricula.gap.month_weights``), so a report fetches one row per skill.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import sqlalchemy as sa
from sqlalchemy import case, func, or_, select

from app.extensions import db
from app.models import (
    Organisation,
    SkillDemand,
    SkillDemandEmployer,
    SkillDemandExample,
    Vacancy,
    VacancyDemand,
    VacancySkill,
)
from app.services.demand.sql import next_month
from curricula.gap import (
    AggregatedDemand,
    GapParameters,
    SkillExamples,
    month_weights,
    month_window,
    rank_evidence,
    rank_partners,
)

CANDIDATES_PER_SENTENCE = 4  # example rows read per sentence shown (repeated sentences)
CANDIDATES_PER_PARTNER = 2


def _area(table, region_ids: Sequence[int] | None, first: date, last: date,  # type: ignore[no-untyped-def]
          occupations: frozenset[str] | None = None) -> list:  # fmt: skip
    """SQL: the cells of the window, area and (for tables that have one) occupations."""
    clauses = [table.month <= last]
    if hasattr(table, "closed_month"):
        clauses.append(or_(table.closed_month.is_(None), table.closed_month >= first))
    else:  # examples and employers: vacancies posted within the window's months
        clauses.append(table.month >= first)
    if region_ids is not None:
        clauses.append(table.region_id.in_(list(region_ids)))
    if occupations is not None and hasattr(table, "occupation_code"):
        clauses.append(table.occupation_code.in_(sorted(occupations)))
    if table is VacancyDemand:  # a report divides by the vacancies with skills
        clauses.append(VacancyDemand.with_skills.is_(True))
    return clauses


def _weight(table, params: GapParameters, months: Sequence[date]):  # type: ignore[no-untyped-def]
    """SQL: the weight of one vacancy of a cell (its month's decay x its importance weight)."""
    decay = case(
        {m: sa.literal(w, sa.Float) for m, w in month_weights(params, months).items()},
        value=table.month,
        else_=sa.literal(0.0, sa.Float),
    )
    importance = case(
        (table.required.is_(True), sa.literal(params.required_weight, sa.Float)),
        else_=sa.literal(params.preferred_weight, sa.Float),
    )
    return decay * importance


def _skills(params: GapParameters) -> list:
    """SQL: only the cells of the skills of ``params.skills`` (none when every skill counts)."""
    if params.skills is None:
        return []
    return [SkillDemand.skill_id.in_(sorted(params.skills))]


def aggregated_demand(params: GapParameters, region_ids: Sequence[int] | None) -> AggregatedDemand:
    """The demand of a report from the aggregate: cells of the area (``None``: all regions),
    of ``month_window(params)``, of ``params.occupations`` and of ``params.skills`` (when
    given); examples are read on request, for the listed skills."""
    first, last = month_window(params)
    jobs = params.occupations
    months = list(
        db.session.scalars(
            select(VacancyDemand.month)
            .where(*_area(VacancyDemand, region_ids, first, last, jobs))
            .distinct()
        )
    )
    considered = db.session.scalar(
        select(func.coalesce(func.sum(VacancyDemand.vacancies), 0)).where(
            *_area(VacancyDemand, region_ids, first, last, jobs)
        )
    )
    rows = (
        db.session.execute(
            select(
                SkillDemand.skill_id,
                func.sum(SkillDemand.vacancies * _weight(SkillDemand, params, months)),
                func.sum(SkillDemand.vacancies),
            )
            .where(*_area(SkillDemand, region_ids, first, last, jobs), *_skills(params))
            .group_by(SkillDemand.skill_id)
        ).all()
        if months
        else []
    )

    def examples(ids: Sequence[str], max_evidence: int, max_partners: int) -> dict:
        return skill_examples(params, region_ids, ids, max_evidence, max_partners)

    return AggregatedDemand.from_totals(
        skill_ids=[r[0] for r in rows],
        skill_weight=[float(r[1]) for r in rows],
        skill_vacancies=[int(r[2]) for r in rows],
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
    from the vacancies of the area posted within the window's months (and of the report's
    occupations, as its counts)."""
    ids = list(skill_ids)
    first, last = month_window(params)
    months = [first]
    while months[-1] < last:
        months.append(next_month(months[-1]))
    candidates = _sentences(params, region_ids, ids, months, max_evidence)
    counts = _partners(region_ids, ids, first, last, max_partners, params.occupations)
    return {
        s: SkillExamples(
            rank_evidence(params, candidates.get(s, []), max_evidence),
            rank_partners(counts.get(s, {}), max_partners),
        )
        for s in ids
    }


def _sentences(params, region_ids, ids, months, max_evidence) -> dict[str, list]:  # type: ignore[no-untyped-def]
    """The heaviest example rows per skill, with their sentence (or the description's sentence
    naming the skill, or the vacancy's title)."""
    from app.services.gap_reports.vacancies import find_sentence, skill_needles

    first, last = months[0], months[-1]
    ex = SkillDemandExample
    ranked = (
        select(
            ex.skill_id,
            ex.month,
            ex.required,
            ex.vacancy_id,
            func.row_number()
            .over(
                partition_by=ex.skill_id,
                order_by=(_weight(ex, params, months).desc(), ex.month.desc(), ex.rank),
            )
            .label("n"),
        )
        .where(ex.skill_id.in_(ids), *_area(ex, region_ids, first, last, params.occupations))
        .subquery()
    )
    rows = db.session.execute(
        select(
            ranked.c.skill_id,
            ranked.c.month,
            ranked.c.required,
            VacancySkill.evidence,
            Vacancy.title,
            case(
                (
                    or_(VacancySkill.evidence.is_(None), VacancySkill.evidence == ""),
                    Vacancy.description,
                ),
                else_="",
            ),
        )  # fmt: skip
        .join(
            VacancySkill,
            (VacancySkill.vacancy_id == ranked.c.vacancy_id)
            & (VacancySkill.skill_id == ranked.c.skill_id),
        )
        .join(Vacancy, Vacancy.id == ranked.c.vacancy_id)
        .where(ranked.c.n <= max_evidence * CANDIDATES_PER_SENTENCE)
        .order_by(ranked.c.skill_id, ranked.c.n)
    ).all()
    needles = skill_needles({r[0] for r in rows if not r[3]})
    found: dict[str, list] = {}
    for skill_id, month, required, evidence, title, description in rows:
        sentence = evidence or find_sentence(description, needles.get(skill_id, [])) or title
        found.setdefault(skill_id, []).append((month, bool(required), sentence))
    return found


def _partners(
    region_ids, ids, first, last, max_partners, occupations=None
) -> dict[str, dict[str, int]]:  # type: ignore[no-untyped-def]
    """The employers with most vacancies per skill (a few more than shown: ties by name), of
    the report's occupations when it has some."""
    em = SkillDemandEmployer
    totals = (
        select(em.skill_id, em.organisation_id, func.sum(em.vacancies).label("n"))
        .where(em.skill_id.in_(ids), *_area(em, region_ids, first, last, occupations))
        .group_by(em.skill_id, em.organisation_id)
        .subquery()
    )
    ranked = select(
        totals,
        func.row_number()
        .over(partition_by=totals.c.skill_id, order_by=totals.c.n.desc())
        .label("rank"),
    ).subquery()
    counts: dict[str, dict[str, int]] = {}
    for skill_id, name, n in db.session.execute(
        select(ranked.c.skill_id, Organisation.name, ranked.c.n)
        .join(Organisation, Organisation.id == ranked.c.organisation_id)
        .where(ranked.c.rank <= max_partners * CANDIDATES_PER_PARTNER)
    ):
        found = counts.setdefault(skill_id, {})
        found[name] = found.get(name, 0) + int(n)
    return counts
