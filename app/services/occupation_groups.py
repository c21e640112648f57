"""KBJI 2014 unit groups (the occupations planners count vacancies by), loaded from a CSV file
(columns code, title_id, title_en, description_id) so another classification subset can be used."""

from __future__ import annotations

import csv
from pathlib import Path

from sqlalchemy import select

from app.extensions import db
from app.models import OccupationGroup


def read_groups(path: str | Path) -> list[dict[str, str]]:
    """Rows of an occupation-group CSV; a row without a 4-digit code or a title is an error
    naming its line."""
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for number, row in enumerate(rows, start=2):
        code = (row.get("code") or "").strip()
        if len(code) != 4 or not code.isdigit():
            raise ValueError(f"{path}: line {number}: code must be 4 digits")
        if not (row.get("title_id") or "").strip():
            raise ValueError(f"{path}: line {number}: missing title_id")
    return rows


def load_groups(path: str | Path) -> int:
    """Insert or update the groups of a CSV file; returns how many were added."""
    existing = {g.code: g for g in db.session.scalars(select(OccupationGroup))}
    added = 0
    for row in read_groups(path):
        code = row["code"].strip()
        group = existing.get(code)
        if group is None:
            group = OccupationGroup(code=code)
            db.session.add(group)
            added += 1
        group.title_id = row["title_id"].strip()
        group.title_en = (row.get("title_en") or "").strip()
        group.description_id = (row.get("description_id") or "").strip()
    db.session.commit()
    return added


def all_groups() -> list[OccupationGroup]:
    """Every group, by code."""
    return list(db.session.scalars(select(OccupationGroup).order_by(OccupationGroup.code)))
