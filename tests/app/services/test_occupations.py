"""Vacancies get their KBJI occupation from the matcher (job, file import, backfill command);
an employer's choice is never overwritten. Uses the real e5 model (loaded once a process)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Vacancy
from app.services import vacancy_import
from app.services.occupation_groups import load_groups
from tests.conftest import login_as, post_form
from tests.factories import EmployerFactory, VacancyFactory

DESCRIPTION = (
    "Kami mencari Web Developer untuk aplikasi pemesanan.\n"
    "Kualifikasi: menguasai PHP dan framework Laravel, paham basis data MySQL."
)
EXAMPLE_CSV = Path(__file__).resolve().parents[3] / "app/data/import/vacancies_example.csv"


@pytest.fixture
def groups(app) -> None:  # type: ignore[no-untyped-def]
    """The shipped KBJI groups in the test database."""
    load_groups(app.config["OCCUPATION_GROUPS_FILE"])


def _post_vacancy(client, employer, **extra):  # type: ignore[no-untyped-def]
    data = {
        "title": "Web Developer (Laravel)",
        "description": DESCRIPTION,
        "region_id": str(employer.organisation.region_id),
        "employment_type": "full_time",
        "min_education": "sma_smk",
        **extra,
    }
    page = "/employer/vacancies/new"
    post_form(client, page, page, data)
    return db.session.scalar(select(Vacancy).order_by(Vacancy.id.desc()))


def test_the_extract_job_classifies_a_saved_vacancy(app, client, vocab, groups) -> None:  # type: ignore[no-untyped-def]
    employer = EmployerFactory()
    login_as(client, employer)
    vacancy = _post_vacancy(client, employer, occupation_choice="")  # the job ran (eager)
    assert vacancy.skills  # the skills were read first
    assert (vacancy.occupation_code, vacancy.occupation_origin) == ("2513", "auto")
    assert 0 < vacancy.occupation_confidence <= 1


def test_a_vacancy_of_other_work_gets_no_ict_occupation(app, client, vocab, groups) -> None:  # type: ignore[no-untyped-def]
    employer = EmployerFactory()
    login_as(client, employer)
    vacancy = _post_vacancy(
        client,
        employer,
        title="Staf Gudang Bahan Baku",
        description="Mencatat barang masuk dan keluar gudang bahan baku.\nMenyusun stok opname bulanan.",
        occupation_choice="",
    )
    assert vacancy.title == "Staf Gudang Bahan Baku"
    assert (vacancy.occupation_code, vacancy.occupation_origin) == (None, "outside")
    page = client.get(f"/employer/vacancies/{vacancy.id}").get_data(as_text=True)
    assert 'data-testid="occupation-outside"' in page
    assert "tampaknya bukan pekerjaan TIK" in page


def test_the_job_keeps_the_employers_choice(app, client, vocab, groups) -> None:  # type: ignore[no-untyped-def]
    employer = EmployerFactory()
    login_as(client, employer)
    vacancy = _post_vacancy(client, employer, occupation_choice="2512")
    assert (vacancy.occupation_code, vacancy.occupation_origin) == ("2512", "employer")
    assert vacancy.occupation_confidence is None
    edit = f"/employer/vacancies/{vacancy.id}/edit"
    data = {
        "title": "Web Developer (Laravel)",
        "description": DESCRIPTION + "\nPaham Git.",  # a changed text: the job runs again
        "region_id": str(employer.organisation.region_id),
        "employment_type": "full_time",
        "min_education": "sma_smk",
        "occupation_choice": "2512",
    }
    post_form(client, edit, edit, data)
    db.session.expire_all()
    vacancy = db.session.get(Vacancy, vacancy.id)
    assert (vacancy.occupation_code, vacancy.occupation_origin) == ("2512", "employer")


def test_an_imported_file_gets_occupations(app, vocab, groups) -> None:  # type: ignore[no-untyped-def]
    employer = EmployerFactory()
    rows = vacancy_import.read_rows(EXAMPLE_CSV.read_bytes(), EXAMPLE_CSV.name)
    report = vacancy_import.import_rows(rows, employer)
    imported = [db.session.get(Vacancy, i) for i in report.imported]
    assert imported and all(v.occupation_origin == "auto" for v in imported)
    by_title = {v.title: v.occupation_code for v in imported}
    assert by_title["Junior Web Developer (PHP/Laravel)"] == "2513"
    assert by_title["Teknisi Jaringan"] == "3513"


def test_backfill_command_classifies_those_without_and_keeps_choices(app, runner, groups) -> None:  # type: ignore[no-untyped-def]
    first = VacancyFactory(title="Staf IT Support")
    second = VacancyFactory(title="Desainer Grafis")
    chosen = VacancyFactory(title="Staf IT Support", occupation_code="2356")
    chosen.occupation_origin = "employer"
    db.session.commit()
    result = runner.invoke(args=["vacancies", "classify-occupations"])
    assert result.exit_code == 0, result.output
    assert "2 of 2 vacancies given an occupation." in result.output
    db.session.expire_all()
    assert db.session.get(Vacancy, first.id).occupation_code == "3512"
    assert db.session.get(Vacancy, second.id).occupation_code == "2166"
    assert db.session.get(Vacancy, chosen.id).occupation_code == "2356"  # the employer's
    again = runner.invoke(args=["vacancies", "classify-occupations"])
    assert "0 of 0 vacancies" in again.output  # nothing left without one
    everything = runner.invoke(args=["vacancies", "classify-occupations", "--all"])
    assert "2 of 2 vacancies given an occupation." in everything.output
    assert db.session.get(Vacancy, chosen.id).occupation_origin == "employer"


def test_without_groups_nothing_is_classified(app, runner) -> None:  # type: ignore[no-untyped-def]
    vacancy = VacancyFactory(title="Staf IT Support")
    result = runner.invoke(args=["vacancies", "classify-occupations"])
    assert result.exit_code == 1 and "flask seed reference" in result.output
    assert db.session.get(Vacancy, vacancy.id).occupation_code is None
