"""Frozen monthly releases: build every dataset as of the end of a month, store it once, read
it back; what changed against the previous release; writing a release to a folder."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from app.extensions import db
from app.models import OpenDataRelease
from app.services.clock import today as local_today
from app.services.csv_safe import SafeWriter
from app.services.demand.sql import month_start
from app.services.opendata.datasets import Dataset, Row
from app.services.opendata.definitions import BY_SLUG, DATASETS


@dataclass(frozen=True)
class PublishResult:
    """What ``publish`` did: the month, and per dataset its row count (``None``: it was
    already published and left as it was)."""

    month: date
    rows: dict[str, int | None]


def last_complete_month(today: date | None = None) -> date:
    """The first day of the month before today's (Asia/Jakarta)."""
    first = month_start(today or local_today())
    return date(first.year - (first.month == 1), (first.month - 2) % 12 + 1, 1)


def parse_month(text: str) -> date:
    """``YYYY-MM`` as the first day of that month (``ValueError`` otherwise)."""
    return datetime.strptime(text, "%Y-%m").date()


def to_csv(dataset: Dataset, rows: list[Row]) -> str:
    """The rows as CSV with the dictionary's columns in order; ``None`` is an empty cell,
    booleans are ``true``/``false``, text cells cannot start a formula."""
    buffer = io.StringIO()
    writer = SafeWriter(buffer)
    names = [column.name for column in dataset.columns]
    writer.writerow(list(names))
    for row in rows:
        writer.writerow([_text(row.get(name)) for name in names])
    return buffer.getvalue()


def _text(value: Any) -> object:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def changes(dataset: Dataset, before: list[Row] | None, after: list[Row]) -> dict[str, int]:
    """Rows added, removed and changed (same key, other values) against the previous release."""
    if before is None:
        return {"added": len(after), "removed": 0, "changed": 0}
    old = {tuple(row[k] for k in dataset.key): row for row in before}
    new = {tuple(row[k] for k in dataset.key): row for row in after}
    changed = sum(
        1
        for key in old.keys() & new.keys()
        if {k: v for k, v in old[key].items() if k != "month"}
        != {k: v for k, v in new[key].items() if k != "month"}
    )
    return {"added": len(new.keys() - old.keys()), "removed": len(old.keys() - new.keys()),
            "changed": changed}  # fmt: skip


def previous_release(slug: str, month: date) -> OpenDataRelease | None:
    """The dataset's release of the latest month before ``month``."""
    return db.session.scalars(
        select(OpenDataRelease)
        .where(OpenDataRelease.dataset == slug, OpenDataRelease.month < month)
        .order_by(OpenDataRelease.month.desc())
        .limit(1)
    ).first()


def publish(month: date | None = None) -> PublishResult:
    """Build and store every dataset as of the end of ``month`` (default: the last complete
    month) and commit. A dataset already published for that month is left as it was."""
    month = month_start(month or last_complete_month())
    result: dict[str, int | None] = {}
    for dataset in DATASETS:
        if release(dataset.slug, month) is not None:
            result[dataset.slug] = None
            continue
        rows = dataset.build(month)
        before = previous_release(dataset.slug, month)
        diff = changes(dataset, None if before is None else json.loads(before.rows_json), rows)
        if before is not None:
            diff["previous"] = before.month.strftime("%Y-%m")
        diff["period_start"] = min((row["month"] for row in rows), default=month.strftime("%Y-%m"))
        db.session.add(
            OpenDataRelease(
                dataset=dataset.slug,
                month=month,
                row_count=len(rows),
                rows_json=json.dumps(rows, ensure_ascii=False),
                csv_text=to_csv(dataset, rows),
                changes_json=json.dumps(diff),
            )
        )
        result[dataset.slug] = len(rows)
    db.session.commit()
    return PublishResult(month, result)


def release(slug: str, month: date | None = None) -> OpenDataRelease | None:
    """A dataset's release of a month, or its latest (``month`` None)."""
    query = select(OpenDataRelease).where(OpenDataRelease.dataset == slug)
    if month is not None:
        query = query.where(OpenDataRelease.month == month)
    return db.session.scalars(query.order_by(OpenDataRelease.month.desc()).limit(1)).first()


def releases(slug: str) -> list[dict[str, Any]]:
    """A dataset's releases, newest first: month, release time, rows and changes (no data)."""
    found = db.session.execute(
        select(OpenDataRelease.month, OpenDataRelease.released_at, OpenDataRelease.row_count,
               OpenDataRelease.changes_json)
        .where(OpenDataRelease.dataset == slug)
        .order_by(OpenDataRelease.month.desc())
    ).all()  # fmt: skip
    return [
        {"month": m.strftime("%Y-%m"), "released_at": at, "rows": n,
         "changes": json.loads(diff or "{}")}
        for m, at, n, diff in found
    ]  # fmt: skip


def release_json(dataset: Dataset, item: OpenDataRelease) -> dict[str, Any]:
    """A release as the JSON download: metadata, columns and rows."""
    return {
        "dataset": dataset.slug,
        "month": item.month.strftime("%Y-%m"),
        "released_at": item.released_at.isoformat(timespec="seconds") + "Z",
        "columns": [column.name for column in dataset.columns],
        "rows": json.loads(item.rows_json),
    }


def export(folder: Path, catalogue: dict[str, Any]) -> list[Path]:
    """Write every dataset's latest release (CSV and JSON) and ``data.json`` to ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for dataset in DATASETS:
        item = release(dataset.slug)
        if item is None:
            continue
        stem = f"{dataset.slug}_{item.month.strftime('%Y-%m')}"
        csv_path = folder / f"{stem}.csv"
        csv_path.write_text(item.csv_text, encoding="utf-8")
        json_path = folder / f"{stem}.json"
        json_path.write_text(json.dumps(release_json(dataset, item), ensure_ascii=False, indent=1),
                             encoding="utf-8")  # fmt: skip
        written += [csv_path, json_path]
    target = folder / "data.json"
    target.write_text(json.dumps(catalogue, ensure_ascii=False, indent=1), encoding="utf-8")
    return [*written, target]


__all__ = ["BY_SLUG", "DATASETS", "publish", "release", "releases"]
