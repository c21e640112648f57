"""The seeker profile service (``app.services.seekers``): a refused phone number changes
nothing, numbers are stored as +62, WhatsApp needs a number, and skills are the profile's own."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import SeekerProfile, SeekerSkill
from app.services import seekers
from app.services.errors import NotFoundError, ValidationError
from tests.factories import SeekerProfileFactory, SkillFactory, any_region


@pytest.fixture(autouse=True)
def refreshed(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, list[int]]]:
    """The vector refreshes asked for (recorded: the job would load the model)."""
    asked: list[tuple[str, list[int]]] = []
    monkeypatch.setattr(seekers.vectors, "refresh_later", lambda s, ids: asked.append((s, ids)))
    return asked


def _input(**changes: object) -> seekers.ProfileInput:
    fields = {
        "region_id": any_region().id,
        "education_level": "d3",
        "field_of_study": "  Teknik Informatika ",
        "graduation_year": 2024,
        "headline": " Lulusan D3 TI ",
        "summary": "Suka jaringan.",
        "phone": "0812-3456-7890",
        "whatsapp": True,
    }
    fields.update(changes)
    return seekers.ProfileInput(**fields)  # type: ignore[arg-type]


def test_a_profile_is_saved_trimmed_with_the_phone_as_plus_62(app) -> None:  # type: ignore[no-untyped-def]
    profile = SeekerProfileFactory()
    seekers.update_profile(profile, _input())
    db.session.expire_all()
    saved = db.session.get(SeekerProfile, profile.id)
    assert (saved.field_of_study, saved.headline) == ("Teknik Informatika", "Lulusan D3 TI")
    assert (saved.phone, saved.whatsapp) == ("+6281234567890", True)
    assert (saved.education_level, saved.graduation_year) == ("d3", 2024)


def test_whatsapp_without_a_number_is_off(app) -> None:  # type: ignore[no-untyped-def]
    profile = SeekerProfileFactory()
    seekers.update_profile(profile, _input(phone="", whatsapp=True))
    assert (profile.phone, profile.whatsapp) == ("", False)


def test_a_refused_phone_names_the_field_and_changes_nothing(app) -> None:  # type: ignore[no-untyped-def]
    """Even if the caller commits afterwards, nothing of the refused input is kept."""
    profile = SeekerProfileFactory(headline="Lama", field_of_study="Lama")
    with pytest.raises(ValidationError) as excinfo:
        seekers.update_profile(profile, _input(phone="12345", headline="Baru"))
    assert excinfo.value.field == "phone"
    assert excinfo.value.message == "Masukkan nomor telepon Indonesia."
    db.session.commit()
    db.session.expire_all()
    saved = db.session.get(SeekerProfile, profile.id)
    assert (saved.headline, saved.field_of_study, saved.phone) == ("Lama", "Lama", "")


def test_a_skill_is_declared_once_and_confirmed(app, refreshed) -> None:  # type: ignore[no-untyped-def]
    profile = SeekerProfileFactory()
    skill = SkillFactory()
    seekers.add_skill(profile, skill.id)
    seekers.add_skill(profile, skill.id)
    links = list(
        db.session.scalars(select(SeekerSkill).where(SeekerSkill.profile_id == profile.id))
    )
    assert [(k.skill_id, k.origin, k.confirmed, k.rejected) for k in links] == [
        (skill.id, "declared", True, False)
    ]
    assert refreshed == [("seeker", [profile.id])] * 2  # the profile's vector follows


def test_an_unknown_skill_is_not_found_and_adds_nothing(app) -> None:  # type: ignore[no-untyped-def]
    profile = SeekerProfileFactory()
    with pytest.raises(NotFoundError):
        seekers.add_skill(profile, "no-such-skill")
    db.session.rollback()
    assert db.session.scalar(select(SeekerSkill)) is None


def test_a_removed_skill_stays_as_a_rejected_marker(app) -> None:  # type: ignore[no-untyped-def]
    profile = SeekerProfileFactory()
    skill = SkillFactory()
    seekers.add_skill(profile, skill.id)
    (link,) = profile.skills
    seekers.remove_skill(profile, link.id)
    db.session.expire_all()
    stored = db.session.get(SeekerSkill, link.id)
    assert (stored.rejected, stored.confirmed, stored.origin) == (True, False, "declared")
    seekers.add_skill(db.session.get(SeekerProfile, profile.id), skill.id)  # taken back
    db.session.expire_all()
    assert db.session.get(SeekerSkill, link.id).rejected is False


def test_another_profile_s_skill_cannot_be_removed(app) -> None:  # type: ignore[no-untyped-def]
    mine, theirs = SeekerProfileFactory(), SeekerProfileFactory()
    skill = SkillFactory()
    seekers.add_skill(theirs, skill.id)
    (link,) = theirs.skills
    with pytest.raises(NotFoundError):
        seekers.remove_skill(mine, link.id)
    db.session.expire_all()
    assert db.session.get(SeekerSkill, link.id).rejected is False
