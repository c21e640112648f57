"""A smaller tokenizer for e5 that reads Latin-script text exactly as the full one does.

XLM-R's Unigram vocabulary holds 250,002 pieces in every script; loaded by ``tokenizers`` its
trie takes about 290 MB of each process. The platform's text is Indonesian and English, so the
runtime keeps only the pieces made of Latin letters, digits, punctuation and common symbols
(about 111,000) and maps their ids back to the model's. A piece can only match text holding its
own characters, so for Latin-script text the segmentation, and so the embedding, is unchanged
(a test compares the ids on mixed Indonesian/English text); a character outside the kept set
becomes ``<unk>``. Built at set-up beside the model (``python -m matching.embedding build``),
or at the first load when missing.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import numpy as np

LATIN_JSON = "tokenizer.latin.json"
LATIN_IDS = "tokenizer.latin.ids.npy"
SPECIAL_PIECES = 4  # <s> <pad> </s> <unk>: ids 0-3, kept in place
FORMAT = 1  # bump when the kept set changes: the files are written again


def kept_character(ch: str) -> bool:
    """Latin (with accents), digits, punctuation, symbols and SentencePiece's word mark."""
    code = ord(ch)
    return code < 0x250 or 0x2000 <= code < 0x2800


def prune(tokenizer: dict) -> tuple[dict, np.ndarray]:
    """The tokenizer JSON with only the kept pieces, and the model id of each new id."""
    model = tokenizer["model"]
    vocab = model["vocab"]
    keep = [
        i
        for i, (piece, _score) in enumerate(vocab)
        if i < SPECIAL_PIECES or all(kept_character(c) for c in piece)
    ]
    new_id = {old: new for new, old in enumerate(keep)}
    pruned = dict(tokenizer)
    pruned["model"] = {**model, "vocab": [vocab[i] for i in keep]}
    if model.get("unk_id") is not None:
        pruned["model"]["unk_id"] = new_id[model["unk_id"]]
    pruned["added_tokens"] = [
        {**token, "id": new_id[token["id"]]} for token in tokenizer.get("added_tokens", [])
    ]
    return pruned, np.asarray(keep, dtype=np.int64)


def _fingerprint(source: Path) -> str:
    stat = source.stat()
    return f"{FORMAT}:{stat.st_size}:{int(stat.st_mtime)}"


def ensure_latin_tokenizer(folder: str | Path) -> tuple[Path, np.ndarray]:
    """The pruned tokenizer file of a model folder and its id map, written when missing or
    made from another ``tokenizer.json``."""
    folder = Path(folder)
    source = folder / "tokenizer.json"
    target, ids_path = folder / LATIN_JSON, folder / LATIN_IDS
    marker = folder / (LATIN_JSON + ".source")
    current = (
        target.is_file()
        and ids_path.is_file()
        and marker.is_file()
        and marker.read_text(encoding="ascii") == _fingerprint(source)
    )
    if not current:
        pruned, ids = prune(json.loads(source.read_text(encoding="utf-8")))
        for path, write in (
            (target, lambda f: f.write(json.dumps(pruned, ensure_ascii=False).encode("utf-8"))),
            (ids_path, lambda f: np.save(f, ids)),
            (marker, lambda f: f.write(_fingerprint(source).encode("ascii"))),
        ):
            handle, name = tempfile.mkstemp(dir=folder, prefix=path.name + ".")
            with os.fdopen(handle, "wb") as out:
                write(out)
            os.replace(name, path)
    return target, np.load(ids_path)
