"""A larger vacancy file is imported by a background job: the employer is sent to the job's
page, which shows the import's report when it ends; only the owner may open it."""

from __future__ import annotations

import csv
import io
import time

from sqlalchemy import func, select

from app.extensions import db
from app.models import BackgroundJob, Vacancy
from tests.conftest import login_as, post_form
from tests.factories import EmployerFactory

HEADER = [
    "title", "description", "region", "employment_type", "min_education",
    "salary_min", "salary_max", "closing_date",
]  # fmt: skip


def vacancy_file(rows: int, bad_lines: tuple[int, ...] = ()) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for n in range(rows):
        salary = "banyak" if n + 2 in bad_lines else "4.500.000"
        writer.writerow([
            f"Teknisi Jaringan {n}",
            "Konfigurasi router MikroTik dan switch. Tidak dipungut biaya.",
            "Kota Serang", "full_time", "sma_smk", salary, "6.000.000", "",
        ])  # fmt: skip
    return out.getvalue().encode()


def test_a_larger_file_is_imported_by_a_job_with_a_report(app, client, vocab) -> None:  # type: ignore[no-untyped-def]
    app.config["REDIS_URL"] = None  # in a thread of this process
    app.config["JOBS_EAGER"] = False
    employer = EmployerFactory()
    login_as(client, employer)
    rows = app.config["IMPORT_INLINE_ROWS"] + 5
    response = post_form(
        client, "/employer/vacancies/import", "/employer/vacancies/import",
        {"file": (io.BytesIO(vacancy_file(rows, bad_lines=(3,))), "lowongan.csv"),
         "mode": "valid_rows", "publish": "open"},
        content_type="multipart/form-data",
    )  # fmt: skip
    assert response.status_code == 302 and "/jobs/" in response.headers["Location"]
    job_path = response.headers["Location"]
    job_id = job_path.rstrip("/").rsplit("/", 1)[-1]
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        db.session.expire_all()
        if db.session.get(BackgroundJob, job_id).status in ("finished", "failed"):
            break
        time.sleep(0.2)
    record = db.session.get(BackgroundJob, job_id)
    assert record.status == "finished", record.error
    assert record.payload is None  # the upload is not kept
    page = client.get(job_path).get_data(as_text=True)
    assert f"{rows - 1} dari {rows} lowongan diimpor" in page
    assert "banyak" in page or "salary_min" in page  # line 3 named
    count = db.session.scalar(
        select(func.count()).where(Vacancy.organisation_id == employer.organisation_id)
    )
    assert count == rows - 1
    state = client.get(job_path + "/status.json").get_json()
    assert state["status"] == "finished" and state["percent"] == 100
    other = app.test_client()
    from flask import g

    g.pop("csrf_token", None)
    login_as(other, EmployerFactory())
    assert other.get(job_path).status_code == 404
