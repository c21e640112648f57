"""The daily ``feeds.pull`` job, and the sources named on a vacancy's page."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from app.jobs import enqueue
from app.jobs.daily import DAILY_KINDS
from app.services import feeds
from app.services.feeds import importer
from tests.app.services.feeds.helpers import job_posting, page
from tests.factories import EmployerFactory


@pytest.fixture(autouse=True)
def no_skill_jobs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importer, "extract_later", lambda vacancies, owner: None)


def test_daily_job_pulls_the_active_feeds(app: Flask, tmp_path: Path) -> None:
    path = tmp_path / "feed.html"
    path.write_bytes(page(job_posting(1), job_posting(2)))
    feeds.add_feed("papan", str(path), EmployerFactory().email, "jsonld")

    job = enqueue("feeds.pull")

    assert "feeds.pull" in DAILY_KINDS
    assert job.status == "finished", job.error
    assert job.result["papan"]["new"] == 2


def test_the_vacancy_page_names_its_sources(
    app: Flask, client: FlaskClient, tmp_path: Path
) -> None:
    first, second = tmp_path / "a.html", tmp_path / "b.html"
    first.write_bytes(page(job_posting(4)))
    second.write_bytes(page(job_posting(4, identifier="lain-4")))
    feeds.add_feed("Papan Karir Banten", str(first), EmployerFactory().email, "jsonld")
    feeds.add_feed("BKK SMKN 1 Serang", str(second), EmployerFactory().email, "jsonld")
    created = feeds.pull(feeds.get_feed("Papan Karir Banten")).new
    merged = feeds.pull(feeds.get_feed("BKK SMKN 1 Serang")).merged

    html = client.get(f"/vacancies/{created[0]}").get_data(as_text=True)

    assert merged == created
    assert "Sumber: Papan Karir Banten, BKK SMKN 1 Serang" in html
    assert "Pemberi kerja: PT Cakra Data Nusantara" in html
