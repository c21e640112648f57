# ruff: noqa: F811 - the redis_queue fixture is imported and named as a parameter
"""A saved training or curriculum appears at once; the skills of its text are read by a
background job and follow (the page says so and polls); a large curriculum shows the job page
with progress; the jobs are idempotent."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from app.extensions import db
from app.jobs import JobContext
from app.jobs.tasks import extract_curriculum_skills
from app.models import BackgroundJob, Curriculum, LearningOutcome, OutcomeSkill, Training
from tests.app.jobs.test_runner import redis_queue, work  # noqa: F401 - the fixture
from tests.app.schools.test_curricula import review_fields, upload
from tests.app.trainings.test_catalogue import FORM
from tests.conftest import login_as, post_form
from tests.factories import SchoolUserFactory

EXAMPLES = Path(__file__).resolve().parents[3] / "curricula" / "examples"


def the_job(kind: str) -> BackgroundJob:
    db.session.expire_all()
    return db.session.scalars(select(BackgroundJob).where(BackgroundJob.kind == kind)).one()


def test_skills_follow_a_saved_training(app, client, vocab, redis_queue) -> None:  # type: ignore[no-untyped-def]
    app.config["JOBS_EAGER"] = False  # on the RQ queue, worked below
    login_as(client, SchoolUserFactory())
    response = post_form(client, "/school/trainings/new", "/school/trainings/new", FORM)
    training = db.session.scalar(select(Training))
    assert response.headers["Location"].endswith(f"/school/trainings/{training.id}")
    assert training.skills == []  # saved at once, skills to come
    page = client.get(f"/school/trainings/{training.id}").get_data(as_text=True)
    assert 'data-testid="skills-pending"' in page and "data-job-status" in page
    assert "js/jobs.js" in page
    job = the_job("trainings.extract")
    assert job.subject == f"training:{training.id}" and job.status == "queued"
    work(app, redis_queue)
    assert the_job("trainings.extract").status == "finished"
    db.session.expire_all()
    assert "Laravel" in {
        link.skill.label_en for link in db.session.get(Training, training.id).skills
    }
    page = client.get(f"/school/trainings/{training.id}").get_data(as_text=True)
    assert 'data-testid="skills-pending"' not in page


def save_example(client) -> str:  # type: ignore[no-untyped-def]
    html = upload(client, "template.json", (EXAMPLES / "template.json").read_bytes())
    fields = review_fields(html.get_data(as_text=True))
    response = client.post("/school/curricula/new/review", data=fields)
    assert response.status_code == 302
    return response.headers["Location"]


def outcome_skills() -> int:
    return db.session.scalar(select(func.count()).select_from(OutcomeSkill)) or 0


def test_skills_follow_a_saved_curriculum(app, client, vocab, redis_queue) -> None:  # type: ignore[no-untyped-def]
    app.config["JOBS_EAGER"] = False
    login_as(client, SchoolUserFactory())
    location = save_example(client)
    curriculum = db.session.scalars(select(Curriculum)).one()
    assert location.endswith(f"/school/curricula/{curriculum.id}")  # small: its own page
    assert outcome_skills() == 0
    page = client.get(location).get_data(as_text=True)
    assert 'data-testid="skills-pending"' in page and "js/jobs.js" in page
    job = the_job("curricula.extract")
    assert job.subject == f"curriculum:{curriculum.id}"
    work(app, redis_queue)
    job = the_job("curricula.extract")
    outcomes = db.session.scalar(select(func.count()).select_from(LearningOutcome))
    assert job.status == "finished" and job.result["outcomes"] == outcomes
    assert job.total == outcomes and job.percent == 100
    assert outcome_skills() > 0
    assert 'data-testid="skills-pending"' not in client.get(location).get_data(as_text=True)


def test_a_large_curriculum_shows_the_job_page_with_progress(
    app, client, vocab, redis_queue
) -> None:  # type: ignore[no-untyped-def]
    app.config["JOBS_EAGER"] = False
    app.config["CURRICULUM_PROGRESS_PAGE_OUTCOMES"] = 2  # the example has more outcomes
    login_as(client, SchoolUserFactory())
    location = save_example(client)
    job = the_job("curricula.extract")
    assert location.endswith(f"/jobs/{job.id}")
    page = client.get(location).get_data(as_text=True)
    assert "<progress" in page and 'data-state="queued"' in page
    assert client.get(f"/jobs/{job.id}/status.json").get_json()["status"] == "queued"
    work(app, redis_queue)
    page = client.get(location).get_data(as_text=True)
    curriculum = db.session.scalars(select(Curriculum)).one()
    assert 'data-testid="curriculum-skills-read"' in page
    assert f"/school/curricula/{curriculum.id}" in page


def test_read_again_is_a_job_and_the_job_is_idempotent(app, client, vocab) -> None:  # type: ignore[no-untyped-def]
    school = SchoolUserFactory()
    login_as(client, school)
    location = save_example(client)  # eager: read already
    curriculum = db.session.scalars(select(Curriculum)).one()
    before = outcome_skills()
    assert before > 0
    response = post_form(client, location, f"{location}/extract", {})
    assert response.status_code == 302
    kinds = db.session.scalars(
        select(BackgroundJob.status).where(BackgroundJob.kind == "curricula.extract")
    ).all()
    assert kinds == ["finished", "finished"]
    extract_curriculum_skills(JobContext("none"), curriculum_id=curriculum.id)
    db.session.commit()
    assert outcome_skills() == before  # reading again adds nothing


def test_a_deleted_curriculum_or_training_is_nothing_to_read(app) -> None:  # type: ignore[no-untyped-def]
    from app.jobs.tasks import extract_training_skills

    assert extract_curriculum_skills(JobContext("none"), curriculum_id=999) == {"outcomes": 0}
    assert extract_training_skills(JobContext("none"), training_id=999) == {"skills": 0}


def test_progress_is_recorded_through_a_large_curriculum(app, vocab) -> None:  # type: ignore[no-untyped-def]
    """Each batch's new rows stay unflushed until the one commit, so the progress written from
    another connection is not blocked by them (on SQLite it was stuck at the first batch)."""
    from app.jobs import enqueue
    from app.models import CurriculumUnit

    school = SchoolUserFactory()
    curriculum = Curriculum(
        organisation_id=school.organisation_id,
        programme="Teknik Komputer",
        concentration="",
        level="smk",
        version_year=2026,
        status="published",
    )
    text = "Peserta didik mampu membuat basis data MySQL dan menulis kueri SQL ({})."
    for u in range(4):
        unit = CurriculumUnit(position=u, code="", name=f"Unit {u}")
        unit.outcomes = [LearningOutcome(position=i, text=text.format(i)) for i in range(40)]
        curriculum.units.append(unit)
    db.session.add(curriculum)
    db.session.commit()
    record = enqueue("curricula.extract", curriculum_id=curriculum.id)
    job = the_job("curricula.extract")
    assert job.id == record.id and job.status == "finished"
    assert job.total == 160 and job.done >= 160 - 16
    assert outcome_skills() >= 160
