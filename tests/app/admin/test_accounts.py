"""Administrators list, search, deactivate, re-activate accounts and change roles, audited;
never themselves out, never the last administrator."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import AuditEntry, SeekerProfile
from tests.conftest import AuthActions, post_form
from tests.factories import EmployerFactory, UserFactory


@pytest.fixture
def admin(app, auth):  # type: ignore[no-untyped-def]
    user = UserFactory(role="admin", email="admin@example.com", name="Admin Satu")
    auth.login(user.email)
    return user


def act(client, user, action: str, **data):  # type: ignore[no-untyped-def]
    page = f"/admin/accounts/{user.id}"
    return post_form(client, page, f"{page}/{action}", data, follow_redirects=True)


def entries(action: str) -> list[AuditEntry]:
    return list(db.session.scalars(select(AuditEntry).where(AuditEntry.action == action)))


@pytest.mark.parametrize("role", ["seeker", "employer", "school"])
def test_only_administrators_may_open_the_pages(app, client, auth, role: str) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/admin/accounts/").status_code == 302
    auth.login(UserFactory(role=role).email)
    assert client.get("/admin/accounts/").status_code == 403
    assert client.get("/admin/outbox/").status_code == 403


def test_list_search_filter_and_pages(app, client, admin) -> None:  # type: ignore[no-untyped-def]
    UserFactory(email="budi@example.com", name="Budi Santoso")
    UserFactory(email="ani@example.com", name="Ani Wulandari", active=False)
    EmployerFactory(email="hrd@ptmaju.co.id", name="HRD Maju")
    for n in range(30):
        UserFactory(email=f"massal{n}@example.com")
    page = client.get("/admin/accounts/?q=santoso").get_data(as_text=True)
    assert "budi@example.com" in page and "ani@example.com" not in page
    page = client.get("/admin/accounts/?role=employer").get_data(as_text=True)
    assert "hrd@ptmaju.co.id" in page and "budi@example.com" not in page
    page = client.get("/admin/accounts/?status=inactive").get_data(as_text=True)
    assert page.count('data-testid="account-row"') == 1 and "ani@example.com" in page
    first = client.get("/admin/accounts/").get_data(as_text=True)
    assert first.count('data-testid="account-row"') == 25
    assert "Halaman 1 dari 2" in first
    second = client.get("/admin/accounts/?page=2").get_data(as_text=True)
    assert second.count('data-testid="account-row"') == 34 - 25


def test_deactivation_is_audited_and_ends_the_users_sessions(app, client, admin) -> None:  # type: ignore[no-untyped-def]
    user = UserFactory(email="budi@example.com")
    theirs = app.test_client()
    AuthActions(theirs).login(user.email)
    assert theirs.get("/account/").status_code == 200
    page = act(
        client, user, "status", **{"status-active": "0", "status-reason": "Akun palsu dilaporkan"}
    )
    assert "Akun dinonaktifkan." in page.get_data(as_text=True)
    act(client, user, "status", **{"status-active": "0", "status-reason": "dikirim dua kali"})
    db.session.refresh(user)
    assert not user.active  # the same form sent twice does not re-activate
    assert theirs.get("/account/").status_code == 302
    assert AuthActions(theirs).login(user.email).status_code == 200  # refused
    (entry,) = entries("account.deactivate")
    assert (entry.actor_id, entry.target_id, entry.reason) == (
        admin.id,
        user.id,
        "Akun palsu dilaporkan",
    )
    act(client, user, "status", **{"status-active": "1", "status-reason": "Sudah dikonfirmasi"})
    db.session.refresh(user)
    assert user.active
    assert len(entries("account.reactivate")) == 1
    page = client.get(f"/admin/accounts/{user.id}").get_data(as_text=True)
    assert page.count('data-testid="history-row"') == 2
    assert "Akun palsu dilaporkan" in page
    assert AuthActions(theirs).login(user.email).status_code == 302


def test_a_reason_is_required(app, client, admin) -> None:  # type: ignore[no-untyped-def]
    user = UserFactory()
    page = act(client, user, "status", **{"status-active": "0", "status-reason": ""}).get_data(
        as_text=True
    )
    assert "Kolom ini wajib diisi." in page
    db.session.refresh(user)
    assert user.active and entries("account.deactivate") == []


def test_an_administrator_cannot_deactivate_themself(app, client, admin) -> None:  # type: ignore[no-untyped-def]
    UserFactory(role="admin")
    page = act(client, admin, "status", **{"status-active": "0", "status-reason": "coba"}).get_data(
        as_text=True
    )
    assert "Anda tidak dapat menonaktifkan akun Anda sendiri." in page
    db.session.refresh(admin)
    assert admin.active


def test_the_last_administrator_keeps_the_role(app, client, admin) -> None:  # type: ignore[no-untyped-def]
    data = {"role-role": "seeker", "role-reason": "pindah tugas"}
    page = act(client, admin, "role", **data).get_data(as_text=True)
    assert "Ini administrator aktif terakhir" in page
    db.session.refresh(admin)
    assert admin.role == "admin"
    UserFactory(role="admin")
    act(client, admin, "role", **data)
    db.session.refresh(admin)
    assert admin.role == "seeker"
    assert db.session.scalar(select(SeekerProfile).where(SeekerProfile.user_id == admin.id))


def test_the_last_active_administrator_cannot_be_deactivated(app, client, admin) -> None:  # type: ignore[no-untyped-def]
    from app.services import account_admin
    from app.services.errors import ValidationError

    other = UserFactory(role="admin", active=False)
    with pytest.raises(ValidationError):
        account_admin.set_active(other, admin, False, "alasan")


def test_role_change_is_audited_and_checked_against_the_organisation(app, client, admin) -> None:  # type: ignore[no-untyped-def]
    user = EmployerFactory()
    for role in ("school", "seeker"):
        page = act(client, user, "role", **{"role-role": role, "role-reason": "salah pilih"})
        assert "Akun ini tidak dapat memiliki peran tersebut." in page.get_data(as_text=True)
    db.session.refresh(user)
    assert user.role == "employer"
    act(client, user, "role", **{"role-role": "admin", "role-reason": "staf Disnaker"})
    db.session.refresh(user)
    assert user.role == "admin"
    (entry,) = entries("account.role")
    assert entry.details == {"before": "employer", "after": "admin"}
    assert entry.reason == "staf Disnaker"


def test_roles_an_account_can_hold(app) -> None:  # type: ignore[no-untyped-def]
    from app.services.account_admin import roles_for
    from tests.factories import SchoolUserFactory

    assert roles_for(UserFactory()) == ["seeker", "admin"]
    assert roles_for(EmployerFactory()) == ["employer", "admin"]
    assert roles_for(SchoolUserFactory()) == ["school", "admin"]
