"""Bulk import of vacancies: bad rows named by line and field, both modes, nothing half-saved."""

from __future__ import annotations

import io
import json

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import Vacancy
from tests.conftest import login_as, post_form
from tests.factories import EmployerFactory

HEADER = (
    "title,description,region,employment_type,min_education,salary_min,salary_max,closing_date\n"
)
GOOD = 'Teknisi Jaringan,"Instalasi jaringan LAN dan konfigurasi router MikroTik.",Kota Serang,full_time,sma_smk,4500000,5500000,2027-01-31\n'
BAD_REGION = 'IT Support,"Membantu pengguna.",Kota Bandung,full_time,sma_smk,,,2027-01-31\n'
BAD_SALARY = 'Programmer,"PHP dan MySQL.",Kota Cilegon,kontrak,s1,empat juta,5000000,31-01-2027\n'
CSV = HEADER + GOOD + BAD_REGION + BAD_SALARY


def count() -> int:
    return db.session.scalar(select(func.count()).select_from(Vacancy))


def upload(client, content: str, filename: str, mode: str):  # type: ignore[no-untyped-def]
    return post_form(
        client,
        "/employer/vacancies/import",
        "/employer/vacancies/import",
        {"file": (io.BytesIO(content.encode()), filename), "mode": mode, "publish": "open"},
        content_type="multipart/form-data",
    )


@pytest.fixture
def employer(client):  # type: ignore[no-untyped-def]
    user = EmployerFactory()
    login_as(client, user)
    return user


def test_valid_rows_mode_imports_good_rows_and_names_bad_ones(client, vocab, employer) -> None:  # type: ignore[no-untyped-def]
    page = upload(client, CSV, "lowongan.csv", "valid_rows").get_data(as_text=True)
    assert "1 dari 3 lowongan diimpor." in page
    assert "Wilayah &#39;Kota Bandung&#39; tidak dikenal." in page
    assert "<td>3</td><td><code>region</code></td>" in page
    assert "<td>4</td><td><code>salary_min</code></td>" in page
    assert "<td>4</td><td><code>closing_date</code></td>" in page
    assert count() == 1
    vacancy = db.session.scalar(select(Vacancy))
    assert vacancy.organisation_id == employer.organisation_id and vacancy.status == "open"
    assert vacancy.skills, "skills are suggested for imported vacancies"


def test_all_or_nothing_mode_imports_nothing(client, vocab, employer) -> None:  # type: ignore[no-untyped-def]
    page = upload(client, CSV, "lowongan.csv", "all_or_nothing").get_data(as_text=True)
    assert "Tidak ada yang diimpor karena ada baris yang salah." in page
    assert count() == 0


def test_json_import_names_entries(client, vocab, employer) -> None:  # type: ignore[no-untyped-def]
    items = [
        {
            "title": "UI/UX Designer",
            "description": "Figma dan prototyping.",
            "region": "3674",
            "employment_type": "full_time",
            "min_education": "d3",
        },
        {
            "title": "",
            "description": "x",
            "region": "Kota Serang",
            "employment_type": "full_time",
            "min_education": "d3",
        },
    ]
    page = upload(client, json.dumps(items), "lowongan.json", "valid_rows").get_data(as_text=True)
    assert "<td>2</td><td><code>title</code></td>" in page
    assert count() == 1


@pytest.mark.parametrize(
    ("content", "filename", "message"),
    [
        (
            "title,description\nA,B\n",
            "x.csv",
            "Baris 1: kolom yang tidak ada: region, employment_type, min_education.",
        ),
        ("{not json", "x.json", "Baris 1: JSON tidak valid."),
        ("a,b", "x.xlsx", "Hanya berkas CSV atau JSON yang diterima."),
    ],
)
def test_unusable_files_are_refused_clearly(
    client, employer, content: str, filename: str, message: str
) -> None:  # type: ignore[no-untyped-def]
    page = upload(client, content, filename, "valid_rows").get_data(as_text=True)
    assert message in page
    assert count() == 0


def test_example_files_download_and_import(client, vocab, employer) -> None:  # type: ignore[no-untyped-def]
    for fmt in ("csv", "json"):
        response = client.get(f"/employer/vacancies/import/example.{fmt}")
        assert response.status_code == 200
        page = upload(client, response.get_data(as_text=True), f"contoh.{fmt}", "all_or_nothing")
        assert "2 dari 2 lowongan diimpor." in page.get_data(as_text=True)
    assert count() == 4


def test_cli_import_reports_lines_and_fails(runner, vocab, tmp_path) -> None:  # type: ignore[no-untyped-def]
    user = EmployerFactory()
    path = tmp_path / "lowongan.csv"
    path.write_text(CSV, encoding="utf-8")
    result = runner.invoke(
        args=["vacancies", "import", str(path), "--employer", user.email, "--all-or-nothing"]
    )
    assert result.exit_code == 1
    assert "line 3: region" in result.output and "line 4: salary_min" in result.output
    assert count() == 0
    result = runner.invoke(args=["vacancies", "import", str(path), "--employer", user.email])
    assert result.exit_code == 1
    assert "1 of 3 vacancies imported." in result.output
    assert count() == 1
    path.write_text(HEADER + GOOD, encoding="utf-8")
    result = runner.invoke(args=["vacancies", "import", str(path), "--employer", user.email])
    assert result.exit_code == 0, result.output
    assert count() == 2


def test_too_large_import_is_refused(client, app, employer) -> None:  # type: ignore[no-untyped-def]
    app.config["IMPORT_MAX_BYTES"] = 1024 * 1024
    page = upload(client, HEADER + GOOD * 8000, "besar.csv", "valid_rows").get_data(as_text=True)
    assert "Berkas lebih besar dari 1 MB." in page
    assert count() == 0
