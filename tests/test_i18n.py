"""Bahasa Indonesia by default, English on request, every string translated."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from tests.conftest import csrf_token
from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parent.parent


def switch(client, locale: str, back: str = "/"):  # type: ignore[no-untyped-def]
    token = csrf_token(client, back)
    return client.post(
        "/language",
        data={"locale": locale, "next": back, "csrf_token": token},
        follow_redirects=True,
    )


def test_default_language_is_indonesian(client) -> None:  # type: ignore[no-untyped-def]
    page = client.get("/").get_data(as_text=True)
    assert '<html lang="id">' in page
    assert "Daftar sebagai pencari kerja" in page


def test_switch_to_english_and_back(client) -> None:  # type: ignore[no-untyped-def]
    page = switch(client, "en", "/auth/login").get_data(as_text=True)
    assert '<html lang="en">' in page
    assert "Log in" in page
    page = switch(client, "id").get_data(as_text=True)
    assert '<html lang="id">' in page


def test_unknown_language_is_ignored(client) -> None:  # type: ignore[no-untyped-def]
    assert '<html lang="id">' in switch(client, "xx").get_data(as_text=True)


def test_signed_in_users_language_is_remembered(client, auth) -> None:  # type: ignore[no-untyped-def]
    user = UserFactory()
    auth.login(user.email)
    switch(client, "en")
    assert user.locale == "en"


def test_every_string_has_an_indonesian_translation() -> None:
    method_map = [("**.py", "python"), ("**/templates/**.html", "jinja2")]
    keywords = {"_": None, "_l": None, "gettext": None, "lazy_gettext": None, "ngettext": (1, 2)}
    found = {
        message if isinstance(message, str) else message[0]
        for _f, _l, message, _c, _ctx in extract_from_dir(
            str(ROOT / "app"), method_map, keywords=keywords
        )
    }
    catalogue = read_po((ROOT / "app/translations/id/LC_MESSAGES/messages.po").open("rb"))
    translated = {m.id for m in catalogue if m.id and m.string and not m.fuzzy}
    assert found, "no translatable strings found"
    assert sorted(found - translated) == []
