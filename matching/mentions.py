"""Product policy on top of ``extract``: an exact skill name in the text always counts.

``extract`` ranks each sentence's candidates and keeps a calibrated few per sentence, which suits
one-skill sentences. Job ads and CVs list many tools in one line ("PHP, MySQL, HTML, CSS dan
JavaScript"); an exact label, tool name or abbreviation there is strong evidence even when the
ranking or the per-sentence cap left it out, so it is added back with method ``alias``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from matching.linking.params import EXACT_NAME_WEIGHT
from matching.linking.types import SkillMention


class _Hit(Protocol):
    skill: int
    start: int
    end: int
    weight: float


class _Index(Protocol):
    entries: Sequence[object]
    aliases: object

    def extract(self, text: str) -> list[SkillMention]: ...


def with_exact_names(
    index: _Index,
    text: str,
    mentions: Sequence[SkillMention],
    min_weight: float = EXACT_NAME_WEIGHT,
) -> list[SkillMention]:
    """``mentions`` plus exact-name hits of ``text`` they lack, best first, one per skill."""
    found = {m.skill_id: m for m in mentions}
    hits: list[_Hit] = index.aliases.find(text)  # type: ignore[attr-defined]
    for hit in hits:
        if hit.weight < min_weight:
            continue
        skill_id = index.entries[hit.skill].skill_id  # type: ignore[attr-defined]
        if skill_id not in found:
            found[skill_id] = SkillMention(
                skill_id,
                round(hit.weight * 0.95, 4),
                hit.start,
                hit.end,
                text[hit.start : hit.end],
                "alias",
            )
    return sorted(found.values(), key=lambda m: (-m.score, m.start))


def extract_with_names(index: _Index, text: str) -> list[SkillMention]:
    """``index.extract(text)`` with exact skill names always included."""
    return with_exact_names(index, text, index.extract(text))


def extract_many_with_names(index: _Index, texts: list[str]) -> list[list[SkillMention]]:
    """``extract_with_names`` of each text, the texts scored in batches (``extract_many``)."""
    from matching.linking.extract import extract_many

    found = extract_many(index, texts)  # type: ignore[arg-type]
    return [
        with_exact_names(index, text, mentions) for text, mentions in zip(texts, found, strict=True)
    ]
