"""The employer sees, chooses and corrects a vacancy's KBJI occupation; the public page shows
it; another organisation's employer cannot touch it."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import AuditEntry, Vacancy
from app.services.occupation_groups import load_groups
from tests.conftest import login_as, post_form
from tests.factories import EmployerFactory, VacancyFactory


@pytest.fixture
def groups(app) -> None:  # type: ignore[no-untyped-def]
    """The shipped KBJI groups in the test database."""
    load_groups(app.config["OCCUPATION_GROUPS_FILE"])


def _own_vacancy(client):  # type: ignore[no-untyped-def]
    employer = EmployerFactory()
    vacancy = VacancyFactory(organisation=employer.organisation, occupation_code="2513")
    vacancy.occupation_origin, vacancy.occupation_confidence = "auto", 0.8
    db.session.commit()
    login_as(client, employer)
    return employer, vacancy


def test_the_form_offers_every_group_and_blank_for_the_system(client, groups) -> None:  # type: ignore[no-untyped-def]
    login_as(client, EmployerFactory())
    page = client.get("/employer/vacancies/new").get_data(as_text=True)
    assert "Jabatan (KBJI)" in page and "Biarkan sistem menyarankan" in page
    assert '<option value="2512">2512 · Pengembang Perangkat Lunak</option>' in page


def test_the_page_says_who_chose_and_the_employer_corrects_it(client, groups) -> None:  # type: ignore[no-untyped-def]
    employer, vacancy = _own_vacancy(client)
    url = f"/employer/vacancies/{vacancy.id}"
    page = client.get(url).get_data(as_text=True)
    assert "2513 · Pengembang WEB dan Multimedia" in page
    assert "disarankan oleh sistem (80%)" in page
    response = post_form(client, url, f"{url}/occupation", {"code": "2512"})
    assert response.status_code == 302
    db.session.expire_all()
    vacancy = db.session.get(Vacancy, vacancy.id)
    assert (vacancy.occupation_code, vacancy.occupation_origin) == ("2512", "employer")
    assert vacancy.occupation_confidence is None
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "vacancy.occupation"))
    assert entry.actor_id == employer.id and entry.details == {"before": "2513", "after": "2512"}
    page = client.get(url).get_data(as_text=True)
    assert "dipilih oleh Anda" in page and "2512 · Pengembang Perangkat Lunak" in page
    public = client.get(f"/vacancies/{vacancy.id}").get_data(as_text=True)
    assert "Jabatan (KBJI): 2512 · Pengembang Perangkat Lunak" in public
    post_form(client, url, "/language", {"locale": "en", "next": url})
    page = client.get(url).get_data(as_text=True)
    assert "chosen by you" in page and "2512 · Software developers" in page


def test_an_unknown_code_or_a_missing_token_changes_nothing(client, groups) -> None:  # type: ignore[no-untyped-def]
    _, vacancy = _own_vacancy(client)
    url = f"/employer/vacancies/{vacancy.id}"
    post_form(client, url, f"{url}/occupation", {"code": "9999"})
    client.post(f"{url}/occupation", data={"code": "2512"})  # no CSRF token
    db.session.expire_all()
    vacancy = db.session.get(Vacancy, vacancy.id)
    assert (vacancy.occupation_code, vacancy.occupation_origin) == ("2513", "auto")


def test_another_employer_cannot_correct_it(client, groups) -> None:  # type: ignore[no-untyped-def]
    theirs = VacancyFactory(occupation_code="2513")
    login_as(client, EmployerFactory())
    response = post_form(
        client, "/employer/", f"/employer/vacancies/{theirs.id}/occupation", {"code": "2512"}
    )
    assert response.status_code in (403, 404)
    db.session.expire_all()
    assert db.session.get(Vacancy, theirs.id).occupation_code == "2513"


def test_blank_gives_the_choice_back_to_the_system(client, vocab, groups) -> None:  # type: ignore[no-untyped-def]
    _, vacancy = _own_vacancy(client)
    vacancy.occupation_code, vacancy.occupation_origin = "2356", "employer"
    db.session.commit()
    url = f"/employer/vacancies/{vacancy.id}"
    post_form(client, url, f"{url}/occupation", {"code": ""})  # the job runs at once (eager)
    db.session.expire_all()
    vacancy = db.session.get(Vacancy, vacancy.id)
    assert (vacancy.occupation_code, vacancy.occupation_origin) == ("2513", "auto")


def test_the_edit_form_shows_only_the_employers_own_choice(client, groups) -> None:  # type: ignore[no-untyped-def]
    _, vacancy = _own_vacancy(client)  # suggested by the system: the select stays blank
    edit = f"/employer/vacancies/{vacancy.id}/edit"
    assert '<option selected value="">' in client.get(edit).get_data(as_text=True)
    vacancy.occupation_origin = "employer"
    db.session.commit()
    assert '<option selected value="2513">' in client.get(edit).get_data(as_text=True)
