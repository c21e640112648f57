"""Recommendations, candidates, training advice and the application pipeline, end to end."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Application, SeekerSkill, Skill, Training, TrainingSkill, VacancySkill
from tests.conftest import login_as, post_form
from tests.factories import EmployerFactory, SeekerProfileFactory, VacancyFactory


def sid(label: str) -> str:
    return db.session.scalar(select(Skill.id).where(Skill.label_en == label))


def give(profile, *labels: str) -> None:  # type: ignore[no-untyped-def]
    for label in labels:
        profile.skills.append(SeekerSkill(skill_id=sid(label), origin="declared"))
    db.session.commit()


def ask(vacancy, required: tuple[str, ...], preferred: tuple[str, ...] = ()) -> None:  # type: ignore[no-untyped-def]
    for label in required:
        vacancy.skills.append(
            VacancySkill(skill_id=sid(label), importance="required", origin="declared")
        )
    for label in preferred:
        vacancy.skills.append(
            VacancySkill(skill_id=sid(label), importance="preferred", origin="declared")
        )
    db.session.commit()


@pytest.fixture
def scene(vocab):  # type: ignore[no-untyped-def]
    employer = EmployerFactory()
    web = VacancyFactory(organisation=employer.organisation, title="Web Developer PHP")
    ask(web, ("PHP", "MySQL", "JavaScript"), ("Docker",))
    network = VacancyFactory(
        organisation=employer.organisation,
        title="Teknisi Jaringan",
        description="Instalasi dan konfigurasi jaringan kantor.",
    )
    ask(network, ("ICT network routing", "Linux"))
    seeker = SeekerProfileFactory(visibility="visible", headline="Web developer pemula")
    give(seeker, "PHP", "MySQL")
    hidden = SeekerProfileFactory(visibility="hidden")
    give(hidden, "PHP", "MySQL", "JavaScript")
    course = Training(
        organisation=employer.organisation, title="Kelas JavaScript Dasar", mode="online", cost=0
    )
    course.skills = [TrainingSkill(skill_id=sid("JavaScript"), origin="declared")]
    db.session.add(course)
    db.session.commit()
    return {
        "employer": employer,
        "web": web,
        "network": network,
        "seeker": seeker,
        "hidden": hidden,
    }


def test_recommendations_show_x_of_y_and_missing(client, scene) -> None:  # type: ignore[no-untyped-def]
    give(scene["seeker"], "Linux")  # 1 of the network vacancy's 2 required skills
    login_as(client, scene["seeker"].user)
    page = client.get("/seeker/recommendations").get_data(as_text=True)
    assert page.index("Web Developer PHP") < page.index("Teknisi Jaringan")  # 2 of 3 > 1 of 2
    assert "2 dari 3 keterampilan wajib" in page
    assert "1 dari 2 keterampilan wajib" in page
    assert "JavaScript" in page.split('data-testid="missing-skills"')[1][:400]


def test_vacancy_page_explains_every_number(client, scene) -> None:  # type: ignore[no-untyped-def]
    login_as(client, scene["seeker"].user)
    page = client.get(f"/vacancies/{scene['web'].id}").get_data(as_text=True)
    assert "Cara menghitung kecocokan" in page
    assert "67%" in page  # 2 of 3 required skills, as shown in the breakdown table


def test_candidates_list_only_visible_seekers(client, scene) -> None:  # type: ignore[no-untyped-def]
    login_as(client, scene["employer"])
    page = client.get(f"/employer/vacancies/{scene['web'].id}/candidates").get_data(as_text=True)
    assert scene["seeker"].user.name in page
    assert scene["hidden"].user.name not in page


def test_training_advice_closes_the_gap(client, scene) -> None:  # type: ignore[no-untyped-def]
    login_as(client, scene["seeker"].user)
    page = client.get(f"/seeker/training/vacancy/{scene['web'].id}").get_data(as_text=True)
    assert "Kelas JavaScript Dasar" in page
    plan = page.split('data-testid="training-plan"')[1]
    assert "JavaScript" in plan[:1200]


def test_apply_and_move_through_the_pipeline(client, scene) -> None:  # type: ignore[no-untyped-def]
    vacancy = scene["web"]
    login_as(client, scene["seeker"].user)
    post_form(
        client,
        f"/vacancies/{vacancy.id}",
        f"/vacancies/{vacancy.id}/apply",
        {"message": "Saya tertarik."},
    )
    again = post_form(
        client,
        f"/vacancies/{vacancy.id}",
        f"/vacancies/{vacancy.id}/apply",
        {},
        follow_redirects=True,
    )
    assert "Anda sudah melamar lowongan ini." in again.get_data(as_text=True)
    application = db.session.scalar(select(Application))
    post_form(client, "/", "/auth/logout", {})
    login_as(client, scene["employer"])
    url = f"/employer/vacancies/{vacancy.id}/applications"
    post_form(
        client,
        url,
        f"/employer/applications/{application.id}/status",
        {
            "status": "interview",
            "interview_at": "2099-01-05T10:00",
            "interview_place": "Kantor Serang",
        },
    )
    db.session.refresh(application)
    assert application.status == "interview"
    page = post_form(
        client,
        url,
        f"/employer/applications/{application.id}/status",
        {"status": "rejected"},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "Pilih alasan penolakan." in page
    db.session.refresh(application)
    assert application.status == "interview"
    post_form(
        client,
        url,
        f"/employer/applications/{application.id}/status",
        {"status": "rejected", "rejection_reason": "skill_mismatch"},
    )
    db.session.refresh(application)
    assert (application.status, application.rejection_reason) == ("rejected", "skill_mismatch")
    assert [e.status for e in application.events] == ["applied", "interview", "rejected"]


def test_other_employer_cannot_touch_applications(client, scene) -> None:  # type: ignore[no-untyped-def]
    application = Application(profile=scene["seeker"], vacancy=scene["web"])
    db.session.add(application)
    db.session.commit()
    login_as(client, EmployerFactory())
    response = post_form(
        client, "/employer/", f"/employer/applications/{application.id}/status", {"status": "hired"}
    )
    assert response.status_code == 403
    db.session.refresh(application)
    assert application.status == "applied"


def test_cli_match_seeker_json(runner, scene) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(
        args=["match", "seeker", scene["seeker"].user.email, "--limit", "5", "--json"]
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    top = rows[0]
    assert set(top) == {
        "vacancy_id",
        "title",
        "score",
        "required_total",
        "required_matched",
        "matched",
        "missing",
    }
    assert (top["title"], top["required_total"], top["required_matched"]) == (
        "Web Developer PHP",
        3,
        2,
    )
    assert set(top["matched"]) == {"PHP", "MySQL"} and top["missing"] == ["JavaScript"]


def test_ranking_indexes_follow_changes(client, scene) -> None:  # type: ignore[no-untyped-def]
    from app.services import indexes, matching, seekers, vacancies, vacancy_skills

    seeker = scene["seeker"]
    first = matching.recommendations(seeker)
    main = indexes.VACANCIES.main
    assert first and matching.vacancy_parts()[0] is main  # kept while nothing changes
    vacancies.change_status(scene["web"], "close")
    assert scene["web"].id not in [r.vacancy.id for r in matching.recommendations(seeker)]
    link = next(s for s in scene["network"].skills if s.skill.label_en == "Linux")
    vacancy_skills.remove_skill(scene["network"], link.id)
    parts = matching.vacancy_parts()
    assert parts[0] is main and indexes.VACANCIES.builds == 1  # changes went to the delta part
    network = str(scene["network"].id)
    assert sid("Linux") not in parts[1].index.vacancy(network).required
    assert not main.index.table.active[main.index.table.rows[network]]
    seekers.set_visibility(seeker, visible=False, consent=False)
    assert seeker.user.name not in [c.profile.user.name for c in matching.candidates(scene["web"])]
