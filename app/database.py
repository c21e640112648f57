"""Database resilience: engine options for PostgreSQL, one retry of a read whose connection
dropped, and a clean 503 page while the database cannot answer.

- Every pooled connection is pinged when it is checked out (``pool_pre_ping``): after a
  PostgreSQL restart the pool drops dead connections and the app recovers by itself.
- On PostgreSQL each statement has a time limit (``DATABASE_STATEMENT_TIMEOUT_MS``) and a
  connection attempt gives up after ``DATABASE_CONNECT_TIMEOUT_S``: a request never hangs.
- A GET or HEAD request whose connection was lost mid-request (a disconnect error, which
  SQLAlchemy marks ``connection_invalidated``) is rolled back and its view run once more: it is
  idempotent. Other methods are never run twice; their transaction is rolled back, so nothing
  is half-saved, and the client sees the error page.
- A database that cannot answer (connection refused, lost, a statement timeout) gives a 503
  page ("try again in a moment") or ``{"error": 503}``, not a 500 traceback page.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from typing import Any

from flask import Flask, g, request
from sqlalchemy.exc import DBAPIError, OperationalError

from app.extensions import db, login_manager

log = logging.getLogger(__name__)
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD"})
SQLITE_UNAVAILABLE = ("database is locked", "unable to open database", "disk I/O error")


def engine_options(app: Flask) -> None:
    """Set the engine options: pre-ping everywhere; on PostgreSQL a statement time limit and a
    connection timeout (given through libpq, so they hold for every connection of the pool)."""
    options = dict(app.config.get("SQLALCHEMY_ENGINE_OPTIONS", {}))
    options.setdefault("pool_pre_ping", True)
    if str(app.config["SQLALCHEMY_DATABASE_URI"]).startswith("postgresql"):
        connect_args = dict(options.get("connect_args", {}))
        timeout = int(app.config["DATABASE_STATEMENT_TIMEOUT_MS"])
        connect_args.setdefault("options", f"-c statement_timeout={timeout}")
        connect_args.setdefault("connect_timeout", int(app.config["DATABASE_CONNECT_TIMEOUT_S"]))
        options["connect_args"] = connect_args
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = options


def is_disconnect(error: BaseException) -> bool:
    """The database connection was lost while in use (the pool has dropped it)."""
    return isinstance(error, DBAPIError) and bool(error.connection_invalidated)


def is_unavailable(error: BaseException) -> bool:
    """The database cannot answer just now: lost or refused connection, statement timeout,
    a busy SQLite file. Worth a 503 and a retry by the client, not a 500. (SQLite reports a
    missing table as an OperationalError too: that one is a bug, not an outage.)"""
    if is_disconnect(error):
        return True
    if not isinstance(error, OperationalError):
        return False
    if isinstance(error.orig, sqlite3.Error):
        return any(words in str(error.orig) for words in SQLITE_UNAVAILABLE)
    return True


def init_app(app: Flask) -> None:
    """Retry idempotent views once after a dropped connection; close the request's session
    without turning its answer into a 500 when its connection died after the view."""
    view = app.dispatch_request
    app.dispatch_request = retry_dropped_reads(view)  # type: ignore[method-assign]
    app.teardown_appcontext(close_session)  # runs before Flask-SQLAlchemy's own teardown


def close_session(_error: BaseException | None = None) -> None:
    """Close the request's session. A connection the database dropped after the view answered
    (a restart) makes the rollback of ``remove`` fail: the session's connections are then
    invalidated (the pool replaces them) and the answer stands."""
    try:
        db.session.remove()
    except Exception as error:  # noqa: BLE001 - psycopg's own errors are not DBAPIError here
        if not _is_database_error(error):
            raise
        log.warning("request session closed on a lost connection: %s", error)
        try:
            db.session.registry().invalidate()
        except Exception:  # noqa: BLE001 - the connection is gone either way
            log.debug("invalidating the lost connection failed", exc_info=True)
        db.session.registry.clear()


def _is_database_error(error: BaseException) -> bool:
    """An error of the database driver or of SQLAlchemy's wrapper of it."""
    if isinstance(error, DBAPIError):
        return True
    try:
        import psycopg
    except ImportError:  # pragma: no cover - psycopg is a requirement
        return False
    return isinstance(error, psycopg.Error)


def prepare_unavailable_page(error: DBAPIError) -> None:
    """Before the 503 page: re-raise any other database error (a bug: the 500 page, logged);
    roll back; and show the page to an anonymous visitor, so that rendering it asks the
    database nothing (the signed-in user's row may be expired by the rollback)."""
    if not is_unavailable(error):
        raise error
    db.session.rollback()
    reason = error.orig if error.orig is not None else error
    log.warning(
        "database unavailable during %s %s: %s", request.method, request.path, type(reason).__name__
    )
    g._login_user = login_manager.anonymous_user()


def retry_dropped_reads(view: Callable[[], Any]) -> Callable[[], Any]:
    """Wrap the app's view dispatch: a GET/HEAD whose connection dropped runs once more."""

    def dispatch() -> Any:
        try:
            return view()
        except DBAPIError as error:
            if request.method not in IDEMPOTENT_METHODS or not is_disconnect(error):
                raise
            log.warning(
                "connection lost during %s %s; running it once more", request.method, request.path
            )
            db.session.rollback()
            return view()

    return dispatch
