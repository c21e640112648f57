"""The gap report as plain dataclasses, with a JSON-serialisable ``to_dict()`` for snapshots."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

import numpy as np

from curricula.gap.inputs import GapParameters
from curricula.gap.supply import UnitSuggestion

_SCALARS = frozenset({str, int, float, bool, type(None)})
_FIELDS: dict[type, tuple[str, ...]] = {}  # field names per dataclass (``fields`` is slow)


def to_plain(value: Any) -> Any:
    """Dataclasses, tuples, sets, dates and NumPy scalars as JSON-ready Python values."""
    kind = type(value)
    if kind in _SCALARS:  # most values of a report: returned as they are, checked first
        return value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        if hasattr(value, "to_dict"):
            return value.to_dict()
        names = _FIELDS.get(kind)
        if names is None:
            names = _FIELDS.setdefault(kind, tuple(f.name for f in dataclasses.fields(value)))
        return {name: to_plain(getattr(value, name)) for name in names}
    if isinstance(value, dict):
        return {str(k): to_plain(v) for k, v in value.items()}
    if isinstance(value, (frozenset, set)):
        return sorted(to_plain(v) for v in value)
    if isinstance(value, (list, tuple)):
        return [to_plain(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, np.generic):
        return value.item()
    return value


@dataclass(frozen=True, slots=True)
class UnitRef:
    """A unit named in the report."""

    unit_id: str | int
    name: str
    code: str


@dataclass(frozen=True, slots=True)
class Partner:
    """An employer in the area asking for a skill, with its number of vacancies."""

    employer: str
    vacancies: int


@dataclass(frozen=True, slots=True)
class TrainingOffer:
    """A training in the area that teaches a skill."""

    id: str | int
    title: str
    region: str


@dataclass(frozen=True, slots=True)
class MissingSkill:
    """A demanded skill the curriculum does not (``missing``) or only partly (``partial``) cover."""

    skill_id: str
    skill: str
    demand_share: float
    vacancies: int
    coverage: float
    status: Literal["missing", "partial"]
    near_skill_id: str | None
    near_skill: str | None
    suggested_unit: UnitSuggestion | None
    evidence: tuple[str, ...]
    partners: tuple[Partner, ...]
    trainings: tuple[TrainingOffer, ...]
    group: str | None = None


@dataclass(frozen=True, slots=True)
class TaughtSkill:
    """A skill the curriculum teaches, its demand and the units that teach it."""

    skill_id: str
    skill: str
    demand_share: float
    vacancies: int
    units: tuple[UnitRef, ...]
    group: str | None = None


@dataclass(frozen=True, slots=True)
class CoveredSkill(TaughtSkill):
    """A demanded skill the curriculum teaches, with the units that teach it."""


@dataclass(frozen=True, slots=True)
class SurplusSkill(TaughtSkill):
    """A taught skill that is rarely or never demanded (shown apart, not a verdict)."""


@dataclass(frozen=True, slots=True)
class UnitCoverage:
    """How much of the demand one unit covers on its own (units overlap: these do not add up)."""

    unit_id: str | int
    name: str
    code: str
    coverage: float
    skills_taught: int


@dataclass(frozen=True, slots=True)
class GroupCoverage:
    """Demand share of a skill group and the part of it the curriculum covers."""

    group: str | None
    demand_share: float
    covered_share: float
    coverage: float | None
    vacancies: int


@dataclass(frozen=True, slots=True)
class GapReport:
    """A curriculum's coverage of regional demand: overall, missing, covered, surplus, per unit.

    When fewer than ``parameters.min_vacancies`` vacancies count, ``enough_data`` is false,
    ``coverage`` is ``None``, ``reason`` says why and the skill lists are empty.
    """

    parameters: GapParameters
    enough_data: bool
    reason: str | None
    message: str | None
    coverage: float | None
    vacancies_considered: int
    demand_weight: float
    missing: tuple[MissingSkill, ...] = ()
    missing_total: int = 0
    covered: tuple[CoveredSkill, ...] = ()
    surplus: tuple[SurplusSkill, ...] = ()
    skills_below_minimum: int = 0
    units: tuple[UnitCoverage, ...] = ()
    groups: tuple[GroupCoverage, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The report as one JSON-serialisable object (parameters included)."""
        data = {f.name: to_plain(getattr(self, f.name)) for f in dataclasses.fields(self)}
        data["parameters"] = self.parameters.to_dict()
        return data
