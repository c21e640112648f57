"""Column helpers shared by the models: timestamps, string choices, and the key and the
relationship of rows that belong to a parent row."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import MappedColumn, Relationship, mapped_column, relationship


def utcnow() -> datetime:
    """Return the current time in UTC (a callable default, never evaluated at import)."""
    return datetime.now(UTC).replace(tzinfo=None)


def choice(name: str, *values: str) -> sa.Enum:
    """A portable enumerated string column type (VARCHAR + CHECK on every database)."""
    return sa.Enum(
        *values,
        name=name,
        native_enum=False,
        create_constraint=True,
        validate_strings=True,
        length=max(len(v) for v in values),
    )


def parent_key(column: str) -> MappedColumn[Any]:
    """A row's key to the parent row it belongs to (``"table.id"``): indexed, and the row is
    deleted with its parent."""
    return mapped_column(sa.ForeignKey(column, ondelete="CASCADE"), index=True)


def children(back_populates: str, **options: Any) -> Relationship[Any]:
    """A parent's rows that belong to it: saved with it and deleted with it (or when taken
    out of the list)."""
    return relationship(back_populates=back_populates, cascade="all, delete-orphan", **options)
