"""The runtime's smaller tokenizer reads Indonesian and English text exactly as the full one."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from matching.embedding.latin_vocab import ensure_latin_tokenizer, kept_character, prune

TEXTS = [
    "query: Dicari Web Developer (Laravel/PHP) – penempatan Tangerang Selatan, gaji Rp 6.500.000",
    "passage: Peserta didik mampu mengonfigurasi jaringan CIDR/VLSM dan router MikroTik.",
    "query: Experience with C#, .NET 8, Node.js & React; café “résumé” naïve • 100% remote…",
    "Kemampuan K3LH, TKJ, RPL/PPLG, DKV; sertifikat BNSP (SKKNI 282/2016) diutamakan!",
    "Analisis data dengan Python (pandas, NumPy), SQL — dashboard Power BI ≥ 2 tahun ±",
]


def test_kept_characters() -> None:
    assert all(kept_character(c) for c in "aZ09é–“”…•≥±▁")
    assert not any(kept_character(c) for c in "日本語العربيةкириллица")


def test_latin_text_gets_the_same_ids_as_with_the_full_vocabulary(e5_model_dir: Path) -> None:
    from tokenizers import Tokenizer

    full = Tokenizer.from_file(str(e5_model_dir / "tokenizer.json"))
    path, model_ids = ensure_latin_tokenizer(e5_model_dir)
    small = Tokenizer.from_file(str(path))
    assert len(model_ids) < 150_000  # well under half of the 250,002 pieces
    for text in TEXTS:
        assert model_ids[small.encode(text).ids].tolist() == full.encode(text).ids, text


def test_other_scripts_become_unknown_pieces(e5_model_dir: Path) -> None:
    from tokenizers import Tokenizer

    path, model_ids = ensure_latin_tokenizer(e5_model_dir)
    ids = model_ids[Tokenizer.from_file(str(path)).encode("日本").ids].tolist()
    assert 3 in ids  # <unk>


def test_prune_keeps_special_pieces_and_maps_ids() -> None:
    tokenizer = {
        "model": {"type": "Unigram", "unk_id": 3, "vocab": [["<s>", 0], ["<pad>", 0],
                  ["</s>", 0], ["<unk>", 0], ["日", -1.0], ["▁a", -2.0]]},
        "added_tokens": [{"id": 3, "content": "<unk>"}],
    }  # fmt: skip
    pruned, ids = prune(json.loads(json.dumps(tokenizer)))
    assert [p for p, _ in pruned["model"]["vocab"]] == ["<s>", "<pad>", "</s>", "<unk>", "▁a"]
    assert ids.tolist() == [0, 1, 2, 3, 5] and pruned["model"]["unk_id"] == 3
    assert isinstance(ids, np.ndarray)


@pytest.mark.parametrize("text", TEXTS[:2])
def test_the_embedder_uses_it(e5_embedder, text: str) -> None:  # type: ignore[no-untyped-def]
    assert e5_embedder._model_ids.size < 150_000
    assert e5_embedder.encode([text]).shape == (1, 384)
