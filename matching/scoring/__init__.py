"""Seeker-vacancy matching rules: explained scores, fast ranking both ways, training advice.

A pure library (no Flask, no ``app``): plain dataclasses in, dataclasses and arrays out.

- :func:`score_match` scores one seeker for one vacancy and explains every part of the number.
- :class:`VacancyIndex` ranks many vacancies for a seeker; :class:`SeekerIndex` ranks many
  seekers for a vacancy; both give the same scores as :func:`score_match`.
- :func:`plan_trainings` picks the fewest, nearest trainings that close a list of skill gaps.

The formula and its weights are documented in :mod:`matching.scoring.params`.
"""

from matching.scoring.model import (
    NO_FILTERS,
    MatchExplanation,
    MatchFilters,
    PartialMatch,
    RankedItem,
    SeekerSkills,
    VacancyRequirements,
)
from matching.scoring.neighbours import SkillNeighbours
from matching.scoring.params import (
    DEFAULT_NEIGHBOURS,
    DEFAULT_SCORING,
    NeighbourParams,
    ScoringParams,
)
from matching.scoring.score import EMPTY_PROFILE, NOTHING_TO_SCORE, combine, coverage, score_match
from matching.scoring.seeker_index import SeekerIndex
from matching.scoring.training import (
    ELSEWHERE,
    ONLINE,
    SAME_REGION,
    TrainingOffer,
    TrainingPlan,
    TrainingStep,
    demand_gaps,
    plan_trainings,
)
from matching.scoring.vacancy_index import VacancyIndex

__all__ = [
    "DEFAULT_NEIGHBOURS",
    "DEFAULT_SCORING",
    "ELSEWHERE",
    "EMPTY_PROFILE",
    "NOTHING_TO_SCORE",
    "NO_FILTERS",
    "ONLINE",
    "SAME_REGION",
    "MatchExplanation",
    "MatchFilters",
    "NeighbourParams",
    "PartialMatch",
    "RankedItem",
    "ScoringParams",
    "SeekerIndex",
    "SeekerSkills",
    "SkillNeighbours",
    "TrainingOffer",
    "TrainingPlan",
    "TrainingStep",
    "VacancyIndex",
    "VacancyRequirements",
    "combine",
    "coverage",
    "demand_gaps",
    "plan_trainings",
    "score_match",
]
