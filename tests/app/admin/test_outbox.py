"""The development outbox page lists the emails the site wrote and shows one."""

from __future__ import annotations

from tests.conftest import post_form
from tests.factories import UserFactory


def test_administrators_read_the_outbox(app, client, auth) -> None:  # type: ignore[no-untyped-def]
    user = UserFactory(email="ani@example.com")
    post_form(client, "/auth/reset", "/auth/reset", {"email": user.email})
    auth.login(UserFactory(role="admin").email)
    page = client.get("/admin/outbox/").get_data(as_text=True)
    assert page.count('data-testid="outbox-row"') == 1
    assert "ani@example.com" in page and "Atur ulang kata sandi Anda" in page
    name = page.split('href="/admin/outbox/')[1].split('"')[0]
    message = client.get(f"/admin/outbox/{name}").get_data(as_text=True)
    assert "/auth/reset/" in message


def test_unknown_or_unsafe_names_are_404(app, client, auth) -> None:  # type: ignore[no-untyped-def]
    auth.login(UserFactory(role="admin").email)
    assert client.get("/admin/outbox/nothing.eml").status_code == 404
    assert client.get("/admin/outbox/..%2Fsecret.eml").status_code == 404


def test_the_page_can_be_switched_off(app, client, auth) -> None:  # type: ignore[no-untyped-def]
    auth.login(UserFactory(role="admin").email)
    app.config["MAIL_OUTBOX_PAGE"] = False
    assert client.get("/admin/outbox/").status_code == 404


def test_production_switches_the_page_off() -> None:
    from app.config import DevelopmentConfig, ProductionConfig

    assert DevelopmentConfig.MAIL_OUTBOX_PAGE and not ProductionConfig.MAIL_OUTBOX_PAGE
