"""Password reset, email verification and email change (``account_recovery``): the races and
second uses the pages do not show (an address taken in between, a link used twice, an old
address's link after a move), and what each step sends to whom."""

from __future__ import annotations

import pytest
from flask import Flask
from flask_babel import force_locale

from app.extensions import db
from app.services import account_links, account_recovery
from app.services.account_links import LinkError
from app.services.errors import ValidationError
from tests.conftest import outbox
from tests.factories import PASSWORD, UserFactory

NEW = "Kuda-Laut-Biru-42"


@pytest.fixture(autouse=True)
def english(app: Flask):  # type: ignore[no-untyped-def]
    with force_locale("en"):
        yield


def sent_to(app: Flask) -> list[str]:
    return [m.to for m in outbox(app)]


def test_a_reset_link_goes_only_to_an_active_account(app: Flask) -> None:
    UserFactory(email="ada@example.com")
    UserFactory(email="pergi@example.com", active=False)
    for email in ("ADA@example.com", "pergi@example.com", "tidak-ada@example.com"):
        account_recovery.request_password_reset(email)
    assert sent_to(app) == ["ada@example.com"]


def test_resetting_verifies_the_address_and_the_link_works_once(app: Flask) -> None:
    user = UserFactory(email_verified_at=None)
    token = account_links.reset_token(user)
    assert account_recovery.reset_password(token, NEW) == user
    assert user.email_verified_at is not None
    with pytest.raises(LinkError):
        account_recovery.reset_password(token, "Kuda-Laut-Merah-43")


def test_a_weak_new_password_keeps_the_link_usable(app: Flask) -> None:
    user = UserFactory()
    token = account_links.reset_token(user)
    with pytest.raises(ValidationError):
        account_recovery.reset_password(token, "password")
    db.session.rollback()
    assert account_recovery.reset_password(token, NEW) == user


def test_verifying_twice_changes_nothing_the_second_time(app: Flask) -> None:
    user = UserFactory(email_verified_at=None)
    token = account_links.verification_token(user, user.email)
    assert account_recovery.verify_email(token) == (user, True)
    first = user.email_verified_at
    assert account_recovery.verify_email(token) == (user, False)
    assert user.email_verified_at == first


def test_a_new_address_replaces_the_old_one_once_verified(app: Flask) -> None:
    user = UserFactory(email="lama@example.com")
    account_recovery.request_email_change(user, " Baru@Example.com ", PASSWORD)
    assert (user.email, user.pending_email) == ("lama@example.com", "baru@example.com")
    assert sorted(sent_to(app)) == ["baru@example.com", "lama@example.com"]
    token = account_links.verification_token(user, "baru@example.com")
    assert account_recovery.verify_email(token) == (user, True)
    assert (user.email, user.pending_email) == ("baru@example.com", None)


def test_an_address_taken_in_between_is_not_moved_to(app: Flask) -> None:
    user = UserFactory(email="lama@example.com")
    account_recovery.request_email_change(user, "baru@example.com", PASSWORD)
    token = account_links.verification_token(user, "baru@example.com")
    UserFactory(email="baru@example.com")  # someone registered it meanwhile
    with pytest.raises(LinkError) as raised:
        account_recovery.verify_email(token)
    assert raised.value.message == "This address now belongs to another account."
    assert user.email == "lama@example.com"


def test_the_old_addresss_link_stops_working_after_a_move(app: Flask) -> None:
    user = UserFactory(email="lama@example.com", email_verified_at=None)
    old_link = account_links.verification_token(user, "lama@example.com")
    account_recovery.request_email_change(user, "baru@example.com", PASSWORD)
    account_recovery.verify_email(account_links.verification_token(user, "baru@example.com"))
    with pytest.raises(LinkError) as raised:
        account_recovery.verify_email(old_link)
    assert raised.value.message == "This link has already been used or is no longer valid."


def test_a_cancelled_change_stops_its_link(app: Flask) -> None:
    user = UserFactory(email="lama@example.com")
    account_recovery.request_email_change(user, "baru@example.com", PASSWORD)
    token = account_links.verification_token(user, "baru@example.com")
    account_recovery.cancel_email_change(user)
    with pytest.raises(LinkError):
        account_recovery.verify_email(token)
    assert (user.email, user.pending_email) == ("lama@example.com", None)


def test_moving_to_a_taken_address_tells_its_owner_and_no_one_else(app: Flask) -> None:
    owner = UserFactory(email="punya@example.com", locale="en")
    user = UserFactory(email="lama@example.com")
    account_recovery.request_email_change(user, "punya@example.com", PASSWORD)
    assert user.pending_email == "punya@example.com"
    assert sent_to(app) == [owner.email]
    assert "/auth/verify/" not in outbox(app)[0].body


def test_an_email_change_needs_the_password_and_a_different_address(app: Flask) -> None:
    user = UserFactory(email="lama@example.com")
    with pytest.raises(ValidationError) as raised:
        account_recovery.request_email_change(user, "baru@example.com", "salah-sekali")
    assert raised.value.field == "current_password"
    with pytest.raises(ValidationError) as raised:
        account_recovery.request_email_change(user, " LAMA@example.com", PASSWORD)
    assert (raised.value.field, raised.value.message) == (
        "email",
        "This is already your email address.",
    )
    assert user.pending_email is None and sent_to(app) == []


def test_sending_again_only_when_something_waits(app: Flask) -> None:
    verified = UserFactory()
    assert account_recovery.resend_verification(verified) is False
    waiting = UserFactory(email="tunggu@example.com", email_verified_at=None)
    assert account_recovery.resend_verification(waiting) is True
    assert sent_to(app) == ["tunggu@example.com"]


def test_sending_again_to_a_taken_pending_address_sends_no_link(app: Flask) -> None:
    user = UserFactory(email="lama@example.com")
    account_recovery.request_email_change(user, "baru@example.com", PASSWORD)
    owner = UserFactory(email="baru@example.com")
    before = len(outbox(app))
    assert account_recovery.resend_verification(user) is True
    latest = outbox(app)[before:]
    assert [m.to for m in latest] == [owner.email]
    assert "/auth/verify/" not in latest[0].body
