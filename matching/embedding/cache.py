"""On-disk embedding cache: one SQLite file per model, rows keyed by sha1(kind + text).

A second process start reads the vectors back instead of re-encoding them. SQLite gives
atomic, crash-safe writes and lets many processes read (and append) at once (WAL mode).
Each model gets its own file, named after its id, so a new model never sees stale rows.
"""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from matching.embedding.embedders import Embedder, Kind, check_texts
from matching.embedding.paths import default_cache_dir

_SQL_CHUNK = 500  # keys per SELECT ... IN (...), under SQLite's variable limit
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS embeddings (
    key TEXT PRIMARY KEY, vec BLOB NOT NULL
) WITHOUT ROWID;
"""


def text_key(text: str, kind: Kind) -> str:
    """Cache key of ``text`` embedded as ``kind``: hex sha1 of ``kind + NUL + text``."""
    return hashlib.sha1(f"{kind}\0{text}".encode(), usedforsecurity=False).hexdigest()


def cache_file(cache_dir: Path, model_id: str) -> Path:
    """SQLite file holding ``model_id``'s vectors in ``cache_dir``."""
    slug = re.sub(r"[^A-Za-z0-9._-]+", "_", model_id).strip("_")[:80]
    digest = hashlib.sha1(model_id.encode(), usedforsecurity=False).hexdigest()[:10]
    return cache_dir / f"{slug}-{digest}.sqlite3"


def _retry_locked(step: Callable[[], None], timeout: float = 60.0) -> None:
    """Run ``step``, retrying while SQLite says the database is locked: switching a new file to
    WAL needs an exclusive lock, and SQLite answers a second connection doing the same at once
    with "database is locked" without waiting (seen with four workers opening a fresh cache)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            step()
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


class CachedEmbedder:
    """Wraps an ``Embedder``: looks texts up on disk first, encodes only the misses."""

    def __init__(
        self,
        inner: Embedder,
        cache_dir: str | Path | None = None,
        *,
        memory_limit: int = 200_000,
    ) -> None:
        self.inner = inner
        self.model_id = inner.model_id
        self.dim = inner.dim
        self.cache_dir = Path(cache_dir) if cache_dir is not None else default_cache_dir()
        self.path = cache_file(self.cache_dir, self.model_id)
        self.memory_limit = memory_limit
        self.hits = 0
        self.misses = 0
        self._memory: dict[str, np.ndarray] = {}
        self._lock = threading.RLock()
        self._conn: sqlite3.Connection | None = None
        self._pid = -1

    def _connect(self) -> sqlite3.Connection:
        if self._conn is None or self._pid != os.getpid():  # reopen after a fork
            self.cache_dir.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(
                self.path, timeout=60, check_same_thread=False, isolation_level=None
            )
            try:
                _retry_locked(lambda: self._prepare(conn))
                stored = dict(conn.execute("SELECT key, value FROM meta").fetchall())
            except BaseException:
                conn.close()
                raise
            if stored["model_id"] != self.model_id or int(stored["dim"]) != self.dim:
                conn.close()
                raise ValueError(
                    f"{self.path} holds {stored['model_id']} (dim {stored['dim']}),"
                    f" not {self.model_id}"
                )
            self._conn, self._pid = conn, os.getpid()
        return self._conn

    def _prepare(self, conn: sqlite3.Connection) -> None:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.executescript(_SCHEMA)
        conn.execute(
            "INSERT OR IGNORE INTO meta VALUES ('model_id', ?), ('dim', ?)",
            (self.model_id, str(self.dim)),
        )

    def _read(self, keys: list[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        conn = self._connect()
        for start in range(0, len(keys), _SQL_CHUNK):
            chunk = keys[start : start + _SQL_CHUNK]
            marks = ",".join("?" * len(chunk))
            for key, blob in conn.execute(
                f"SELECT key, vec FROM embeddings WHERE key IN ({marks})",  # noqa: S608 - only ?s
                chunk,
            ):
                if len(blob) == 4 * self.dim:  # a damaged row is treated as a miss and rewritten
                    found[key] = np.frombuffer(blob, dtype=np.float32)
        return found

    def _write(self, rows: dict[str, np.ndarray]) -> None:
        conn = self._connect()
        data = [(k, np.ascontiguousarray(v, dtype=np.float32).tobytes()) for k, v in rows.items()]
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.executemany("INSERT OR REPLACE INTO embeddings VALUES (?, ?)", data)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    def _remember(self, rows: dict[str, np.ndarray]) -> None:
        if len(self._memory) + len(rows) > self.memory_limit:
            self._memory.clear()
        self._memory.update(rows)

    def encode(
        self, texts: Sequence[str], *, kind: Kind = "query", batch_size: int = 64
    ) -> np.ndarray:
        """Embed ``texts`` (float32, unit rows); only uncached texts reach the model."""
        check_texts(texts, kind)
        keys = [text_key(t, kind) for t in texts]
        with self._lock:
            found = {k: self._memory[k] for k in keys if k in self._memory}
            unknown = list(dict.fromkeys(k for k in keys if k not in found))
            if unknown:
                from_disk = self._read(unknown)
                self._remember(from_disk)
                found.update(from_disk)
            missing = list(
                dict.fromkeys((k, t) for k, t in zip(keys, texts, strict=True) if k not in found)
            )
            self.hits += len(keys) - len(missing)
            self.misses += len(missing)
            if missing:
                vectors = self.inner.encode(
                    [t for _, t in missing], kind=kind, batch_size=batch_size
                )
                fresh = {
                    k: np.asarray(v, dtype=np.float32)
                    for (k, _), v in zip(missing, vectors, strict=True)
                }
                self._write(fresh)
                self._remember(fresh)
                found.update(fresh)
        out = np.empty((len(keys), self.dim), dtype=np.float32)
        for i, key in enumerate(keys):
            out[i] = found[key]
        return out

    def __len__(self) -> int:
        """Number of vectors stored on disk for this model."""
        with self._lock:
            return int(self._connect().execute("SELECT COUNT(*) FROM embeddings").fetchone()[0])

    def close(self) -> None:
        """Close the database connection (it reopens on the next call)."""
        with self._lock:
            if self._conn is not None and self._pid == os.getpid():
                self._conn.close()
            self._conn = None

    def __repr__(self) -> str:
        return f"CachedEmbedder({self.inner!r}, path={str(self.path)!r})"
