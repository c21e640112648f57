"""Seeker-vacancy matching for the site: ORM rows in, ``matching.scoring`` values out.

The ranking indexes live in ``services.indexes`` (built once per process, kept current
incrementally); the scoring library makes the ranking itself fast (``python -m
matching.lab.scoring.bench``). Text vectors are the ones stored at save (``services.vectors``).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, replace

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import EDUCATION_LEVELS, SeekerProfile, Skill, Vacancy
from app.services import indexes, vectors
from app.services.clock import today as local_today
from app.services.linking import embed, skill_index
from app.services.vectors import profile_text, vacancy_text
from matching.scoring import (
    MatchExplanation,
    MatchFilters,
    SeekerSkills,
    SkillNeighbours,
    VacancyRequirements,
)
from matching.scoring.neighbours import SkillFacts, group_members, interchangeable
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
    """Near skills: close label embeddings *and* interchangeable in the vocabulary (built once
    per process; ``matching.scoring.neighbours.interchangeable``: one is the other's parent, both
    share a parent, or both are generic skills of one group; never two named languages or
    products such as Java and Python); and the members of the group a knowledge skill's label
    names (``group_members``: PHP towards web programming, whatever their embeddings). Built
    from an empty vocabulary (a process started before the vocabulary was loaded) it is built
    again once the vocabulary is there."""
    index = skill_index()
    with _LOCK:
        if "neighbours" not in _CACHE or (_CACHE.get("no_vocabulary") and _has_vocabulary()):
            ids = [e.skill_id for e in index.entries]
            if "pairs" not in _CACHE:  # the label embeddings' pairs, before the vocabulary's rule
                _CACHE["pairs"] = SkillNeighbours.from_embeddings(ids, index.label_emb)
            facts = skill_facts()

            def related(a: str, b: str) -> bool:
                return interchangeable(a, b, facts)

            base = _CACHE["pairs"].restricted(related)  # type: ignore[attr-defined]
            _CACHE["interchangeable"] = base
            _CACHE["neighbours"] = base.merged(group_members(facts))
            _CACHE["no_vocabulary"] = not facts
            _CACHE["mean"] = corpus_mean(index.label_emb)
    return _CACHE["neighbours"]  # type: ignore[return-value]


def interchangeable_neighbours() -> SkillNeighbours:
    """``neighbours()`` without the group members: what the gap report's unit advice and a
    programme's field read (with the members the held-out unit advice fell from 76.92 % to
    72.78 % with e5's export format 1, ``evaluate_units --group-members``; and a programme
    teaching computer programming would count every language as its field)."""
    neighbours()
    return _CACHE["interchangeable"]  # type: ignore[return-value]


def centring_mean() -> np.ndarray:
    """The vocabulary's mean label vector that centres every text vector of the indexes (read
    with the skill neighbours, once per process)."""
    neighbours()
    return _CACHE["mean"]  # type: ignore[return-value]


def forget_neighbours() -> None:
    """Drop the near-skill rule built from the vocabulary in the database (after the vocabulary
    changed; the label embeddings' pairs stay), so the next ``neighbours()`` builds it again."""
    with _LOCK:
        _CACHE.pop("neighbours", None)
        _CACHE.pop("interchangeable", None)


def _has_vocabulary() -> bool:
    from app.models import Skill

    return db.session.scalar(select(Skill.id).limit(1)) is not None


def skill_facts() -> dict[str, SkillFacts]:
    """Label, group and parent of every skill (what decides which skills are interchangeable)."""
    rows = db.session.execute(
        select(Skill.id, Skill.label_en, Skill.group, Skill.parent_id, Skill.type)
    )
    return {r.id: SkillFacts(r.label_en, r.group or "", r.parent_id, r.type) for r in rows}


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


def education_up_to(level: str | None) -> frozenset[str] | None:
    """Education levels a seeker with ``level`` qualifies for (None: no filter)."""
    if level not in EDUCATION_LEVELS:
        return None
    return frozenset(EDUCATION_LEVELS[: EDUCATION_LEVELS.index(level) + 1])


def _centred(vector: np.ndarray) -> np.ndarray:
    neighbours()
    return centred(vector[None, :], _CACHE["mean"])[0]  # type: ignore[arg-type]


def profile_vector(profile: SeekerProfile) -> np.ndarray:
    """The centred vector of a profile's text (stored when the profile was saved)."""
    return _centred(vectors.vector_of("seeker", profile.id, profile_text(profile)))


def vacancy_vector(vacancy: Vacancy) -> np.ndarray:
    """The centred vector of a vacancy's text (stored when the vacancy was saved)."""
    return _centred(vectors.vector_of("vacancy", vacancy.id, vacancy_text(vacancy)))


def warm_up() -> None:
    """Load the model and build this process's ranking and search indexes (a web worker does
    it before its first request: ``gunicorn.conf.py``)."""
    from app.services.linking import warm

    warm()
    near = neighbours()
    indexes.vacancy_parts(near, _CACHE["mean"])  # type: ignore[arg-type]
    indexes.seeker_parts(near, _CACHE["mean"])  # type: ignore[arg-type]


def vacancy_parts() -> list[indexes.VacancyPart]:
    """The public vacancies as ranking-index parts (see ``services.indexes``)."""
    near = neighbours()
    return indexes.vacancy_parts(near, _CACHE["mean"])  # type: ignore[arg-type]


def _best(found: list[MatchExplanation], k: int, by: str) -> list[MatchExplanation]:
    """The ``k`` best of the parts' explanations (the index's order: score, then id)."""
    return sorted(found, key=lambda m: (-(m.score or 0.0), int(getattr(m, by))))[:k]


def recommendations(
    profile: SeekerProfile, k: int = 20, filters: MatchFilters | None = None
) -> list[Recommendation]:
    """The ``k`` open vacancies that match the profile best, explained (none for no skills)."""
    seeker = seeker_values(profile)
    if not seeker.skills:
        return []
    return rank_vacancies(seeker, profile_vector(profile), k, filters)


def rank_vacancies(
    seeker: SeekerSkills,
    query: np.ndarray | None,
    k: int = 20,
    filters: MatchFilters | None = None,
) -> list[Recommendation]:
    """The ``k`` open vacancies that match these skills (and text vector) best, explained: the
    site's recommendations, and the API's match of a list of skills."""
    today = local_today()
    found = []
    for part in vacancy_parts():
        extra = {str(i) for i in part.ids[~indexes.still_open(part, today)]}
        part_filters = filters or MatchFilters()
        if extra:
            part_filters = replace(part_filters, exclude=frozenset(part_filters.exclude) | extra)
        found += part.index.recommend(seeker, k, part_filters, query)
    matches = [
        m for m in _best(found, k, "vacancy_id") if m.score is not None and shares_a_skill(m)
    ]
    by_id = {
        str(v.id): v
        for v in db.session.scalars(
            open_vacancies_query()  # never trust an index for who may see a vacancy
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

    similarity = float(profile_vector(profile) @ vacancy_vector(vacancy))
    return score_match(seeker_values(profile), vacancy_values(vacancy), neighbours(), similarity)


@dataclass(frozen=True)
class Candidate:
    """A visible seeker ranked for a vacancy."""

    profile: SeekerProfile
    match: MatchExplanation


def candidates(vacancy: Vacancy, k: int = 20) -> list[Candidate]:
    """The ``k`` visible seekers who match the vacancy best (hidden seekers never appear)."""
    near = neighbours()
    query = vacancy_vector(vacancy)
    requirements = vacancy_values(vacancy)
    found = []
    for part in indexes.seeker_parts(near, _CACHE["mean"]):  # type: ignore[arg-type]
        found += part.index.candidates(requirements, k, text_vector=query)
    matches = [m for m in _best(found, k, "seeker_id") if m.score is not None and shares_a_skill(m)]
    by_id = {
        str(p.id): p
        for p in db.session.scalars(
            select(SeekerProfile)
            .where(
                SeekerProfile.id.in_([int(m.seeker_id) for m in matches]),
                SeekerProfile.visibility == "visible",  # never trust an index for privacy
            )
            .options(selectinload(SeekerProfile.user), selectinload(SeekerProfile.region))
        )
    }
    return [
        Candidate(by_id[m.seeker_id], m)
        for m in matches
        if m.seeker_id in by_id and by_id[m.seeker_id].user.active
    ]
