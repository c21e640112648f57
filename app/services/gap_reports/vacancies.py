"""Demand read from every vacancy (the per-vacancy path): the tests and benchmarks that check
the demand aggregate against it, and the sentence that shows a skill declared without one."""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache

from sqlalchemy import ColumnElement, Row, select

from app.extensions import db
from app.models import Organisation, Region, Skill, SkillAlias, Vacancy, VacancySkill
from app.services.linking import sentence_around
from app.services.visibility import counted_vacancy_clauses
from curricula.gap import DemandSkill, DemandVacancy


def skill_needles(skill_ids: set[str] | None = None) -> dict[str, list[str]]:
    """Lower-cased labels and aliases per skill (of the given skills, or all), to find the
    sentence of a vacancy naming a skill declared without one."""
    if skill_ids is not None and not skill_ids:
        return {}
    labels = select(Skill.id, Skill.label_en, Skill.label_id)
    aliases = select(SkillAlias.skill_id, SkillAlias.text)
    if skill_ids is not None:
        labels = labels.where(Skill.id.in_(skill_ids))
        aliases = aliases.where(SkillAlias.skill_id.in_(skill_ids))
    found: dict[str, list[str]] = {}
    for sid, en, id_ in db.session.execute(labels):
        found[sid] = [t.lower() for t in (en, id_) if t and len(t) >= 2]
    for sid, text in db.session.execute(aliases):
        if text and len(text) >= 2:
            found.setdefault(sid, []).append(text.lower())
    return found


@lru_cache(maxsize=8192)
def _needle_pattern(needle: str) -> re.Pattern[str]:
    """A needle as a whole word or phrase (compiled once per process: ``re``'s own cache holds
    512 patterns, fewer than one report's needles)."""
    return re.compile(r"(?<!\w)" + re.escape(needle) + r"(?!\w)")


def find_sentence(description: str, needles: list[str]) -> str:
    """The sentence of the description naming one of the needles (longest first), or ""."""
    lowered = description.lower()
    for needle in sorted(needles, key=len, reverse=True):
        if needle not in lowered:  # cheap test first: no substring, no whole-word match
            continue
        match = _needle_pattern(needle).search(lowered)
        if match:
            return sentence_around(description, match.start(), match.end())
    return ""


def _closed_on(status: str, closing: date | None, updated: datetime, today: date) -> date | None:
    """When a vacancy stopped taking applications (None: still open)."""
    if status == "closed":
        return min(closing, updated.date()) if closing else updated.date()
    return closing if closing and closing < today else None


def _published() -> tuple[ColumnElement[bool], ...]:
    """The vacancies that count as demand: open or closed, posted, of a verified organisation,
    not held or removed."""
    return (
        Vacancy.status.in_(("open", "closed")),
        Vacancy.posted_at.is_not(None),
        *counted_vacancy_clauses(),
    )


def _vacancy_rows(published: tuple[ColumnElement[bool], ...]) -> list[Row]:
    """One row per published vacancy: id, employer, region, status, dates and occupation."""
    return db.session.execute(
        select(
            Vacancy.id,
            Organisation.name,
            Region.name,
            Vacancy.status,
            Vacancy.posted_at,
            Vacancy.closing_date,
            Vacancy.updated_at,
            Vacancy.occupation_code,
        )
        .join(Organisation, Vacancy.organisation_id == Organisation.id)
        .join(Region, Vacancy.region_id == Region.id)
        .where(*published)
    ).all()


def _vacancy_skills(published: tuple[ColumnElement[bool], ...]) -> dict[int, list[DemandSkill]]:
    """The skills of each published vacancy (removed ones left out), each with its sentence."""
    skills: dict[int, list[DemandSkill]] = {}
    unexplained: list[tuple[int, int, str]] = []
    links = db.session.execute(
        select(
            VacancySkill.vacancy_id,
            VacancySkill.skill_id,
            VacancySkill.importance,
            VacancySkill.evidence,
        )
        .join(Vacancy, VacancySkill.vacancy_id == Vacancy.id)
        .where(*published, VacancySkill.rejected.is_(False))
    )
    for vacancy_id, skill_id, importance, evidence in links:
        found = skills.setdefault(vacancy_id, [])
        if not evidence:
            unexplained.append((vacancy_id, len(found), skill_id))
        found.append(DemandSkill(skill_id, importance, evidence or ""))
    if unexplained:
        _explain(skills, unexplained)
    return skills


def demand_vacancies(as_of: date | None = None) -> list[DemandVacancy]:
    """Published vacancies (open, or closed: the closing date or last change) as demand rows.

    A vacancy past its closing date counts as closed on that date. A skill a person declared
    without a sentence gets the description's sentence naming it, else the vacancy's title.
    Read with column queries (no ORM objects), so a province's vacancies load in seconds.
    """
    today = as_of or date.today()
    published = _published()
    rows = _vacancy_rows(published)
    skills = _vacancy_skills(published)
    return [
        DemandVacancy(
            id=vid,
            employer=employer,
            region=region,
            status="closed" if (closed := _closed_on(status, closing, updated, today)) else "open",
            posted=posted.date(),
            closed=closed,
            occupation=occupation,
            skills=tuple(skills.get(vid, ())),
        )
        for vid, employer, region, status, posted, closing, updated, occupation in rows
    ]


def _explain(skills: dict[int, list[DemandSkill]], unexplained: list[tuple[int, int, str]]) -> None:
    """Give skills without a sentence the sentence of the description naming them (or the
    vacancy's title)."""
    needles = skill_needles()
    wanted = sorted({vid for vid, _, _ in unexplained})
    texts: dict[int, tuple[str, str]] = {}
    for chunk in range(0, len(wanted), 900):
        ids = wanted[chunk : chunk + 900]
        for vid, title, description in db.session.execute(
            select(Vacancy.id, Vacancy.title, Vacancy.description).where(Vacancy.id.in_(ids))
        ):
            texts[vid] = (title, description)
    for vid, position, skill_id in unexplained:
        title, description = texts[vid]
        old = skills[vid][position]
        sentence = find_sentence(description, needles.get(skill_id, [])) or title
        skills[vid][position] = DemandSkill(old.skill_id, old.importance, sentence)
