"""The notifications page and the navbar count: only my own, opened (and so read) by following
them, all marked read by a POST."""

from __future__ import annotations

from app.extensions import db
from app.services import notifications
from tests.conftest import login_as, post_form
from tests.factories import UserFactory

PARAMS = {"vacancy": "Teknisi Jaringan", "applicant": "Rina"}


def badge(page: str) -> str:
    return page.split('data-testid="notifications-badge"')[1].split("</a>")[0]


def test_list_badge_open_and_mark_all_read(client) -> None:  # type: ignore[no-untyped-def]
    user, other = UserFactory(), UserFactory()
    mine = notifications.notify(user, "application_received", PARAMS, "/vacancies/", email=False)
    notifications.notify(user, "application_received", PARAMS, "/", email=False)
    theirs = notifications.notify(other, "application_received", PARAMS, "/", email=False)
    db.session.commit()
    login_as(client, user)
    page = client.get("/notifications/").get_data(as_text=True)
    assert ">2<" in badge(page)
    assert page.count('data-testid="notification"') == 2
    assert "Lamaran baru untuk Teknisi Jaringan" in page
    assert client.get(f"/notifications/{mine.id}").status_code == 405  # opening is a POST
    response = post_form(client, "/notifications/", f"/notifications/{mine.id}", {})
    assert response.headers["Location"] == "/vacancies/"
    assert ">1<" in badge(client.get("/notifications/").get_data(as_text=True))
    assert (
        post_form(client, "/notifications/", f"/notifications/{theirs.id}", {}).status_code == 404
    )
    db.session.refresh(theirs)
    assert theirs.read_at is None
    post_form(client, "/notifications/", "/notifications/read-all", {})
    assert "badge" not in badge(client.get("/").get_data(as_text=True))
    assert notifications.unread_count(other) == 1


def test_a_stored_link_never_leads_off_site(client) -> None:  # type: ignore[no-untyped-def]
    user = UserFactory()
    item = notifications.notify(user, "application_received", PARAMS, "//evil.example", email=False)
    db.session.commit()
    login_as(client, user)
    opened = post_form(client, "/notifications/", f"/notifications/{item.id}", {})
    assert opened.headers["Location"] == "/notifications/"


def test_pages_need_login(client) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/notifications/").status_code == 302
    assert client.post("/notifications/read-all").status_code in (302, 400)
