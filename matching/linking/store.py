"""A snapshot cache of built indexes (embeddings and lexical tables) for fast warm starts.

The key is a hash of the model id, the label embedding kind and every entry (id, label, forms), so
a changed vocabulary or model never reads a stale snapshot. Embeddings still come from the
embedder (and its own disk cache) on a miss; the snapshot only saves rebuilding the tables.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import tempfile
from collections.abc import Sequence
from pathlib import Path

from matching.linking.index import Embedder, SkillIndex
from matching.linking.params import ExtractParams, Weights
from matching.linking.types import SkillEntry

SNAPSHOT_VERSION = 7  # bump when the lexical tables' build or the forms' order changes
_PARTS = (
    "label_emb",
    "form_emb",
    "form_owner",
    "form_text",
    "tfidf",
    "aliases",
    "fuzzy",
    "aux_label_emb",
    "aux_form_emb",
)


def default_index_cache_dir() -> Path:
    """The settings' ``index_cache_dir`` (default ``var/cache/linking`` under the repository)."""
    from matching import settings

    return settings.current().index_cache_dir


def combined_model_id(embedder: Embedder, aux: Embedder | None = None) -> str:
    """The id of an embedder pair: what caches and calibration are keyed by."""
    return embedder.model_id if aux is None else f"{embedder.model_id} + {aux.model_id}"


def snapshot_key(entries: Sequence[SkillEntry], model_id: str, label_kind: str) -> str:
    """Hex digest identifying an index built from these entries with this model."""
    head = f"v{SNAPSHOT_VERSION}\0{model_id}\0{label_kind}\0".encode()
    h = hashlib.sha1(head)  # noqa: S324 - a cache key, not security
    for e in entries:
        h.update(
            json.dumps(
                [e.skill_id, e.label, [(f.text, f.lang, f.kind) for f in e.forms]],
                ensure_ascii=False,
            ).encode()
        )
    return h.hexdigest()


def build_or_load(
    entries: Sequence[SkillEntry],
    embedder: Embedder,
    weights: Weights | None = None,
    extract_params: ExtractParams | None = None,
    cache_dir: str | Path | None = None,
    aux: Embedder | None = None,
) -> SkillIndex:
    """``SkillIndex.build`` through a snapshot file: load it if present, else build and save it."""
    weights = weights or Weights()
    entries = list(entries)
    folder = Path(cache_dir) if cache_dir is not None else default_index_cache_dir()
    model_id = combined_model_id(embedder, aux)
    path = folder / f"index-{snapshot_key(entries, model_id, weights.label_kind)}.pkl"
    if path.exists():
        try:
            with path.open("rb") as fh:
                parts = pickle.load(fh)  # noqa: S301 - our own cache file
            return SkillIndex(
                entries=entries,
                embedder=embedder,
                weights=weights,
                extract_params=extract_params or ExtractParams(),
                aux=aux,
                **parts,
            )
        except (OSError, pickle.UnpicklingError, EOFError, TypeError, AttributeError):
            path.unlink(missing_ok=True)
    index = SkillIndex.build(entries, embedder, weights, extract_params, aux=aux)
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=folder, delete=False, suffix=".tmp") as fh:
        pickle.dump({k: getattr(index, k) for k in _PARTS}, fh, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(fh.name, path)
    return index
