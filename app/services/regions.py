"""Regions: loaded from a CSV data file so another province can reuse the platform."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from app.extensions import db
from app.models import Region
from app.services.reference_rows import Row, read_rows, upsert_by_code

COLUMNS = ("code", "name", "kind", "province")


def _problem(row: Row) -> str | None:
    missing = [c for c in COLUMNS if not (row.get(c) or "").strip()]
    return f"missing {', '.join(missing)}" if missing else None


def read_regions(path: str | Path) -> list[dict[str, str]]:
    """Rows of a regions CSV (columns code, name, kind, province)."""
    return read_rows(path, _problem)


def _fill(region: Region, row: Row) -> None:
    region.name, region.kind, region.province = row["name"], row["kind"], row["province"]


def load_regions(path: str | Path) -> int:
    """Insert or update the regions of a CSV file; returns how many were added."""
    return upsert_by_code(Region, read_regions(path), lambda row: row["code"], _fill)


def list_regions() -> list[Region]:
    """All regions, by code."""
    return list(db.session.scalars(select(Region).order_by(Region.code)))


def region_choices() -> list[tuple[int, str]]:
    """(id, name) pairs for a select field."""
    return [(r.id, r.name) for r in list_regions()]
