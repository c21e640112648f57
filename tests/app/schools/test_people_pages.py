"""The school's teacher and tracer pages and the public one-time link forms: the whole flow
through the real forms, CSRF, no account needed for a link, and other schools kept out."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Teacher, TracerGraduate, TracerResponse
from app.services import tracer
from tests.conftest import csrf_token, login_as, post_form
from tests.factories import (
    CurriculumFactory,
    PlannerFactory,
    SchoolUserFactory,
    SkillFactory,
    UserFactory,
)

LINK = re.compile(r'value="https?://[^/]+(/i/(?:tracer|teacher)/[^"]+)"')


@pytest.fixture
def school(client):  # type: ignore[no-untyped-def]
    user = SchoolUserFactory()
    curriculum = CurriculumFactory(organisation=user.organisation, status="published")
    login_as(client, user)
    return curriculum


def test_tracer_flow_through_a_link_without_an_account(app, client, school) -> None:  # type: ignore[no-untyped-def]
    page = f"/school/curricula/{school.id}/tracer"
    post_form(client, page, page, {"year": "2025", "name": "Rina", "contact": "rina@example.com",
                                   "consent": "y"})  # fmt: skip
    assert db.session.scalar(select(TracerGraduate.name)) == "Rina"
    answer = post_form(client, page, page + "/invite", {"year": "2025"})
    path = LINK.search(answer.get_data(as_text=True)).group(1)
    stranger = app.test_client()  # no login
    assert stranger.get(path).status_code == 200
    refused = stranger.post(path, data={"status": "working"})  # no CSRF token
    assert refused.status_code == 400
    assert db.session.scalar(select(TracerResponse.id)) is None
    done = post_form(stranger, path, path, {"status": "working", "employer": "PT Nusantara",
                                            "in_field": "yes", "region_id": "0"})  # fmt: skip
    assert 'data-testid="thanks"' in done.get_data(as_text=True)
    assert db.session.scalar(select(TracerResponse.employer)) == "PT Nusantara"
    assert stranger.get(path).status_code == 404  # once
    summary = client.get(page).get_data(as_text=True)
    assert 'data-testid="tracer-year-2025"' in summary


def test_teacher_page_skills_and_their_own_link(app, client, school) -> None:  # type: ignore[no-untyped-def]
    skill = SkillFactory()
    page = f"/school/curricula/{school.id}/teachers"
    post_form(client, page, page, {"name": "Pak Budi", "subjects": "Basis Data"})
    teacher = db.session.scalar(select(Teacher))
    post_form(client, page, f"{page}/{teacher.id}/skills", {"skill_id": skill.id})
    assert [s.skill_id for s in teacher.skills] == [skill.id]
    assert client.get(f"{page}/upskilling").status_code == 200
    answer = post_form(client, page, f"{page}/{teacher.id}/invite", {})
    path = LINK.search(answer.get_data(as_text=True)).group(1)
    stranger = app.test_client()
    assert post_form(stranger, path, path, {"skills": [skill.id]}).status_code == 200
    assert db.session.get(Teacher, teacher.id).declared_at is not None
    assert stranger.get(path).status_code == 404


def test_other_schools_admins_and_planners_are_kept_out(app, client, school) -> None:  # type: ignore[no-untyped-def]
    teacher = Teacher(curriculum_id=school.id, name="Bu Sari")
    graduate = TracerGraduate(curriculum_id=school.id, year=2025, name="Rina")
    db.session.add_all([teacher, graduate])
    db.session.commit()
    someone = SchoolUserFactory(email="other@example.com")
    mine = CurriculumFactory(organisation=someone.organisation)
    base = f"/school/curricula/{school.id}"
    other = app.test_client()
    login_as(other, someone)
    for url in (f"{base}/teachers", f"{base}/tracer", f"{base}/teachers/upskilling"):
        assert other.get(url).status_code == 403
    token = csrf_token(other, f"/school/curricula/{mine.id}/tracer")
    assert other.post(f"{base}/tracer/{graduate.id}/delete",
                      data={"csrf_token": token}).status_code == 403  # fmt: skip
    # a graduate of another programme through my own programme's URL
    assert other.post(f"/school/curricula/{mine.id}/tracer/{graduate.id}/delete",
                      data={"csrf_token": token}).status_code == 404  # fmt: skip
    assert db.session.get(TracerGraduate, graduate.id) is not None
    for user in (UserFactory(role="admin"), PlannerFactory()):
        visitor = app.test_client()
        login_as(visitor, user)
        assert visitor.get(f"{base}/tracer").status_code == 403
        assert visitor.get(f"{base}/teachers").status_code == 403


def test_planner_page_shows_the_tracer_figures(app) -> None:  # type: ignore[no-untyped-def]
    client = app.test_client()
    login_as(client, PlannerFactory())
    page = client.get("/planner/tracer").get_data(as_text=True)
    assert 'id="tracer_by_programme"' in page or "tracer_by_programme" in page


def test_the_link_forms_are_throttled_per_address(app) -> None:  # type: ignore[no-untyped-def]
    app.config["INVITATION_FORM_LIMIT"] = "2 per hour"
    graduate = tracer.add_graduate(
        CurriculumFactory(), tracer.GraduateInput(2025, "Rina", "", True)
    )
    [(_g, token)] = tracer.invite([graduate])
    stranger = app.test_client()
    path = f"/i/tracer/{token}"
    answers = [post_form(stranger, path, path, {"status": "?"}).status_code for _ in range(3)]
    assert answers == [200, 200, 429]  # two refused answers, then throttled


def test_a_teacher_and_a_graduate_are_corrected_on_the_page(app, client, school) -> None:  # type: ignore[no-untyped-def]
    teacher = Teacher(curriculum_id=school.id, name="Bu Sari", subjects="Basis Data")
    graduate = TracerGraduate(curriculum_id=school.id, year=2025, name="Rina", consent=True,
                              token_hash="a" * 64)  # fmt: skip
    db.session.add_all([teacher, graduate])
    db.session.commit()
    base = f"/school/curricula/{school.id}"
    token = csrf_token(client, f"{base}/teachers")
    t, g = f"t{teacher.id}", f"g{graduate.id}"
    refused = client.post(f"{base}/teachers/{teacher.id}/edit", follow_redirects=True,
                          data={f"{t}-csrf_token": token, f"{t}-name": " ", f"{t}-subjects": "X"})  # fmt: skip
    assert "Nama:" in refused.get_data(as_text=True)  # the field is named, in Indonesian
    db.session.refresh(teacher)
    assert (teacher.name, teacher.subjects) == ("Bu Sari", "Basis Data")  # nothing half-saved
    client.post(f"{base}/teachers/{teacher.id}/edit",
                data={f"{t}-csrf_token": token, f"{t}-name": "Bu Sari Dewi", f"{t}-subjects": "Jaringan"})  # fmt: skip
    db.session.refresh(teacher)
    assert (teacher.name, teacher.subjects) == ("Bu Sari Dewi", "Jaringan")
    graduate_data = {f"{g}-csrf_token": token, f"{g}-year": "1990", f"{g}-name": "Rina S."}
    client.post(f"{base}/tracer/{graduate.id}/edit", data=graduate_data)
    db.session.refresh(graduate)
    assert (graduate.year, graduate.name) == (2025, "Rina")  # a year out of range: unchanged
    graduate_data[f"{g}-year"] = "2024"  # consent box left unticked: withdrawn
    client.post(f"{base}/tracer/{graduate.id}/edit", data=graduate_data)
    db.session.refresh(graduate)
    assert (graduate.year, graduate.name, graduate.consent) == (2024, "Rina S.", False)
    assert graduate.token_hash is None  # an unused link stops working
    someone = SchoolUserFactory(email="third@example.com")
    other = app.test_client()
    login_as(other, someone)
    mine = CurriculumFactory(organisation=someone.organisation)
    token = csrf_token(other, f"/school/curricula/{mine.id}/teachers")
    data = {f"{t}-csrf_token": token, f"{t}-name": "Hacked"}
    assert other.post(f"{base}/teachers/{teacher.id}/edit", data=data).status_code == 403
    url = f"/school/curricula/{mine.id}/teachers/{teacher.id}/edit"
    assert other.post(url, data=data).status_code == 404
    assert other.post(f"/school/curricula/{mine.id}/tracer/{graduate.id}/edit",
                      data={f"{g}-csrf_token": token}).status_code == 404  # fmt: skip
    db.session.refresh(teacher)
    assert teacher.name == "Bu Sari Dewi"
