"""Sessions end on password change and on "log out everywhere"; the session id carries a
version that the user loader checks."""

from __future__ import annotations

from flask import Flask

from tests.conftest import AuthActions, post_form
from tests.factories import PASSWORD, UserFactory

NEW = "Pantai-Anyer-2024"


def two_sessions(app: Flask, email: str):  # type: ignore[no-untyped-def]
    first, second = app.test_client(), app.test_client()
    for client in (first, second):
        assert AuthActions(client).login(email).status_code == 302
        assert client.get("/account/").status_code == 200
    return first, second


def test_a_password_change_logs_out_the_other_session(app) -> None:  # type: ignore[no-untyped-def]
    user = UserFactory()
    first, second = two_sessions(app, user.email)
    answer = post_form(
        first,
        "/auth/password",
        "/auth/password",
        {"current_password": PASSWORD, "password": NEW, "confirm": NEW},
    )
    assert answer.headers["Location"] == "/account/"
    assert first.get("/account/").status_code == 200  # the changer stays signed in
    refused = second.get("/account/")
    assert refused.status_code == 302
    assert "/auth/login" in refused.headers["Location"]


def test_log_out_everywhere_ends_every_session(app) -> None:  # type: ignore[no-untyped-def]
    user = UserFactory()
    first, second = two_sessions(app, user.email)
    answer = post_form(first, "/account/", "/account/sessions/end", {})
    assert answer.headers["Location"] == "/auth/login"
    assert first.get("/account/").status_code == 302
    assert second.get("/account/").status_code == 302
    assert AuthActions(second).login(user.email).status_code == 302  # logging in again works


def test_log_out_everywhere_needs_post_and_csrf(app, client, auth) -> None:  # type: ignore[no-untyped-def]
    auth.login(UserFactory().email)
    assert client.get("/account/sessions/end").status_code == 405
    client.post("/account/sessions/end", data={})
    assert client.get("/account/").status_code == 200


def test_a_session_id_without_the_current_version_is_refused(app, client, auth) -> None:  # type: ignore[no-untyped-def]
    user = UserFactory()
    auth.login(user.email)
    for stale in (str(user.id), f"{user.id}:{user.session_version + 1}", "x:y"):
        with client.session_transaction() as session:
            session["_user_id"] = stale
        assert client.get("/account/").status_code == 302


def test_password_change_asks_for_the_current_password(app, client, auth) -> None:  # type: ignore[no-untyped-def]
    user = UserFactory()
    auth.login(user.email)
    page = post_form(
        client,
        "/auth/password",
        "/auth/password",
        {"current_password": "salah", "password": NEW, "confirm": NEW},
    ).get_data(as_text=True)
    assert "Kata sandi saat ini salah." in page
