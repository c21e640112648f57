"""Password reset by email: the same answer for every address, a signed link that works once
and expires, a new password under the common-password rule, every session ended."""

from __future__ import annotations

import pytest

from app.extensions import db
from tests.conftest import emailed_link, outbox, post_form
from tests.factories import PASSWORD, UserFactory

NEW = "Gunung-Karang-77"
RESET_NOTICE = "Jika ada akun untuk"


def ask(client, email: str):  # type: ignore[no-untyped-def]
    return post_form(client, "/auth/reset", "/auth/reset", {"email": email}, follow_redirects=True)


def choose(client, link: str, password: str = NEW):  # type: ignore[no-untyped-def]
    return post_form(client, link, link, {"password": password, "confirm": password})


@pytest.mark.parametrize("exists", [True, False])
def test_the_answer_is_the_same_whether_the_account_exists(app, client, exists: bool) -> None:  # type: ignore[no-untyped-def]
    if exists:
        UserFactory(email="ani@example.com")
    page = ask(client, "ani@example.com").get_data(as_text=True)
    assert RESET_NOTICE in page
    assert len(outbox(app)) == (1 if exists else 0)


def test_reset_link_works_once(app, client, auth) -> None:  # type: ignore[no-untyped-def]
    user = UserFactory(email="ani@example.com", locale="id")
    ask(client, user.email)
    (message,) = outbox(app)
    assert message.subject == "Atur ulang kata sandi Anda"
    link = emailed_link(app, user.email, "/auth/reset/")
    assert client.get(link).status_code == 200
    answer = choose(client, link)
    assert answer.status_code == 302
    assert answer.headers["Location"] == "/auth/login"
    assert auth.login(user.email, PASSWORD).status_code == 200  # the old password is gone
    assert auth.login(user.email, NEW).status_code == 302
    auth.logout()
    again = client.get(link)
    assert again.status_code == 400
    assert "Tautan ini sudah dipakai atau tidak berlaku lagi." in again.get_data(as_text=True)
    assert choose(client, link, "Lain-Lagi-2024x").status_code == 400
    assert auth.login(user.email, NEW).status_code == 302


def test_reset_link_expires_after_an_hour(app, client, clock) -> None:  # type: ignore[no-untyped-def]
    user = UserFactory()
    ask(client, user.email)
    link = emailed_link(app, user.email, "/auth/reset/")
    clock.advance(59 * 60)
    assert client.get(link).status_code == 200
    clock.advance(2 * 60)
    expired = client.get(link)
    assert expired.status_code == 400
    assert "Tautan ini sudah kedaluwarsa." in expired.get_data(as_text=True)
    assert choose(client, link).status_code == 400


def test_a_password_change_retires_an_unused_link(app, client, auth) -> None:  # type: ignore[no-untyped-def]
    user = UserFactory()
    ask(client, user.email)
    link = emailed_link(app, user.email, "/auth/reset/")
    auth.login(user.email)
    post_form(
        client,
        "/auth/password",
        "/auth/password",
        {"current_password": PASSWORD, "password": NEW, "confirm": NEW},
    )
    auth.logout()
    assert client.get(link).status_code == 400


def test_a_tampered_link_is_refused(app, client) -> None:  # type: ignore[no-untyped-def]
    user = UserFactory()
    ask(client, user.email)
    link = emailed_link(app, user.email, "/auth/reset/")
    answer = client.get(link[:-3] + "xyz")
    assert answer.status_code == 400
    assert "Tautan ini tidak sah." in answer.get_data(as_text=True)


def test_reset_refuses_a_common_password_and_names_the_field(app, client) -> None:  # type: ignore[no-untyped-def]
    user = UserFactory()
    ask(client, user.email)
    link = emailed_link(app, user.email, "/auth/reset/")
    page = choose(client, link, "bismillah123").get_data(as_text=True)
    assert "Kata sandi ini terlalu umum" in page
    assert client.get(link).status_code == 200  # still usable


def test_reset_ends_other_sessions_and_verifies_the_address(app, client, auth) -> None:  # type: ignore[no-untyped-def]
    user = UserFactory(email_verified_at=None)
    other = app.test_client()
    auth.login(user.email)
    assert client.get("/account/").status_code == 200
    ask(other, user.email)
    link = emailed_link(app, user.email, "/auth/reset/")
    choose(other, link)
    assert client.get("/account/").status_code == 302  # logged out
    db.session.refresh(user)
    assert user.email_verified_at is not None


def test_deactivated_accounts_get_no_link(app, client) -> None:  # type: ignore[no-untyped-def]
    user = UserFactory(active=False)
    assert RESET_NOTICE in ask(client, user.email).get_data(as_text=True)
    assert outbox(app) == []


def test_the_email_is_in_the_users_language(app, client) -> None:  # type: ignore[no-untyped-def]
    user = UserFactory(locale="en")
    ask(client, user.email)
    (message,) = outbox(app)
    assert message.subject == "Reset your password"


def test_a_mail_server_failure_does_not_change_the_answer(app, client, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from app.services import mail

    def broken(*_args: object) -> None:
        raise ConnectionRefusedError("no SMTP server")

    monkeypatch.setattr(mail, "send", broken)
    UserFactory(email="ani@example.com")
    answer = ask(client, "ani@example.com")
    assert answer.status_code == 200
    assert RESET_NOTICE in answer.get_data(as_text=True)
