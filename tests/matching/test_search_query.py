"""Reading a search text: places become district filters, filler words go, the topic stays."""

from __future__ import annotations

import tomllib
from pathlib import Path

import numpy as np
import pytest

from matching.search_query import Region, parse_query, place_forms
from matching.search_rank import BASELINE, RankWeights, ndcg_at, precision_at, relevance

BANTEN = [
    Region("3603", "Kab. Tangerang", "kabupaten"),
    Region("3604", "Kab. Serang", "kabupaten"),
    Region("3671", "Kota Tangerang", "kota"),
    Region("3672", "Kota Cilegon", "kota"),
    Region("3673", "Kota Serang", "kota"),
    Region("3674", "Kota Tangerang Selatan", "kota"),
]
# the Banten profile's other names of places ("tangsel")
with open(Path(__file__).parents[2] / "profiles" / "banten" / "aliases.toml", "rb") as _file:
    FORMS = place_forms(BANTEN, tomllib.load(_file)["places"])


@pytest.mark.parametrize(
    ("text", "topic", "codes"),
    [
        ("lowongan kerja cilegon", "", ("3672",)),
        ("loker di Cilegon", "", ("3672",)),
        ("programmer cilegon", "programmer", ("3672",)),
        ("lowongan it support di serang", "it support", ("3604", "3673")),
        ("it support kota serang", "it support", ("3673",)),
        ("admin kabupaten serang", "admin", ("3604",)),
        ("loker tangerang selatan", "", ("3674",)),
        ("web developer tangsel", "web developer", ("3674",)),
        ("data analyst", "data analyst", ()),
        ("jobs in cilegon", "", ("3672",)),
        ("mikrotik", "mikrotik", ()),
    ],
)
def test_places_and_filler(text: str, topic: str, codes: tuple[str, ...]) -> None:
    read = parse_query(text, FORMS)
    assert read.topic == topic
    assert read.region_codes == codes


def test_meaning_only_hits_need_a_margin_over_the_typical_vacancy() -> None:
    """The query "mikrotik": three vacancies name it; the rest are found by meaning alone, and the best of
    them (a graphic designer, 0.227, median 0.105) is not clearly about the query."""
    meaning = np.array([0.30, 0.24, 0.227, 0.21, 0.2] + [0.1] * 10 + [0.05] * 5)
    words = np.zeros(meaning.size)
    words[:2] = 1.0
    zeros = np.zeros(meaning.size)
    _score, kept = relevance(zeros, zeros, words, meaning, RankWeights())
    assert kept.tolist() == [True, True] + [False] * (meaning.size - 2)
    _score, kept = relevance(zeros, zeros, words, meaning, BASELINE)
    assert kept[2]  # the old floor let it through


def test_vacancies_asking_for_a_named_skill_rank_first() -> None:
    skill = np.array([0.0, 1.0])
    title = np.array([1.0, 0.0])
    words = np.array([1.0, 1.0])
    meaning = np.array([0.6, 0.1])
    score, _kept = relevance(skill, title, words, meaning, RankWeights())
    assert score[1] > score[0]


def test_ndcg_and_precision() -> None:
    judged = {"a": 2, "b": 1}
    assert ndcg_at(["a", "b", "c"], judged) == pytest.approx(1.0)
    assert ndcg_at(["c", "b", "a"], judged) < 1.0
    assert precision_at(["a"], judged, 5) == pytest.approx(0.2)
