"""The application factory and its configuration classes."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import inspect

from app import create_app
from app.config import (
    DEFAULT_SECRET_KEY,
    ProductionConfig,
    TestingConfig,
    config_from_env,
)
from app.extensions import db
from app.services.accounts import register_seeker
from app.services.demo import DEMO_LOGINS, demo_emails
from app.services.errors import ValidationError
from tests.factories import UserFactory

MIGRATIONS = Path(__file__).resolve().parents[1] / "migrations"


@pytest.fixture(autouse=True)
def production_addresses(monkeypatch: pytest.MonkeyPatch) -> None:
    """Production also needs its public HTTPS address and a mail server (messages still go to
    the outbox in these tests)."""
    monkeypatch.setattr(ProductionConfig, "SITE_URL", "https://linkmatch.example")
    monkeypatch.setattr(ProductionConfig, "MAIL_SERVER", "smtp.example")


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


REAL_SECRET = "x" * 40


@pytest.mark.parametrize("cookie", ["SESSION_COOKIE_SECURE", "REMEMBER_COOKIE_SECURE"])
def test_production_refuses_cookies_sent_over_http(cookie: str) -> None:
    with pytest.raises(RuntimeError, match=f"HTTPS-only cookies: set {cookie} to True"):
        create_app(
            ProductionConfig,
            SECRET_KEY=REAL_SECRET,
            SQLALCHEMY_DATABASE_URI="sqlite://",
            **{cookie: False},
        )


def test_production_refuses_demo_accounts(app) -> None:  # type: ignore[no-untyped-def]
    """A database that holds a demo login (public password) stops a production start; the same
    database without it starts."""
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    UserFactory(email="hr.example@perusahaan.co.id")
    production = create_app(ProductionConfig, SECRET_KEY=REAL_SECRET, SQLALCHEMY_DATABASE_URI=url)
    _dispose(production)
    demo = UserFactory(email="seeker@example.com")
    with pytest.raises(RuntimeError, match=r"demo accounts \(seeker@example\.com;"):
        create_app(ProductionConfig, SECRET_KEY=REAL_SECRET, SQLALCHEMY_DATABASE_URI=url)
    db.session.delete(demo)
    db.session.commit()
    UserFactory(email="hubin.smkn11serang@example.com")  # a member of a demo school
    with pytest.raises(RuntimeError, match="hubin.smkn11serang@example.com"):
        create_app(ProductionConfig, SECRET_KEY=REAL_SECRET, SQLALCHEMY_DATABASE_URI=url)


@pytest.mark.parametrize(
    ("email", "password", "field"),
    [
        (" Seeker@Example.com", "kuatsekali1", "email"),
        ("baru@perusahaan.id", "demo12345", "password"),
    ],
)
def test_production_refuses_to_register_a_demo_login(
    app, email: str, password: str, field: str
) -> None:  # type: ignore[no-untyped-def]
    """Nobody can register a demo email (which would stop the next start) or the demo password."""
    production = create_app(
        ProductionConfig,
        SECRET_KEY=REAL_SECRET,
        SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"],
        PASSWORD_HASH_FAST=True,
        JOBS_EAGER=True,  # the verification email's job ends before the tables are dropped
        MAIL_FILE_PATH=app.config["MAIL_FILE_PATH"],
    )
    with production.app_context():
        with pytest.raises(ValidationError) as refused:
            register_seeker(email, "Rina", password)
        assert refused.value.field == field
        db.session.remove()
        assert register_seeker("rina@perusahaan.id", "Rina", "kuatsekali1").id
        db.engine.dispose()


def test_production_starts_on_an_empty_database_and_migrates(tmp_path: Path) -> None:
    """No tables yet means no demo accounts: `flask db upgrade` must work in production."""
    from flask_migrate import upgrade

    url = f"sqlite:///{tmp_path / 'empty.sqlite'}"
    production = create_app(ProductionConfig, SECRET_KEY=REAL_SECRET, SQLALCHEMY_DATABASE_URI=url)
    with production.app_context():
        upgrade(directory=str(MIGRATIONS))
        assert "users" in inspect(db.engine).get_table_names()
    _dispose(production)
    _dispose(create_app(ProductionConfig, SECRET_KEY=REAL_SECRET, SQLALCHEMY_DATABASE_URI=url))


def test_demo_emails_cover_every_demo_login() -> None:
    emails = demo_emails()
    assert set(DEMO_LOGINS) <= emails
    assert {"rina.marlina@example.com", "hr.kodenusantara@example.com"} <= emails


def test_missing_environment_is_named(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.delenv("LINKMATCH_ENV", raising=False)
    # alembic's env.py (fileConfig) disables existing loggers when a test ran the migrations
    monkeypatch.setattr(logging.getLogger("app.config"), "disabled", False)
    with caplog.at_level(logging.WARNING, logger="app.config"):
        assert config_from_env().__name__ == "DevelopmentConfig"
    assert [r.getMessage() for r in caplog.records] == [
        "LINKMATCH_ENV not set; assuming development"
    ]
    caplog.clear()
    monkeypatch.setenv("LINKMATCH_ENV", "production")
    assert config_from_env().__name__ == "ProductionConfig"
    assert caplog.records == []
    monkeypatch.setenv("LINKMATCH_ENV", "prod")
    with pytest.raises(RuntimeError, match="development, testing, production"):
        config_from_env()


def _dispose(application: Flask) -> None:
    with application.app_context():
        db.engine.dispose()


@pytest.mark.parametrize(
    ("setting", "value", "named"),
    [
        ("SITE_URL", "http://127.0.0.1:5000", "LINKMATCH_SITE_URL"),
        ("MAIL_SERVER", "", "MAIL_SERVER"),
    ],
)
def test_production_needs_its_https_address_and_a_mail_server(
    setting: str, value: str, named: str
) -> None:
    with pytest.raises(RuntimeError, match=named):
        create_app(ProductionConfig, SECRET_KEY=REAL_SECRET, **{setting: value})
