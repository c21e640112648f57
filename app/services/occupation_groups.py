"""KBJI 2014 unit groups (the occupations planners count vacancies by), loaded from a CSV file
(columns code, title_id, title_en, description_id) so another classification subset can be used."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from app.extensions import db
from app.models import OccupationGroup
from app.services.reference_rows import Row, read_rows, upsert_by_code


def _problem(row: Row) -> str | None:
    code = (row.get("code") or "").strip()
    if len(code) != 4 or not code.isdigit():
        return "code must be 4 digits"
    if not (row.get("title_id") or "").strip():
        return "missing title_id"
    return None


def read_groups(path: str | Path) -> list[dict[str, str]]:
    """Rows of an occupation-group CSV; a row without a 4-digit code or a title is an error
    naming its line."""
    return read_rows(path, _problem)


def _fill(group: OccupationGroup, row: Row) -> None:
    group.title_id = row["title_id"].strip()
    group.title_en = (row.get("title_en") or "").strip()
    group.description_id = (row.get("description_id") or "").strip()


def load_groups(path: str | Path) -> int:
    """Insert or update the groups of a CSV file; returns how many were added."""
    return upsert_by_code(
        OccupationGroup, read_groups(path), lambda row: row["code"].strip(), _fill
    )


def all_groups() -> list[OccupationGroup]:
    """Every group, by code."""
    return list(db.session.scalars(select(OccupationGroup).order_by(OccupationGroup.code)))
