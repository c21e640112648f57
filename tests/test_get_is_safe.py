"""No GET changes state: every page reachable by GET, opened as each role, commits nothing."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask, g, has_request_context, request
from sqlalchemy import event, func, select

from app.extensions import db
from app.models import Application, GapReportSnapshot, SeekerProfile, Training, User
from app.services import gap_reports
from tests.conftest import login_as
from tests.factories import (
    CurriculumFactory,
    EmployerFactory,
    SchoolUserFactory,
    SeekerProfileFactory,
    UserFactory,
    VacancyFactory,
)

SKIPPED = {"static", "bootstrap.static"}  # files; their headers are tested in test_security_headers


@pytest.fixture
def commits_during_get(app: Flask) -> Iterator[list[str]]:
    """Paths of GET requests during which the session committed."""
    found: list[str] = []

    def record(_session: object) -> None:
        if has_request_context() and request.method in ("GET", "HEAD"):
            found.append(request.full_path)

    event.listen(db.session, "before_commit", record)
    yield found
    event.remove(db.session, "before_commit", record)


def scene() -> dict[str, object]:
    """One object of each kind a GET route names, and one user per role."""
    employer = EmployerFactory()
    vacancy = VacancyFactory(organisation=employer.organisation)
    school = SchoolUserFactory()
    curriculum = CurriculumFactory(organisation=school.organisation)
    snapshot = gap_reports.create_snapshot(curriculum, gap_reports.GapRequest("all"), school)
    training = Training(organisation=school.organisation, title="Kelas Laravel", mode="online")
    applicant = SeekerProfileFactory()
    application = Application(profile=applicant, vacancy=vacancy, message="halo")
    db.session.add_all([training, application])
    db.session.commit()
    return {
        "users": {
            "anonymous": None,
            "seeker without a profile": UserFactory(role="seeker"),
            "seeker": applicant.user,
            "employer": employer,
            "school": school,
            "admin": UserFactory(role="admin"),
        },
        "values": {
            "vacancy_id": vacancy.id,
            "curriculum_id": curriculum.id,
            "snapshot_id": snapshot.id,
            "training_id": training.id,
            "application_id": application.id,
            "fmt": "csv",
            "role": "employer",
            "token": "not-a-valid-token",
            "name": "20260101T000000000000-abcd.eml",
            "user_id": applicant.user.id,
            "notification_id": 1,
            "job_id": "00000000-0000-0000-0000-000000000000",
            "slug": "vacancies-by-district-occupation",
            "month": "2026-04",
            "page": "demand",
            "figure": "per_month",
            "row_id": 1,
            "skill_id": "test-skill-0",
            "external_id": "JOB-1",
            "plan_id": 1,
            "invitation_id": 1,
        },
    }


def get_urls(app: Flask, values: dict[str, object]) -> list[str]:
    """Every rule that answers GET, with its arguments filled from ``values``."""
    urls = []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint in SKIPPED:
            continue
        urls.append(rule.build({name: values[name] for name in rule.arguments})[1])
    return sorted(urls)


def test_no_get_commits(app: Flask, commits_during_get: list[str]) -> None:
    data = scene()
    urls = get_urls(app, data["values"])
    assert len(urls) > 30
    counts_before = _counts()
    for role, user in data["users"].items():
        client = app.test_client()
        g.pop("csrf_token", None)  # Flask-WTF caches the token on the test's app context
        if user is not None:
            assert login_as(client, user).status_code == 302, role
        commits_during_get.clear()
        for url in urls:
            answer = client.get(url)
            # /readyz answers 503 until this process has built its indexes: not a failure
            assert answer.status_code < 500 or url == "/readyz", (role, url)
            db.session.rollback()  # what the end of a request does (tests share one session)
        assert commits_during_get == [], role
    assert _counts() == counts_before


def _counts() -> dict[str, int]:
    return {
        model.__name__: db.session.scalar(select(func.count()).select_from(model))
        for model in (User, SeekerProfile, GapReportSnapshot, Application, Training)
    }
