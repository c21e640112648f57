"""Signed account links and account emails (``account_links``): what retires a reset link,
links of one purpose refused for the other, and every account email in both languages with
every field filled."""

from __future__ import annotations

import pytest
from flask import Flask
from flask_babel import force_locale

from app.extensions import db
from app.services import account_links
from app.services.account_links import (
    EMAILS,
    LinkError,
    read_verification_token,
    reset_token,
    send_account_email,
    user_for_reset_token,
    verification_token,
)
from app.services.accounts import hash_password
from tests.conftest import outbox
from tests.factories import UserFactory

INVALID = "This link is not valid. Ask for a new one."
USED = "This link has already been used or is no longer valid."


@pytest.fixture(autouse=True)
def english(app: Flask):  # type: ignore[no-untyped-def]
    with force_locale("en"):
        yield


def refused(call, token: str) -> str:  # type: ignore[no-untyped-def]
    with pytest.raises(LinkError) as raised:
        call(token)
    return raised.value.message


def test_a_fresh_reset_link_names_its_user(app: Flask) -> None:
    user = UserFactory()
    assert user_for_reset_token(reset_token(user)) == user


@pytest.mark.parametrize(
    "change",
    [
        lambda u: setattr(u, "password_hash", hash_password("lain12345")),
        lambda u: setattr(u, "session_version", (u.session_version or 0) + 1),
        lambda u: setattr(u, "email", "baru@example.com"),
        lambda u: setattr(u, "active", False),
    ],
    ids=["password", "log-out-everywhere", "email", "deactivated"],
)
def test_each_change_of_the_account_retires_a_reset_link(app: Flask, change) -> None:  # type: ignore[no-untyped-def]
    user = UserFactory()
    token = reset_token(user)
    change(user)
    db.session.commit()
    assert refused(user_for_reset_token, token) == USED


def test_a_reset_link_of_a_deleted_account_is_used_up(app: Flask) -> None:
    user = UserFactory()
    token = reset_token(user)
    db.session.delete(user)
    db.session.commit()
    assert refused(user_for_reset_token, token) == USED


def test_links_are_not_valid_for_the_other_purpose(app: Flask) -> None:
    user = UserFactory()
    assert refused(read_verification_token, reset_token(user)) == INVALID
    assert refused(user_for_reset_token, verification_token(user, user.email)) == INVALID


def test_tampered_and_foreign_links_are_not_valid(app: Flask) -> None:
    user = UserFactory()
    token = reset_token(user)
    assert refused(user_for_reset_token, token[:-2] + ("AA" if token[-2:] != "AA" else "BB")) == (
        INVALID
    )
    assert refused(user_for_reset_token, "bukan-token") == INVALID
    app.config["SECRET_KEY"] = "another-secret-key-of-another-site"
    assert refused(user_for_reset_token, token) == INVALID


def test_a_signed_payload_of_the_wrong_shape_is_not_valid(app: Flask) -> None:
    serializer = account_links._serializer(account_links.RESET)
    for payload in (["u", 1], {"u": "1"}, {"x": 1}):
        assert refused(user_for_reset_token, serializer.dumps(payload)) == INVALID
    verify = account_links._serializer(account_links.VERIFY)
    user = UserFactory()
    assert refused(read_verification_token, verify.dumps({"u": user.id})) == INVALID
    assert refused(read_verification_token, verify.dumps({"u": user.id + 99, "e": "x"})) == INVALID


def test_links_expire(app: Flask) -> None:
    user = UserFactory()
    app.config["PASSWORD_RESET_MAX_AGE"] = -1
    app.config["EMAIL_VERIFICATION_MAX_AGE"] = -1
    expired = "This link has expired. Ask for a new one."
    assert refused(user_for_reset_token, reset_token(user)) == expired
    assert refused(read_verification_token, verification_token(user, user.email)) == expired


def test_a_verification_link_names_the_address_it_verifies(app: Flask) -> None:
    user = UserFactory(email="lama@example.com")
    assert read_verification_token(verification_token(user, "baru@example.com")) == (
        user,
        "baru@example.com",
    )


FIELDS = {
    "name": "Siti",
    "link": "https://example.org/l",
    "days": 3,
    "minutes": 60,
    "login": "https://example.org/login",
    "reset": "https://example.org/reset",
    "new": "baru@example.com",
    "agency": "Bappeda Banten",
}


@pytest.mark.parametrize("kind", sorted(EMAILS))
@pytest.mark.parametrize("locale", ["id", "en", None])
def test_every_account_email_fills_its_fields_in_the_recipients_language(
    app: Flask, kind: str, locale: str | None
) -> None:
    send_account_email(kind, "siti@example.com", locale, **FIELDS)
    (message,) = outbox(app)
    assert message.to == "siti@example.com"
    assert "%(" not in message.body and "%(" not in message.subject
    subject, _body = EMAILS[kind]
    with force_locale(locale or "id"):
        assert message.subject == str(subject)
    if locale == "en":
        assert message.subject == subject._args[0]  # the msgid
    else:
        assert message.subject != subject._args[0], "Indonesian is the default"
    from app.profile import current_profile

    platform = current_profile().platform_name
    assert message.body.endswith(f"\n\n— {platform}\n")
    assert FIELDS.get("link", "") in message.body or kind in (
        "registration_attempt",
        "email_taken",
        "email_change",
    )
