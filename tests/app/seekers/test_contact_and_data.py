"""A seeker's phone (Indonesian numbers only), the choice to share it with employers browsing
candidates, and the new data in the export and in account deletion."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import Notification, SavedSearch
from app.services import notifications, saved_searches
from tests.conftest import login_as, post_form
from tests.factories import PASSWORD, SeekerProfileFactory


@pytest.fixture
def seeker(client):  # type: ignore[no-untyped-def]
    profile = SeekerProfileFactory()
    login_as(client, profile.user)
    return profile


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("0812-3456-7890", "+6281234567890"),
        ("+62 812 3456 7890", "+6281234567890"),
        ("6281234567890", "+6281234567890"),
        ("(0254) 123456", "+62254123456"),
        ("", ""),
    ],
)
def test_indonesian_numbers_are_kept_as_plus_62(client, seeker, typed, stored) -> None:  # type: ignore[no-untyped-def]
    response = post_form(
        client, "/seeker/profile", "/seeker/profile", {"phone": typed, "whatsapp": "y"}
    )
    assert response.status_code == 302
    db.session.refresh(seeker)
    assert (seeker.phone, seeker.whatsapp) == (stored, bool(stored))


@pytest.mark.parametrize("typed", ["081", "+1 555 123 4567", "telepon saya", "0812345678901234"])
def test_other_numbers_are_refused_naming_the_field(client, seeker, typed) -> None:  # type: ignore[no-untyped-def]
    page = post_form(client, "/seeker/profile", "/seeker/profile", {"phone": typed})
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Masukkan nomor telepon Indonesia" in text and "Nomor telepon" in text
    db.session.refresh(seeker)
    assert seeker.phone == ""


def test_sharing_the_phone_with_candidate_searches_needs_visibility(client, seeker) -> None:  # type: ignore[no-untyped-def]
    visible = {"visibility": "visible", "consent": "y", "share_contact": "y"}
    post_form(client, "/seeker/privacy", "/seeker/privacy", visible)
    db.session.refresh(seeker)
    assert seeker.share_contact
    post_form(client, "/seeker/privacy", "/seeker/privacy", {"visibility": "hidden"})
    db.session.refresh(seeker)
    assert not seeker.share_contact and seeker.visibility == "hidden"


def test_export_holds_contact_notifications_and_saved_searches(client, seeker) -> None:  # type: ignore[no-untyped-def]
    seeker.phone, seeker.whatsapp = "+6281234567890", True
    notifications.notify(
        seeker.user, "application_received", {"vacancy": "Web", "applicant": "Rina"}, "/"
    )
    db.session.commit()
    saved_searches.save(seeker.user, "Web", saved_searches.Criteria(query="web"))
    data = json.loads(client.get("/seeker/export").get_data(as_text=True))
    assert data["profile"]["phone"] == "+6281234567890" and data["profile"]["whatsapp"]
    assert data["notifications"][0]["title"] == "Lamaran baru untuk Web"
    assert data["saved_searches"][0]["query"] == "web"


def test_deletion_removes_notifications_and_saved_searches(client, seeker) -> None:  # type: ignore[no-untyped-def]
    notifications.notify(
        seeker.user, "application_received", {"vacancy": "W", "applicant": "R"}, "/"
    )
    db.session.commit()
    saved_searches.save(seeker.user, "Web", saved_searches.Criteria())
    post_form(client, "/seeker/privacy", "/seeker/delete", {"password": PASSWORD})
    for model in (Notification, SavedSearch):
        assert db.session.scalar(select(func.count()).select_from(model)) == 0


def test_deletion_removes_the_profiles_stored_vector(client, seeker) -> None:  # type: ignore[no-untyped-def]
    from app.models import TextVector
    from app.services import vectors

    vectors.store_many("seeker", [(seeker.id, vectors.profile_text(seeker))])
    db.session.commit()
    assert db.session.scalar(select(func.count()).select_from(TextVector)) == 1
    post_form(client, "/seeker/privacy", "/seeker/delete", {"password": PASSWORD})
    assert db.session.scalar(select(func.count()).select_from(TextVector)) == 0
