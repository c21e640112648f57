"""The database may fail: the pool pings its connections (recovery after a restart), a read
whose connection dropped is run once more, a write is not, and while the database cannot answer
the pages say 503 cleanly and ``/readyz`` says not ready while ``/healthz`` stays alive."""

from __future__ import annotations

import socket

import pytest
from flask import Flask
from sqlalchemy import func, select, text
from sqlalchemy.exc import OperationalError

from app import create_app
from app.config import TestingConfig
from app.extensions import db
from app.models import Region

CALLS: list[str] = []


def closed_port() -> int:
    """A local TCP port where nothing listens."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def kill_my_connection() -> None:
    """Terminate this session's PostgreSQL backend from another connection (as a restart does)."""
    pid = db.session.scalar(text("SELECT pg_backend_pid()"))
    with db.engine.connect() as other:
        other.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        other.commit()


def add_flaky_views(app: Flask) -> None:
    """Views whose connection is cut after their first query, once."""

    def count_regions() -> str:
        CALLS.append("read")
        db.session.scalar(select(func.count(Region.id)))
        if len(CALLS) == 1:
            kill_my_connection()
        return str(db.session.scalar(select(func.count(Region.id))))

    def write_region() -> str:
        CALLS.append("write")
        db.session.add(
            Region(code="9998", name="Setengah Tersimpan", kind="kota", province="Banten")
        )
        db.session.flush()
        kill_my_connection()
        db.session.commit()
        return "saved"

    app.add_url_rule("/test/flaky-read", "flaky_read", count_regions)
    app.add_url_rule("/test/flaky-write", "flaky_write", write_region, methods=["POST"])


@pytest.fixture
def postgres_app(app: Flask) -> Flask:
    if db.engine.dialect.name != "postgresql":
        pytest.skip("needs PostgreSQL (TEST_DATABASE_URL)")
    CALLS.clear()
    return app


def test_engine_pings_connections_and_limits_connects(app) -> None:  # type: ignore[no-untyped-def]
    assert db.engine.pool._pre_ping is True
    if db.engine.dialect.name == "postgresql":
        connect_args = app.config["SQLALCHEMY_ENGINE_OPTIONS"]["connect_args"]
        assert connect_args["connect_timeout"] == app.config["DATABASE_CONNECT_TIMEOUT_S"]


def test_the_pool_recovers_after_the_server_dropped_its_connections(postgres_app, client) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/vacancies/").status_code == 200  # a pooled connection now exists
    db.session.remove()  # back in the pool, idle, as between requests
    with db.engine.connect() as other:  # what a PostgreSQL restart does to the pool
        other.execute(
            text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        )
        killed = other.execute(text("SELECT 1")).scalar()
        other.commit()
    assert killed == 1
    assert client.get("/vacancies/").status_code == 200  # pre-ping replaced the dead ones


def test_a_read_whose_connection_dropped_runs_once_more(postgres_app, client) -> None:  # type: ignore[no-untyped-def]
    add_flaky_views(postgres_app)
    response = client.get("/test/flaky-read")
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    assert CALLS == ["read", "read"]
    assert int(response.get_data(as_text=True)) > 0


def test_a_write_whose_connection_dropped_is_not_retried_and_not_saved(
    postgres_app, client
) -> None:  # type: ignore[no-untyped-def]
    postgres_app.config["WTF_CSRF_ENABLED"] = False
    add_flaky_views(postgres_app)
    response = client.post("/test/flaky-write")
    assert response.status_code == 503
    assert "503" in response.get_data(as_text=True)
    assert CALLS == ["write"]
    db.session.remove()
    assert db.session.scalar(select(Region).where(Region.code == "9998")) is None


@pytest.fixture
def unreachable_database(tmp_path) -> Flask:  # type: ignore[no-untyped-def]
    """An app whose PostgreSQL does not answer (a closed port: the server is stopped)."""
    url = f"postgresql+psycopg://postgres@127.0.0.1:{closed_port()}/linkmatch"
    return create_app(
        TestingConfig, SQLALCHEMY_DATABASE_URI=url, MAIL_FILE_PATH=str(tmp_path / "outbox")
    )


def test_readyz_reflects_a_stopped_database_and_healthz_stays_alive(unreachable_database) -> None:  # type: ignore[no-untyped-def]
    client = unreachable_database.test_client()
    ready = client.get("/readyz")
    assert ready.status_code == 503
    assert ready.get_json()["db"] == "error: OperationalError"
    alive = client.get("/healthz")
    assert alive.status_code == 200 and alive.get_json()["status"] == "ok"


@pytest.mark.parametrize(
    ("accept", "expected"),
    [("text/html", "Layanan sedang tidak tersedia"), ("application/json", '"error":503')],
)
def test_pages_say_503_while_the_database_is_down(unreachable_database, accept, expected) -> None:  # type: ignore[no-untyped-def]
    client = unreachable_database.test_client()
    response = client.get("/vacancies/", headers={"Accept": accept})
    assert response.status_code == 503
    assert expected in response.get_data(as_text=True).replace(
        " ", ""
    ) or expected in response.get_data(as_text=True)


def test_other_database_errors_stay_500(app) -> None:  # type: ignore[no-untyped-def]
    def broken() -> str:
        db.session.execute(text("SELECT * FROM no_such_table"))
        return "never"

    app.add_url_rule("/test/broken", "broken", broken)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = app.test_client().get("/test/broken")
    assert response.status_code == 500


def test_a_failed_write_still_gets_the_apps_own_500_page(app, client) -> None:  # type: ignore[no-untyped-def]
    """A constraint error left the session needing a rollback, and the 500 page, which reads
    the signed-in user, failed on it: a bare "Internal Server Error" (the CV upload's bug)."""
    from app.models import User
    from tests.conftest import login_as
    from tests.factories import UserFactory

    user = UserFactory(role="seeker")

    def duplicate() -> str:
        db.session.add(User(email=user.email, name="Dua", password_hash="x", role="seeker"))
        db.session.flush()
        return "never"

    app.add_url_rule("/test/duplicate", "duplicate", duplicate)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    login_as(client, user)
    response = client.get("/test/duplicate")
    assert response.status_code == 500
    assert "Terjadi kesalahan" in response.get_data(as_text=True)


def test_is_unavailable_names_operational_errors() -> None:
    from app.database import is_unavailable

    assert is_unavailable(OperationalError("SELECT 1", {}, Exception("server closed")))


def test_closing_a_session_whose_connection_died_after_the_view_does_not_raise(
    app, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """As in the PostgreSQL restart bench: the view answered, then closing its session met the
    dead connection (the driver's own error, raised from Flask-SQLAlchemy's teardown: a 500).
    The app's teardown, run first, closes it without raising; other errors still raise."""
    import psycopg
    from sqlalchemy.orm import Session

    from app.database import close_session

    real_close = Session.close
    raised: list[BaseException] = []

    def close_on_a_dead_connection(self) -> None:  # type: ignore[no-untyped-def]
        if raised:
            real_close(self)
            return
        raised.append(psycopg.OperationalError("consuming input failed: server closed"))
        raise raised[0]

    assert close_session in app.teardown_appcontext_funcs
    assert app.teardown_appcontext_funcs.index(close_session) > 0  # after Flask-SQLAlchemy's
    db.session.scalar(select(func.count(Region.id)))
    monkeypatch.setattr(Session, "close", close_on_a_dead_connection)
    close_session()
    assert raised and not db.session.registry.has()
    assert db.session.scalar(select(func.count(Region.id))) >= 0  # a new session works
    monkeypatch.setattr(Session, "close", lambda self: (_ for _ in ()).throw(ValueError("bug")))
    with pytest.raises(ValueError, match="bug"):
        close_session()
    monkeypatch.setattr(Session, "close", real_close)
