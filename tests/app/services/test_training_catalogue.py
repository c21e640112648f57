"""The training catalogue (``training_catalogue``): a provider's own trainings only, edits that
read the skills again only when the text changed, and the provider's skill corrections."""

from __future__ import annotations

import pytest
from flask import Flask

from app.extensions import db
from app.models import TrainingSkill
from app.services import training_catalogue
from app.services.errors import NotFoundError, PermissionDeniedError
from app.services.training_catalogue import TrainingInput
from tests.factories import SchoolUserFactory, SkillFactory, UserFactory


def data(**changes: object) -> TrainingInput:
    fields = {
        "title": "  Pelatihan MikroTik  ",
        "description": " Konfigurasi router MikroTik untuk jaringan kantor. ",
        "mode": "offline",
        "region_id": None,
        "duration_hours": 40,
        "cost": 0,
        "audience": "seekers",
    }
    fields.update(changes)
    return TrainingInput(**fields)  # type: ignore[arg-type]


@pytest.fixture
def reads(monkeypatch) -> list[int]:  # type: ignore[no-untyped-def]
    """The trainings whose skills were sent to be read (the job itself is not run)."""
    seen: list[int] = []
    monkeypatch.setattr(
        training_catalogue, "read_skills_later", lambda training, user: seen.append(training.id)
    )
    return seen


def test_a_new_training_is_saved_stripped_and_its_skills_sent_to_be_read(app: Flask, reads) -> None:  # type: ignore[no-untyped-def]
    provider = SchoolUserFactory()
    training = training_catalogue.create_training(provider, data())
    assert (training.title, training.description) == (
        "Pelatihan MikroTik",
        "Konfigurasi router MikroTik untuk jaringan kantor.",
    )
    assert training.organisation_id == provider.organisation_id
    assert reads == [training.id]
    assert training_catalogue.skills_subject(training) == f"training:{training.id}"


def test_an_edit_reads_skills_again_only_when_the_text_changed(app: Flask, reads) -> None:  # type: ignore[no-untyped-def]
    provider = SchoolUserFactory()
    training = training_catalogue.create_training(provider, data())
    training_catalogue.update_training(training, data(cost=250_000, mode="online"), provider)
    assert (training.cost, training.mode) == (250_000, "online")
    assert reads == [training.id]
    training_catalogue.update_training(training, data(title="Pelatihan Cisco"), provider)
    assert reads == [training.id, training.id]


def test_a_provider_sees_its_own_trainings_by_title(app: Flask, reads) -> None:  # type: ignore[no-untyped-def]
    provider, other = SchoolUserFactory(), SchoolUserFactory()
    training_catalogue.create_training(provider, data(title="Web Dasar"))
    training_catalogue.create_training(provider, data(title="Basis Data"))
    theirs = training_catalogue.create_training(other, data(title="Akuntansi"))
    assert [t.title for t in training_catalogue.list_for_provider(provider)] == [
        "Basis Data",
        "Web Dasar",
    ]
    with pytest.raises(PermissionDeniedError):
        training_catalogue.get_for_provider(theirs.id, provider)
    with pytest.raises(NotFoundError):
        training_catalogue.get_for_provider(987654, provider)
    assert training_catalogue.get_for_provider(theirs.id, UserFactory(role="admin")) == theirs


def test_the_provider_adds_accepts_and_removes_skills(app: Flask, reads) -> None:  # type: ignore[no-untyped-def]
    provider = SchoolUserFactory()
    training = training_catalogue.create_training(provider, data())
    SkillFactory(id="tool-mikrotik")
    SkillFactory(id="tool-vlan")
    training_catalogue.add_skill(training, "tool-mikrotik")
    suggested = TrainingSkill(skill_id="tool-vlan", origin="extracted", confidence=0.6)
    training.skills.append(suggested)
    db.session.commit()
    training_catalogue.accept_skill(training, suggested.id)
    assert {(s.skill_id, s.origin, s.rejected) for s in training.skills} == {
        ("tool-mikrotik", "declared", False),
        ("tool-vlan", "declared", False),
    }
    training_catalogue.remove_skill(training, suggested.id)
    assert (suggested.origin, suggested.rejected) == ("declared", True)
    with pytest.raises(NotFoundError):
        training_catalogue.add_skill(training, "tool-none")
    with pytest.raises(NotFoundError):
        training_catalogue.accept_skill(training, 987654)
