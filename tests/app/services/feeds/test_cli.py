"""``flask feeds add / list / pull`` through the CLI runner."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskCliRunner

from app.services.feeds import importer
from tests.app.services.feeds.helpers import job_posting, page
from tests.factories import EmployerFactory, VacancyFactory


@pytest.fixture(autouse=True)
def no_skill_jobs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importer, "extract_later", lambda vacancies, owner: None)


def test_add_pull_list(app: Flask, runner: FlaskCliRunner, tmp_path: Path) -> None:
    board = EmployerFactory(email="papan@example.com")
    path = tmp_path / "feed.html"
    path.write_bytes(page(job_posting(1), job_posting(2, title=""), job_posting(3)))

    added = runner.invoke(args=["feeds", "add", "papan", str(path), "--org", board.email])
    pulled = runner.invoke(args=["feeds", "pull", "papan"])
    again = runner.invoke(args=["feeds", "pull"])
    listed = runner.invoke(args=["feeds", "list"])

    assert added.exit_code == 0, added.output
    assert "Feed papan added (jsonld" in added.output
    assert pulled.exit_code == 0, pulled.output
    assert "3 postings: 2 new, 0 updated, 0 merged, 0 unchanged, 1 rejected (positions 2)" in (
        pulled.output
    )
    assert "posting 2: title:" in pulled.output
    assert "0 new, 0 updated, 0 merged, 2 unchanged, 1 rejected" in again.output
    assert "papan\tjsonld" in listed.output and "2 postings" in listed.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["x", "ftp://example.com/feed", "--org", "papan@example.com"], "url:"),
        (["x", "feed.json", "--org", "nobody@example.com"], "org:"),
        (["x", "feed.csv", "--org", "papan@example.com", "--format", "xml"], "Invalid value"),
    ],
)
def test_add_refuses(app: Flask, runner: FlaskCliRunner, args: list[str], message: str) -> None:
    EmployerFactory(email="papan@example.com")

    result = runner.invoke(args=["feeds", "add", *args])

    assert result.exit_code != 0 and message in result.output


def test_pull_of_a_missing_source_fails(app: Flask, runner: FlaskCliRunner, tmp_path: Path) -> None:
    board = EmployerFactory()
    runner.invoke(
        args=["feeds", "add", "hilang", str(tmp_path / "none.html"), "--org", board.email]
    )

    result = runner.invoke(args=["feeds", "pull", "hilang"])
    unknown = runner.invoke(args=["feeds", "pull", "tidak-ada"])

    assert result.exit_code == 1 and "not read" in result.output
    assert unknown.exit_code != 0 and "no feed named" in unknown.output


def test_csv_feed_in_the_import_format(app: Flask, runner: FlaskCliRunner, tmp_path: Path) -> None:
    board = EmployerFactory()
    VacancyFactory(title="Sudah ada")
    path = tmp_path / "feed.csv"
    path.write_text(
        "source_key,employer_name,title,description,region,employment_type,min_education\n"
        "A1,PT Contoh,Programmer,Membuat aplikasi web dengan PHP.,Kota Serang,full time,SMK\n"
        "A2,PT Contoh,Operator,Mengetik data.,Kota Atlantis,full time,SMK\n",
        encoding="utf-8",
    )
    runner.invoke(args=["feeds", "add", "csv", str(path), "--org", board.email, "--format", "csv"])

    result = runner.invoke(args=["feeds", "pull", "csv"])

    assert "2 postings: 1 new" in result.output and "(positions 3)" in result.output
    assert "posting 3: region:" in result.output
