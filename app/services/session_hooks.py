"""Aggregates kept up to date in the saving transaction: one way to hook them to the session
(what changed is collected before each flush, the cells are refreshed before the commit, and
the collection is dropped on rollback)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import event


def keep_up_to_date(
    session: Any,
    collect: Callable[..., None],
    refresh: Callable[..., None],
    key: str,
) -> None:
    """Listen to the app's session once per process: ``collect`` before each flush,
    ``refresh`` before the commit; ``session.info[key]`` (the collection) is dropped when the
    transaction rolls back."""
    if event.contains(session, "before_flush", collect):
        return

    def forget(session: Any, *_args: object) -> None:
        session.info.pop(key, None)

    event.listen(session, "before_flush", collect)
    event.listen(session, "before_commit", refresh)
    event.listen(session, "after_rollback", forget)
