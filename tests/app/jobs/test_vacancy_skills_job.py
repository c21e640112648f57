"""A saved vacancy appears at once; its skills are read by a background job and follow."""

from __future__ import annotations

from sqlalchemy import select

from app.extensions import db
from app.models import BackgroundJob, Vacancy
from tests.app.jobs.test_runner import redis_queue, work  # noqa: F401 - the fixture
from tests.conftest import login_as, post_form
from tests.factories import EmployerFactory

DESCRIPTION = "Konfigurasi router MikroTik dan switch, instalasi jaringan LAN. Menguasai Linux."


def vacancy_form(employer, title: str, description: str, kind: str = "full_time") -> dict:  # type: ignore[no-untyped-def]
    """The employer's new-vacancy form, published."""
    return {
        "title": title,
        "description": description,
        "region_id": str(employer.organisation.region_id),
        "employment_type": kind,
        "min_education": "sma_smk",
        "publish": "1",
    }


def test_skills_follow_a_saved_vacancy(app, client, vocab, redis_queue) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    app.config["JOBS_EAGER"] = False  # on the RQ queue, worked below
    employer = EmployerFactory()
    login_as(client, employer)
    data = vacancy_form(employer, "Teknisi Jaringan", DESCRIPTION)
    response = post_form(client, "/employer/vacancies/new", "/employer/vacancies/new", data)
    vacancy = db.session.scalar(select(Vacancy).where(Vacancy.title == "Teknisi Jaringan"))
    assert response.headers["Location"].endswith(f"/employer/vacancies/{vacancy.id}")
    assert vacancy.status == "open" and vacancy.skills == []  # saved at once, skills to come
    page = client.get(f"/employer/vacancies/{vacancy.id}").get_data(as_text=True)
    assert 'data-testid="skills-pending"' in page and "data-job-status" in page
    job = db.session.scalar(select(BackgroundJob).where(BackgroundJob.kind == "vacancies.extract"))
    assert job.subject == f"vacancy:{vacancy.id}" and job.status == "queued"
    work(app, redis_queue)
    db.session.expire_all()
    assert db.session.get(BackgroundJob, job.id).status == "finished"
    vacancy = db.session.get(Vacancy, vacancy.id)
    labels = {link.skill.label_en.lower() for link in vacancy.skills}
    assert any("network" in label or "router" in label or "linux" in label for label in labels)
    page = client.get(f"/employer/vacancies/{vacancy.id}").get_data(as_text=True)
    assert 'data-testid="skills-pending"' not in page
