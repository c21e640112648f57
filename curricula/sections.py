"""Sections of a text curriculum (headings and keyword lines) and the units they become."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from curricula.fields import UnitHeader
from curricula.model import ParsedOutcome, ParsedUnit
from curricula.titles import PHASE_IN_OUTCOME, SourceLine


@dataclass
class Section:
    """A heading or keyword line with what was read under it."""

    header: UnitHeader
    depth: float
    line: int
    page: int | None
    rank: int | None = None
    candidate: bool = True
    skip: bool = False
    mode: str = "default"
    header_block: bool = True
    has_children: bool = False
    parent: Section | None = None
    outcomes: list[ParsedOutcome] = field(default_factory=list)


def build_units(sections: list[Section]) -> list[ParsedUnit]:
    """Units from sections: every candidate that holds outcomes or has no child units."""
    units = []
    for section in sections:
        if not section.candidate or (section.has_children and not section.outcomes):
            continue
        header = section.header
        units.append(
            ParsedUnit(
                name=header.name,
                code=header.code,
                phase=header.phase
                or _inherited(section, "phase")
                or outcome_phase(section.outcomes),
                semester=header.semester or _inherited(section, "semester"),
                hours=header.hours,
                credits=header.credits,
                outcomes=tuple(section.outcomes),
                line=section.line,
                page=section.page,
            )
        )
    return units


def _inherited(section: Section, name: str) -> Any:
    parent = section.parent
    while parent is not None:
        if (value := getattr(parent.header, name)) is not None:
            return value
        parent = parent.parent
    return None


def outcome_phase(outcomes: Sequence[ParsedOutcome | SourceLine | str]) -> str | None:
    """The phase named in 'Pada akhir fase F, ...', if any."""
    for outcome in outcomes:
        if match := PHASE_IN_OUTCOME.search(getattr(outcome, "text", outcome)):
            return match.group(1).upper()
    return None
