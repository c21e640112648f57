"""KBJI 2014 occupation of a vacancy from its title and skills (``classifier``), the group
profiles it compares with (``groups``) and its cross-validated evaluation (``evaluate``)."""

from matching.occupations.classifier import (
    PARAMS_FILE,
    OccupationClassifier,
    OccupationDecision,
    OccupationGuess,
    OccupationParams,
    VacancyText,
    load_params,
    outside_titles,
)
from matching.occupations.groups import (
    GroupProfile,
    GroupText,
    build_profiles,
    esco_occupations,
    example_titles,
)

__all__ = [
    "PARAMS_FILE",
    "GroupProfile",
    "GroupText",
    "OccupationClassifier",
    "OccupationDecision",
    "OccupationGuess",
    "OccupationParams",
    "VacancyText",
    "build_profiles",
    "esco_occupations",
    "example_titles",
    "load_params",
    "outside_titles",
]
