"""How search ranks vacancies for a topic (``matching.search_rank``): each signal, the bar for
meaning-only hits, and the judged-query measures."""

from __future__ import annotations

import math

import numpy as np
import pytest

from matching.search_rank import (
    BASELINE,
    MIN_TYPICAL,
    RankWeights,
    dcg,
    ndcg_at,
    precision_at,
    relevance,
)


def _zeros(n: int) -> np.ndarray:
    return np.zeros(n)


def test_the_score_is_the_weighted_sum_of_the_signals() -> None:
    weights = RankWeights(asks_first=False, idf=False)
    score, kept = relevance(
        np.array([0.5]), np.array([1.0]), np.array([0.25]), np.array([0.4]), weights
    )
    expected = 0.5 * 0.5 + 0.3 * 1.0 + 0.1 * 0.25 + 1.5 * 0.4
    assert score[0] == pytest.approx(expected)
    assert kept.tolist() == [True]


def test_a_negative_meaning_adds_nothing() -> None:
    weights = RankWeights(asks_first=False, idf=False)
    score, _ = relevance(
        np.array([0.0]), np.array([1.0]), np.array([0.0]), np.array([-0.3]), weights
    )
    assert score[0] == pytest.approx(0.3)


def test_with_few_candidates_only_the_fixed_floor_applies() -> None:
    meaning = np.array([0.23, 0.21, 0.5])
    zeros = _zeros(3)
    _, kept = relevance(zeros, zeros, zeros, meaning, RankWeights())
    assert kept.tolist() == [True, False, True]
    assert meaning.size < MIN_TYPICAL


def test_the_margin_is_read_over_the_median_of_enough_candidates() -> None:
    meaning = np.array([0.60, 0.44, 0.42] + [0.30] * (MIN_TYPICAL - 3))
    zeros = _zeros(meaning.size)
    _, kept = relevance(zeros, zeros, zeros, meaning, RankWeights(meaning_margin=0.13))
    # median 0.30, bar 0.43: 0.44 passes, 0.42 does not
    assert kept.tolist()[:3] == [True, True, False]
    assert not kept[3:].any()


def test_a_negative_margin_turns_the_typical_bar_off() -> None:
    meaning = np.array([0.25] + [0.24] * 12)
    zeros = _zeros(meaning.size)
    _, kept = relevance(zeros, zeros, zeros, meaning, RankWeights(meaning_margin=-1.0))
    assert kept.all()  # everything above the floor 0.22 is a hit


def test_a_skill_or_title_hit_is_kept_whatever_its_meaning() -> None:
    zeros = _zeros(2)
    _, kept = relevance(
        np.array([0.5, 0.0]), np.array([0.0, 0.5]), zeros, np.array([-0.5, -0.5]), RankWeights()
    )
    assert kept.tolist() == [True, True]


def test_a_word_only_hit_needs_the_minimum_share() -> None:
    words = np.array([0.5, 0.49, 0.0])
    zeros = _zeros(3)
    _, kept = relevance(zeros, zeros, words, zeros, RankWeights(idf=False, min_words=0.5))
    assert kept.tolist() == [True, False, False]
    _, kept = relevance(zeros, zeros, words, zeros, RankWeights(idf=False, min_words=0.0))
    assert kept.tolist() == [True, True, False]  # any share, but not none


def test_idf_uses_the_rare_share_instead_of_the_plain_one() -> None:
    words = np.array([1.0, 0.2])
    rare = np.array([0.2, 1.0])
    zeros = _zeros(2)
    weights = RankWeights(asks_first=False, min_words=0.5)
    score, kept = relevance(zeros, zeros, words, zeros, weights, rare=rare)
    assert kept.tolist() == [False, True]
    assert score.tolist() == pytest.approx([0.1 * 0.2, 0.1 * 1.0])
    off = RankWeights(asks_first=False, min_words=0.5, idf=False)
    _, kept = relevance(zeros, zeros, words, zeros, off, rare=rare)
    assert kept.tolist() == [True, False]


def test_idf_without_rare_shares_reads_the_plain_words() -> None:
    words = np.array([1.0])
    zeros = _zeros(1)
    score, kept = relevance(zeros, zeros, words, zeros, RankWeights(asks_first=False))
    assert kept.tolist() == [True] and score[0] == pytest.approx(0.1)


def test_lexical_first_puts_every_lexical_hit_above_meaning_only_hits() -> None:
    skill = _zeros(2)
    title = np.array([0.1, 0.0])
    words = _zeros(2)
    meaning = np.array([0.0, 0.9])
    plain, _ = relevance(skill, title, words, meaning, RankWeights(asks_first=False))
    assert plain[1] > plain[0]
    first, _ = relevance(
        skill, title, words, meaning, RankWeights(asks_first=False, lexical_first=True)
    )
    assert first[0] > first[1]


def test_asking_first_beats_a_perfect_score_without_the_skill() -> None:
    skill = np.array([0.01, 0.0])
    ones = np.ones(2)
    meaning = np.array([0.0, 1.0])
    score, _ = relevance(skill, np.array([0.0, 1.0]), np.array([0.0, 1.0]), meaning, RankWeights())
    assert score[0] > score[1]
    score, _ = relevance(skill, ones, ones, meaning, RankWeights(asks_first=False))
    assert score[1] > score[0]


def test_the_baseline_is_half_words_half_meaning() -> None:
    words = np.array([1.0])
    meaning = np.array([0.4])
    zeros = _zeros(1)
    score, kept = relevance(zeros, zeros, words, meaning, BASELINE)
    assert score[0] == pytest.approx(0.5 + 0.2)
    assert kept[0]


def test_a_large_candidate_set_reads_its_median_from_a_sample() -> None:
    rng = np.random.default_rng(7)
    meaning = rng.normal(0.1, 0.05, size=60_000)
    meaning[0] = 0.5
    zeros = _zeros(meaning.size)
    _, kept = relevance(zeros, zeros, zeros, meaning, RankWeights())
    assert kept[0]
    bar = max(0.22, float(np.median(meaning)) + 0.13)
    assert kept.sum() == pytest.approx((meaning >= bar).sum(), abs=200)


def test_dcg_of_known_gains() -> None:
    assert dcg([]) == 0.0
    assert dcg([1]) == pytest.approx(1.0)
    assert dcg([2, 1]) == pytest.approx(3.0 + 1.0 / math.log2(3))
    assert dcg([0, 0, 3]) == pytest.approx(7.0 / 2.0)


def test_ndcg_without_relevant_judgements_is_zero() -> None:
    assert ndcg_at(["a", "b"], {}) == 0.0
    assert ndcg_at(["a", "b"], {"a": 0, "b": 0}) == 0.0


def test_ndcg_only_reads_the_first_k() -> None:
    judged = {"a": 1}
    assert ndcg_at(["x", "a"], judged, k=1) == 0.0
    assert ndcg_at(["x", "a"], judged, k=2) == pytest.approx(1.0 / math.log2(3))


def test_ndcg_of_a_swapped_pair() -> None:
    judged = {"a": 2, "b": 1}
    ideal = 3.0 + 1.0 / math.log2(3)
    assert ndcg_at(["b", "a"], judged) == pytest.approx((1.0 + 3.0 / math.log2(3)) / ideal)


def test_precision_counts_empty_places_as_wrong() -> None:
    judged = {"a": 1, "b": 2, "c": 0}
    assert precision_at(["a", "b", "c"], judged, k=3) == pytest.approx(2 / 3)
    assert precision_at([], judged, k=5) == 0.0
    assert precision_at(["a", "b", "x", "y", "z", "w"], judged, k=5) == pytest.approx(0.4)
