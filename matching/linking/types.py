"""Plain value types of skill linking: what an index is built from and what it returns."""

from __future__ import annotations

from dataclasses import dataclass

METHODS = ("alias", "fuzzy", "semantic")


@dataclass(frozen=True)
class SkillForm:
    """Another surface form of a skill: alternative label, alias, abbreviation, tool, typo."""

    text: str
    lang: str = "en"  # "en" | "id"
    kind: str = "alt"  # "alt" | "abbr" | "shorthand" | "tool" | "typo" | "label_id" | "local"


@dataclass(frozen=True)
class SkillEntry:
    """One skill as the linker sees it: an id, a preferred label, other forms, a description."""

    skill_id: str
    label: str
    forms: tuple[SkillForm, ...] = ()
    description: str = ""
    prior: float = 0.0  # domain prior, e.g. 1.0 for skills of the product's (ICT) vocabulary
    kind: str = ""  # the vocabulary's type: "skill", "knowledge", "transversal", "tool"; "" unknown


@dataclass(frozen=True)
class RankedSkill:
    """One skill in a ranking, with its fused score (higher is more likely)."""

    skill_id: str
    label: str
    score: float


@dataclass(frozen=True)
class SkillMention:
    """A skill found in a text: the evidence is ``text[start:end]`` of the original text."""

    skill_id: str
    score: float
    start: int
    end: int
    evidence: str
    method: str  # one of METHODS
