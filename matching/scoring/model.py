"""Plain values that scoring takes and returns: seekers, vacancies, filters, explanations."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field


def _frozen(values: Collection[str] | None) -> frozenset[str]:
    return frozenset(values or ())


@dataclass(frozen=True)
class SeekerSkills:
    """A job seeker as scoring sees them: skill ids plus the attributes filters use.

    ``employment_types`` are the types the seeker wants (empty: any); ``visible`` is the
    seeker's choice to be shown to employers (hidden seekers are never ranked for employers).
    """

    seeker_id: str
    skills: frozenset[str]
    region: str | None = None
    education: str | None = None
    employment_types: frozenset[str] = frozenset()
    visible: bool = True

    def __post_init__(self) -> None:
        object.__setattr__(self, "skills", _frozen(self.skills))
        object.__setattr__(self, "employment_types", _frozen(self.employment_types))


@dataclass(frozen=True)
class VacancyRequirements:
    """A vacancy as scoring sees it: required and nice-to-have skill ids plus filter attributes.

    A skill listed both as required and preferred counts as required only.
    """

    vacancy_id: str
    required: frozenset[str]
    preferred: frozenset[str] = frozenset()
    region: str | None = None
    education: str | None = None
    employment_type: str | None = None

    def __post_init__(self) -> None:
        required = _frozen(self.required)
        object.__setattr__(self, "required", required)
        object.__setattr__(self, "preferred", _frozen(self.preferred) - required)


@dataclass(frozen=True)
class MatchFilters:
    """Hard filters applied before ranking; ``None`` means no filter on that attribute.

    An item passes when its region is in ``regions``, its education level is in
    ``education_levels`` and its employment type(s) meet ``employment_types``. Items whose
    attribute is unknown fail a filter on that attribute. ``exclude`` drops item ids
    (e.g. vacancies already applied to).
    """

    regions: frozenset[str] | None = None
    education_levels: frozenset[str] | None = None
    employment_types: frozenset[str] | None = None
    exclude: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        for name in ("regions", "education_levels", "employment_types"):
            value = getattr(self, name)
            if value is not None:
                object.__setattr__(self, name, frozenset(value))
        object.__setattr__(self, "exclude", _frozen(self.exclude))


NO_FILTERS = MatchFilters()


@dataclass(frozen=True)
class PartialMatch:
    """A wanted skill the person lacks, credited through a near skill they have."""

    skill: str
    near_skill: str
    similarity: float
    credit: float


@dataclass(frozen=True)
class MatchExplanation:
    """Everything a UI needs to show and justify one seeker-vacancy score.

    ``score`` is ``None`` (with ``reason``) when there is nothing to score, e.g. an empty
    profile. ``components`` holds each available component in [0, 1] and ``weights`` the
    weights actually used (they sum to 1), so ``score == sum(weights[c] * components[c])``.
    """

    seeker_id: str
    vacancy_id: str
    score: float | None
    reason: str | None
    required_total: int
    required_matched: tuple[str, ...]
    required_partial: tuple[PartialMatch, ...]
    required_missing: tuple[str, ...]
    preferred_total: int
    preferred_matched: tuple[str, ...]
    preferred_partial: tuple[PartialMatch, ...]
    preferred_missing: tuple[str, ...]
    components: dict[str, float] = field(default_factory=dict)
    weights: dict[str, float] = field(default_factory=dict)
    seeker_region: str | None = None
    vacancy_region: str | None = None
    seeker_education: str | None = None
    vacancy_education: str | None = None

    @property
    def required_matched_count(self) -> int:
        """The ``x`` of "x of y required skills" (exact matches only)."""
        return len(self.required_matched)

    @property
    def percent(self) -> int | None:
        """The match percentage shown on screen, or ``None`` when there is no score."""
        return None if self.score is None else round(100 * self.score)

    @property
    def same_region(self) -> bool | None:
        """Whether seeker and vacancy are in the same region (``None`` if either is unknown)."""
        if self.seeker_region is None or self.vacancy_region is None:
            return None
        return self.seeker_region == self.vacancy_region

    @property
    def required_gaps(self) -> tuple[str, ...]:
        """Required skills not matched exactly (missing, then partially credited)."""
        return self.required_missing + tuple(p.skill for p in self.required_partial)


@dataclass(frozen=True)
class RankedItem:
    """One entry of a fast ranking: the item id, its row in the index and its score."""

    item_id: str
    row: int
    score: float
