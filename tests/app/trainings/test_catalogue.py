"""Providers list trainings; skills are suggested from the text and can be corrected."""

from __future__ import annotations

from sqlalchemy import select

from app.extensions import db
from app.models import Skill, Training
from tests.conftest import login_as, post_form
from tests.factories import EmployerFactory, OrganisationFactory, SchoolUserFactory


def sid(label: str) -> str:
    return db.session.scalar(select(Skill.id).where(Skill.label_en == label))


FORM = {
    "title": "Kelas Web Laravel",
    "mode": "offline",
    "region_id": "0",
    "duration_hours": "80",
    "cost": "0",
    "description": "Peserta belajar membuat aplikasi web dengan PHP dan framework Laravel.",
}


def test_provider_creates_a_training_and_corrects_skills(client, vocab) -> None:  # type: ignore[no-untyped-def]
    login_as(client, SchoolUserFactory())
    response = post_form(client, "/school/trainings/new", "/school/trainings/new", FORM)
    assert response.status_code == 302
    training = db.session.scalar(select(Training))
    links = {link.skill_id: link for link in training.skills}
    laravel = links[sid("Laravel")]
    assert laravel.origin == "extracted" and "Laravel" in laravel.evidence
    url = f"/school/trainings/{training.id}"
    post_form(client, url, f"{url}/skills/{laravel.id}/remove", {})
    post_form(client, url, f"{url}/skills", {"skill_id": sid("MySQL")})
    post_form(
        client,
        f"{url}/edit",
        f"{url}/edit",
        {**FORM, "description": FORM["description"] + " Ditambah Git."},
    )
    db.session.refresh(training)
    links = {link.skill_id: link for link in training.skills}
    assert links[sid("Laravel")].rejected
    assert links[sid("MySQL")].origin == "declared" and not links[sid("MySQL")].rejected


def test_trainings_of_others_are_forbidden(client) -> None:  # type: ignore[no-untyped-def]
    other = Training(
        organisation=OrganisationFactory(kind="training_provider"), title="X", mode="online"
    )
    db.session.add(other)
    db.session.commit()
    login_as(client, SchoolUserFactory())
    assert client.get(f"/school/trainings/{other.id}").status_code == 403
    assert client.get(f"/school/trainings/{other.id}/edit").status_code == 403
    post_form(client, "/", "/auth/logout", {})
    login_as(client, EmployerFactory())
    assert client.get("/school/trainings/").status_code == 403
