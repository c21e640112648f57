"""A school's placement office (BKK) posts a partner's vacancy: the same form and rules as an
employer's, the partner named, a badge on the vacancy page, no other school may edit it."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from app.extensions import db
from app.models import BkkVacancy, Vacancy
from app.services import vacancies
from app.services.regions import list_regions
from tests.conftest import login_as, post_form
from tests.factories import EmployerFactory, OrganisationFactory, SchoolUserFactory


@pytest.fixture(autouse=True)
def no_skill_job(monkeypatch: pytest.MonkeyPatch) -> None:
    """The skills job is the employers' (tested there); here it would only load the model."""
    monkeypatch.setattr(vacancies, "read_skills_later", lambda vacancy, user: None)


def _form(**overrides: str) -> dict[str, str]:
    return {
        "partner_name": "PT Krakatau Infotama Mandiri",
        "title": "Teknisi Jaringan",
        "description": "Memasang dan merawat jaringan LAN di pabrik. Lulusan SMK TKJ.",
        "region_id": str(list_regions()[0].id),
        "employment_type": "full_time",
        "min_education": "sma_smk",
        "closing_date": "2027-01-31",
        **overrides,
    }


def _school(name: str, **kwargs: object):  # type: ignore[no-untyped-def]
    return SchoolUserFactory(organisation=OrganisationFactory(kind="school", name=name, **kwargs))


def test_school_posts_for_a_partner_and_the_badge_shows(app: Flask, client: FlaskClient) -> None:
    school = _school("SMK Negeri 2 Cilegon")
    login_as(client, school)

    response = post_form(client, "/school/bkk/new", "/school/bkk/new", {**_form(), "publish": "1"})

    assert response.status_code == 302
    vacancy = db.session.scalar(select(Vacancy))
    mark = db.session.get(BkkVacancy, vacancy.id)
    assert (vacancy.status, vacancy.organisation_id) == ("open", school.organisation_id)
    assert mark.partner_name == "PT Krakatau Infotama Mandiri"
    assert "Teknisi Jaringan" in client.get("/school/bkk/").get_data(as_text=True)
    page = client.get(f"/vacancies/{vacancy.id}").get_data(as_text=True)
    assert 'data-testid="bkk-badge"' in page
    assert "Lowongan dari BKK SMK Negeri 2 Cilegon" in page
    assert "PT Krakatau Infotama Mandiri" in page


def test_the_partner_is_required_and_nothing_is_saved(app: Flask, client: FlaskClient) -> None:
    login_as(client, _school("SMK Negeri 2 Cilegon"))

    response = post_form(client, "/school/bkk/new", "/school/bkk/new", _form(partner_name=""))

    assert response.status_code == 200
    assert db.session.scalar(select(Vacancy)) is None


def test_scam_signals_hold_a_bkk_vacancy(app: Flask, client: FlaskClient) -> None:
    login_as(client, _school("SMK Negeri 2 Cilegon"))
    text = "Wajib transfer biaya pendaftaran Rp 500.000 sebelum wawancara. Hubungi WhatsApp."

    post_form(
        client, "/school/bkk/new", "/school/bkk/new", {**_form(description=text), "publish": "1"}
    )

    assert db.session.scalar(select(Vacancy)).moderation_status == "held"


def test_another_school_cannot_edit_it(app: Flask, client: FlaskClient) -> None:
    owner = _school("SMK Negeri 2 Cilegon")
    login_as(client, owner)
    post_form(client, "/school/bkk/new", "/school/bkk/new", _form())
    vacancy_id = db.session.scalar(select(Vacancy.id))
    intruder = app.test_client()
    login_as(intruder, _school("SMK Negeri 5 Serang"))

    assert intruder.get(f"/school/bkk/{vacancy_id}/edit").status_code == 403
    edit = post_form(
        intruder, "/school/bkk/new", f"/school/bkk/{vacancy_id}/edit", _form(title="Diubah")
    )
    close = post_form(
        intruder, "/school/bkk/new", f"/school/bkk/{vacancy_id}/status", {"action": "close"}
    )
    assert (edit.status_code, close.status_code) == (403, 403)
    assert db.session.get(Vacancy, vacancy_id).title == "Teknisi Jaringan"
    assert "Teknisi Jaringan" not in intruder.get("/school/bkk/").get_data(as_text=True)
    assert db.session.get(BkkVacancy, vacancy_id).school_id == owner.organisation_id


@pytest.mark.parametrize("who", ["unverified_school", "employer"])
def test_only_verified_schools_post(app: Flask, client: FlaskClient, who: str) -> None:
    user = (
        _school("SMK Swasta", verification_status="pending")
        if who == "unverified_school"
        else EmployerFactory()
    )
    login_as(client, user)

    assert client.get("/school/bkk/new").status_code == 403


def test_the_school_handles_the_applications_of_its_bkk_vacancy(
    app: Flask, client: FlaskClient
) -> None:
    from app.models import Notification
    from app.services import applications
    from tests.factories import SeekerProfileFactory

    school = _school("SMK Negeri 3 Serang")
    login_as(client, school)
    post_form(client, "/school/bkk/new", "/school/bkk/new", {**_form(), "publish": "1"})
    vacancy = db.session.scalar(select(Vacancy))
    seeker = SeekerProfileFactory()
    application = applications.apply(seeker, vacancy, "Saya alumni.", seeker.user)

    link = db.session.scalar(
        select(Notification.link).where(Notification.recipient_id == school.id)
    )
    assert client.get(link).status_code == 200  # the notification opens for the school
    assert f"/employer/vacancies/{vacancy.id}/applications" in client.get("/school/bkk/").get_data(
        as_text=True
    )
    page = client.get(link).get_data(as_text=True)
    assert seeker.user.name in page
    moved = post_form(
        client, link, f"/employer/applications/{application.id}/status", {"status": "reviewed"}
    )
    assert moved.status_code == 302 and application.status == "reviewed"

    other = app.test_client()
    login_as(other, _school("SMK Lain"))
    assert other.get(link).status_code == 403
    answer = post_form(other, "/school/bkk/", f"/employer/applications/{application.id}/status",
                       {"status": "interview"})  # fmt: skip
    assert answer.status_code in (403, 404) and application.status == "reviewed"


def test_an_edit_without_the_occupation_field_keeps_the_schools_choice(
    app: Flask, client: FlaskClient
) -> None:
    from app.models import OccupationGroup
    from app.services.occupation_groups import load_groups

    load_groups(app.config["OCCUPATION_GROUPS_FILE"])
    code = db.session.scalar(select(OccupationGroup.code))
    school = _school("SMK Negeri 4 Serang")
    login_as(client, school)
    post_form(client, "/school/bkk/new", "/school/bkk/new",
              {**_form(), "occupation_choice": code, "publish": "1"})  # fmt: skip
    vacancy = db.session.scalar(select(Vacancy))
    assert (vacancy.occupation_code, vacancy.occupation_origin) == (code, "employer")
    edit = f"/school/bkk/{vacancy.id}/edit"
    answer = post_form(client, edit, edit, _form(title="Teknisi Jaringan Senior"))
    db.session.refresh(vacancy)
    assert answer.status_code == 302 and vacancy.title == "Teknisi Jaringan Senior"
    assert (vacancy.occupation_code, vacancy.occupation_origin) == (code, "employer")
