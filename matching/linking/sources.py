"""Build linker entries from a vocabulary (benchmark label spaces: ``matching.lab.linking.benchmark``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from matching.linking.types import SkillEntry, SkillForm

ESCO_SKILL_URI = "http://data.europa.eu/esco/skill/"


def entry_from_skill(
    skill: Any,
    skill_id: str | None = None,
    label: str | None = None,
    extra: Iterable[SkillForm] = (),
) -> SkillEntry:
    """An entry from a vocabulary ``Skill`` (its aliases, Indonesian label and description)."""
    forms: list[SkillForm] = list(extra)
    if skill.label_id:
        forms.append(SkillForm(skill.label_id, "id", "label_id"))
    forms.extend(SkillForm(a.text, a.lang, a.kind) for a in skill.aliases)
    return SkillEntry(
        skill_id=skill_id or skill.id,
        label=label or skill.label_en,
        forms=dedup_forms(forms, label or skill.label_en),
        description=skill.description or "",
        kind=skill.type or "",
    )


def entries_from_vocabulary(vocabulary: Any) -> list[SkillEntry]:
    """One entry per skill of a ``matching.vocab.Vocabulary``."""
    return [entry_from_skill(s) for s in vocabulary.skills]


def dedup_forms(forms: Iterable[SkillForm], label: str) -> tuple[SkillForm, ...]:
    seen = {label.strip().casefold()}
    out = []
    for f in forms:
        key = f.text.strip().casefold()
        if key and key not in seen:
            seen.add(key)
            out.append(SkillForm(f.text.strip(), f.lang, f.kind))
    return tuple(out)
