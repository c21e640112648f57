"""Exact names, evidence sentences and the linker's clipping (``matching.mentions``), with a
stand-in index (no model)."""

from __future__ import annotations

import pytest

from matching.linking.types import SkillMention
from matching.mentions import (
    EVIDENCE_CONTEXT,
    clip_for_linker,
    extract_with_names,
    sentence_around,
    with_exact_names,
)
from tests.matching.test_mentions import Aliases, Entry, Hit


class Index:
    def __init__(self, hits: list[Hit], extracted: list[SkillMention] | None = None) -> None:
        self.entries = [Entry("php"), Entry("mysql"), Entry("css")]
        self.aliases = Aliases(hits)
        self.extracted = extracted or []
        self.calls: list[str] = []

    def extract(self, text: str) -> list[SkillMention]:
        self.calls.append(text)
        return list(self.extracted)


TEXT = "PHP, MySQL dan CSS"


def test_an_added_name_scores_95_percent_of_its_weight() -> None:
    result = with_exact_names(Index([Hit(0, 0, 3, 0.93)]), TEXT, [])
    assert [(m.skill_id, m.score, m.method) for m in result] == [("php", 0.8835, "alias")]


def test_the_minimum_weight_is_inclusive_and_can_be_lowered() -> None:
    index = Index([Hit(0, 0, 3, 0.8), Hit(2, 15, 18, 0.79)])
    assert [m.skill_id for m in with_exact_names(index, TEXT, [], min_weight=0.8)] == ["php"]
    assert [m.skill_id for m in with_exact_names(index, TEXT, [], min_weight=0.5)] == [
        "php",
        "css",
    ]


def test_one_mention_per_skill_the_first_hit_wins() -> None:
    index = Index([Hit(1, 5, 10, 1.0), Hit(1, 0, 3, 1.0)])
    (mention,) = with_exact_names(index, TEXT, [])
    assert (mention.start, mention.evidence) == (5, "MySQL")


def test_results_are_best_first_then_by_position() -> None:
    mentions = [
        SkillMention("css", 0.5, 15, 18, "CSS", "dense"),
        SkillMention("mysql", 0.95, 5, 10, "MySQL", "dense"),
    ]
    index = Index([Hit(0, 0, 3, 1.0)])
    result = with_exact_names(index, TEXT, mentions)
    assert [(m.skill_id, m.score) for m in result] == [
        ("php", 0.95),
        ("mysql", 0.95),
        ("css", 0.5),
    ]


def test_extract_with_names_reads_the_text_once_and_adds_names() -> None:
    extracted = [SkillMention("mysql", 0.7, 5, 10, "MySQL", "dense")]
    index = Index([Hit(0, 0, 3, 1.0), Hit(1, 5, 10, 1.0)], extracted)
    result = extract_with_names(index, TEXT)
    assert index.calls == [TEXT]
    assert [(m.skill_id, m.method) for m in result] == [("php", "alias"), ("mysql", "dense")]


@pytest.mark.parametrize(
    ("text", "word", "sentence"),
    [
        ("Pengalaman 2 tahun. Menguasai PHP dan MySQL. Gaji UMR", "PHP", "Menguasai PHP dan MySQL"),
        ("Syarat:\n- Menguasai PHP\n- Jujur", "PHP", "Menguasai PHP"),
        ("Menguasai PHP; jujur", "PHP", "Menguasai PHP"),
        ("Syarat • Menguasai PHP", "PHP", "Menguasai PHP"),
        ("PHP", "PHP", "PHP"),
    ],
)
def test_sentence_around_a_mention(text: str, word: str, sentence: str) -> None:
    start = text.index(word)
    assert sentence_around(text, start, start + len(word)) == sentence


def test_a_long_sentence_is_cut_around_the_mention() -> None:
    text = "a " * 400 + "PHP" + " b" * 400
    start = text.index("PHP")
    got = sentence_around(text, start, start + 3)
    assert got.startswith("…") and got.endswith("…")
    assert "PHP" in got
    assert len(got) <= 2 * EVIDENCE_CONTEXT + 3 + 2


def test_clip_for_linker_leaves_short_text_alone() -> None:
    assert clip_for_linker("Menguasai PHP. Jujur.") == ("Menguasai PHP. Jujur.", False)


def test_clip_for_linker_cuts_at_a_sentence_end() -> None:
    text = "Menguasai PHP dan MySQL. " * 10
    kept, cut = clip_for_linker(text, max_chars=100)
    assert cut is True
    assert kept.endswith("MySQL.") and len(kept) <= 100


def test_clip_for_linker_counts_sentences() -> None:
    text = " ".join(f"Kalimat nomor {n}." for n in range(1, 11))
    kept, cut = clip_for_linker(text, max_sentences=3)
    assert cut is True
    assert kept == "Kalimat nomor 1. Kalimat nomor 2. Kalimat nomor 3."


def test_clip_for_linker_breaks_long_lines_without_moving_offsets() -> None:
    text = "kata " * 300
    kept, cut = clip_for_linker(text, max_line=100, max_sentences=1000)
    assert cut is False
    assert len(kept) == len(text)
    assert max(len(line) for line in kept.split("\n")) <= 101
