"""Default locations of the model folder and the embedding cache (env overrides)."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
MODEL_DIR_ENV = "LINKMATCH_MODEL_DIR"
CACHE_DIR_ENV = "LINKMATCH_CACHE_DIR"


def default_model_dir() -> Path:
    """``$LINKMATCH_MODEL_DIR`` or ``<repo>/var/models/multilingual-e5-small``."""
    env = os.environ.get(MODEL_DIR_ENV)
    return Path(env) if env else REPO_ROOT / "var" / "models" / "multilingual-e5-small"


def default_cache_dir() -> Path:
    """``$LINKMATCH_CACHE_DIR`` or ``<repo>/var/cache/embeddings``."""
    env = os.environ.get(CACHE_DIR_ENV)
    return Path(env) if env else REPO_ROOT / "var" / "cache" / "embeddings"


def set_offline_env() -> None:
    """Keep Hugging Face libraries offline and quiet (call before loading a model)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
