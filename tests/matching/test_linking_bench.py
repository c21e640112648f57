"""``matching.lab.bench`` runs end to end on a tiny input: its rank and extract measures, the rates
per wall-clock and per CPU second, and the batched extract agreeing with one call per text."""

from __future__ import annotations

import pytest

from matching.lab import bench
from matching.linking import ExtractParams, SkillIndex, Weights, entries_from_vocabulary


@pytest.fixture(scope="module")
def index(e5_embedder) -> SkillIndex:  # noqa: ANN001
    """Forty skills of the shipped vocabulary with the real e5 model."""
    from matching.vocab import load_vocabulary

    entries = entries_from_vocabulary(load_vocabulary())[::50][:40]
    return SkillIndex.build(entries, e5_embedder, Weights(), ExtractParams(threshold=0.0))


def test_bench_measures_rank_and_extract_on_a_tiny_input(index: SkillIndex) -> None:
    texts = bench.bench_texts(2)
    sentences = ["Menguasai HTML, CSS dan JavaScript.", "Paham konsep OOP", "k8s"]
    out = bench.rank_rates(index, sentences, single=2) | bench.extract_rates(index, texts)
    for name in (
        "rank_sentences_batched",
        "rank_sentences_single",
        "extract_vacancies",
        "extract_many_vacancies",
        "site_vacancies",
        "site_vacancies_all_lines",
    ):
        assert out[f"{name}_per_s"] > 0
        assert out[f"{name}_per_cpu_s"] > 0
        assert out[f"{name}_load"] >= 0
    assert 100 < out["vacancy_words_mean"] < 200
    assert out["mentions_per_vacancy"] > 0
    assert out["extract_many_same_mentions"] == 1.0


def test_same_mentions_allows_last_bit_score_differences_only() -> None:
    from matching.linking.types import SkillMention

    def run(score: float = 0.8684, start: int = 3, skill: str = "a") -> list[list[SkillMention]]:
        return [[SkillMention(skill, score, start, 7, "text", "semantic")], []]

    assert bench.same_mentions(run(), run())
    assert bench.same_mentions(run(), run(score=0.8685))  # another BLAS kernel's last bits
    assert not bench.same_mentions(run(), run(score=0.8687))
    assert not bench.same_mentions(run(), run(start=4))
    assert not bench.same_mentions(run(), run(skill="b"))
    assert not bench.same_mentions(run(), run()[:1])
