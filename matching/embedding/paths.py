"""Default locations of the model folder and the embedding cache (``matching.settings``)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from matching import settings


def default_model_dir() -> Path:
    """The settings' ``model_dir`` (default ``<repo>/var/models/multilingual-e5-small``)."""
    return settings.current().model_dir


def default_cache_dir() -> Path:
    """The settings' ``cache_dir`` (default ``<repo>/var/cache/embeddings``)."""
    return settings.current().cache_dir


def usable_cores(cap: int = 8) -> int:
    """Cores this process may run on (a container's limit, not the host's count), at most ``cap``."""
    try:
        n = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        n = os.cpu_count() or 1
    return max(1, min(cap, n))


def swap_into_place(built: Path, dest: Path) -> None:
    """Rename a finished folder to ``dest``, setting an old one aside first, so that ``dest`` is
    never half-written and never missing for long."""
    if dest.exists():
        old = dest.with_name(f"{dest.name}.old-{os.getpid()}")
        dest.rename(old)
        shutil.rmtree(old, ignore_errors=True)
    built.rename(dest)


def set_offline_env() -> None:
    """Keep Hugging Face libraries offline and quiet (call before loading a model)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
