"""The skill picker adds a skill the list does not hold, kept as the seeker wrote it."""

from __future__ import annotations

from typing import Any

from app.extensions import db
from tests.factories import PASSWORD, SeekerProfileFactory


def test_seeker_adds_a_free_text_skill(live_server, page: Any) -> None:  # type: ignore[no-untyped-def]
    with live_server.app.app_context():
        email = SeekerProfileFactory().user.email
        db.session.remove()
    page.goto(live_server.url + "/auth/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url("**/seeker/")
    page.goto(live_server.url + "/seeker/skills")
    page.locator("#skill_query").press_sequentially("Setting Router ZTE")
    page.get_by_role("option", name="Tambahkan “Setting Router ZTE” sesuai tulisan saya").click()
    page.get_by_test_id("add-skill-form").get_by_role("button", name="Tambah").click()
    page.wait_for_load_state()
    assert page.get_by_text("Keahlian ditambahkan sesuai tulisan Anda.").is_visible()
    assert page.get_by_test_id("free-skills").inner_text() == "Setting Router ZTE"
