"""Changing the email asks for the current password; the new address replaces the old one only
once it is verified; an address of another account gets the same answer and its owner a note."""

from __future__ import annotations

from app.extensions import db
from tests.conftest import AuthActions, outbox, post_form, verify_email
from tests.factories import PASSWORD, UserFactory


def change(client, email: str, password: str = PASSWORD):  # type: ignore[no-untyped-def]
    data = {"email": email, "current_password": password}
    return post_form(client, "/account/", "/account/email", data, follow_redirects=True)


def test_the_current_password_is_required(app, client, auth) -> None:  # type: ignore[no-untyped-def]
    user = UserFactory(email="lama@example.com")
    auth.login(user.email)
    page = change(client, "baru@example.com", "salah").get_data(as_text=True)
    assert "Kata sandi saat ini salah." in page
    assert outbox(app) == []
    db.session.refresh(user)
    assert user.pending_email is None


def test_the_new_address_counts_once_verified(app, client, auth) -> None:  # type: ignore[no-untyped-def]
    user = UserFactory(email="lama@example.com")
    auth.login(user.email)
    page = change(client, "Baru@Example.com").get_data(as_text=True)
    assert "Kami telah mengirim tautan ke baru@example.com." in page
    assert "Menunggu verifikasi: baru@example.com" in page
    db.session.refresh(user)
    assert (user.email, user.pending_email) == ("lama@example.com", "baru@example.com")
    recipients = sorted(message.to for message in outbox(app))
    assert recipients == ["baru@example.com", "lama@example.com"]
    verify_email(app, client, "baru@example.com")
    db.session.refresh(user)
    assert (user.email, user.pending_email) == ("baru@example.com", None)
    auth.logout()
    assert AuthActions(client).login("baru@example.com").status_code == 302


def test_a_taken_address_gets_the_same_answer(app, client, auth) -> None:  # type: ignore[no-untyped-def]
    UserFactory(email="dipakai@example.com")
    user = UserFactory(email="lama@example.com")
    auth.login(user.email)
    page = change(client, "dipakai@example.com").get_data(as_text=True)
    assert "Kami telah mengirim tautan ke dipakai@example.com." in page
    db.session.refresh(user)
    assert user.pending_email == "dipakai@example.com"  # shown as waiting, like a free address
    assert 'data-testid="pending-email"' in client.get("/account/").get_data(as_text=True)
    (message,) = outbox(app)
    assert message.to == "dipakai@example.com"
    assert message.subject == "Seseorang mencoba memakai alamat email Anda"
    post_form(client, "/account/", "/account/verify/resend", {})
    assert [m.to for m in outbox(app)] == ["dipakai@example.com"] * 2  # the owner told again
    assert all("/auth/verify/" not in m.body for m in outbox(app))  # never a link to it


def test_cancel_forgets_the_pending_address(app, client, auth) -> None:  # type: ignore[no-untyped-def]
    user = UserFactory(email="lama@example.com")
    auth.login(user.email)
    change(client, "baru@example.com")
    post_form(client, "/account/", "/account/email/cancel", {})
    db.session.refresh(user)
    assert user.pending_email is None
    answer = verify_email(app, client, "baru@example.com")
    assert answer.status_code == 400
