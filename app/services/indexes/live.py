"""The ranking and search indexes of this process, kept up to date incrementally.

Each index is a *main* part, built once with column queries, plus a small *delta* part holding
the rows changed since. Every ``INDEX_REFRESH_SECONDS`` a request asks the database which rows
changed (``updated_at``, indexed); those rows leave the main part and the delta is rebuilt from
them alone. So a vacancy saved by any web process or worker reaches every process within
seconds, through the database, without rebuilding the whole index. When the delta grows past
``INDEX_DELTA_LIMIT`` rows a job writes a new snapshot (``indexes.snapshot``, asked for once) and
the process keeps serving from its main part and the larger delta until that snapshot is on
disk, then takes it as its main part; with snapshots off the process builds the main part again
itself. Services touch ``updated_at`` whenever what an index holds changes (skills, visibility,
an organisation's verification).

The first main part of a process comes from the snapshot on disk when there is one
(``snapshot.py``: memory-mapped, shared with the other processes); the rows changed after the
snapshot's mark, the rows that joined or left the index or whose ``updated_at`` differs from
the snapshot's (each row's compared with the database) and the rows saved without a vector go
to the delta, as any later change does. A main part built
from the database is written as the new snapshot.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Generic, TypeVar

from flask import current_app
from sqlalchemy import func, select

from app.extensions import db
from app.runtime import release_memory
from app.services import vectors

Part = TypeVar("Part")
SNAPSHOT_SUBJECT = "indexes:snapshot"  # the subject of the job that writes a new snapshot
log = logging.getLogger(__name__)
DELTA_CEILING = 4  # times INDEX_DELTA_LIMIT: past it a process builds its main part itself


class LiveIndex(Generic[Part]):
    """One index of one process: a main part, a delta part and what it has seen."""

    def __init__(
        self,
        table: type,
        build: Callable[..., Part | None],
        kind: str,
        versions: Callable[[], dict[int, float]],
    ) -> None:
        self.table = table
        self.build = build
        self.kind = kind
        self.versions = versions  # id -> updated_at of the rows a build now would hold
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
        self.loaded = False  # the main part came from the snapshot
        self.source: str | None = None  # the snapshot folder the main part was read or written as
        self.asked: float | None = None  # when this process last asked for a new snapshot

    def parts(self, neighbours: object, mean: object) -> list[Part]:
        """The current parts (main first), refreshed when the refresh interval has passed."""
        self.refresh(neighbours, mean)
        return [p for p in (self.main, self.delta) if p is not None]

    def refresh(self, neighbours: object, mean: object) -> None:
        """Apply the rows changed since the last look (or build everything the first time)."""
        config = current_app.config
        key = (str(db.engine.url), vectors.model_id())
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

    def _rebuild(
        self,
        neighbours: object,
        mean: object,
        key: tuple[object, ...],
        fresh: bool = False,
        force: bool = False,
    ) -> None:
        """Build the main part (from the snapshot unless ``fresh``, then from the database); the
        rows changed within the overlap window before it are marked seen (the build holds them),
        so a mass update does not trigger build after build."""
        if not fresh and self._from_snapshot(neighbours, mean, key):
            return
        watermark, seen = self._mark()
        self.reset()
        self.main = self.build(neighbours, mean)
        self.key, self.watermark, self.builds, self.seen = key, watermark, 1, seen
        release_memory()  # the build's temporary rows: back to the system, not kept resident
        written = self._save(key, mean, self.main, watermark, seen, force, None)
        self.source = None if written is None else written.name

    def _mark(self) -> tuple[datetime | None, dict[int, datetime]]:
        """The high-water mark a build now starts from and the rows changed within the overlap
        window before it (the build holds them)."""
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
        return watermark, seen

    def _save(self, key, mean, part, watermark, seen, force, in_use):  # type: ignore[no-untyped-def]
        from app.services.indexes import snapshot

        try:
            return snapshot.save(self.kind, key, mean, part, watermark, seen, force, in_use)
        except OSError as error:  # a full or read-only disk: serve anyway
            log.warning("%s index snapshot not written: %s", self.kind, error)
            return None

    def write_snapshot(self, neighbours: object, mean: object) -> int | None:
        """Build a main part from the database and write it as the snapshot, even when the one
        on disk has the same mark (vectors stored by a re-index do not move the mark), leaving
        this process's own parts as they are (``indexes.write_snapshot``: the processes take it
        when their delta passes the limit, new ones start from it). Rows written, or None when
        nothing was (another process writing it, a full or read-only disk)."""
        key = (str(db.engine.url), vectors.model_id())
        watermark, seen = self._mark()
        part = self.build(neighbours, mean)
        written = self._save(key, mean, part, watermark, seen, True, self.source)
        release_memory()
        if part is None:  # no rows: nothing to write
            return 0
        return None if written is None else len(part)  # type: ignore[arg-type]

    def _from_snapshot(self, neighbours: object, mean: object, key: tuple[object, ...]) -> bool:
        """Take the snapshot as the main part and catch up with the database (more changed
        since it than ``INDEX_DELTA_LIMIT``: a new snapshot is asked for, see ``_apply_changes``);
        False when there is no snapshot."""
        from app.services.indexes import snapshot

        loaded = snapshot.load(self.kind, key, neighbours, mean)  # type: ignore[arg-type]
        if loaded is None:
            return False
        name, part, watermark, seen, recheck = loaded
        asked = self.asked
        self.reset()
        self.main, self.key, self.watermark, self.seen = part, key, watermark, seen
        self.loaded, self.source, self.asked = True, name, asked
        held = dict(zip(part.ids.tolist(), part.updated.tolist(), strict=True))  # type: ignore[attr-defined]
        now = self.versions()
        for gone in held.keys() - now.keys():  # closed, hidden, deleted since the snapshot
            part.set_active(gone, False)  # type: ignore[attr-defined]
        # new rows, rows changed (another updated_at: also a database made again under the same
        # URL) and rows that had no vector go to the delta
        extra = {row_id for row_id, at in now.items() if held.get(row_id) != at}
        extra |= recheck & now.keys()
        self._apply_changes(neighbours, mean, current_app.config, extra)
        return True

    def _apply_changes(
        self, neighbours: object, mean: object, config: dict, extra: set[int] | None = None
    ) -> None:
        if len(self.delta_ids) > config["INDEX_DELTA_LIMIT"] and self._take_newer(neighbours, mean):
            return  # the snapshot asked for is written: it holds the delta's rows
        overlap = timedelta(seconds=config["INDEX_CHANGE_OVERLAP_SECONDS"])
        since = (self.watermark or datetime.min + overlap) - overlap
        changes = db.session.execute(
            select(self.table.id, self.table.updated_at).where(self.table.updated_at >= since)
        ).all()
        new = [(row_id, at) for row_id, at in changes if self.seen.get(row_id) != at]
        if not new and not extra:
            return
        for row_id, at in new:
            self.seen[row_id] = at
        if new:
            marks = [at for _, at in new] + ([self.watermark] if self.watermark else [])
            self.watermark = max(marks)
            floor = self.watermark - overlap
            self.seen = {row_id: at for row_id, at in self.seen.items() if at >= floor}
        changed = {row_id for row_id, _ in new} | (extra or set())
        if len(self.delta_ids | changed) > config["INDEX_DELTA_LIMIT"]:
            waited_too_long = (
                len(self.delta_ids | changed) > DELTA_CEILING * config["INDEX_DELTA_LIMIT"]
            )  # the snapshot does not come (a job on a machine without this disk): a delta
            # rebuilt from every changed row at each refresh would grow all day
            if not config.get("INDEX_SNAPSHOT_DIR") or waited_too_long:  # build it here
                key, builds = self.key, self.builds
                self._rebuild(neighbours, mean, key, fresh=True)  # type: ignore[arg-type]
                self.builds = builds + 1
                return
            if self._take_newer(neighbours, mean):
                return
            self._ask_for_snapshot(config)
        for row_id in changed:
            if self.main is not None:
                self.main.set_active(row_id, False)  # type: ignore[attr-defined]
        self.delta_ids |= changed
        self.delta = self.build(neighbours, mean, only=self.delta_ids)

    def _take_newer(self, neighbours: object, mean: object) -> bool:
        """Take the snapshot on disk as the main part (and catch up from it) when it is another
        one than this main part came from; False when there is none such."""
        from app.services.indexes import snapshot

        if self.key is None or not current_app.config.get("INDEX_SNAPSHOT_DIR"):
            return False
        name = snapshot.current(self.kind, self.key, mean)  # type: ignore[arg-type]
        if name is None or name == self.source:
            return False
        return self._from_snapshot(neighbours, mean, self.key)

    def _ask_for_snapshot(self, config: dict) -> None:
        """Start the job that writes a new snapshot, unless one is queued or running, or this
        process asked within ``INDEX_SNAPSHOT_ASK_SECONDS`` (a worker on another machine writes
        to its own disk: asking on every refresh would not bring it here)."""
        from app.jobs import pending
        from app.jobs.runner import enqueue_apart

        now = time.monotonic()
        if self.asked is not None and now - self.asked < config["INDEX_SNAPSHOT_ASK_SECONDS"]:
            return
        self.asked = now
        try:
            if pending(SNAPSHOT_SUBJECT) is None:
                enqueue_apart("indexes.snapshot", subject=SNAPSHOT_SUBJECT)
        except Exception:  # noqa: BLE001 - serving goes on from the main part and the delta
            log.exception("%s index: the snapshot job was not started", self.kind)
