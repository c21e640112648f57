"""Security headers on every response (Flask-Talisman from config), HTTPS only in production,
and templates that need nothing the Content-Security-Policy forbids."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask import Flask

from app import create_app
from app.config import ProductionConfig
from app.extensions import db
from tests.conftest import login_as
from tests.factories import UserFactory

TEMPLATES = Path(__file__).resolve().parents[1] / "app" / "templates"
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)


@pytest.fixture(autouse=True)
def production_addresses(monkeypatch: pytest.MonkeyPatch) -> None:
    """Production also needs its public HTTPS address and a mail server (messages still go to
    the outbox in these tests)."""
    monkeypatch.setattr(ProductionConfig, "SITE_URL", "https://linkmatch.example")
    monkeypatch.setattr(ProductionConfig, "MAIL_SERVER", "smtp.example")


def assert_security_headers(answer, url: str) -> None:  # type: ignore[no-untyped-def]
    headers = answer.headers
    assert headers.get("Content-Security-Policy") == CSP, url
    assert "unsafe-inline" not in headers["Content-Security-Policy"], url
    assert headers.get("X-Content-Type-Options") == "nosniff", url
    assert headers.get("Referrer-Policy") == "strict-origin-when-cross-origin", url
    assert headers.get("X-Frame-Options") == "DENY", url


def test_every_kind_of_response_carries_the_headers(client) -> None:  # type: ignore[no-untyped-def]
    login_as(client, UserFactory())
    cases = {
        "/": (200, "text/html"),
        "/about/data": (200, "text/html"),
        "/no-such-page": (404, "text/html"),
        "/static/css/app.css": (200, "text/css"),
        "/static/js/app.js": (200, "text/javascript"),
        "/bootstrap/static/js/bootstrap.min.js": (200, "text/javascript"),
        "/api/skills?q=python": (200, "application/json"),
        "/healthz": (None, "application/json"),
        "/employer/": (403, "text/html"),
    }
    for url, (status, mimetype) in cases.items():
        answer = client.get(url)
        assert status is None or answer.status_code == status, url
        assert answer.mimetype == mimetype, url
        assert_security_headers(answer, url)
        assert "Strict-Transport-Security" not in answer.headers, url  # not in development
    json_404 = client.get("/no-such-page", headers={"Accept": "application/json"})
    assert json_404.status_code == 404 and json_404.is_json
    assert_security_headers(json_404, "404 as JSON")


def test_development_serves_plain_http(client) -> None:  # type: ignore[no-untyped-def]
    answer = client.get("/auth/login")
    assert answer.status_code == 200
    assert "Secure" not in answer.headers.get("Set-Cookie", "")


@pytest.fixture
def production(tmp_path: Path) -> Flask:
    application = create_app(
        ProductionConfig,
        SECRET_KEY="p" * 40,
        SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'production.sqlite'}",
    )
    with application.app_context():
        db.create_all()
    yield application
    with application.app_context():
        db.engine.dispose()


def test_production_redirects_to_https_and_sends_hsts(production: Flask) -> None:
    client = production.test_client()
    plain = client.get("/auth/login")
    assert plain.status_code == 302
    assert plain.headers["Location"] == "https://localhost/auth/login"
    secure = client.get("/auth/login", base_url="https://localhost")
    assert secure.status_code == 200
    assert_security_headers(secure, "production")
    assert secure.headers["Strict-Transport-Security"].startswith("max-age=31556926")  # a year
    cookie = secure.headers["Set-Cookie"]
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    behind_proxy = client.get("/auth/login", headers={"X-Forwarded-Proto": "https"})
    assert behind_proxy.status_code == 200  # TLS ended at the reverse proxy
    probe = client.get("/healthz")  # a load balancer's health check over plain HTTP
    assert probe.status_code in (200, 503) and probe.is_json
    assert_security_headers(probe, "/healthz")


INLINE = {
    "inline <script>": re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I),
    "on* attribute": re.compile(r"<[^>]+\son[a-z]+\s*=", re.I),
    "javascript: URL": re.compile(r"javascript:", re.I),
    "<style> block": re.compile(r"<style\b", re.I),
    "style attribute": re.compile(r"<[^>]+\sstyle\s*=", re.I),
}


@pytest.mark.parametrize("template", sorted(TEMPLATES.rglob("*.html")), ids=lambda p: p.name)
def test_templates_need_no_inline_script_or_style(template: Path) -> None:
    text = template.read_text(encoding="utf-8")
    found = [name for name, pattern in INLINE.items() if pattern.search(text)]
    assert found == [], f"{template.relative_to(TEMPLATES)}: {found} (blocked by the CSP)"
