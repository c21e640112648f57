"""The site's path does not encode the sentences of lines whose every mention the document filter
drops (issue 13's speed): those lines give no suggestion either way, the other lines are scored
as before."""

from __future__ import annotations

import numpy as np
import pytest

from matching.linking import ExtractParams, SkillIndex, Weights, entries_from_vocabulary
from matching.linking.extract import extract_many
from matching.linking.lines import dropped_spans, no_skill_spans
from matching.mentions import extract_many_unfiltered, extract_many_with_names

VACANCY = (
    "Dibutuhkan Network Engineer\n"
    "Kualifikasi: lulusan SMK TKJ atau D3 Teknik Komputer\n"
    "Pengalaman minimal 1 tahun sebagai admin jaringan MikroTik\n"
    "Menguasai konfigurasi router MikroTik dan switch Cisco\n"
    "Mampu membuat website dengan HTML, CSS dan JavaScript\n"
    "Gaji kompetitif, BPJS dan THR\n"
    "Kirim lamaran ke email HRD"
)


class Recording:
    """An embedder that records the texts it is asked to encode."""

    def __init__(self, inner) -> None:  # noqa: ANN001
        self.inner, self.seen = inner, []
        self.model_id, self.dim = inner.model_id, inner.dim

    def encode(self, texts, *, kind="query", batch_size=64) -> np.ndarray:  # noqa: ANN001
        self.seen.extend(texts)
        return self.inner.encode(texts, kind=kind, batch_size=batch_size)


@pytest.fixture(scope="module")
def index(e5_embedder) -> SkillIndex:  # noqa: ANN001
    """Skills of the shipped vocabulary around this vacancy's words, with the real e5 model."""
    from matching.vocab import load_vocabulary

    entries = entries_from_vocabulary(load_vocabulary())
    wanted = ("MikroTik", "Cisco", "HTML", "CSS", "JavaScript", "computer engineering")
    keep = [e for e in entries if any(w.casefold() in e.label.casefold() for w in wanted)]
    return SkillIndex.build(keep + entries[::100][:30], e5_embedder, Weights(), ExtractParams())


def test_dropped_spans_are_the_lines_that_give_nothing() -> None:
    reasons = {VACANCY[s:e]: r for s, e, r in no_skill_spans(VACANCY)}
    dropped = {VACANCY[s:e] for s, e in dropped_spans(VACANCY)}
    assert reasons["Kualifikasi: lulusan SMK TKJ atau D3 Teknik Komputer"] == "education"
    assert dropped == {line for line, r in reasons.items() if r not in ("experience", "title")}
    # an experience line and a title keep their exact names, so they are still scored
    assert "Pengalaman minimal 1 tahun sebagai admin jaringan MikroTik" not in dropped
    assert "Dibutuhkan Network Engineer" not in dropped
    assert "Gaji kompetitif, BPJS dan THR" in dropped


def test_skipped_sentences_are_not_encoded_and_give_no_mention(index: SkillIndex) -> None:
    from dataclasses import replace

    recording = Recording(index.embedder)
    skipping = replace(index, embedder=recording)
    spans = dropped_spans(VACANCY)
    found = extract_many(skipping, [VACANCY, "Menguasai HTML"], skip=dropped_spans)
    assert "Gaji kompetitif, BPJS dan THR" not in recording.seen
    assert "Menguasai konfigurasi router MikroTik dan switch Cisco" in recording.seen
    assert not any(s <= m.start < e for m in found[0] for s, e in spans)
    assert found[1] == extract_many(index, ["Menguasai HTML"])[0]  # a text without such lines


def test_the_site_suggests_the_same_with_and_without_scoring_those_lines(
    index: SkillIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    skipped = extract_many_with_names(index, [VACANCY])
    assert skipped, "the vacancy names skills"
    every_line = extract_many_unfiltered(index, [VACANCY], skip_no_skill_lines=False)
    monkeypatch.setattr(
        "matching.mentions.extract_many_unfiltered", lambda _index, _texts: every_line
    )
    assert extract_many_with_names(index, [VACANCY]) == skipped


def test_the_site_does_not_encode_a_sentence_with_no_hit_and_no_ability_word(
    index: SkillIndex,
) -> None:
    from dataclasses import replace

    text = "Menguasai konfigurasi router MikroTik\nSuasana kantor nyaman dan kekeluargaan"
    recording = Recording(index.embedder)
    skipping = replace(index, embedder=recording)
    extract_many(skipping, [text], skip_bare=True)
    assert recording.seen == ["Menguasai konfigurasi router MikroTik"]
    recording.seen.clear()
    extract_many(skipping, [text])  # extract itself still scores every sentence
    assert "Suasana kantor nyaman dan kekeluargaan" in recording.seen
