"""Score one seeker against one vacancy, with every part of the number explained."""

from __future__ import annotations

from collections.abc import Collection
from typing import NamedTuple

import numpy as np

from matching.scoring.model import MatchExplanation, PartialMatch, SeekerSkills, VacancyRequirements
from matching.scoring.neighbours import SkillNeighbours
from matching.scoring.params import DEFAULT_SCORING, ScoringParams

COMPONENTS = ("required", "preferred", "text")
EMPTY_PROFILE = "empty_profile"
NOTHING_TO_SCORE = "nothing_to_score"


class Coverage(NamedTuple):
    """How a set of skills covers a set of wanted skills."""

    matched: tuple[str, ...]
    partial: tuple[PartialMatch, ...]
    missing: tuple[str, ...]
    value: float


def coverage(
    wanted: Collection[str],
    have: Collection[str],
    neighbours: SkillNeighbours,
    credit_factor: float,
) -> Coverage:
    """Share of ``wanted`` covered by ``have``: 1 per exact match, partial credit per near skill."""
    matched, partial, missing = [], [], []
    for skill in sorted(wanted):
        if skill in have:
            matched.append(skill)
        elif (near := neighbours.best_partial(skill, have, credit_factor)) is not None:
            partial.append(near)
        else:
            missing.append(skill)
    credit = len(matched) + sum(p.credit for p in partial)
    value = credit / len(wanted) if wanted else 0.0
    return Coverage(tuple(matched), tuple(partial), tuple(missing), value)


def clip_text(similarity: np.ndarray | float) -> np.ndarray:
    """Text component from a cosine: negative similarity counts as 0, capped at 1."""
    return np.clip(similarity, 0.0, 1.0)


def combine(
    required: np.ndarray | float,
    preferred: np.ndarray | float,
    text: np.ndarray | float,
    has_required: np.ndarray | bool,
    has_preferred: np.ndarray | bool,
    has_text: np.ndarray | bool,
    params: ScoringParams = DEFAULT_SCORING,
) -> tuple[np.ndarray, np.ndarray]:
    """Weighted mean of the available components (broadcasts over arrays).

    Returns ``(score, weight_sum)``; where ``weight_sum == 0`` there is nothing to score and
    ``score`` is 0.
    """
    wr = params.weight_required * np.asarray(has_required, dtype=np.float64)
    wp = params.weight_preferred * np.asarray(has_preferred, dtype=np.float64)
    wt = params.weight_text * np.asarray(has_text, dtype=np.float64)
    total = wr + wp + wt
    weighted = wr * required + wp * preferred + wt * text
    score = np.divide(
        weighted, total, out=np.zeros_like(weighted, dtype=np.float64), where=total > 0
    )
    return score, total


def score_match(
    seeker: SeekerSkills,
    vacancy: VacancyRequirements,
    neighbours: SkillNeighbours,
    text_similarity: float | None = None,
    params: ScoringParams = DEFAULT_SCORING,
) -> MatchExplanation:
    """Score ``seeker`` for ``vacancy`` and explain it (see :mod:`matching.scoring.params`).

    A seeker with no skills gets ``score=None`` with reason ``"empty_profile"``; a vacancy
    with no skills and no text similarity gets ``score=None`` with ``"nothing_to_score"``.
    Location and education are reported, never mixed into the score.
    """
    cf = params.credit_factor
    req = coverage(vacancy.required, seeker.skills, neighbours, cf)
    pref = coverage(vacancy.preferred, seeker.skills, neighbours, cf)
    base = {
        "seeker_id": seeker.seeker_id,
        "vacancy_id": vacancy.vacancy_id,
        "required_total": len(vacancy.required),
        "required_matched": req.matched,
        "required_partial": req.partial,
        "required_missing": req.missing,
        "preferred_total": len(vacancy.preferred),
        "preferred_matched": pref.matched,
        "preferred_partial": pref.partial,
        "preferred_missing": pref.missing,
        "seeker_region": seeker.region,
        "vacancy_region": vacancy.region,
        "seeker_education": seeker.education,
        "vacancy_education": vacancy.education,
    }
    if not seeker.skills:
        return MatchExplanation(score=None, reason=EMPTY_PROFILE, **base)
    text = 0.0 if text_similarity is None else float(clip_text(text_similarity))
    has = (bool(vacancy.required), bool(vacancy.preferred), text_similarity is not None)
    values = (req.value, pref.value, text)
    score, total = combine(*values, *has, params=params)
    if total <= 0:
        return MatchExplanation(score=None, reason=NOTHING_TO_SCORE, **base)
    raw = (params.weight_required, params.weight_preferred, params.weight_text)
    components = {c: v for c, v, h in zip(COMPONENTS, values, has, strict=True) if h}
    weights = {c: w / float(total) for c, w, h in zip(COMPONENTS, raw, has, strict=True) if h}
    return MatchExplanation(
        score=float(score), reason=None, components=components, weights=weights, **base
    )
