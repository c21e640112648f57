"""Wiring: load an embedder pair and the vocabulary, build the vocabulary's skill index (the
benchmark indexes and the ranker's variants are in the lab, ``matching.lab.linking.benchmark``)."""

from __future__ import annotations

import functools

from matching import settings
from matching.linking.calibration import load_calibration
from matching.linking.index import Embedder, SkillIndex
from matching.linking.sources import entries_from_vocabulary
from matching.linking.store import build_or_load, combined_model_id

MODELS = ("e5", "e5-solo", "e5-float", "minilm")


def load_embedder(model: str = "e5", threads: int | None = None) -> Embedder:
    """A project embedder wrapped in the disk cache.

    ``e5`` and ``e5-solo``: multilingual-e5-small as an int8 ONNX graph (``e5`` adds USE as a
    second embedder, see ``load_aux``); ``e5-float``: the same model's float sentence-transformers
    folder (torch); ``minilm``: English all-MiniLM-L6-v2 (plumbing).
    ``threads`` (default the settings' ``threads``, else one per usable core): for the ONNX
    graph, how many texts run side by side (one thread each); for torch models, torch's intra-op
    threads. On a busy 2-core machine 1 can be many times faster than 2.
    """
    from matching.embedding.paths import set_offline_env

    set_offline_env()  # before any Hugging Face library is imported
    from matching import embedding

    if model not in MODELS:
        raise ValueError(f"unknown model {model!r}: expected one of {', '.join(MODELS)}")
    threads = threads or settings.current().threads
    if model in ("e5", "e5-solo"):
        inner = (
            embedding.default_embedder()
            if threads is None
            else embedding.e5_onnx_embedder(threads=threads)
        )
    elif model == "e5-float":
        base = embedding.e5_embedder()  # checks that the folder is built
        inner = embedding.SentenceTransformerEmbedder(
            base.path, base.model_id, base.prompts, threads=threads
        )
    else:
        inner = embedding.SentenceTransformerEmbedder(
            embedding.minilm_model_dir(), embedding.MINILM_MODEL_ID, threads=threads
        )
    return embedding.CachedEmbedder(inner)


def embedder_model_id(model: str = "e5") -> str:
    """The ``model_id`` of ``load_embedder(model)``'s vectors, without building the embedder
    (no model file is read or checked): what stored vectors and snapshots are keyed by, so that
    a new export (``onnx_e5.ONNX_FORMAT``) or another model never reads the old ones."""
    from matching import embedding
    from matching.embedding.onnx_e5 import E5_ONNX_MODEL_ID

    ids = {  # e5 and e5-solo: one ONNX embedder, only the linker's second one differs
        "e5": E5_ONNX_MODEL_ID,
        "e5-solo": E5_ONNX_MODEL_ID,
        "e5-float": embedding.E5_MODEL_ID,
        "minilm": embedding.MINILM_MODEL_ID,
    }
    if model not in ids:
        raise ValueError(f"unknown model {model!r}: expected one of {', '.join(MODELS)}")
    return ids[model]


def load_aux(model: str = "e5") -> Embedder | None:
    """The second embedder of a model configuration: USE multilingual for ``e5``, else none."""
    if model != "e5":
        return None
    from matching import embedding

    # One BLAS thread: the e5 encoder's threads own the cores, and idle BLAS threads busy-wait
    # after each product and starve them (extract on 2 cores: 8.6 vacancies/s with 2, see docs).
    return embedding.CachedEmbedder(_use_single_thread())


@functools.cache
def _use_single_thread() -> Embedder:
    from matching import embedding

    return embedding.UseEmbedder(threads=1)


def embedder_pair(model: str | Embedder, aux: Embedder | None) -> tuple[Embedder, Embedder | None]:
    if isinstance(model, str):
        return load_embedder(model), load_aux(model) if aux is None else aux
    return model, aux


def load_vocabulary_or_none():  # noqa: ANN201 - Vocabulary, imported lazily
    """The shipped vocabulary, or None if it cannot be loaded."""
    try:
        from matching.vocab import load_vocabulary
    except ImportError:
        return None
    return load_vocabulary()


def build_vocabulary_index(
    model: str | Embedder = "e5",
    vocabulary=None,  # noqa: ANN001
    aux: Embedder | None = None,
) -> SkillIndex:
    """An index over the shipped vocabulary (the product's default)."""
    embedder, aux = embedder_pair(model, aux)
    vocabulary = vocabulary or load_vocabulary_or_none()
    cal = load_calibration(combined_model_id(embedder, aux))
    entries = entries_from_vocabulary(vocabulary)
    return build_or_load(entries, embedder, cal.product_weights, cal.extract, aux=aux)
