"""GET /healthz."""

from __future__ import annotations

from pathlib import Path

from app import create_app
from app.config import TestingConfig


def test_healthz_ok(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "db": "ok"}


def test_healthz_stays_alive_and_names_the_failing_database(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'missing-dir' / 'db.sqlite'}"
    app = create_app(TestingConfig, SQLALCHEMY_DATABASE_URI=url)
    response = app.test_client().get("/healthz")
    assert response.status_code == 200  # the process answers: do not restart it
    body = response.get_json()
    assert body["status"] == "ok"
    assert body["db"].startswith("error")


def test_readyz_waits_for_the_model_and_names_redis(app, client) -> None:  # type: ignore[no-untyped-def]
    from app.services import indexes, linking

    loaded = dict(linking._INDEXES)
    linking._INDEXES.clear()
    try:
        app.config["REDIS_URL"] = "redis://127.0.0.1:1/0"  # nothing listens there
        response = client.get("/readyz")
        assert response.status_code == 503
        body = response.get_json()
        assert body["model"] == "not loaded" and body["redis"].startswith("error")
        assert body["indexes"] == "not built"
        app.config["REDIS_URL"] = None
        linking._INDEXES[linking._index_key()] = object()  # type: ignore[assignment]
        assert client.get("/readyz").get_json()["indexes"] == "not built"
        linking._INDEXES.clear()
        from app.services.matching import warm_up

        warm_up()
        response = client.get("/readyz")
        assert response.status_code == 200
        assert response.get_json() == {
            "status": "ok",
            "db": "ok",
            "redis": "not used",
            "model": "ok",
            "indexes": "ok",
        }
        assert indexes.indexes_built()
    finally:
        linking._INDEXES.clear()
        linking._INDEXES.update(loaded)


def test_ids_beyond_a_database_integer_are_not_found(client) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/vacancies/99999999999999999999").status_code == 404
    assert client.get("/vacancies/2147483648").status_code == 404


def test_readyz_names_a_database_that_is_down(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'missing-dir' / 'db.sqlite'}"
    app = create_app(TestingConfig, SQLALCHEMY_DATABASE_URI=url)
    response = app.test_client().get("/readyz")
    assert response.status_code == 503
    body = response.get_json()
    assert body["status"] == "not ready" and body["db"].startswith("error")


def test_postgresql_statements_have_a_time_limit(app) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import text

    from app.extensions import db

    if db.engine.dialect.name != "postgresql":
        assert "connect_args" not in app.config["SQLALCHEMY_ENGINE_OPTIONS"]
        return
    assert db.session.scalar(text("SHOW statement_timeout")) == "30s"
