"""What the occupation classifier knows of each KBJI 2014 unit group: its names and its skills.

A group is described by its KBJI Indonesian title, its ISCO English title, the example job
titles its KBJI description lists ("Contoh jabatan ... di sini"), and the ESCO occupations
filed under its code in the vocabulary (labels in English and Indonesian, and their skill ids).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from matching.vocab import load_vocabulary
from matching.vocab.model import Occupation, Vocabulary

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

_EXAMPLES_START = re.compile(r"^\s*contoh\b.*\bdi\s*sini\s*:?\s*$", re.IGNORECASE)
_EXAMPLES_END = re.compile(r"^\s*beberapa\b", re.IGNORECASE)


@dataclass(frozen=True)
class GroupText:
    """A unit group as the reference table gives it."""

    code: str
    title_id: str
    title_en: str = ""
    description_id: str = ""


@dataclass(frozen=True)
class GroupProfile:
    """A group's distinct names (the title is compared with each) and its skills."""

    code: str
    labels: tuple[str, ...]
    skills: frozenset[str]


def esco_occupations(vocabulary: Vocabulary | None = None) -> list[Occupation]:
    """The ESCO occupations of a vocabulary (default: the shipped one), each with its code."""
    return list((vocabulary or load_vocabulary()).occupations)


def example_titles(description: str) -> list[str]:
    """The job titles a KBJI description lists as classified under the group (not those it says
    are classified elsewhere)."""
    titles: list[str] = []
    reading = False
    for line in description.splitlines():
        if _EXAMPLES_START.match(line):
            reading = True
        elif reading and _EXAMPLES_END.match(line):
            break
        elif reading:
            item = line.strip().lstrip("-•").strip().rstrip(",;.").strip()
            if item:
                titles.append(re.sub(r"\s+", " ", item))
    return titles


def _distinct(texts: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for text in texts:
        text = re.sub(r"\s+", " ", text or "").strip()
        if text and text.casefold() not in seen:
            seen[text.casefold()] = text
    return tuple(seen.values())


def build_profiles(
    groups: Sequence[GroupText], occupations: Sequence[Occupation]
) -> list[GroupProfile]:
    """One profile per group, in the order given; ESCO occupations of other codes are ignored."""
    profiles = []
    for group in groups:
        mine = [o for o in occupations if o.code == group.code]
        labels = _distinct(
            [group.title_id, group.title_en, *example_titles(group.description_id)]
            + [o.label_en for o in mine]
            + [o.label_id for o in mine]
        )
        skills = frozenset(s for o in mine for s in o.skills)
        profiles.append(GroupProfile(group.code, labels, skills))
    return profiles
