"""Email verification: a new account gets a link; a banner asks until it is opened; the link's
page verifies on a POST (a mail scanner opening it changes nothing); send-again is throttled."""

from __future__ import annotations

from sqlalchemy import select

from app.auth import policy
from app.extensions import db
from app.models import User
from tests.conftest import emailed_link, outbox, post_form, verify_email
from tests.factories import UserFactory

BANNER = "Mohon verifikasi alamat email Anda"


def register(client):  # type: ignore[no-untyped-def]
    data = {
        "name": "Dewi Lestari",
        "email": "dewi@example.com",
        "password": "Karang-Hawu-88",
        "confirm": "Karang-Hawu-88",
    }
    return post_form(client, "/auth/register", "/auth/register", data, follow_redirects=True)


def account() -> User:
    return db.session.scalar(select(User).where(User.email == "dewi@example.com"))


def test_the_link_verifies_and_signs_in(app, client) -> None:  # type: ignore[no-untyped-def]
    register(client)
    assert client.get("/account/").status_code == 302  # not signed in by registering
    link = emailed_link(app, "dewi@example.com", "/auth/verify/")
    page = client.get(link)
    assert page.status_code == 200
    assert "Verifikasi alamat email saya" in page.get_data(as_text=True)
    db.session.expire_all()
    assert account().email_verified_at is None  # opening the link alone changes nothing
    answer = verify_email(app, client, "dewi@example.com")
    assert answer.request.path == "/seeker/"
    assert "sudah diverifikasi" in answer.get_data(as_text=True)
    db.session.expire_all()
    assert policy.email_verified(account())
    again = verify_email(app, client, "dewi@example.com")
    assert "Alamat email Anda sudah diverifikasi." in again.get_data(as_text=True)


def test_unverified_users_see_a_banner_until_they_verify(app, client, auth) -> None:  # type: ignore[no-untyped-def]
    register(client)
    auth.login("dewi@example.com", "Karang-Hawu-88")
    assert BANNER in client.get("/account/").get_data(as_text=True)
    verify_email(app, client, "dewi@example.com")
    assert BANNER not in client.get("/account/").get_data(as_text=True)


def test_send_again_sends_a_link_and_is_throttled(app, client, auth) -> None:  # type: ignore[no-untyped-def]
    user = UserFactory(email_verified_at=None)
    auth.login(user.email)
    for _attempt in range(3):
        answer = post_form(client, "/account/", "/account/verify/resend", {})
        assert answer.status_code == 302
    assert len(outbox(app)) == 3
    assert post_form(client, "/account/", "/account/verify/resend", {}).status_code == 429


def test_an_expired_link_is_refused(app, client, clock) -> None:  # type: ignore[no-untyped-def]
    register(client)
    link = emailed_link(app, "dewi@example.com", "/auth/verify/")
    clock.advance(3 * 24 * 3600 + 60)
    answer = client.get(link)
    assert answer.status_code == 400
    assert "kedaluwarsa" in answer.get_data(as_text=True)


def test_policy_email_verified() -> None:
    class Anonymous:
        is_authenticated = False
        email_verified_at = "yes"

    assert policy.email_verified(Anonymous()) is False
    assert policy.email_verified(None) is False


def test_logging_out_everywhere_does_not_reset_the_send_again_limit(app, client, auth) -> None:  # type: ignore[no-untyped-def]
    user = UserFactory(email_verified_at=None)
    auth.login(user.email)
    for _attempt in range(3):
        post_form(client, "/account/", "/account/verify/resend", {})
    post_form(client, "/account/", "/account/sessions/end", {})
    auth.login(user.email)
    assert post_form(client, "/account/", "/account/verify/resend", {}).status_code == 429
