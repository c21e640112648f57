"""Column helpers shared by the models: timestamps and string choices."""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa


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
