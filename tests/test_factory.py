"""The application factory and its configuration classes."""

from __future__ import annotations

import pytest

from app import create_app
from app.config import DEFAULT_SECRET_KEY, ProductionConfig, TestingConfig


def test_testing_config() -> None:
    assert create_app(TestingConfig).testing
    assert not create_app().testing


def test_production_refuses_default_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ProductionConfig, "SECRET_KEY", DEFAULT_SECRET_KEY)
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app(ProductionConfig)


def test_production_starts_with_a_real_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ProductionConfig, "SECRET_KEY", "x" * 40)
    app = create_app(ProductionConfig, SQLALCHEMY_DATABASE_URI="sqlite://")
    assert app.config["SESSION_COOKIE_SECURE"]
    assert app.config["ALLOW_DEMO_DATA"] is False


def test_database_url_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib

    import app.config as config_module

    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://u@db.example/linkmatch")
    reloaded = importlib.reload(config_module)
    try:
        assert reloaded.Config.SQLALCHEMY_DATABASE_URI.endswith("/linkmatch")
    finally:
        monkeypatch.delenv("DATABASE_URL")
        importlib.reload(config_module)
