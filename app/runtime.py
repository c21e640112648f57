"""Process settings of a web worker that serves many requests in threads on few cores.

- BLAS (NumPy's matrix products) runs on one thread per request: a worker already runs requests
  side by side, and OpenBLAS's own threads spin while they wait, which on 2 cores doubled the
  CPU a search cost (``python -m bench.pages``).
- glibc keeps at most two malloc arenas (one per thread by default: memory freed by one thread
  stays with its arena), and after the indexes are built the freed heap is given back to the
  system (``malloc_trim``): the build's temporary rows otherwise stay resident.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import logging

log = logging.getLogger(__name__)
M_ARENA_MAX = -8  # glibc mallopt parameter


def _libc() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
    except OSError:
        return None
    return libc if libc is not None and hasattr(libc, "malloc_trim") else None


def tune_worker(blas_threads: int = 1, malloc_arenas: int = 2) -> None:
    """One BLAS thread per request and few malloc arenas (call before the worker's threads
    start)."""
    import numpy  # noqa: F401 - BLAS must be loaded for its threads to be limited
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=blas_threads, user_api="blas")
    libc = _libc()
    if libc is not None:
        libc.mallopt(M_ARENA_MAX, malloc_arenas)


def release_memory(collect: bool = True) -> None:
    """Collect garbage (unless ``collect`` is false) and give the freed heap back to the
    system (after a build)."""
    if collect:
        gc.collect()
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)


def freeze_heap() -> None:
    """Move every object alive now (the model, the indexes) out of the garbage collector's
    scans: a warm worker's full collections then walk only what requests create."""
    gc.collect()
    gc.freeze()
