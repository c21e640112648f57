"""Plain inputs of the gap report: vacancies (demand), a curriculum (supply), parameters."""

from __future__ import annotations

import calendar
from dataclasses import asdict, dataclass
from datetime import date
from typing import Literal

Importance = Literal["required", "preferred"]
Status = Literal["open", "closed"]


@dataclass(frozen=True, slots=True)
class DemandSkill:
    """One skill asked for by a vacancy, with the sentence that shows it."""

    skill_id: str
    importance: Importance = "required"
    evidence: str = ""

    def __post_init__(self) -> None:
        if self.importance not in ("required", "preferred"):
            raise ValueError(f"importance: 'required' or 'preferred', not {self.importance!r}")


@dataclass(frozen=True, slots=True)
class DemandVacancy:
    """A vacancy as demand: where, when, for which occupation, and the skills it asks for."""

    id: str | int
    employer: str
    region: str
    status: Status
    posted: date
    closed: date | None = None
    occupation: str | None = None
    skills: tuple[DemandSkill, ...] = ()

    def __post_init__(self) -> None:
        if self.status not in ("open", "closed"):
            raise ValueError(f"vacancy {self.id}: status must be 'open' or 'closed'")
        if self.status == "closed" and self.closed is None:
            raise ValueError(f"vacancy {self.id}: closed: a closed vacancy needs its closing date")
        if self.status == "open" and self.closed is not None:
            raise ValueError(f"vacancy {self.id}: closed: an open vacancy has no closing date")


@dataclass(frozen=True, slots=True)
class SupplyOutcome:
    """A learning outcome and the skills it teaches."""

    id: str | int
    text: str
    skills: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SupplyUnit:
    """A unit (course, subject, module) of a programme with its learning outcomes."""

    id: str | int
    name: str
    code: str = ""
    outcomes: tuple[SupplyOutcome, ...] = ()

    @property
    def skills(self) -> frozenset[str]:
        """The skills any of the unit's outcomes teaches."""
        return frozenset(s for outcome in self.outcomes for s in outcome.skills)


@dataclass(frozen=True, slots=True)
class CurriculumSupply:
    """A programme's curriculum as supply: its units."""

    units: tuple[SupplyUnit, ...] = ()

    def taught(self) -> dict[str, tuple[SupplyUnit, ...]]:
        """Each taught skill with the units that teach it, in curriculum order."""
        result: dict[str, list[SupplyUnit]] = {}
        for unit in self.units:
            for skill in sorted(unit.skills):
                result.setdefault(skill, []).append(unit)
        return {skill: tuple(units) for skill, units in result.items()}


@dataclass(frozen=True, slots=True)
class Training:
    """A training offered in a region and the skills it teaches."""

    id: str | int
    title: str
    region: str
    skills: tuple[str, ...] = ()

    @classmethod
    def coerce(cls, value: Training | tuple) -> Training:
        """Accept a Training or an ``(id, title, region, skills)`` tuple."""
        if isinstance(value, Training):
            return value
        id_, title, region, skills = value
        return cls(id_, title, region, tuple(skills))


def months_before(day: date, months: int) -> date:
    """The same day ``months`` calendar months earlier (clamped to the month's last day)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


@dataclass(frozen=True, slots=True)
class GapParameters:
    """What demand is considered and how it is weighed; stored with every report snapshot.

    ``regions`` and ``occupations`` of ``None`` mean no filter (all of Banten, all occupations).
    ``skills`` keeps only the demand for those skills (a programme's field, ``field_skills``);
    the vacancies considered stay those of the window and area.
    A vacancy counts when it is open, or closed within ``months`` before ``as_of``; it is weighed
    ``importance weight * 0.5 ** (age_months / half_life_months)`` with age from its posting date.
    """

    as_of: date
    regions: frozenset[str] | None = None
    months: int = 12
    occupations: frozenset[str] | None = None
    skills: frozenset[str] | None = None
    min_vacancies: int = 5
    min_skill_vacancies: int = 2
    required_weight: float = 1.0
    preferred_weight: float = 0.5
    half_life_months: float | None = 6.0
    near_threshold: float = 0.5
    partial_credit: float = 0.5
    surplus_share: float = 0.005
    max_evidence: int = 3
    max_partners: int = 5
    max_trainings: int = 5
    max_missing: int | None = None

    def __post_init__(self) -> None:
        checks = [
            (self.months >= 1, "months must be at least 1"),
            (self.min_vacancies >= 1, "min_vacancies must be at least 1"),
            (self.min_skill_vacancies >= 1, "min_skill_vacancies must be at least 1"),
            (self.required_weight >= 0, "required_weight must not be negative"),
            (self.preferred_weight >= 0, "preferred_weight must not be negative"),
            (
                self.half_life_months is None or self.half_life_months > 0,
                "half_life_months must be positive (or None for no decay)",
            ),
            (0 < self.near_threshold <= 1, "near_threshold must be in (0, 1]"),
            (0 <= self.partial_credit < 1, "partial_credit must be in [0, 1): partial is not full"),
            (0 <= self.surplus_share < 1, "surplus_share must be in [0, 1)"),
        ]
        for ok, message in checks:
            if not ok:
                raise ValueError(f"GapParameters: {message}")
        for name in ("regions", "occupations", "skills"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, frozenset):
                object.__setattr__(self, name, frozenset(value))

    @property
    def window_start(self) -> date:
        """First day of the window: closed vacancies count if closed on or after it."""
        return months_before(self.as_of, self.months)

    def to_dict(self) -> dict:
        """JSON-serialisable parameters (sets sorted, dates ISO)."""
        data = asdict(self)
        data["as_of"] = self.as_of.isoformat()
        data["window_start"] = self.window_start.isoformat()
        for name in ("regions", "occupations", "skills"):
            value = getattr(self, name)
            data[name] = None if value is None else sorted(value)
        return data
