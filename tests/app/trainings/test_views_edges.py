"""The training pages' error paths: invalid forms re-rendered with Indonesian field errors and
nothing saved, missing and foreign trainings, CSRF, and skill actions (no model: the skill reader
is a stub)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import Training, TrainingSkill
from app.services import training_catalogue
from app.services.linking import SkillSuggestion
from tests.conftest import login_as, post_form
from tests.factories import (
    OrganisationFactory,
    SchoolUserFactory,
    SeekerProfileFactory,
    SkillFactory,
)

FORM = {
    "title": "Kelas Jaringan Dasar",
    "mode": "offline",
    "audience": "seekers",
    "region_id": "0",
    "duration_hours": "40",
    "cost": "0",
    "description": "Peserta belajar memasang kabel UTP dan mengatur router.",
}


@pytest.fixture(autouse=True)
def no_model(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The skill reader returns nothing and records the texts it was given."""
    read: list[str] = []

    def fake(text: str) -> list[SkillSuggestion]:
        read.append(text)
        return []

    monkeypatch.setattr(training_catalogue, "suggest_skills", fake)
    return read


def _count() -> int:
    return db.session.scalar(select(func.count(Training.id)))


def _training(org, title: str = "Kelas A") -> Training:  # type: ignore[no-untyped-def]
    training = Training(organisation=org, title=title, mode="online", description="Belajar.")
    db.session.add(training)
    db.session.commit()
    return training


def test_a_valid_training_is_saved_and_its_text_read(client, no_model) -> None:  # type: ignore[no-untyped-def]
    user = SchoolUserFactory()
    login_as(client, user)
    response = post_form(client, "/school/trainings/new", "/school/trainings/new", FORM)
    training = db.session.scalar(select(Training))
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/school/trainings/{training.id}")
    assert training.organisation_id == user.organisation_id
    assert (training.duration_hours, training.cost, training.region_id) == (40, 0, None)
    assert no_model == [f"{FORM['title']}\n{FORM['description']}"]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", "", "Kolom ini wajib diisi."),
        ("description", "  ", "Kolom ini wajib diisi."),
        ("title", "x" * 201, "Gunakan paling banyak 200 karakter."),
        ("duration_hours", "0", "Masukkan 1 sampai 5000 jam."),
        ("duration_hours", "5001", "Masukkan 1 sampai 5000 jam."),
        ("cost", "-1", "Masukkan jumlah 0 atau lebih."),
    ],
)
def test_an_invalid_training_is_shown_again_with_the_error_and_not_saved(
    client, field: str, value: str, message: str
) -> None:  # type: ignore[no-untyped-def]
    login_as(client, SchoolUserFactory())
    response = post_form(
        client, "/school/trainings/new", "/school/trainings/new", {**FORM, field: value}
    )
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert message in page
    assert FORM["description"] in page or field == "description"  # what was typed stays
    assert _count() == 0


def test_an_unknown_mode_is_refused(client) -> None:  # type: ignore[no-untyped-def]
    login_as(client, SchoolUserFactory())
    response = post_form(
        client, "/school/trainings/new", "/school/trainings/new", {**FORM, "mode": "telepathy"}
    )
    assert response.status_code == 200
    assert _count() == 0


def test_a_post_without_the_csrf_token_saves_nothing(client) -> None:  # type: ignore[no-untyped-def]
    login_as(client, SchoolUserFactory())
    response = client.post("/school/trainings/new", data=FORM)
    assert response.status_code == 400
    assert _count() == 0


def test_a_missing_training_is_not_found(client) -> None:  # type: ignore[no-untyped-def]
    login_as(client, SchoolUserFactory())
    assert client.get("/school/trainings/999999").status_code == 404
    assert client.get("/school/trainings/999999/edit").status_code == 404


def test_another_organisations_training_cannot_be_edited_by_post(client) -> None:  # type: ignore[no-untyped-def]
    other = _training(OrganisationFactory(kind="training_provider"), "Kelas Asli")
    login_as(client, SchoolUserFactory())
    response = post_form(
        client,
        "/school/trainings/new",
        f"/school/trainings/{other.id}/edit",
        {**FORM, "title": "Diubah"},
    )
    assert response.status_code == 403
    db.session.refresh(other)
    assert other.title == "Kelas Asli"


def test_skills_of_another_organisations_training_cannot_be_changed(client) -> None:  # type: ignore[no-untyped-def]
    skill = SkillFactory()
    other = _training(OrganisationFactory(kind="training_provider"))
    link = TrainingSkill(skill_id=skill.id, origin="extracted", confidence=0.9)
    other.skills.append(link)
    db.session.commit()
    login_as(client, SchoolUserFactory())
    page = "/school/trainings/new"
    add = post_form(client, page, f"/school/trainings/{other.id}/skills", {"skill_id": skill.id})
    remove = post_form(client, page, f"/school/trainings/{other.id}/skills/{link.id}/remove", {})
    assert (add.status_code, remove.status_code) == (403, 403)
    db.session.refresh(link)
    assert not link.rejected and len(other.skills) == 1


def test_a_seeker_may_not_open_the_catalogue(client) -> None:  # type: ignore[no-untyped-def]
    profile = SeekerProfileFactory()
    login_as(client, profile.user)
    assert client.get("/school/trainings/").status_code == 403
    assert client.get("/school/trainings/new").status_code == 403


def test_logged_out_visitors_are_sent_to_the_login(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/school/trainings/new")
    assert response.status_code == 302
    assert "/auth/login" in response.headers["Location"]


def test_an_empty_or_unknown_skill_is_refused(client) -> None:  # type: ignore[no-untyped-def]
    user = SchoolUserFactory()
    training = _training(user.organisation)
    login_as(client, user)
    url = f"/school/trainings/{training.id}"
    response = post_form(client, url, f"{url}/skills", {"skill_id": ""}, follow_redirects=True)
    assert "Pilih keterampilan dari daftar saran." in response.get_data(as_text=True)
    response = post_form(client, url, f"{url}/skills", {"skill_id": "no-such-skill"})
    assert response.status_code == 404
    db.session.refresh(training)
    assert training.skills == []


def test_an_unknown_skill_link_is_not_found(client) -> None:  # type: ignore[no-untyped-def]
    user = SchoolUserFactory()
    training = _training(user.organisation)
    login_as(client, user)
    url = f"/school/trainings/{training.id}"
    assert post_form(client, url, f"{url}/skills/424242/remove", {}).status_code == 404


def test_a_suggested_skill_is_accepted_and_an_unknown_action_changes_nothing(client) -> None:  # type: ignore[no-untyped-def]
    user = SchoolUserFactory()
    training = _training(user.organisation)
    skill = SkillFactory()
    link = TrainingSkill(skill_id=skill.id, origin="extracted", confidence=0.7)
    training.skills.append(link)
    db.session.commit()
    login_as(client, user)
    url = f"/school/trainings/{training.id}"
    response = post_form(client, url, f"{url}/skills/{link.id}/explode", {})
    assert response.status_code == 302
    db.session.refresh(link)
    assert (link.origin, link.rejected) == ("extracted", False)
    post_form(client, url, f"{url}/skills/{link.id}/importance", {})
    db.session.refresh(link)
    assert link.origin == "declared"


def test_an_edit_with_the_same_text_does_not_read_it_again(client, no_model) -> None:  # type: ignore[no-untyped-def]
    user = SchoolUserFactory()
    login_as(client, user)
    post_form(client, "/school/trainings/new", "/school/trainings/new", FORM)
    training = db.session.scalar(select(Training))
    url = f"/school/trainings/{training.id}/edit"
    post_form(client, url, url, {**FORM, "cost": "150000"})
    assert len(no_model) == 1
    db.session.refresh(training)
    assert training.cost == 150000
    post_form(client, url, url, {**FORM, "title": "Kelas Jaringan Lanjut"})
    assert len(no_model) == 2
