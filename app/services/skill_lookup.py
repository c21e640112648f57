"""The skill vocabulary for the API: lookup by text (Indonesian or English), id or ESCO URI,
extraction of skills from a text with offsets, and matching a list of skills to vacancies."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import Skill
from app.services.linking import SkillSuggestion, clip_for_linker, suggest_skills
from app.services.matching import Recommendation, rank_vacancies
from app.services.skill_search import search_skills
from matching.scoring import MatchFilters, SeekerSkills


def _load(ids: list[str]) -> dict[str, Skill]:
    if not ids:
        return {}
    found = db.session.scalars(
        select(Skill).where(Skill.id.in_(ids)).options(selectinload(Skill.aliases))
    )
    return {skill.id: skill for skill in found}


def find_by_text(query: str, limit: int = 10) -> list[Skill]:
    """Skills whose label or alias (either language) matches ``query``, best first (the site's
    autocomplete)."""
    ids = [hit.id for hit in search_skills(query, "id", limit=limit)]
    skills = _load(ids)
    return [skills[i] for i in ids if i in skills]


def find_by_uri(uri: str) -> list[Skill]:
    """The skill with this ESCO URI (none or one)."""
    skill = db.session.scalar(
        select(Skill).where(Skill.uri == uri).options(selectinload(Skill.aliases))
    )
    return [skill] if skill is not None else []


def get(skill_id: str) -> Skill | None:
    """A skill by id, with its aliases."""
    return _load([skill_id]).get(skill_id)


def resolve(references: list[str]) -> tuple[list[str], list[str]]:
    """(skill ids, references not known) of skill ids or ESCO URIs, in the given order."""
    refs = [r.strip() for r in references if r.strip()]
    rows = db.session.execute(
        select(Skill.id, Skill.uri).where(or_(Skill.id.in_(refs), Skill.uri.in_(refs)))
    ).all()
    by_ref = {row.id: row.id for row in rows} | {row.uri: row.id for row in rows if row.uri}
    ids = list(dict.fromkeys(by_ref[r] for r in refs if r in by_ref))
    return ids, [r for r in refs if r not in by_ref]


@dataclass(frozen=True)
class FoundSkill:
    """A skill read from a text: the suggestion (offsets, confidence, evidence) and the skill."""

    suggestion: SkillSuggestion
    skill: Skill


def extract(text: str) -> tuple[list[FoundSkill], bool]:
    """Skills of ``text`` as the site reads them (same extractor and threshold), best first,
    and whether the text was longer than the linker reads."""
    _clipped, truncated = clip_for_linker(text)
    suggestions = suggest_skills(text)
    skills = _load([s.skill_id for s in suggestions])
    return [
        FoundSkill(s, skills[s.skill_id]) for s in suggestions if s.skill_id in skills
    ], truncated


def match(
    skill_ids: list[str], region_id: int | None, education: str | None, limit: int
) -> list[Recommendation]:
    """Open vacancies ranked for these skills, explained as the site explains them (the text
    similarity part is left out: a list of skills has no text)."""
    if not skill_ids:
        return []
    from app.services.matching import education_up_to

    seeker = SeekerSkills(seeker_id="api", skills=frozenset(skill_ids))
    filters = MatchFilters(
        regions=frozenset({str(region_id)}) if region_id else None,
        education_levels=education_up_to(education),
    )
    return rank_vacancies(seeker, None, limit, filters)
