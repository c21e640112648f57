"""Login, password-reset and registration throttling: failures are counted per account and per
address, a 429 page says when to try again, the window passes and the door opens again."""

from __future__ import annotations

import os
import uuid

import pytest

from app import create_app
from app.config import TestingConfig
from app.extensions import db, limiter
from tests.conftest import csrf_token, outbox, post_form
from tests.factories import PASSWORD, UserFactory

WINDOW = 15 * 60


def login(client, email: str, password: str):  # type: ignore[no-untyped-def]
    return post_form(client, "/auth/login", "/auth/login", {"email": email, "password": password})


@pytest.mark.parametrize("known", [True, False])
def test_429_after_five_failed_logins_then_recovery_after_the_window(
    client, clock, known: bool
) -> None:  # type: ignore[no-untyped-def]
    email = "siti@example.com"
    if known:
        UserFactory(email=email)
    for _attempt in range(5):
        answer = login(client, email, "salah-sandi")
        assert answer.status_code == 200
        assert "Email atau kata sandi salah." in answer.get_data(as_text=True)
    refused = login(client, email, PASSWORD)  # even the right password waits
    assert refused.status_code == 429
    page = refused.get_data(as_text=True)
    assert "Terlalu banyak percobaan" in page
    assert "Coba lagi setelah pukul" in page
    assert int(refused.headers["Retry-After"]) > 0
    clock.advance(WINDOW - 60)
    assert login(client, email, PASSWORD).status_code == 429
    clock.advance(61)
    answer = login(client, email, PASSWORD)
    assert answer.status_code == (302 if known else 200)


def test_the_429_is_the_same_for_known_and_unknown_emails(client) -> None:  # type: ignore[no-untyped-def]
    UserFactory(email="ada@example.com")
    pages = []
    for email in ("ada@example.com", "tidak-ada@example.com"):
        for _attempt in range(5):
            login(client, email, "salah-sandi")
        answer = login(client, email, "salah-sandi")
        pages.append((answer.status_code, answer.get_data(as_text=True).count("Terlalu banyak")))
    assert pages[0] == pages[1] == (429, pages[0][1])


def test_successful_logins_are_not_counted(client, auth) -> None:  # type: ignore[no-untyped-def]
    user = UserFactory()
    for _attempt in range(7):
        assert auth.login(user.email).status_code == 302
        auth.logout()
    assert login(client, user.email, "salah-sandi").status_code == 200


def test_the_account_limit_holds_across_addresses(app, client) -> None:  # type: ignore[no-untyped-def]
    user = UserFactory()
    for n in range(5):
        token = csrf_token(client, "/auth/login")
        client.post(
            "/auth/login",
            data={"email": user.email, "password": "salah", "csrf_token": token},
            environ_base={"REMOTE_ADDR": f"10.0.0.{n}"},
        )
    answer = client.post(
        "/auth/login",
        data={"email": user.email, "password": PASSWORD, "csrf_token": token},
        environ_base={"REMOTE_ADDR": "10.0.0.99"},
    )
    assert answer.status_code == 429


def test_the_address_limit_counts_failures_on_every_email(app, client) -> None:  # type: ignore[no-untyped-def]
    app.config["LOGIN_LIMIT_PER_ADDRESS"] = "3 per 15 minutes"
    user = UserFactory()
    for n in range(3):
        assert login(client, f"tebak{n}@example.com", "salah-sandi").status_code == 200
    assert login(client, user.email, PASSWORD).status_code == 429
    token = csrf_token(client, "/auth/login")
    answer = client.post(
        "/auth/login",
        data={"email": user.email, "password": PASSWORD, "csrf_token": token},
        environ_base={"REMOTE_ADDR": "10.1.1.1"},
    )
    assert answer.status_code == 302  # another address is let in


def test_password_reset_requests_are_throttled_per_account(app, client) -> None:  # type: ignore[no-untyped-def]
    user = UserFactory()
    for _attempt in range(3):
        answer = post_form(client, "/auth/reset", "/auth/reset", {"email": user.email})
        assert answer.status_code == 302
    answer = post_form(client, "/auth/reset", "/auth/reset", {"email": user.email})
    assert answer.status_code == 429
    assert len(outbox(app)) == 3


def test_registrations_are_throttled_per_address(app, client) -> None:  # type: ignore[no-untyped-def]
    app.config["REGISTRATION_LIMIT_PER_ADDRESS"] = "2 per hour"
    for n in range(3):
        answer = post_form(
            client,
            "/auth/register",
            "/auth/register",
            {
                "name": "Budi Santoso",
                "email": f"budi{n}@example.com",
                "password": "kuatsekali1",
                "confirm": "kuatsekali1",
            },
        )
    assert answer.status_code == 429
    assert len(outbox(app)) == 2


def test_counters_live_in_redis_when_configured(tmp_path) -> None:  # type: ignore[no-untyped-def]
    redis = pytest.importorskip("redis")
    url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/3")
    server = redis.Redis.from_url(url)
    try:
        server.ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    app = create_app(
        TestingConfig,
        SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'redis.sqlite'}",
        RATELIMIT_STORAGE_URI=url,
        MAIL_FILE_PATH=str(tmp_path / "outbox"),
    )
    email = f"redis-{uuid.uuid4().hex}@example.com"
    try:
        with app.app_context():
            db.create_all()
            client = app.test_client()
            for _attempt in range(5):
                assert login(client, email, "salah-sandi").status_code == 200
            assert login(client, email, "salah-sandi").status_code == 429
            assert [key for key in server.scan_iter("*") if email.encode() in key]
    finally:
        for key in server.scan_iter("*"):
            if email.encode() in key or b"127.0.0.1" in key:
                server.delete(key)
        with app.app_context():
            db.engine.dispose()


def test_an_unreachable_store_falls_back_to_memory(tmp_path) -> None:  # type: ignore[no-untyped-def]
    app = create_app(
        TestingConfig,
        SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'down.sqlite'}",
        RATELIMIT_STORAGE_URI="redis://127.0.0.1:1/3",
        MAIL_FILE_PATH=str(tmp_path / "outbox"),
    )
    try:
        with app.app_context():
            db.create_all()
            client = app.test_client()
            for _attempt in range(5):
                assert login(client, "siapa@example.com", "salah-sandi").status_code == 200
            assert login(client, "siapa@example.com", "salah-sandi").status_code == 429
            assert limiter._storage_dead  # the fallback answered
            db.engine.dispose()
    finally:
        limiter._storage_dead = False  # the limiter is one object for every app in this process
