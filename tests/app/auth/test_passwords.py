"""The password rule: not on the shipped list of common passwords, not the user's own name or
email; on registration, password change, reset (test_password_reset) and the CLI."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import User
from app.services.errors import ValidationError
from app.services.passwords import check_password, is_common, personal_parts
from tests.conftest import post_form
from tests.factories import PASSWORD, UserFactory

COMMON = "Kata sandi ini terlalu umum"
PERSONAL = "Kata sandi tidak boleh memuat nama atau alamat email Anda."


@pytest.mark.parametrize(
    "password",
    [
        "password123",
        "Bismillah123",
        "banten123",
        "sayangku1",
        "qwerty123",
        "12345678",
        "rahasia123",
    ],
)
def test_common_passwords_are_on_the_list(app, password: str) -> None:  # type: ignore[no-untyped-def]
    assert is_common(password)


@pytest.mark.parametrize("password", ["kuatsekali1", "Gunung-Karang-77", "demo12345"])
def test_other_passwords_are_not(app, password: str) -> None:  # type: ignore[no-untyped-def]
    assert not is_common(password)


def test_the_list_is_a_few_thousand_long(app) -> None:  # type: ignore[no-untyped-def]
    from app.services.passwords import _common

    assert len(_common(app.config["COMMON_PASSWORDS_FILE"])) > 5000


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("indonesia2024", COMMON),
        ("marlina-kuat-9", PERSONAL),
        ("XXrinakusumaXX", PERSONAL),
        ("Kusuma-Banten-7", PERSONAL),
    ],
)
def test_registration_refuses_and_names_the_field(client, password: str, message: str) -> None:  # type: ignore[no-untyped-def]
    data = {
        "name": "Rina Marlina",
        "email": "rina.kusuma@example.com",
        "password": password,
        "confirm": password,
    }
    page = post_form(client, "/auth/register", "/auth/register", data).get_data(as_text=True)
    assert message in page
    assert 'id="password"' in page and "is-invalid" in page
    assert db.session.scalar(select(func.count()).select_from(User)) == 0


def test_short_name_parts_are_not_refused(app) -> None:  # type: ignore[no-untyped-def]
    assert personal_parts("al@example.com", "Al Ayu") == {"alayu"}
    check_password("Alamanda-Tiga-3", "al@example.com", "Al Ayu")
    with pytest.raises(ValidationError) as error:
        check_password("x-alayu-x-99", "al@example.com", "Al Ayu", field="new")
    assert error.value.field == "new"


def test_password_change_refuses_a_common_password(client, auth) -> None:  # type: ignore[no-untyped-def]
    user = UserFactory()
    auth.login(user.email)
    page = post_form(
        client,
        "/auth/password",
        "/auth/password",
        {"current_password": PASSWORD, "password": "password123", "confirm": "password123"},
    ).get_data(as_text=True)
    assert COMMON in page


def test_create_admin_refuses_a_common_password(runner) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(
        args=["users", "create-admin", "boss@example.com"], input="password123\npassword123\n"
    )
    assert result.exit_code != 0
    assert "password:" in result.output
    assert db.session.scalar(select(func.count()).select_from(User)) == 0


def test_create_admin_refuses_a_short_password(runner) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(args=["users", "create-admin", "boss@example.com"], input="Ab1\nAb1\n")
    assert result.exit_code != 0
    assert "password: Gunakan 8 sampai 128 karakter." in result.output


def test_the_form_names_the_length_in_indonesian(client) -> None:  # type: ignore[no-untyped-def]
    data = {"name": "Rina", "email": "r@example.com", "password": "Ab1", "confirm": "Ab1"}
    page = post_form(client, "/auth/register", "/auth/register", data).get_data(as_text=True)
    assert "Gunakan 8 sampai 128 karakter." in page
