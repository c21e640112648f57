"""Bulk writes for the scale generator: COPY on PostgreSQL, multi-row INSERT elsewhere.

Rows carry their ids (taken from ``next_id``) so children can point at parents without a
round trip; ``fix_sequences`` moves PostgreSQL's id sequences past them afterwards.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from itertools import islice
from typing import Any

import sqlalchemy as sa

from app.extensions import db

BATCH = 5000


def is_postgresql() -> bool:
    """The database is PostgreSQL (COPY and sequences)."""
    return db.engine.dialect.name == "postgresql"


def next_id(table: sa.Table) -> int:
    """The first free id of a table (ids are given by the generator, not the database)."""
    return int(db.session.scalar(sa.select(sa.func.coalesce(sa.func.max(table.c.id), 0)))) + 1


def _batches(rows: Iterable[tuple], size: int):  # type: ignore[no-untyped-def]
    iterator = iter(rows)
    while batch := list(islice(iterator, size)):
        yield batch


def write(
    table: sa.Table,
    columns: Sequence[str],
    rows: Iterable[tuple],
    done: Callable[[int], None] | None = None,
) -> int:
    """Insert ``rows`` (tuples in the order of ``columns``) in batches; the number written.
    ``done(n)`` is told after each batch. The caller commits."""
    written = 0
    if is_postgresql():
        raw = db.session.connection().connection.driver_connection
        statement = f"COPY {table.name} ({', '.join(columns)}) FROM STDIN"
        with raw.cursor() as cursor, cursor.copy(statement) as copy:  # type: ignore[union-attr]
            for batch in _batches(rows, BATCH):
                for row in batch:
                    copy.write_row(row)
                written += len(batch)
                if done:
                    done(len(batch))
        return written
    for batch in _batches(rows, BATCH):
        db.session.execute(
            sa.insert(table), [dict(zip(columns, row, strict=True)) for row in batch]
        )
        written += len(batch)
        if done:
            done(len(batch))
    return written


def fix_sequences(tables: Iterable[sa.Table]) -> None:
    """Move PostgreSQL's id sequences past the ids the generator gave (nothing elsewhere)."""
    if not is_postgresql():
        return
    for table in tables:
        db.session.execute(
            sa.text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "  # noqa: S608
                f"(SELECT coalesce(max(id), 1) FROM {table.name}))"
            )
        )


def no_statement_timeout() -> None:
    """Lift the web's statement timeout for this (long) transaction on PostgreSQL."""
    if is_postgresql():
        db.session.execute(sa.text("SET LOCAL statement_timeout = 0"))


def analyse(tables: Iterable[sa.Table]) -> None:
    """After a bulk load on PostgreSQL: VACUUM (ANALYZE) each table, so the planner has
    statistics and the first reads do not pay for setting every row's hint bits."""
    if not is_postgresql():
        return
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(sa.text("SET statement_timeout = 0"))
        for table in tables:
            connection.execute(sa.text(f"VACUUM (ANALYZE) {table.name}"))


def table_of(model: Any) -> sa.Table:
    """The table of a model class."""
    return model.__table__
