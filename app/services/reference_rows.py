"""Reference tables loaded from CSV files (regions, occupation groups): the rows of a file, each
checked with its line named, and the table's rows inserted or updated by their code."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import select

from app.extensions import db

Row = dict[str, str]
T = TypeVar("T")


def read_rows(path: str | Path, problem: Callable[[Row], str | None]) -> list[Row]:
    """The rows of a CSV file with a header line; ``problem`` says what is wrong with a row
    (None: nothing), raised as ``ValueError`` naming the file and the line."""
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for number, row in enumerate(rows, start=2):
        found = problem(row)
        if found:
            raise ValueError(f"{path}: line {number}: {found}")
    return rows


def upsert_by_code(
    model: Any, rows: Iterable[Row], code_of: Callable[[Row], str], fill: Callable[[T, Row], None]
) -> int:
    """Insert or update a row of ``model`` (a table keyed by ``code``) for each row read, filled
    by ``fill``, and commit; how many were added."""
    existing = {item.code: item for item in db.session.scalars(select(model))}
    added = 0
    for row in rows:
        code = code_of(row)
        item = existing.get(code)
        if item is None:
            item = model(code=code)
            db.session.add(item)
            added += 1
        fill(item, row)
    db.session.commit()
    return added
