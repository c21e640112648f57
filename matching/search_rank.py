"""How search ranks vacancies for a topic: exact asks first, then words, then meaning.

Four signals per vacancy, each in [0, 1] (meaning is a centred cosine, about 0 for unrelated
texts): ``skill`` (share of the skills named in the query that the vacancy asks for), ``title``
(share of the query's words in its title), ``words`` (share of the query's words anywhere in its
text) and ``meaning``. A vacancy found by meaning alone must be clearly about the query: its
meaning must pass ``meaning_floor`` and stand ``meaning_margin`` above the typical vacancy's
(the median of the candidates, when there are ``MIN_TYPICAL`` of them), so a query the embedding cannot place ("mikrotik" with no
vacancy naming it) returns nothing rather than the least unrelated vacancy. Vacancies asking
for a skill the query names ("mikrotik", "Python") rank first. The weights are
chosen by cross-validation over judged queries (``python -m bench.search_quality``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

MIN_TYPICAL = 10  # fewer candidates than this say nothing about the typical vacancy's meaning
TYPICAL_SAMPLE = 20_000  # the median is read from at most about this many candidates


@dataclass(frozen=True)
class RankWeights:
    """Weights of the signals and the bar for meaning-only hits."""

    skill: float = 0.5
    title: float = 0.3
    words: float = 0.1
    meaning: float = 1.5
    meaning_floor: float = 0.22
    meaning_margin: float = 0.13
    lexical_first: bool = False  # every lexical hit ranks above every meaning-only hit
    asks_first: bool = True  # vacancies asking for a skill the query names rank above the rest
    idf: bool = True  # the words' share weighted by how rare each word is among the vacancies
    min_words: float = 0.5  # a hit on text words alone needs at least this (weighted) share


# What search did before issue 13 (half words, half meaning, a fixed floor): the baseline the
# judged queries are compared with.
BASELINE = RankWeights(
    skill=0.0,
    title=0.0,
    words=0.5,
    meaning=0.5,
    meaning_floor=0.22,
    meaning_margin=-1.0,
    lexical_first=False,
    asks_first=False,
    idf=False,
    min_words=0.0,
)


def relevance(
    skill: np.ndarray,
    title: np.ndarray,
    words: np.ndarray,
    meaning: np.ndarray,
    weights: RankWeights,
    rare: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """(score, kept) per row: the relevance and whether the row is a hit at all (``rare``: the
    words' share weighted by rarity, used instead of ``words`` when ``weights.idf``)."""
    if weights.idf and rare is not None:
        words = rare
    lexical = (
        (skill > 0) | (title > 0) | (words > max(weights.min_words, 0.0) - 1e-12) & (words > 0)
    )
    bar = weights.meaning_floor
    if weights.meaning_margin >= 0 and meaning.size >= MIN_TYPICAL:
        step = max(1, meaning.size // TYPICAL_SAMPLE)  # an even sample tells the median as well
        typical = float(np.median(meaning[::step]))
        bar = max(bar, typical + weights.meaning_margin)
    kept = lexical | (meaning >= bar)
    score = (
        weights.skill * skill
        + weights.title * title
        + weights.words * words
        + weights.meaning * np.maximum(0.0, meaning)
    )
    top = weights.skill + weights.title + weights.words + weights.meaning  # above any score
    if weights.lexical_first:
        score = score + lexical * top
    if weights.asks_first:
        score = score + (skill > 0) * 2 * top
    return score, kept


def dcg(gains: list[float]) -> float:
    """Discounted cumulative gain of gains in rank order."""
    return float(sum((2**g - 1) / np.log2(i + 2) for i, g in enumerate(gains)))


def ndcg_at(ranked: list[str], judged: dict[str, int], k: int = 10) -> float:
    """nDCG@k of ``ranked`` ids given graded judgements (unjudged ids are irrelevant)."""
    ideal = dcg(sorted(judged.values(), reverse=True)[:k])
    if ideal == 0:
        return 0.0
    return dcg([judged.get(i, 0) for i in ranked[:k]]) / ideal


def precision_at(ranked: list[str], judged: dict[str, int], k: int = 5) -> float:
    """Share of the first ``k`` places holding a relevant id (an empty place counts as wrong)."""
    return sum(1 for i in ranked[:k] if judged.get(i, 0) > 0) / k
