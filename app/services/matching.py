"""Seeker-vacancy matching for the site: ORM rows in, ``matching.scoring`` values out.

Indexes are built per request from the open vacancies / visible seekers; the scoring library's
indexes make the ranking itself fast (see ``python -m matching.scoring.bench``).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import EDUCATION_LEVELS, SeekerProfile, SeekerSkill, Skill, Vacancy, VacancySkill
from app.services.clock import today as local_today
from app.services.linking import embed, skill_index
from matching.scoring import (
    MatchExplanation,
    MatchFilters,
    SeekerIndex,
    SeekerSkills,
    SkillNeighbours,
    VacancyIndex,
    VacancyRequirements,
)
from matching.textsim import centred, corpus_mean

_LOCK = threading.Lock()
_CACHE: dict[str, object] = {}


@dataclass(frozen=True)
class Recommendation:
    """A vacancy with the explanation of how it matches."""

    vacancy: Vacancy
    match: MatchExplanation


def open_vacancies_query():  # type: ignore[no-untyped-def]
    """Vacancies that reach people: open, not past their closing date, cleared by moderation,
    of a verified organisation (``services.visibility``)."""
    from app.services.visibility import public_vacancy_clauses

    return select(Vacancy).where(*public_vacancy_clauses())


def neighbours() -> SkillNeighbours:
    """Near skills: close label embeddings *and* related in the vocabulary (built once per
    process). Related means the same skill group, or one is the other's parent, or both share a
    parent (tools under the same ESCO skill)."""
    index = skill_index()
    with _LOCK:
        if "neighbours" not in _CACHE:
            ids = [e.skill_id for e in index.entries]
            rows = db.session.execute(select(Skill.id, Skill.group, Skill.parent_id)).all()
            group = {r.id: r.group for r in rows}
            parent = {r.id: r.parent_id for r in rows}

            def related(a: str, b: str) -> bool:
                if parent.get(a) == b or parent.get(b) == a:
                    return True
                if parent.get(a) and parent.get(a) == parent.get(b):
                    return True
                return bool(group.get(a)) and group.get(a) == group.get(b)

            near = SkillNeighbours.from_embeddings(ids, index.label_emb)
            _CACHE["neighbours"] = near.restricted(related)
            _CACHE["mean"] = corpus_mean(index.label_emb)
    return _CACHE["neighbours"]  # type: ignore[return-value]


def text_vectors(texts: list[str], kind: str) -> np.ndarray:
    """Centred text embeddings (see ``matching.textsim``)."""
    neighbours()
    return centred(embed(texts, kind=kind), _CACHE["mean"])  # type: ignore[arg-type]


def active_skill_ids(profile: SeekerProfile) -> frozenset[str]:
    """Skills that count for matching: confirmed and not removed."""
    return frozenset(s.skill_id for s in profile.skills if s.confirmed and not s.rejected)


def seeker_values(profile: SeekerProfile) -> SeekerSkills:
    """A profile as the scoring library sees it."""
    return SeekerSkills(
        seeker_id=str(profile.id),
        skills=active_skill_ids(profile),
        region=str(profile.region_id) if profile.region_id else None,
        education=profile.education_level,
        visible=profile.visibility == "visible",
    )


def vacancy_values(vacancy: Vacancy) -> VacancyRequirements:
    """A vacancy as the scoring library sees it."""
    links = [s for s in vacancy.skills if not s.rejected]
    return VacancyRequirements(
        vacancy_id=str(vacancy.id),
        required=frozenset(s.skill_id for s in links if s.importance == "required"),
        preferred=frozenset(s.skill_id for s in links if s.importance == "preferred"),
        region=str(vacancy.region_id),
        education=vacancy.min_education,
        employment_type=vacancy.employment_type,
    )


def vacancy_text(vacancy: Vacancy) -> str:
    """The text of a vacancy used for text similarity."""
    return f"{vacancy.title}\n{vacancy.description}"


def profile_text(profile: SeekerProfile) -> str:
    """The text of a profile used for text similarity: headline, field, summary, skill names."""
    skills = ", ".join(s.skill.label_en for s in profile.skills if s.confirmed and not s.rejected)
    parts = [profile.headline, profile.field_of_study, profile.summary, skills]
    return "\n".join(p for p in parts if p)


def education_up_to(level: str | None) -> frozenset[str] | None:
    """Education levels a seeker with ``level`` qualifies for (None: no filter)."""
    if level not in EDUCATION_LEVELS:
        return None
    return frozenset(EDUCATION_LEVELS[: EDUCATION_LEVELS.index(level) + 1])


def _load_open_vacancies() -> list[Vacancy]:
    return list(
        db.session.scalars(
            open_vacancies_query().options(
                selectinload(Vacancy.skills).selectinload(VacancySkill.skill),
                selectinload(Vacancy.region),
                selectinload(Vacancy.organisation),
            )
        )
    )


def _stamp(model: type, *where: object) -> tuple[object, ...]:
    """What identifies the current rows of a table: database, count, newest id, latest change,
    and the day (closing dates). Services touch ``updated_at`` whenever a row's skills change."""
    row = db.session.execute(
        select(func.count(model.id), func.max(model.id), func.max(model.updated_at)).where(*where)
    ).one()
    return (str(db.engine.url), *row, local_today())


def _cached(name: str, stamp: tuple[object, ...], build):  # type: ignore[no-untyped-def]
    """A per-process index, rebuilt only when the rows it was built from have changed."""
    with _LOCK:
        entry = _CACHE.get(name)
        if entry is not None and entry[0] == stamp:  # type: ignore[index]
            return entry[1]  # type: ignore[index]
    value = build()
    with _LOCK:
        _CACHE[name] = (stamp, value)
    return value


def vacancy_index() -> VacancyIndex | None:
    """The open vacancies as a ranking index (None when there are none)."""

    def build() -> VacancyIndex | None:
        vacancies = _load_open_vacancies()
        if not vacancies:
            return None
        return VacancyIndex(
            [vacancy_values(v) for v in vacancies],
            neighbours(),
            text_vectors([vacancy_text(v) for v in vacancies], "query"),
        )

    return _cached("vacancies", _stamp(Vacancy), build)


def recommendations(
    profile: SeekerProfile, k: int = 20, filters: MatchFilters | None = None
) -> list[Recommendation]:
    """The ``k`` open vacancies that match the profile best, explained (none for no skills)."""
    seeker = seeker_values(profile)
    index = vacancy_index() if seeker.skills else None
    if index is None:
        return []
    query = text_vectors([profile_text(profile)], "query")[0]
    matches = [
        m
        for m in index.recommend(seeker, k, filters or MatchFilters(), query)
        if m.score is not None and shares_a_skill(m)
    ]
    by_id = {
        str(v.id): v
        for v in db.session.scalars(
            select(Vacancy)
            .where(Vacancy.id.in_([int(m.vacancy_id) for m in matches]))
            .options(selectinload(Vacancy.region), selectinload(Vacancy.organisation))
        )
    }
    return [Recommendation(by_id[m.vacancy_id], m) for m in matches if m.vacancy_id in by_id]


def shares_a_skill(match: MatchExplanation) -> bool:
    """Whether a match rests on at least one skill (exact or near), not on text alone."""
    return bool(
        match.required_matched
        or match.preferred_matched
        or match.required_partial
        or match.preferred_partial
    )


def explain(profile: SeekerProfile, vacancy: Vacancy) -> MatchExplanation:
    """How one vacancy matches one profile."""
    from matching.scoring import score_match

    vectors = text_vectors([profile_text(profile), vacancy_text(vacancy)], "query")
    similarity = float(vectors[0] @ vectors[1])
    return score_match(seeker_values(profile), vacancy_values(vacancy), neighbours(), similarity)


@dataclass(frozen=True)
class Candidate:
    """A visible seeker ranked for a vacancy."""

    profile: SeekerProfile
    match: MatchExplanation


def seeker_index() -> SeekerIndex | None:
    """Visible seekers with skills as a ranking index (None when there are none)."""

    def build() -> SeekerIndex | None:
        profiles = list(
            db.session.scalars(
                select(SeekerProfile)
                .where(SeekerProfile.visibility == "visible")
                .options(
                    selectinload(SeekerProfile.skills).selectinload(SeekerSkill.skill),
                    selectinload(SeekerProfile.user),
                )
            )
        )
        profiles = [p for p in profiles if active_skill_ids(p) and p.user.active]
        if not profiles:
            return None
        return SeekerIndex(
            [seeker_values(p) for p in profiles],
            neighbours(),
            text_vectors([profile_text(p) for p in profiles], "query"),
        )

    return _cached("seekers", _stamp(SeekerProfile, SeekerProfile.visibility == "visible"), build)


def candidates(vacancy: Vacancy, k: int = 20) -> list[Candidate]:
    """The ``k`` visible seekers who match the vacancy best (hidden seekers never appear)."""
    index = seeker_index()
    if index is None:
        return []
    query = text_vectors([vacancy_text(vacancy)], "query")[0]
    matches = [
        m
        for m in index.candidates(vacancy_values(vacancy), k, text_vector=query)
        if m.score is not None and shares_a_skill(m)
    ]
    by_id = {
        str(p.id): p
        for p in db.session.scalars(
            select(SeekerProfile)
            .where(
                SeekerProfile.id.in_([int(m.seeker_id) for m in matches]),
                SeekerProfile.visibility == "visible",  # never trust a cache for privacy
            )
            .options(selectinload(SeekerProfile.user), selectinload(SeekerProfile.region))
        )
    }
    return [
        Candidate(by_id[m.seeker_id], m)
        for m in matches
        if m.seeker_id in by_id and by_id[m.seeker_id].user.active
    ]


def skill_labels(skill_ids: set[str] | frozenset[str], locale: str) -> dict[str, str]:
    """Display labels of skill ids in the UI language."""
    from app.models import Skill

    if not skill_ids:
        return {}
    skills = db.session.scalars(select(Skill).where(Skill.id.in_(list(skill_ids))))
    return {s.id: s.label(locale) for s in skills}


def explanation_skill_ids(matches: list[MatchExplanation]) -> set[str]:
    """Every skill id an explanation mentions (to look their labels up at once)."""
    ids: set[str] = set()
    for m in matches:
        ids.update(m.required_matched, m.required_missing, m.preferred_matched, m.preferred_missing)
        for p in m.required_partial + m.preferred_partial:
            ids.update((p.skill, p.near_skill))
    return ids


def labels_for(matches: list[MatchExplanation], locale: str) -> dict[str, str]:
    """Labels of every skill the explanations mention."""
    return skill_labels(explanation_skill_ids(matches), locale)
