"""matching/'s settings in one object: where the model and the caches live, how many threads.

The app fills it from its config (``create_app`` calls ``configure`` with ``MATCHING_MODEL_DIR``,
``MATCHING_CACHE_DIR``, ``MATCHING_INDEX_CACHE_DIR`` and ``MATCHING_THREADS`` of
``app/config.py``). A process that never calls ``configure`` (``python -m matching.embedding``,
the lab commands, the matching tests) gets ``from_env()``: the same four environment variables
the app's config reads. This module is the only one of matching/ that reads the environment.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
MODEL_DIR_ENV = "LINKMATCH_MODEL_DIR"
CACHE_DIR_ENV = "LINKMATCH_CACHE_DIR"
INDEX_CACHE_ENV = "LINKMATCH_INDEX_CACHE"
THREADS_ENV = "LINKMATCH_TORCH_THREADS"


@dataclass(frozen=True)
class MatchingSettings:
    """``model_dir``: the e5 model folder; ``cache_dir``: the embedding disk cache;
    ``index_cache_dir``: snapshots of built skill indexes; ``threads``: encoder threads (texts
    encoded side by side; torch's intra-op threads for torch models), ``None`` for one per usable
    core."""

    model_dir: Path = REPO_ROOT / "var" / "models" / "multilingual-e5-small"
    cache_dir: Path = REPO_ROOT / "var" / "cache" / "embeddings"
    index_cache_dir: Path = REPO_ROOT / "var" / "cache" / "linking"
    threads: int | None = None


def make_settings(
    model_dir: str | Path | None = None,
    cache_dir: str | Path | None = None,
    index_cache_dir: str | Path | None = None,
    threads: int | str | None = None,
) -> MatchingSettings:
    """Settings from optional values; an empty or missing one keeps its default."""
    base = MatchingSettings()
    return MatchingSettings(
        model_dir=Path(model_dir) if model_dir else base.model_dir,
        cache_dir=Path(cache_dir) if cache_dir else base.cache_dir,
        index_cache_dir=Path(index_cache_dir) if index_cache_dir else base.index_cache_dir,
        threads=int(threads) if threads else None,
    )


def from_env(environ: Mapping[str, str] | None = None) -> MatchingSettings:
    """Settings from ``LINKMATCH_MODEL_DIR``, ``LINKMATCH_CACHE_DIR``, ``LINKMATCH_INDEX_CACHE``
    and ``LINKMATCH_TORCH_THREADS`` (each optional)."""
    env = os.environ if environ is None else environ
    return make_settings(
        env.get(MODEL_DIR_ENV),
        env.get(CACHE_DIR_ENV),
        env.get(INDEX_CACHE_ENV),
        env.get(THREADS_ENV),
    )


_configured: MatchingSettings | None = None


def configure(settings: MatchingSettings | None) -> None:
    """Use ``settings`` from now on in this process (``None``: back to ``from_env()``)."""
    global _configured
    _configured = settings


def current() -> MatchingSettings:
    """The configured settings, else ``from_env()`` (read at each call)."""
    return _configured if _configured is not None else from_env()
