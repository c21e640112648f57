"""Rank's e5 gate (``matching.linking.rank_gate``): the cheap fusion where the top is decided,
the whole fusion elsewhere, e5 only for the sentences sent; its fitting helpers in the lab."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from matching.lab.linking import e5_gate
from matching.linking import rank_gate
from matching.linking.calibration import Calibration, load_calibration, save_calibration
from matching.linking.index import SkillIndex
from matching.linking.params import ExtractParams, RankGate, Weights
from matching.linking.rank_gate import decided, gated_scores
from tests.matching.test_rank_paths import _HashEmbedder, synthetic_entries


class _Counting(_HashEmbedder):
    """Hash vectors; remembers the query texts it was asked to encode."""

    def __init__(self) -> None:
        self.queries: list[str] = []

    def encode(self, texts, *, kind: str = "query", batch_size: int = 64) -> np.ndarray:  # noqa: ANN001
        if kind == "query":
            self.queries.extend(texts)
        return super().encode(texts, kind=kind, batch_size=batch_size)


WEIGHTS = Weights(
    sem_form=0.75, sem_phrase=0.0, tfidf_form=0.0, aux_label=0.5, aux_form=0.25, prior=2.0
)
CHEAP = replace(WEIGHTS, sem_label=0.0, sem_form=0.0, aux_label=0.5, aux_form=1.0)


@pytest.fixture
def index() -> SkillIndex:
    entries = synthetic_entries(11, 60, 5)
    return SkillIndex.build(entries, _Counting(), WEIGHTS, aux=_HashEmbedder())


TEXTS = [f"kalimat {i} tentang skill label {i % 7} dan form {i} 1" for i in range(70)]


def _cheap_reference(index: SkillIndex, texts: list[str]) -> np.ndarray:
    sig = index.signals(texts, weighted_only=True)
    return index.fuse(sig, CHEAP)


@pytest.mark.parametrize("chunk", [8, 32, 100])
def test_an_open_gate_is_the_whole_fusion_and_a_shut_one_never_calls_e5(
    index: SkillIndex, chunk: int
) -> None:
    full = index.scores(TEXTS)
    index.embedder.queries.clear()
    got, sent = gated_scores(index, TEXTS, RankGate(CHEAP, float("inf"), chunk))
    assert sent == len(TEXTS) and sorted(index.embedder.queries) == sorted(TEXTS)
    assert np.allclose(got, full, rtol=0, atol=1e-5)

    cheap = _cheap_reference(index, TEXTS)
    index.embedder.queries.clear()
    got, sent = gated_scores(index, TEXTS, RankGate(CHEAP, float("-inf"), chunk))
    assert sent == 0
    # several chunks: e5 is never called; one chunk: e5 runs meanwhile on all, unused
    assert index.embedder.queries == ([] if chunk < len(TEXTS) else TEXTS)
    assert np.allclose(got, cheap, rtol=0, atol=1e-5)


def test_a_text_scores_the_same_in_one_chunk_or_many(index: SkillIndex) -> None:
    threshold = float(np.median(decided(_cheap_reference(index, TEXTS))))
    many, sent_many = gated_scores(index, TEXTS, RankGate(CHEAP, threshold, 8))
    one, sent_one = gated_scores(index, TEXTS, RankGate(CHEAP, threshold, 100))
    assert sent_many == sent_one > 0
    assert np.allclose(many, one, rtol=0, atol=1e-5)
    alone = [gated_scores(index, [t], RankGate(CHEAP, threshold, 8))[0][0] for t in TEXTS[:5]]
    assert np.allclose(np.vstack(alone), many[:5], rtol=0, atol=1e-5)


@pytest.mark.parametrize("part_rows", [16, 23, 256])  # 23: a last part of one sentence
def test_a_long_call_scores_as_the_one_chunk_path_in_parts_or_whole(
    index: SkillIndex, monkeypatch: pytest.MonkeyPatch, part_rows: int
) -> None:
    threshold = float(np.median(decided(_cheap_reference(index, TEXTS))))
    whole, sent_whole = gated_scores(index, TEXTS, RankGate(CHEAP, threshold, len(TEXTS)))
    monkeypatch.setattr(rank_gate, "PART_ROWS", part_rows)
    parts, sent_parts = gated_scores(index, TEXTS, RankGate(CHEAP, threshold, 8))
    assert sent_parts == sent_whole > 0
    assert np.allclose(parts, whole, rtol=0, atol=1e-5)


def test_no_sentences_give_no_rows(index: SkillIndex) -> None:
    for chunk in (8, 100):
        scores, sent = gated_scores(index, [], RankGate(CHEAP, 0.0, chunk))
        assert scores.shape == (0, len(index.entries)) and sent == 0


@pytest.mark.parametrize("aux", [False, True])
@pytest.mark.parametrize("forms", [False, True])
def test_cosines_split_between_threads_are_the_index_cosines(
    index: SkillIndex, aux: bool, forms: bool
) -> None:
    assert index._groups.blocks is not None and len(index._groups.blocks) > 1
    vectors = (index.aux if aux else index.embedder).encode(TEXTS, kind="query")
    label, best = index._cosines(vectors, forms, aux, rank_gate.split_pool(), rank_gate.WORKERS)
    want_label, want_best = index._cosines(vectors, forms, aux)
    assert np.allclose(label, want_label, rtol=0, atol=1e-6)
    assert (best is None) == (want_best is None) == (not forms)
    if forms:
        assert np.allclose(best, want_best, rtol=0, atol=1e-6)


def test_only_the_undecided_sentences_go_through_e5(index: SkillIndex) -> None:
    cheap = _cheap_reference(index, TEXTS)
    gap = decided(cheap)
    threshold = float(np.median(gap))
    full = index.scores(TEXTS)
    index.embedder.queries.clear()
    got, sent = gated_scores(index, TEXTS, RankGate(CHEAP, threshold, 16))
    undecided = gap < threshold
    assert 0 < sent == undecided.sum() < len(TEXTS)
    assert set(index.embedder.queries) == {t for t, u in zip(TEXTS, undecided, strict=True) if u}
    expected = np.where(undecided[:, None], full, cheap)
    assert np.allclose(got, expected, rtol=0, atol=1e-5)
    # rank_many goes through the gate when the index has one, and not otherwise
    index.rank_gate = RankGate(CHEAP, threshold, 16)
    ranked = index.rank_many(TEXTS, k=5)
    for row, skills in zip(expected, ranked, strict=True):
        assert skills[0].skill_id == index.entries[int(np.argmax(row))].skill_id
    index.rank_gate = None
    assert [r[0].skill_id for r in index.rank_many(TEXTS, k=5)] == [
        index.entries[int(np.argmax(row))].skill_id for row in full
    ]


def test_decided_is_the_lead_of_the_best_over_the_tenth() -> None:
    rows = np.array([np.arange(20, dtype=np.float32), np.zeros(20, np.float32)])
    assert decided(rows).tolist() == [9.0, 0.0]
    assert decided(np.array([[3.0, 1.0, 2.0]])).tolist() == [2.0]  # fewer than 10 skills


def test_threshold_for_share_sends_that_share() -> None:
    gap = np.array([0.5, 0.1, 0.9, 0.3, 0.7, 0.2, 0.8, 0.4, 0.6, 1.0])
    for share in (0.1, 0.3, 0.5, 0.9):
        assert (gap < e5_gate.threshold_for_share(gap, share)).mean() == pytest.approx(share)
    assert not (gap < e5_gate.threshold_for_share(gap, 0.0)).any()
    assert not (gap < e5_gate.threshold_for_share(gap, 0.04)).any()  # rounds to no row: none
    assert (gap < e5_gate.threshold_for_share(gap, 1.0)).all()


def test_the_chosen_share_is_the_smallest_within_one_paired_standard_error() -> None:
    full = {"rp5": np.array([1.0, 1.0, 0.0, 1.0] * 25), "mrr": np.array([1.0, 0.5, 0.2, 1.0] * 25)}
    per_share = {str(s): {k: v.copy() for k, v in full.items()} for s in e5_gate.SHARES}
    for share in (0.0, 0.1, 0.2):  # every 4th sentence loses its gold from the top 5: mean .25
        per_share[str(share)]["rp5"][::4] = 0.0
    per_share["0.3"]["rp5"][0] = 0.0  # one sentence of 100: mean .01, standard error .01
    per_share["0.3"]["mrr"][1] = 0.25  # one sentence loses .25: mean .0025, se .0025
    assert e5_gate.chosen_share(per_share) == 0.3
    assert e5_gate.deficits(per_share)["0.3"]["rp5"] == [0.01, 0.01]
    per_share["0.3"]["rp5"][4] = 0.0  # two sentences: mean .02 against se .014
    assert e5_gate.chosen_share(per_share) == 0.4
    per_share["0.4"]["mrr"] -= 0.1  # every sentence lower: no spread, so beyond one se
    assert e5_gate.chosen_share(per_share) == 0.5


def test_the_gate_is_stored_and_read_with_the_calibration(tmp_path) -> None:  # noqa: ANN001
    path = tmp_path / "calibration.json"
    gate = RankGate(CHEAP, 1.25, 16)
    save_calibration(Calibration("m", WEIGHTS, ExtractParams(), True, None, gate), {"x": 1}, path)
    assert load_calibration("m", path).rank_gate == gate
    save_calibration(Calibration("m", WEIGHTS, ExtractParams(), True), {}, path)
    assert load_calibration("m", path).rank_gate is None


def test_the_calibrated_gate_with_the_real_models(e5_embedder, use) -> None:  # noqa: ANN001
    """The stored gate of the shipped models loads, and its threaded path gives, with the real e5
    and USE, the whole fusion's scores where it sends a sentence and the cheap ones elsewhere."""
    from matching.linking.sources import entries_from_vocabulary
    from matching.linking.store import combined_model_id
    from matching.vocab import load_vocabulary
    from tests.matching.test_linking import NETWORK, WANTED

    cal = load_calibration(combined_model_id(e5_embedder, use))
    assert cal.calibrated and cal.rank_gate is not None
    gate = cal.rank_gate
    assert gate.cheap.sem_label == gate.cheap.sem_form == 0 and gate.cheap.aux_form > 0
    entries = entries_from_vocabulary(load_vocabulary())
    chosen = [e for e in entries if e.skill_id in WANTED] + entries[::40][:60]
    index = SkillIndex.build(chosen, e5_embedder, cal.weights, aux=use)
    texts = [
        "Menguasai konfigurasi jaringan komputer dan router",
        "computer networking",
        "Mampu membuat query basis data MySQL",
        "Paham konsep OOP dan design pattern",
    ] * 10  # 40 sentences, more than the gate's chunk: the phased path, split between threads
    full = index.scores(texts)
    cheap = index.fuse(index.signals(texts, weighted_only=True), gate.cheap)
    threshold = float(np.median(decided(cheap)))
    got, sent = gated_scores(index, texts, replace(gate, threshold=threshold))
    send = decided(cheap) < threshold
    assert sent == send.sum()
    assert np.allclose(got, np.where(send[:, None], full, cheap), rtol=0, atol=1e-4)
    index.rank_gate = gate
    assert index.rank_many(texts[:2], k=1)[1][0].skill_id == NETWORK


def test_the_bench_measures_rank_with_and_without_the_gate(index: SkillIndex) -> None:
    from matching.lab import bench

    threshold = float(np.median(decided(_cheap_reference(index, TEXTS))))
    index.rank_gate = RankGate(CHEAP, threshold, 16)
    out = bench.rank_rates(index, TEXTS, single=3)
    for name in ("batched", "single", "batched_every_e5", "single_every_e5"):
        assert out[f"rank_sentences_{name}_per_s"] > 0
    assert out["rank_gate_e5_share"] == pytest.approx(0.5, abs=0.05)
    index.rank_gate = None
    assert "rank_gate_e5_share" not in bench.rank_rates(index, TEXTS, single=3)


def test_rank_parts_times_every_part_and_bounds_the_gated_rank(index: SkillIndex) -> None:
    from matching.lab.linking import rank_parts

    threshold = float(np.median(decided(_cheap_reference(index, TEXTS))))
    gated = replace(index, rank_gate=RankGate(CHEAP, threshold, 8))
    out = rank_parts.measure(gated, TEXTS, repeats=1)
    assert out["sentences"] == len(TEXTS)
    assert out["e5_share"] == gated_scores(gated, TEXTS, gated.rank_gate)[1] / len(TEXTS)
    assert 0 < out["e5_share"] < 1
    for extra in ("use_cosines_in_32s", "use_encode_halves", "use_cosines_split"):
        assert out[f"{extra}_cpu_ms"] > 0 and out[f"{extra}_wall_ms"] > 0
    parts = ("use_encode", "use_cosines", "tfidf", "exact_forms", "fusion_and_gate")
    assert out["cheap_pass_cpu_ms"] == pytest.approx(sum(out[f"{p}_cpu_ms"] for p in parts))
    e5 = out["e5_encode_cpu_ms"] + out["e5_cosines_cpu_ms"]
    assert out["cpu_ms_per_sentence_at_share"] == pytest.approx(
        out["cheap_pass_cpu_ms"] + out["e5_share"] * e5
    )
    assert out["ceiling_per_s_two_cores"] == pytest.approx(
        2000 / out["cpu_ms_per_sentence_at_share"]
    )
    assert out["rank_many_per_s"] == pytest.approx(1000 / out["rank_many_wall_ms"])


def test_rank_parts_refuses_an_index_without_a_gate(index: SkillIndex) -> None:
    from matching.lab.linking import rank_parts

    with pytest.raises(SystemExit, match="no e5 gate"):
        rank_parts.measure(replace(index, rank_gate=None), TEXTS, repeats=1)


def test_long_calls_at_once_with_the_site_use_score_as_one_alone(tmp_path) -> None:  # noqa: ANN001
    """Long gated calls on several threads at once, each with its USE halves side by side and
    its products split, with the site's USE (one BLAS thread, behind its embedding cache, as
    ``runtime.load_aux`` gives, here in a cache of its own): the scores and sent counts of one
    call alone."""
    import threading

    from matching.embedding import CachedEmbedder, UseEmbedder

    aux = CachedEmbedder(UseEmbedder(threads=1), tmp_path)
    index = SkillIndex.build(synthetic_entries(11, 60, 5), _Counting(), WEIGHTS, aux=aux)
    threshold = float(np.median(decided(_cheap_reference(index, TEXTS))))
    gate = RankGate(CHEAP, threshold, 8)
    alone, sent = gated_scores(index, TEXTS, gate)
    assert 0 < sent < len(TEXTS)
    start, got = threading.Barrier(4), []

    def run() -> None:
        start.wait()
        got.append(gated_scores(index, TEXTS, gate))

    workers = [threading.Thread(target=run) for _ in range(4)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert len(got) == 4
    for scores, n in got:
        assert n == sent and np.allclose(scores, alone, rtol=0, atol=1e-5)
