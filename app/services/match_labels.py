"""Skill labels for match explanations, in the UI language (what a seeker or employer reads
beside a score)."""

from __future__ import annotations

from sqlalchemy import select

from app.extensions import db
from app.models import Skill
from app.services.matching import skill_facts
from app.services.skill_groups import group_label
from matching.scoring import MatchExplanation
from matching.scoring.neighbours import shared_kind


def skill_labels(skill_ids: set[str] | frozenset[str], locale: str) -> dict[str, str]:
    """Display labels of skill ids in the UI language."""
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
    """Labels of every skill the explanations mention; for each partial match also what both
    skills are, under the key ``"<skill>~<near skill>"`` (the reason shown with it)."""
    labels = skill_labels(explanation_skill_ids(matches), locale)
    pairs = [
        (p.skill, p.near_skill) for m in matches for p in m.required_partial + m.preferred_partial
    ]
    if pairs:
        facts = skill_facts()
        parents = {
            f.parent for a, b in pairs for f in (facts.get(a), facts.get(b)) if f and f.parent
        }
        named = {**skill_labels(parents, locale), **labels}
        for a, b in pairs:
            kind = shared_kind(a, b, facts, named)
            if kind and kind == facts[a].group:  # a group's English name: shown in the locale's
                kind = group_label(kind, locale)
            if kind:
                labels[f"{a}~{b}"] = kind
    return labels
