"""Registration for each role, login, logout, password change, CSRF."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import SeekerProfile, User
from app.services.regions import list_regions
from tests.conftest import csrf_token, outbox, verify_email
from tests.factories import PASSWORD, EmployerFactory, UserFactory


def register(client, url: str, **fields):  # type: ignore[no-untyped-def]
    data = {
        "name": "Rina Marlina",
        "email": "rina@example.com",
        "password": "kuatsekali1",
        "confirm": "kuatsekali1",
        **fields,
    }
    data["csrf_token"] = csrf_token(client, url)
    return client.post(url, data=data, follow_redirects=True)


def test_seeker_registers_and_is_asked_to_verify(app, client) -> None:  # type: ignore[no-untyped-def]
    response = register(client, "/auth/register")
    assert response.status_code == 200
    assert response.request.path == "/auth/register/check-inbox"
    assert "Kami telah mengirim email ke rina@example.com." in response.get_data(as_text=True)
    user = db.session.scalar(select(User).where(User.email == "rina@example.com"))
    assert user.role == "seeker"
    assert user.email_verified_at is None
    assert user.password_hash.startswith("$argon2id$")
    assert db.session.scalar(select(SeekerProfile).where(SeekerProfile.user_id == user.id))
    (message,) = outbox(app)
    assert (message.to, message.subject) == ("rina@example.com", "Verifikasi alamat email Anda")


@pytest.mark.parametrize(
    ("role", "dashboard"), [("employer", "/employer/"), ("school", "/school/")]
)
def test_member_registers_with_organisation(app, client, role: str, dashboard: str) -> None:  # type: ignore[no-untyped-def]
    region = list_regions()[0]
    response = register(
        client,
        f"/auth/register/{role}",
        organisation_name="PT Banten Teknologi",
        region_id=str(region.id),
    )
    assert response.request.path == "/auth/register/check-inbox"
    user = db.session.scalar(select(User).where(User.email == "rina@example.com"))
    assert user.role == role
    assert user.organisation.name == "PT Banten Teknologi"
    assert user.organisation.kind == ("employer" if role == "employer" else "school")
    assert user.organisation.is_verified is False
    assert user.organisation.verification_status == "unsubmitted"
    assert verify_email(app, client, "rina@example.com").request.path == dashboard


def test_unknown_role_registration_is_404(client) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/auth/register/admin").status_code == 404


@pytest.mark.parametrize("url", ["/auth/register", "/auth/register/employer"])
def test_taken_email_gets_the_same_answer_and_its_owner_a_note(app, client, url: str) -> None:  # type: ignore[no-untyped-def]
    UserFactory(email="rina@example.com", name="Rina Lama")
    extra = {"organisation_name": "PT Baru", "region_id": str(list_regions()[0].id)}
    response = register(client, url, email="Rina@Example.com", **extra)
    assert response.request.path == "/auth/register/check-inbox"
    assert "Kami telah mengirim email ke rina@example.com." in response.get_data(as_text=True)
    assert "Sudah ada akun" not in response.get_data(as_text=True)
    assert db.session.scalar(select(db.func.count()).select_from(User)) == 1
    (message,) = outbox(app)
    assert message.to == "rina@example.com"
    assert message.subject == "Seseorang mencoba mendaftar dengan alamat email Anda"
    assert "/auth/reset" in message.body


def test_registration_errors_are_in_indonesian_and_nothing_is_saved(client) -> None:  # type: ignore[no-untyped-def]
    page = register(client, "/auth/register", email="bukan-email", confirm="lain").get_data(
        as_text=True
    )
    assert "Masukkan alamat email yang valid." in page
    assert "Kata sandi tidak sama." in page
    assert db.session.scalar(select(db.func.count()).select_from(User)) == 0


@pytest.mark.parametrize(
    ("email", "password"),
    [("user@example.com", "salah-sandi"), ("nobody@example.com", PASSWORD)],
)
def test_login_failures_give_one_generic_message(auth, email: str, password: str) -> None:  # type: ignore[no-untyped-def]
    UserFactory(email="user@example.com")
    page = auth.login(email, password).get_data(as_text=True)
    assert "Email atau kata sandi salah." in page


def test_login_and_logout(client, auth) -> None:  # type: ignore[no-untyped-def]
    user = EmployerFactory()
    response = auth.login(user.email)
    assert response.status_code == 302
    assert client.get("/employer/").status_code == 200
    auth.logout()
    assert client.get("/employer/").status_code == 302


def test_inactive_user_cannot_log_in(auth) -> None:  # type: ignore[no-untyped-def]
    user = UserFactory(active=False)
    assert "Email atau kata sandi salah." in auth.login(user.email).get_data(as_text=True)


def test_login_ignores_offsite_next(client, auth) -> None:  # type: ignore[no-untyped-def]
    user = UserFactory()
    token = csrf_token(client, "/auth/login")
    response = client.post(
        "/auth/login?next=//evil.example/",
        data={"email": user.email, "password": PASSWORD, "csrf_token": token},
    )
    assert response.headers["Location"] == "/dashboard"


def test_password_change(client, auth) -> None:  # type: ignore[no-untyped-def]
    user = UserFactory()
    auth.login(user.email)
    token = csrf_token(client, "/auth/password")
    wrong = client.post(
        "/auth/password",
        data={
            "current_password": "salah",
            "password": "barubaru1",
            "confirm": "barubaru1",
            "csrf_token": token,
        },
    )
    assert "Kata sandi saat ini salah." in wrong.get_data(as_text=True)
    client.post(
        "/auth/password",
        data={
            "current_password": PASSWORD,
            "password": "barubaru1",
            "confirm": "barubaru1",
            "csrf_token": token,
        },
    )
    auth.logout()
    assert auth.login(user.email, "barubaru1").status_code == 302


@pytest.mark.parametrize(
    "url", ["/auth/login", "/auth/register", "/auth/register/employer", "/language"]
)
def test_csrf_is_required(client, url: str) -> None:  # type: ignore[no-untyped-def]
    response = client.post(url, data={"email": "a@example.com", "password": "x", "locale": "en"})
    assert response.status_code == 400


def test_logout_needs_post(client, auth) -> None:  # type: ignore[no-untyped-def]
    auth.login(UserFactory().email)
    assert client.get("/auth/logout").status_code == 405


def test_training_provider_registers_as_school_role(client) -> None:  # type: ignore[no-untyped-def]
    region = list_regions()[0]
    register(
        client,
        "/auth/register/school",
        organisation_name="LPK Koding Banten",
        region_id=str(region.id),
        kind="training_provider",
    )
    user = db.session.scalar(select(User).where(User.email == "rina@example.com"))
    assert (user.role, user.organisation.kind) == ("school", "training_provider")
