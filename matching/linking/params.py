"""Tunable parameters of linking: fusion weights and extraction thresholds."""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Weights:
    """Fusion weights of the standardised signals (tuned on the dev splits)."""

    sem_label: float = 1.0
    sem_form: float = 0.5
    sem_phrase: float = 0.5
    tfidf_label: float = 0.5
    tfidf_form: float = 0.25
    alias: float = 4.0
    prior: float = 0.0  # added as is: weight of the skill's domain prior
    label_kind: str = "query"  # how labels are embedded: "query" or "passage"

    @classmethod
    def from_dict(cls, data: dict) -> Weights:
        """Build from a dict, ignoring unknown keys."""
        return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})


@dataclass(frozen=True)
class ExtractParams:
    """Extraction thresholds: a logistic map of the fused score to a probability, and cut-offs."""

    slope: float = 1.0  # p = sigmoid(slope * fused + intercept)
    intercept: float = -6.0
    semantic_threshold: float = 0.5  # minimum probability of a semantic mention
    alias_score: float = 0.95  # score given to an exact alias hit of weight 1
    lexical_threshold: float = 0.5  # minimum score of an alias or fuzzy mention
    fuzzy_cutoff: float = 88.0  # minimum rapidfuzz ratio of a typo hit
    top_per_clause: int = 1  # semantic candidates considered per clause

    def probability(self, fused: float) -> float:
        """The calibrated probability of a fused score."""
        z = self.slope * fused + self.intercept
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))
