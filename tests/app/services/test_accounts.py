"""Accounts (``services.accounts``): registering members with their organisation, the session
loader, passwords and sessions, administrators, and the demo logins refused in production."""

from __future__ import annotations

import pytest
from flask import Flask
from flask_babel import force_locale
from sqlalchemy import func, select

from app.extensions import db
from app.models import Organisation, SeekerProfile, User
from app.services import accounts
from app.services.errors import ValidationError
from app.services.vacancy_rows import region_lookup
from tests.conftest import outbox
from tests.factories import PASSWORD, UserFactory

GOOD = "Kuda-Laut-Biru-42"


@pytest.fixture(autouse=True)
def english(app: Flask):  # type: ignore[no-untyped-def]
    with force_locale("en"):
        yield


def counts() -> tuple[int, int, int]:
    return tuple(  # type: ignore[return-value]
        db.session.scalar(select(func.count()).select_from(model))
        for model in (User, Organisation, SeekerProfile)
    )


# registration -------------------------------------------------------------------------------


def test_an_employer_registers_with_an_unverified_organisation(app: Flask) -> None:
    region = region_lookup()["3673"]
    user = accounts.register_member(
        "employer", "  HRD@PTMaju.co.id ", " Rina ", GOOD, " PT Maju ", region, " Jl. A ", "en"
    )
    assert user is not None
    assert (user.email, user.name, user.role, user.locale) == (
        "hrd@ptmaju.co.id",
        "Rina",
        "employer",
        "en",
    )
    organisation = user.organisation
    assert (organisation.kind, organisation.name, organisation.address) == (
        "employer",
        "PT Maju",
        "Jl. A",
    )
    assert organisation.verification_status != "verified"
    assert user.email_verified_at is None
    assert [m.to for m in outbox(app)] == ["hrd@ptmaju.co.id"]


@pytest.mark.parametrize(
    ("role", "kind", "stored"),
    [
        ("school", "training_provider", "training_provider"),
        ("school", None, "school"),
        ("school", "employer", "school"),
        ("employer", "school", "employer"),
    ],
)
def test_the_organisation_kind_follows_the_role(app: Flask, role: str, kind, stored: str) -> None:  # type: ignore[no-untyped-def]
    user = accounts.register_member(
        role, f"{role}@example.com", "Nama", GOOD, "Org", None, kind=kind
    )
    assert user is not None and user.organisation.kind == stored


@pytest.mark.parametrize("role", ["seeker", "admin", "planner"])
def test_roles_without_an_organisation_do_not_register_as_members(app: Flask, role: str) -> None:
    with pytest.raises(ValueError, match=role):
        accounts.register_member(role, "x@example.com", "Nama", GOOD, "Org", None)
    assert counts() == (0, 0, 0)


def test_a_taken_email_creates_nothing_and_tells_its_owner(app: Flask) -> None:
    owner = UserFactory(email="ada@example.com")
    before = counts()
    assert accounts.register_member("employer", " ADA@example.com", "X", GOOD, "Org", None) is None
    assert accounts.register_seeker("ada@example.com", "Y", GOOD) is None
    assert counts() == before
    assert [m.to for m in outbox(app)] == [owner.email, owner.email]


def test_a_weak_password_is_refused_before_the_email_is_looked_up(app: Flask) -> None:
    UserFactory(email="ada@example.com")
    for email in ("ada@example.com", "baru@example.com"):
        with pytest.raises(ValidationError) as raised:
            accounts.register_seeker(email, "Ada", "password")
        assert raised.value.field == "password"
    assert outbox(app) == []


def test_a_seeker_gets_an_empty_hidden_profile(app: Flask) -> None:
    user = accounts.register_seeker("budi@example.com", "Budi", GOOD)
    profile = db.session.scalar(select(SeekerProfile).where(SeekerProfile.user_id == user.id))
    assert profile.visibility == "hidden" and profile.skills == []


def test_production_refuses_the_demo_logins_and_password(app: Flask) -> None:
    from app.services.demo import demo_emails

    app.config["ALLOW_DEMO_DATA"] = False
    demo = sorted(demo_emails())[0]
    with pytest.raises(ValidationError) as raised:
        accounts.register_seeker(demo, "Demo", GOOD)
    assert (raised.value.field, raised.value.message) == (
        "email",
        "This email address is reserved.",
    )
    with pytest.raises(ValidationError) as raised:
        accounts.register_seeker("baru@example.com", "Baru", app.config["DEMO_PASSWORD"])
    assert raised.value.field == "password"
    assert counts() == (0, 0, 0)


# sessions and passwords ---------------------------------------------------------------------


def test_the_session_loader_checks_the_version_and_the_account(app: Flask) -> None:
    user = UserFactory()
    assert accounts.load_user(user.get_id()) == user
    for session_id in (
        f"{user.id}",
        f"{user.id}:x",
        f"x:{user.session_version}",
        ":",
        "",
        f"{user.id + 99}:0",
    ):
        assert accounts.load_user(session_id) is None, session_id
    stale = user.get_id()
    accounts.end_sessions(user)
    assert accounts.load_user(stale) is None
    assert accounts.load_user(user.get_id()) == user
    user.active = False
    db.session.commit()
    assert accounts.load_user(user.get_id()) is None


def test_changing_the_password_needs_the_current_one_and_ends_sessions(app: Flask) -> None:
    user = UserFactory()
    version = user.session_version
    with pytest.raises(ValidationError) as raised:
        accounts.change_password(user, "salah-sekali", GOOD)
    assert (raised.value.field, raised.value.message) == (
        "current_password",
        "The current password is wrong.",
    )
    assert user.session_version == version
    accounts.change_password(user, PASSWORD, GOOD)
    assert user.session_version == version + 1
    assert accounts.verify_password(user.password_hash, GOOD)
    assert not accounts.verify_password(user.password_hash, PASSWORD)


def test_a_password_with_the_persons_name_is_refused(app: Flask) -> None:
    user = UserFactory(name="Sulistyowati", email="sulis@example.com")
    with pytest.raises(ValidationError) as raised:
        accounts.set_password(user, "sulistyowati-2026")
    assert raised.value.message == "The password must not contain your name or your email address."


def test_a_broken_stored_hash_never_matches(app: Flask) -> None:
    assert not accounts.verify_password("bukan-hash", PASSWORD)
    assert not accounts.verify_password("", PASSWORD)


def test_login_refuses_inactive_accounts_and_records_the_time(app: Flask) -> None:
    user = UserFactory(email="ada@example.com")
    assert user.last_login_at is None
    assert accounts.authenticate(" ADA@example.com ", PASSWORD) == user
    assert user.last_login_at is not None
    assert accounts.authenticate("ada@example.com", "salah-sekali") is None
    assert accounts.authenticate("tidak-ada@example.com", PASSWORD) is None
    user.active = False
    db.session.commit()
    assert accounts.authenticate("ada@example.com", PASSWORD) is None


def test_the_language_is_remembered(app: Flask) -> None:
    user = UserFactory(locale="id")
    accounts.set_locale(user, "en")
    db.session.expire_all()
    assert db.session.get(User, user.id).locale == "en"


# administrators and counts ------------------------------------------------------------------


def test_an_administrator_is_created_verified_and_only_once(app: Flask) -> None:
    admin = accounts.create_admin(" Root@Example.com ", GOOD)
    assert (admin.email, admin.role, admin.name) == ("root@example.com", "admin", "Administrator")
    assert admin.email_verified_at is not None
    with pytest.raises(ValidationError) as raised:
        accounts.create_admin("root@example.com", GOOD)
    assert (raised.value.field, raised.value.message) == (
        "email",
        "An account with this email already exists.",
    )


def test_users_are_counted_by_role(app: Flask) -> None:
    UserFactory()
    UserFactory()
    UserFactory(role="admin")
    assert accounts.count_users_by_role() == {"seeker": 2, "admin": 1}
