"""API tokens (``api_tokens``: scopes, expiry, who may hold one, what stops one working, the
last use written at most once a minute) and partner payloads (``api_vacancies``: the external
id and the publish flag named with the import's row errors)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask import Flask
from flask_babel import force_locale
from sqlalchemy import func, select

from app.extensions import db
from app.models import ApiToken, AuditEntry
from app.models.base import utcnow
from app.services import api_tokens
from app.services.api_vacancies import InvalidInputError, check_external_id, check_payload
from app.services.errors import NotFoundError, ValidationError
from tests.factories import EmployerFactory, SchoolUserFactory, UserFactory

PAYLOAD = {
    "title": "Teknisi Jaringan",
    "description": "Instalasi jaringan LAN.",
    "region": "Kota Serang",
    "employment_type": "full_time",
    "min_education": "sma_smk",
}


@pytest.fixture(autouse=True)
def english(app: Flask):  # type: ignore[no-untyped-def]
    with force_locale("en"):
        yield


def tokens() -> int:
    return db.session.scalar(select(func.count()).select_from(ApiToken)) or 0


# scopes and creation ------------------------------------------------------------------------


def test_scopes_come_back_deduplicated_in_their_canonical_order() -> None:
    assert api_tokens.check_scopes(["vacancies:read", "vacancies:write", "vacancies:read"]) == [
        "vacancies:write",
        "vacancies:read",
    ]
    assert api_tokens.check_scopes(["vacancies:read"]) == ["vacancies:read"]


@pytest.mark.parametrize("scopes", [[], ["admin"], ["vacancies:read", "vacancies:delete"]])
def test_unknown_or_no_scopes_are_refused(app: Flask, scopes: list[str]) -> None:
    with pytest.raises(ValidationError) as raised:
        api_tokens.check_scopes(scopes)
    assert raised.value.field == "scopes"
    assert raised.value.message.startswith("Choose scopes among ")


@pytest.mark.parametrize(
    "make", [UserFactory, SchoolUserFactory, lambda: UserFactory(role="admin")]
)
def test_only_employer_members_hold_tokens(app: Flask, make) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as raised:
        api_tokens.create_token(make(), ["vacancies:read"])
    assert raised.value.field == "org"
    assert tokens() == 0


@pytest.mark.parametrize("days", [0, -1, 3651])
def test_the_expiry_is_one_day_to_ten_years(app: Flask, days: int) -> None:
    with pytest.raises(ValidationError) as raised:
        api_tokens.create_token(EmployerFactory(), ["vacancies:read"], expires_days=days)
    assert (raised.value.field, raised.value.message) == ("expires", "Use 1 to 3650 days.")
    assert tokens() == 0


def test_a_token_keeps_a_prefix_a_hash_and_an_audit_entry(app: Flask) -> None:
    member = EmployerFactory()
    token, secret = api_tokens.create_token(member, ["vacancies:read"], 30, "  Sistem HR  ")
    assert secret.startswith("lm_") and token.prefix == secret[:11]
    assert secret not in (token.token_hash, token.prefix)
    assert token.name == "Sistem HR"
    assert timedelta(days=29) < token.expires_at - utcnow() <= timedelta(days=30)
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "api_token.create"))
    assert (entry.target_id, entry.target_label, entry.details) == (
        token.id,
        token.prefix,
        {"scopes": "vacancies:read"},
    )


def test_a_token_by_email_needs_an_account(app: Flask) -> None:
    with pytest.raises(ValidationError) as raised:
        api_tokens.create_for_email("tidak-ada@example.com", ["vacancies:read"])
    assert raised.value.message == "No account has this email address."
    member = EmployerFactory(email="hrd@example.com")
    token, _secret = api_tokens.create_for_email("HRD@example.com ", ["vacancies:read"])
    assert token.created_by_id == member.id


# what stops a token working -----------------------------------------------------------------


def test_authenticating_needs_the_prefix_a_sane_length_and_the_right_secret(app: Flask) -> None:
    _token, secret = api_tokens.create_token(EmployerFactory(), ["vacancies:read"])
    assert api_tokens.authenticate(secret) is not None
    assert api_tokens.authenticate(secret.removeprefix("lm_")) is None
    assert api_tokens.authenticate(secret + "x") is None
    assert api_tokens.authenticate("lm_" + "a" * 300) is None


def test_the_last_use_is_written_at_most_once_a_minute(app: Flask) -> None:
    token, secret = api_tokens.create_token(EmployerFactory(), ["vacancies:read"])
    api_tokens.authenticate(secret)
    first = token.last_used_at
    api_tokens.authenticate(secret)
    assert token.last_used_at == first
    token.last_used_at = first - timedelta(minutes=2)
    db.session.commit()
    api_tokens.authenticate(secret)
    assert token.last_used_at > first - timedelta(minutes=2)


def test_a_member_who_left_the_organisation_stops_the_token(app: Flask) -> None:
    member = EmployerFactory()
    token, secret = api_tokens.create_token(member, ["vacancies:read"])
    member.organisation = EmployerFactory().organisation
    db.session.commit()
    assert not api_tokens.is_usable(token)
    assert api_tokens.authenticate(secret) is None


def test_revoking_is_audited_once_and_scoped_to_the_organisation(app: Flask) -> None:
    member = EmployerFactory()
    token, _secret = api_tokens.create_token(member, ["vacancies:read"])
    stranger = EmployerFactory()
    from app.services.errors import PermissionDeniedError

    with pytest.raises(PermissionDeniedError):
        api_tokens.revoke(token.id, stranger)
    assert token.revoked_at is None
    api_tokens.revoke(token.id, member)
    first = token.revoked_at
    api_tokens.revoke(token.id, member)
    api_tokens.revoke_as_platform(token.id)
    assert token.revoked_at == first
    revokes = db.session.scalar(select(func.count()).where(AuditEntry.action == "api_token.revoke"))
    assert revokes == 1
    with pytest.raises(NotFoundError):
        api_tokens.revoke_as_platform(987654)


def test_tokens_are_listed_per_organisation_newest_first(app: Flask) -> None:
    member = EmployerFactory()
    first, _ = api_tokens.create_token(member, ["vacancies:read"])
    second, _ = api_tokens.create_token(member, ["vacancies:write"])
    other, _ = api_tokens.create_token(EmployerFactory(), ["vacancies:read"])
    assert [t.id for t in api_tokens.list_tokens(member.organisation_id)] == [second.id, first.id]
    assert [t.id for t in api_tokens.all_tokens()] == [other.id, second.id, first.id]
    assert [t.id for t in api_tokens.all_tokens(limit=1)] == [other.id]


# partner payloads ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "kept"), [("JOB-1", "JOB-1"), ("  JOB-1  ", "JOB-1"), ("x" * 100, "x" * 100)]
)
def test_external_ids(value: str, kept: str) -> None:
    assert check_external_id(value) == kept


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (None, "This field is required."),
        ("", "This field is required."),
        ("   ", "This field is required."),
        (42, "This field is required."),
        ("x" * 101, "Use at most 100 printable characters."),
        ("JOB\n1", "Use at most 100 printable characters."),
        ("JOB\x001", "Use at most 100 printable characters."),
    ],
)
def test_bad_external_ids_are_named(app: Flask, value: object, message: str) -> None:
    with pytest.raises(InvalidInputError) as raised:
        check_external_id(value)
    assert [(e.field, e.message) for e in raised.value.errors] == [("external_id", message)]


def test_a_payload_gives_its_id_fields_and_publish_flag(app: Flask) -> None:
    external_id, data, publish = check_payload({**PAYLOAD, "publish": False}, " J-9 ")
    assert (external_id, data.title, publish) == ("J-9", "Teknisi Jaringan", False)
    assert check_payload(PAYLOAD, "J-9")[2] is True


def test_every_problem_of_a_payload_is_named_at_once(app: Flask) -> None:
    with pytest.raises(InvalidInputError) as raised:
        check_payload({**PAYLOAD, "publish": "ya", "title": "", "region": "Atlantis"}, "")
    fields = [e.field for e in raised.value.errors]
    assert fields == ["external_id", "publish", "title", "region"]
    assert "publish: Must be true or false." in str(raised.value)


@pytest.mark.parametrize("raw", [[PAYLOAD], "teks", None, 5])
def test_a_payload_that_is_not_an_object_is_refused(app: Flask, raw: object) -> None:
    with pytest.raises(InvalidInputError) as raised:
        check_payload(raw, "J-1")
    assert [e.field for e in raised.value.errors] == ["-"]
