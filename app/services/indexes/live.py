"""The ranking and search indexes of this process, kept up to date incrementally.

Each index is a *main* part, built once with column queries, plus a small *delta* part holding
the rows changed since. Every ``INDEX_REFRESH_SECONDS`` a request asks the database which rows
changed (``updated_at``, indexed); those rows leave the main part and the delta is rebuilt from
them alone. So a vacancy saved by any web process or worker reaches every process within
seconds, through the database, without rebuilding the whole index. When the delta grows past
``INDEX_DELTA_LIMIT`` rows the main part is built again. Services touch ``updated_at`` whenever
what an index holds changes (skills, visibility, an organisation's verification).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Generic, TypeVar

from flask import current_app
from sqlalchemy import func, select

from app.extensions import db
from app.runtime import release_memory

Part = TypeVar("Part")


class LiveIndex(Generic[Part]):
    """One index of one process: a main part, a delta part and what it has seen."""

    def __init__(self, table: type, build: Callable[..., Part | None]) -> None:
        self.table = table
        self.build = build
        self.lock = threading.RLock()
        self.reset()

    def reset(self) -> None:
        """Forget everything (the next use builds the index again)."""
        self.key: tuple[object, ...] | None = None
        self.main: Part | None = None
        self.delta: Part | None = None
        self.delta_ids: set[int] = set()
        self.seen: dict[int, datetime] = {}
        self.watermark: datetime | None = None
        self.checked = 0.0
        self.builds = 0

    def parts(self, neighbours: object, mean: object) -> list[Part]:
        """The current parts (main first), refreshed when the refresh interval has passed."""
        self.refresh(neighbours, mean)
        return [p for p in (self.main, self.delta) if p is not None]

    def refresh(self, neighbours: object, mean: object) -> None:
        """Apply the rows changed since the last look (or build everything the first time)."""
        config = current_app.config
        key = (str(db.engine.url), config["EMBEDDING_MODEL"])
        now = time.monotonic()
        if self.key == key and now - self.checked < config["INDEX_REFRESH_SECONDS"]:
            return
        with self.lock:
            if self.key != key:
                self._rebuild(neighbours, mean, key)
            else:
                self._apply_changes(neighbours, mean, config)
                release_memory(collect=False)  # what requests freed since: back to the system
            self.checked = time.monotonic()

    def _rebuild(self, neighbours: object, mean: object, key: tuple[object, ...]) -> None:
        """Build the main part; the rows changed within the overlap window before it are marked
        seen (the build holds them), so a mass update does not trigger build after build."""
        watermark = db.session.scalar(select(func.max(self.table.updated_at)))
        seen: dict[int, datetime] = {}
        if watermark is not None:
            overlap = timedelta(seconds=current_app.config["INDEX_CHANGE_OVERLAP_SECONDS"])
            seen = dict(
                db.session.execute(
                    select(self.table.id, self.table.updated_at).where(
                        self.table.updated_at >= watermark - overlap
                    )
                ).all()
            )
        self.reset()
        self.main = self.build(neighbours, mean)
        self.key, self.watermark, self.builds, self.seen = key, watermark, 1, seen
        release_memory()  # the build's temporary rows: back to the system, not kept resident

    def _apply_changes(self, neighbours: object, mean: object, config: dict) -> None:
        overlap = timedelta(seconds=config["INDEX_CHANGE_OVERLAP_SECONDS"])
        since = (self.watermark or datetime.min + overlap) - overlap
        changes = db.session.execute(
            select(self.table.id, self.table.updated_at).where(self.table.updated_at >= since)
        ).all()
        new = [(row_id, at) for row_id, at in changes if self.seen.get(row_id) != at]
        if not new:
            return
        for row_id, at in new:
            self.seen[row_id] = at
        self.watermark = max([at for _, at in new] + ([self.watermark] if self.watermark else []))
        floor = self.watermark - overlap
        self.seen = {row_id: at for row_id, at in self.seen.items() if at >= floor}
        changed = {row_id for row_id, _ in new}
        if len(self.delta_ids | changed) > config["INDEX_DELTA_LIMIT"]:
            key, builds = self.key, self.builds
            self._rebuild(neighbours, mean, key)  # type: ignore[arg-type]
            self.builds = builds + 1
            return
        for row_id in changed:
            if self.main is not None:
                self.main.set_active(row_id, False)  # type: ignore[attr-defined]
        self.delta_ids |= changed
        self.delta = self.build(neighbours, mean, only=self.delta_ids)
