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
    aux_label: float = 0.0  # second embedder (USE): cosine with the label
    aux_form: float = 0.0  # second embedder: best cosine with any other form
    label_kind: str = "query"  # how labels are embedded: "query" or "passage"
    sentence_from_clauses: bool = (
        False  # approximate a sentence by its clauses (faster, see SkillIndex.embed)
    )

    @classmethod
    def from_dict(cls, data: dict) -> Weights:
        """Build from a dict, ignoring unknown keys."""
        return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})


EXACT_NAME_WEIGHT = 0.9  # exact hits this strong are names: labels (1.0), tools, abbreviations
FEATURES = (
    "fused",
    "lexical",
    "gap",
    "reciprocal_rank",
    "cosine",
    "aux_cosine",
    "z_sem_label",
    "z_sem_form",
    "z_tfidf_label",
    "z_aux_label",
    "hit_weight",
    "exact_name",
    "fuzzy",
)
# Signals whose per-sentence z-scores are candidate features (0 when the index does not compute one).
FEATURE_SIGNALS = ("sem_label", "sem_form", "tfidf_label", "aux_label")
# Of a sentence: its most probable candidate's fused score, hit, cosines; the best cosine of any;
# whether it has a word asking for or stating an ability (``text.skill_cue``).
GATE_FEATURES = ("fused", "lexical", "cosine", "aux_cosine", "best_cosine", "cue")


@dataclass(frozen=True)
class ExtractParams:
    """Extraction calibration: p = sigmoid(coef . features + intercept), the probability that a
    candidate is right given that its sentence names a skill, with features ``FEATURES``: the
    fused score, whether the skill has an exact/fuzzy hit, the gap to the sentence's best fused
    score (<= 0), 1 / the candidate's rank in its sentence, the raw cosines of the sentence with
    the skill (the encoder's best over the skill's label and forms; the second embedder's with its
    label, 0 without one), the per-sentence z-scores of the signals ``FEATURE_SIGNALS`` (0 for one
    the index does not compute), the lexical hit's weight, whether it is an exact name and
    whether it is a typo hit. Whether a sentence names a skill at all is the gate's question
    (``gate``): a line like "Full-time" has a top skill too."""

    coef: tuple[float, ...] = (0.2, 1.0, 0.3, 1.0) + (0.0,) * 9
    intercept: float = -4.0
    threshold: float = 0.5  # minimum probability of a mention
    max_per_sentence: int = 3  # at most this many mentions from one sentence
    fuzzy_cutoff: float = 88.0  # minimum rapidfuzz ratio of a typo hit
    top_semantic: int = 5  # semantic candidates considered per sentence
    clause_embeddings: bool = False  # also embed clauses (more precise spans, half the speed)
    # The sentence gate (none when ``gate_coef`` is empty): p = sigmoid(gate_coef .
    # ``GATE_FEATURES`` + gate_intercept) that a sentence names a skill at all. A sentence at or
    # above ``gate_threshold`` keeps its most probable candidate whatever ``threshold`` says
    # (and, when that is a named tool, its most probable skill concept too).
    gate_coef: tuple[float, ...] = ()
    gate_intercept: float = 0.0
    gate_threshold: float = 0.5

    def probability(self, features: tuple[float, ...]) -> float:
        """The calibrated probability of a candidate with these features."""
        return _sigmoid(self.coef, self.intercept, features)

    def gate(self, features: tuple[float, ...]) -> float:
        """The probability that a sentence with these ``GATE_FEATURES`` names a skill."""
        return _sigmoid(self.gate_coef, self.gate_intercept, features)


def _sigmoid(coef: tuple[float, ...], intercept: float, features: tuple[float, ...]) -> float:
    if len(coef) != len(features):
        raise ValueError(
            f"{len(coef)} coefficients for {len(features)} features: "
            "recalibrate with python -m matching.lab.linking.calibrate"
        )
    z = sum(c * f for c, f in zip(coef, features, strict=True)) + intercept
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))


@dataclass(frozen=True)
class RankGate:
    """Rank without e5 where the rest is decided (``matching.linking.rank_gate``): ``cheap`` is
    the fusion without e5's signals, and a sentence whose cheap best score leads its 10th best by
    less than ``threshold`` is ranked with every signal (e5 included). Fitted on the project's
    training sentences by ``python -m matching.lab.linking.e5_gate --write``."""

    cheap: Weights
    threshold: float
    chunk: int = 32  # a call of at most this many sentences runs e5 on all beside its cheap pass

    @classmethod
    def from_dict(cls, data: dict) -> RankGate:
        """Build from its stored form (``{"cheap": {...}, "threshold": x, "chunk": n}``)."""
        return cls(
            Weights.from_dict(data["cheap"]), float(data["threshold"]), int(data.get("chunk", 32))
        )
