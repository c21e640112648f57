"""Skill autocomplete over the vocabulary: labels and aliases in Indonesian and English."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from rapidfuzz.utils import default_process
from sqlalchemy import func, select

from app.extensions import db
from app.models import Skill, SkillAlias

_LOCK = threading.Lock()
_FORMS: dict[str, object] = {}


@dataclass(frozen=True)
class SkillHit:
    """One autocomplete suggestion."""

    id: str
    label: str
    matched: str
    type: str


def _forms() -> tuple[list[str], list[str]]:
    """(form texts, skill ids), cached per process until the vocabulary's size changes."""
    key = (
        db.session.scalar(select(func.count()).select_from(Skill)),
        db.session.scalar(select(func.count()).select_from(SkillAlias)),
    )
    with _LOCK:
        if _FORMS.get("key") != key:
            texts: list[str] = []
            owners: list[str] = []
            for skill_id, en, idn in db.session.execute(
                select(Skill.id, Skill.label_en, Skill.label_id)
            ):
                texts += [en, idn]
                owners += [skill_id, skill_id]
            for skill_id, text in db.session.execute(select(SkillAlias.skill_id, SkillAlias.text)):
                texts.append(text)
                owners.append(skill_id)
            _FORMS.update(key=key, texts=texts, owners=owners)
        return _FORMS["texts"], _FORMS["owners"]  # type: ignore[return-value]


def search_skills(query: str, locale: str = "id", limit: int = 10) -> list[SkillHit]:
    """Skills whose label or alias matches ``query`` (prefixes, words, small typos), best first."""
    query = query.strip()
    if len(query) < 2:
        return []
    texts, owners = _forms()
    needle = default_process(query)
    scored: dict[str, tuple[float, str]] = {}
    for text, score, i in process.extract(
        query,
        texts,
        scorer=fuzz.WRatio,
        processor=default_process,
        limit=limit * 8,
        score_cutoff=70,
    ):
        haystack = default_process(text)
        bonus = 30 if haystack == needle else 15 if haystack.startswith(needle) else 0
        bonus -= len(haystack) / 50
        skill_id = owners[i]
        if skill_id not in scored or score + bonus > scored[skill_id][0]:
            scored[skill_id] = (score + bonus, text)
    best = sorted(scored.items(), key=lambda item: -item[1][0])[:limit]
    skills = {
        s.id: s for s in db.session.scalars(select(Skill).where(Skill.id.in_([k for k, _ in best])))
    }
    return [
        SkillHit(skill_id, skills[skill_id].label(locale), matched, skills[skill_id].type)
        for skill_id, (_score, matched) in best
    ]
