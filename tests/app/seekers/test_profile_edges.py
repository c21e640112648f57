"""The seeker's profile and skills pages on bad input: field errors in Indonesian with nothing
saved, another seeker's skill, an empty skill pick, and missing CSRF tokens."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import SeekerProfile, SeekerSkill
from app.services import seekers
from tests.conftest import login_as, post_form
from tests.factories import SeekerProfileFactory, SkillFactory

VALID = {
    "headline": "Lulusan SMK TKJ",
    "region_id": "0",
    "education_level": "sma_smk",
    "field_of_study": "Teknik Komputer dan Jaringan",
    "graduation_year": "2024",
    "summary": "",
    "phone": "",
}


@pytest.fixture(autouse=True)
def no_vectors(monkeypatch: pytest.MonkeyPatch) -> None:
    """No vector job (it would load the model)."""
    monkeypatch.setattr(seekers.vectors, "refresh_later", lambda subject, ids: None)


@pytest.fixture
def seeker(client):  # type: ignore[no-untyped-def]
    profile = SeekerProfileFactory(headline="Awal")
    login_as(client, profile.user)
    return profile


def _saved(profile: SeekerProfile) -> SeekerProfile:
    db.session.expire_all()
    return db.session.get(SeekerProfile, profile.id)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        (
            "phone",
            "12345",
            "Masukkan nomor telepon Indonesia, misalnya 0812 3456 7890 atau +62 812 3456 7890.",
        ),
        ("graduation_year", "2036", "Masukkan tahun antara 1960 dan 2035."),
        ("headline", "x" * 201, "Gunakan paling banyak 200 karakter."),
        ("field_of_study", "y" * 201, "Gunakan paling banyak 200 karakter."),
    ],
)
def test_a_bad_field_is_named_in_indonesian_and_nothing_is_saved(
    client, seeker, field: str, value: str, message: str
) -> None:  # type: ignore[no-untyped-def]
    response = post_form(
        client, "/seeker/profile", "/seeker/profile", {**VALID, "headline": "Baru", field: value}
    )
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    saved = _saved(seeker)
    assert (saved.headline, saved.graduation_year, saved.phone) == ("Awal", None, "")


def test_an_unknown_region_or_education_is_refused(client, seeker) -> None:  # type: ignore[no-untyped-def]
    for changes in ({"region_id": "99999"}, {"education_level": "phd_honoris"}):
        response = post_form(client, "/seeker/profile", "/seeker/profile", {**VALID, **changes})
        assert response.status_code == 200, changes
        assert _saved(seeker).headline == "Awal", changes


def test_a_valid_profile_saves_the_phone_as_plus_62(client, seeker) -> None:  # type: ignore[no-untyped-def]
    response = post_form(
        client, "/seeker/profile", "/seeker/profile", {**VALID, "phone": "(0812) 3456-7890"}
    )
    assert response.status_code == 302
    saved = _saved(seeker)
    assert (saved.headline, saved.phone, saved.graduation_year) == (
        "Lulusan SMK TKJ",
        "+6281234567890",
        2024,
    )


def test_a_profile_post_without_csrf_saves_nothing(client, seeker) -> None:  # type: ignore[no-untyped-def]
    assert client.post("/seeker/profile", data={**VALID, "headline": "Baru"}).status_code == 400
    assert _saved(seeker).headline == "Awal"


def test_an_empty_skill_pick_is_told_to_choose_from_the_list(client, seeker) -> None:  # type: ignore[no-untyped-def]
    response = post_form(client, "/seeker/skills", "/seeker/skills", {"skill_id": ""})
    assert response.status_code == 200
    assert "Pilih keterampilan dari daftar saran." in response.get_data(as_text=True)
    assert db.session.scalar(select(SeekerSkill)) is None


def test_an_unknown_skill_id_is_not_found(client, seeker) -> None:  # type: ignore[no-untyped-def]
    response = post_form(client, "/seeker/skills", "/seeker/skills", {"skill_id": "tidak-ada"})
    assert response.status_code == 404
    assert db.session.scalar(select(SeekerSkill)) is None


def test_a_picked_skill_is_added_and_shown(client, seeker) -> None:  # type: ignore[no-untyped-def]
    skill = SkillFactory(label_id="Konfigurasi Router")
    response = post_form(client, "/seeker/skills", "/seeker/skills", {"skill_id": skill.id})
    assert response.status_code == 302
    assert "Konfigurasi Router" in client.get("/seeker/skills").get_data(as_text=True)


def test_another_seeker_s_skill_cannot_be_removed(client, seeker) -> None:  # type: ignore[no-untyped-def]
    other = SeekerProfileFactory()
    skill = SkillFactory()
    seekers.add_skill(other, skill.id)
    (link,) = other.skills
    response = post_form(client, "/seeker/skills", f"/seeker/skills/{link.id}/remove", {})
    assert response.status_code == 404
    db.session.expire_all()
    assert db.session.get(SeekerSkill, link.id).rejected is False


def test_removing_without_csrf_keeps_the_skill(client, seeker) -> None:  # type: ignore[no-untyped-def]
    skill = SkillFactory()
    seekers.add_skill(seeker, skill.id)
    (link,) = seeker.skills
    response = client.post(f"/seeker/skills/{link.id}/remove")
    assert response.status_code == 400
    db.session.expire_all()
    assert db.session.get(SeekerSkill, link.id).rejected is False
