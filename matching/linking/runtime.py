"""Wiring for the commands: load an embedder and a vocabulary, build benchmark indexes, variants."""

from __future__ import annotations

import functools
from dataclasses import replace
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.utils import default_process

from matching import settings
from matching.linking.calibration import load_calibration
from matching.linking.index import Embedder, SkillIndex
from matching.linking.params import Weights
from matching.linking.sources import (
    ESCO_SKILL_URI,
    benchmark_entries,
    drop_forms_seen_in,
    entries_from_vocabulary,
    read_esco_label_table,
    read_label_file,
)
from matching.linking.store import build_or_load, combined_model_id

VARIANTS = (
    "fused",
    "fused_phrases",
    "fused_no_prior",
    "semantic",
    "semantic_forms",
    "tfidf",
    "fuzzy",
    "alias",
    "lexical",
)


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


def _pair(model: str | Embedder, aux: Embedder | None) -> tuple[Embedder, Embedder | None]:
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


def build_benchmark_index(
    labels_path: str | Path,
    model: str | Embedder = "e5",
    esco_table: str | Path | None = None,
    use_vocabulary: bool = True,
    weights: Weights | None = None,
    holdout_texts: list[str] | None = None,
    aux: Embedder | None = None,
) -> SkillIndex:
    """An index over a benchmark label file, with ESCO alt labels and vocabulary aliases joined in.

    ``holdout_texts``: drop project-written forms found verbatim in these texts (leak check).
    ``model``: a name of ``MODELS`` (its second embedder comes with it) or an embedder (then
    ``aux`` is its second embedder, if any).
    """
    embedder, aux = _pair(model, aux)
    vocabulary = load_vocabulary_or_none() if use_vocabulary else None
    entries = benchmark_entries(read_label_file(labels_path), esco_table, vocabulary)
    if holdout_texts:
        entries = drop_forms_seen_in(entries, holdout_texts)
    cal = load_calibration(combined_model_id(embedder, aux))
    return build_or_load(entries, embedder, weights or cal.weights, cal.extract, aux=aux)


def build_vocabulary_index(
    model: str | Embedder = "e5",
    vocabulary=None,  # noqa: ANN001
    aux: Embedder | None = None,
) -> SkillIndex:
    """An index over the shipped vocabulary (the product's default)."""
    embedder, aux = _pair(model, aux)
    vocabulary = vocabulary or load_vocabulary_or_none()
    cal = load_calibration(combined_model_id(embedder, aux))
    entries = entries_from_vocabulary(vocabulary)
    return build_or_load(entries, embedder, cal.product_weights, cal.extract, aux=aux)


def vocabulary_parents(vocabulary) -> dict[str, str]:  # noqa: ANN001 - a Vocabulary
    """Skill id -> parent skill id, for the tools filed under an ESCO skill."""
    return {s.id: s.parent for s in vocabulary.skills if s.parent}


def vocabulary_label_map(
    vocabulary, labels: list[str], esco_table: str | Path | None
) -> dict[str, str]:  # noqa: ANN001
    """Benchmark label -> vocabulary skill id: by ESCO URI (via the label table), else by label."""
    uuid_of = read_esco_label_table(esco_table)[0] if esco_table else {}
    by_uri = {s.uri: s.id for s in vocabulary.skills if s.uri}
    by_label = {s.label_en.casefold(): s.id for s in vocabulary.skills}
    out = {}
    for label in labels:
        uuid = uuid_of.get(label)
        skill = by_uri.get(ESCO_SKILL_URI + uuid) if uuid else None
        skill = skill or by_label.get(label.casefold())
        if skill:
            out[label] = skill
    return out


def variant_scores(index: SkillIndex, texts: list[str], variant: str = "fused") -> np.ndarray:
    """Scores (n_texts, n_skills) of the fused ranker or of one baseline signal."""
    if variant == "fuzzy":
        labels = [e.label for e in index.entries]
        return process.cdist(
            texts,
            labels,
            scorer=fuzz.token_set_ratio,
            processor=default_process,
            dtype=np.float32,
            workers=1,
        )
    if variant not in VARIANTS:
        raise ValueError(f"unknown variant {variant!r}: expected one of {', '.join(VARIANTS)}")
    if variant == "fused_phrases":  # clause embeddings on, at weight 1
        index = replace(index, weights=replace(index.weights, sem_phrase=1.0))
    sig = index.signals(texts)
    if variant in ("fused", "fused_phrases"):
        return index.fuse(sig)
    if variant == "fused_no_prior":
        return index.fuse(sig, replace(index.weights, prior=0.0))
    single = {
        "semantic": "sem_label",
        "semantic_forms": "sem_form",
        "tfidf": "tfidf_label",
        "alias": "alias",
    }
    if variant in single:
        return sig[single[variant]]
    lexical = Weights(
        sem_label=0,
        sem_form=0,
        sem_phrase=0,
        tfidf_label=index.weights.tfidf_label,
        tfidf_form=index.weights.tfidf_form,
        alias=index.weights.alias,
    )
    return index.fuse(sig, lexical)
