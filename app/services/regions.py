"""Regions: loaded from a CSV data file so another province can reuse the platform."""

from __future__ import annotations

import csv
from pathlib import Path

from sqlalchemy import select

from app.extensions import db
from app.models import Region


def read_regions(path: str | Path) -> list[dict[str, str]]:
    """Rows of a regions CSV (columns code, name, kind, province)."""
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for number, row in enumerate(rows, start=2):
        missing = [
            c for c in ("code", "name", "kind", "province") if not (row.get(c) or "").strip()
        ]
        if missing:
            raise ValueError(f"{path}: line {number}: missing {', '.join(missing)}")
    return rows


def load_regions(path: str | Path) -> int:
    """Insert or update the regions of a CSV file; returns how many were added."""
    existing = {r.code: r for r in db.session.scalars(select(Region))}
    added = 0
    for row in read_regions(path):
        region = existing.get(row["code"])
        if region is None:
            region = Region(code=row["code"])
            db.session.add(region)
            added += 1
        region.name, region.kind, region.province = row["name"], row["kind"], row["province"]
    db.session.commit()
    return added


def list_regions() -> list[Region]:
    """All regions, by code."""
    return list(db.session.scalars(select(Region).order_by(Region.code)))


def region_choices() -> list[tuple[int, str]]:
    """(id, name) pairs for a select field."""
    return [(r.id, r.name) for r in list_regions()]
