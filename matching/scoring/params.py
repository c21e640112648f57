"""Scoring parameters in one place: component weights, partial credit, neighbour building.

The final score of a seeker for a vacancy is a weighted mean of up to three components::

    required  = (exact matches + sum of partial credits) / number of required skills
    preferred = the same over the nice-to-have skills
    text      = max(0, cosine(profile text vector, vacancy text vector))
    score     = sum(weight_c * component_c) / sum(weight_c)   over the available components

A component is available when its inputs exist: the vacancy lists required skills, the vacancy
lists nice-to-have skills, both sides have a text vector. Missing components are left out and
the remaining weights are rescaled to sum to 1 (the explanation shows the weights used).
A seeker with no skills gets no score at all.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ScoringParams:
    """Weights of the score components and the partial-credit rule.

    ``credit_factor`` caps partial credit: a near skill with similarity ``s`` in (0, 1) earns
    ``credit_factor * s`` of a required skill, always below ``credit_factor`` (< 1), so a near
    skill never counts as a match.
    """

    weight_required: float = 0.75
    weight_preferred: float = 0.15
    weight_text: float = 0.10
    credit_factor: float = 0.5

    def __post_init__(self) -> None:
        weights = (self.weight_required, self.weight_preferred, self.weight_text)
        if min(weights) < 0 or sum(weights) <= 0:
            raise ValueError("weights must be >= 0 with a positive sum")
        if not 0 <= self.credit_factor < 1:
            raise ValueError("credit_factor must be in [0, 1): partial credit is never full")


@dataclass(frozen=True)
class NeighbourParams:
    """How near skills are found from label embeddings.

    Each skill keeps at most ``k`` other skills whose label cosine is above ``cosine_floor``;
    their similarity is rescaled to ``(cosine - cosine_floor) / (1 - cosine_floor)`` so it lies
    in (0, 1) whatever the model's cosine band (e5 puts unrelated pairs at 0.75-0.84, hence the
    default floor 0.85; calibrate per model). Similarities are capped at ``max_similarity``.
    """

    k: int = 5
    cosine_floor: float = 0.85
    max_similarity: float = 0.99
    block_rows: int = 1024

    def __post_init__(self) -> None:
        if self.k < 0:
            raise ValueError("k must be >= 0")
        if not -1 <= self.cosine_floor < 1:
            raise ValueError("cosine_floor must be in [-1, 1)")
        if not 0 < self.max_similarity < 1:
            raise ValueError("max_similarity must be in (0, 1)")


DEFAULT_SCORING = ScoringParams()
DEFAULT_NEIGHBOURS = NeighbourParams()
