"""Plain value types of the skill vocabulary: skills, aliases, occupations, programmes."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Alias:
    """Another way to say a skill: ESCO alternative label, abbreviation, shorthand, tool name."""

    text: str
    lang: str  # "en" | "id"
    kind: str  # "alt" | "abbr" | "shorthand" | "tool" | "typo" | "label_id" | "local" (a profile's)


@dataclass(frozen=True)
class Skill:
    """One skill concept: an ESCO skill, an O*NET tool or a project-added skill."""

    id: str
    uri: str | None
    label_en: str
    label_id: str
    type: str  # "skill" | "knowledge" | "tool" | "transversal"
    group: str
    description: str
    aliases: tuple[Alias, ...] = ()
    parent: str | None = None
    skkni: tuple[str, ...] = ()
    kbji: tuple[str, ...] = ()


@dataclass(frozen=True)
class Occupation:
    """An occupation (ESCO ICT occupation or KBJI 2014 unit group) with the skills it needs."""

    id: str
    uri: str | None
    code: str  # ISCO-08 / KBJI 2014 4-digit code
    label_en: str
    label_id: str
    skills: tuple[str, ...] = ()


@dataclass(frozen=True)
class Programme:
    """An SMK programme keahlian (Kurikulum Merdeka) with its old names and linked skills."""

    code: str
    name_id: str
    aliases: tuple[str, ...] = ()
    skills: tuple[str, ...] = ()
    concentrations: tuple[str, ...] = ()


@dataclass
class Vocabulary:
    """The loaded vocabulary, with lookups by skill id and ESCO URI."""

    skills: list[Skill]
    occupations: list[Occupation] = field(default_factory=list)
    programmes: list[Programme] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._by_id: dict[str, Skill] = {s.id: s for s in self.skills}
        self._by_uri: dict[str, Skill] = {s.uri: s for s in self.skills if s.uri}

    def get(self, skill_id: str) -> Skill:
        """Return the skill with this id; raise KeyError if there is none."""
        return self._by_id[skill_id]

    def by_uri(self, uri: str) -> Skill | None:
        """Return the skill with this ESCO URI, or None."""
        return self._by_uri.get(uri)

    def __contains__(self, skill_id: object) -> bool:
        return skill_id in self._by_id

    def __len__(self) -> int:
        return len(self.skills)

    def __iter__(self) -> Iterator[Skill]:
        return iter(self.skills)
