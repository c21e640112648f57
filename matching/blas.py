"""numpy's BLAS on one thread, process-wide, for as long as any caller needs it; and products
side by side on threads of the project's own.

BLAS's worker threads busy-wait after each product, so the project's products (small, or many
block by block, or run side by side on threads of its own) run on one BLAS thread each: measured
on 2 cores, the extractor ran 7.5 vacancies/s with BLAS on 2 threads and 12 on 1
(``matching.linking.extract``). The limit is process-wide, so callers on several threads share it
through ``single_blas``. threadpoolctl lets one thread only change the limit of numpy's OpenBLAS
(pthreads): the first thread to set one keeps that role, so ``single_blas`` called first on
another thread leaves the limit as it finds it. The site's workers set one BLAS thread when they
start (``app.runtime.tune_worker``).
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor, wait
from contextlib import contextmanager
from typing import Any, TypeVar

from threadpoolctl import ThreadpoolController

T = TypeVar("T")
R = TypeVar("R")
_BLAS_LOCK = threading.Lock()
_BLAS_USERS = 0
_BLAS_LIMIT: Any = None


@functools.cache
def _blas() -> ThreadpoolController:
    return ThreadpoolController()


@contextmanager
def single_blas() -> Iterator[None]:
    """numpy's BLAS on one thread while any caller is inside (the limit is process-wide: the
    first caller sets it, the last one out restores it, so overlapping calls never leave it
    stuck, and a call inside that sets the same limit of one thread and restores what it found,
    as USE's encoder does, leaves it as it was)."""
    global _BLAS_USERS, _BLAS_LIMIT
    with _BLAS_LOCK:
        if _BLAS_USERS == 0:
            _BLAS_LIMIT = _blas().limit(limits=1, user_api="blas")
        _BLAS_USERS += 1
    try:
        yield
    finally:
        with _BLAS_LOCK:
            _BLAS_USERS -= 1
            if _BLAS_USERS == 0:
                _BLAS_LIMIT.restore_original_limits()
                _BLAS_LIMIT = None


def each(pool: ThreadPoolExecutor, work: Callable[[T], R], items: Iterable[T]) -> list[R]:
    """``work`` of each item on ``pool``, results in order; every task has ended when this
    returns or raises (none may go on running once its caller lifts the BLAS limit)."""
    futures = [pool.submit(work, item) for item in items]
    wait(futures)
    return [f.result() for f in futures]
