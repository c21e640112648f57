"""Employers write vacancies; skills are suggested from the text and people's choices win."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Skill, Vacancy
from app.services.regions import list_regions
from tests.conftest import login_as, post_form
from tests.factories import EmployerFactory, UserFactory, VacancyFactory

DESCRIPTION = (
    "Kami mencari Web Developer untuk aplikasi internal.\n"
    "Kualifikasi: menguasai PHP dan framework Laravel, paham basis data MySQL.\n"
    "Pengalaman dengan Docker menjadi nilai tambah."
)


def skill_id(label: str) -> str:
    return db.session.scalar(select(Skill.id).where(Skill.label_en == label))


def vacancy_form(**overrides):  # type: ignore[no-untyped-def]
    region = list_regions()[0]
    return {
        "title": "Web Developer",
        "description": DESCRIPTION,
        "region_id": str(region.id),
        "employment_type": "full_time",
        "min_education": "sma_smk",
        "salary_min": "4500000",
        "salary_max": "6000000",
        "closing_date": "2027-01-31",
        **overrides,
    }


@pytest.fixture
def employer(client):  # type: ignore[no-untyped-def]
    user = EmployerFactory()
    login_as(client, user)
    return user


def create(client, **overrides):  # type: ignore[no-untyped-def]
    return post_form(
        client, "/employer/vacancies/new", "/employer/vacancies/new", vacancy_form(**overrides)
    )


def links_of(vacancy: Vacancy) -> dict[str, object]:
    db.session.refresh(vacancy)
    return {link.skill_id: link for link in vacancy.skills}


def test_saving_a_vacancy_suggests_skills_with_evidence(client, vocab, employer) -> None:  # type: ignore[no-untyped-def]
    response = create(client, publish="1")
    assert response.status_code == 302
    vacancy = db.session.scalar(select(Vacancy))
    assert vacancy.status == "open" and vacancy.posted_at is not None
    links = links_of(vacancy)
    for label in ("PHP", "Laravel", "MySQL"):
        link = links[skill_id(label)]
        assert link.origin == "extracted"
        assert link.evidence and label.lower() in link.evidence.lower()
    assert links[skill_id("Docker")].importance == "preferred"  # "menjadi nilai tambah"
    assert links[skill_id("PHP")].importance == "required"
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Disarankan" in page and "framework Laravel" in page


def test_people_win_over_the_matcher_after_re_extraction(client, vocab, employer) -> None:  # type: ignore[no-untyped-def]
    create(client)
    vacancy = db.session.scalar(select(Vacancy))
    url = f"/employer/vacancies/{vacancy.id}"
    links = links_of(vacancy)
    php, docker = links[skill_id("PHP")], links[skill_id("Docker")]
    post_form(client, url, f"{url}/skills/{php.id}/remove", {})
    post_form(client, url, f"{url}/skills/{docker.id}/importance", {"importance": "required"})
    post_form(
        client,
        url,
        f"{url}/skills",
        {"skill_id": skill_id("Git") or skill_id("JavaScript"), "importance": "preferred"},
    )
    edited = DESCRIPTION.replace("Docker", "Kubernetes").replace("MySQL", "PostgreSQL")
    post_form(client, f"{url}/edit", f"{url}/edit", vacancy_form(description=edited))
    links = links_of(vacancy)
    assert links[skill_id("PHP")].rejected  # removed by the employer, not suggested again
    assert (
        links[skill_id("Docker")].importance == "required"
    )  # declared: stays though gone from text
    assert links[skill_id("Docker")].origin == "declared"
    assert skill_id("MySQL") not in links  # the matcher's own earlier suggestion is dropped
    assert skill_id("PostgreSQL") in links


def test_salary_range_error_names_the_field(client, vocab, employer) -> None:  # type: ignore[no-untyped-def]
    page = create(client, salary_min="7000000", salary_max="5000000").get_data(as_text=True)
    assert "Gaji maksimum tidak boleh lebih kecil dari gaji minimum." in page
    assert db.session.scalar(select(Vacancy)) is None


def test_required_fields_are_named(client, employer) -> None:  # type: ignore[no-untyped-def]
    page = create(client, title="", description="").get_data(as_text=True)
    assert page.count("Kolom ini wajib diisi.") >= 2
    assert db.session.scalar(select(Vacancy)) is None


def test_status_publish_close_reopen(client, employer) -> None:  # type: ignore[no-untyped-def]
    vacancy = VacancyFactory(organisation=employer.organisation, status="draft")
    url = f"/employer/vacancies/{vacancy.id}"
    for action, status in (("publish", "open"), ("close", "closed"), ("reopen", "open")):
        post_form(client, url, f"{url}/status", {"action": action})
        db.session.refresh(vacancy)
        assert vacancy.status == status


@pytest.mark.parametrize(
    ("method", "suffix", "data"),
    [
        ("get", "", None),
        ("get", "/edit", None),
        ("get", "/candidates", None),
        ("get", "/applications", None),
        ("post", "/status", {"action": "close"}),
        ("post", "/skills", {"skill_id": "x", "importance": "required"}),
        ("post", "/skills/1/remove", {}),
    ],
)
def test_other_employers_vacancy_is_forbidden(client, method: str, suffix: str, data) -> None:  # type: ignore[no-untyped-def]
    theirs = VacancyFactory(status="open")
    login_as(client, EmployerFactory())
    url = f"/employer/vacancies/{theirs.id}{suffix}"
    if method == "get":
        response = client.get(url)
    else:
        response = post_form(client, "/employer/", url, data)
    assert response.status_code == 403
    db.session.refresh(theirs)
    assert theirs.status == "open"


def test_seekers_cannot_post_vacancies(client) -> None:  # type: ignore[no-untyped-def]
    login_as(client, UserFactory(role="seeker"))
    assert client.get("/employer/vacancies/new").status_code == 403


def test_skill_autocomplete_finds_indonesian_and_english(client, vocab) -> None:  # type: ignore[no-untyped-def]
    login_as(client, UserFactory(role="seeker"))
    hits = client.get("/api/skills?q=basis data").get_json()["skills"]
    assert any(h["id"] == skill_id("database") or "basis data" in h["label"].lower() for h in hits)
    hits = client.get("/api/skills?q=laravl").get_json()["skills"]  # a typo
    assert hits[0]["id"] == skill_id("Laravel")
    assert client.get("/api/skills?q=x").get_json()["skills"] == []
