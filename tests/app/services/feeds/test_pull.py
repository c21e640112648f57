"""Pulling a feed: new vacancies, duplicates linked, bad postings reported by position, nothing
half-saved, a second pull creates nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import func, select

from app.extensions import db
from app.models import Feed, FeedPosting, Region, Vacancy
from app.services import feeds
from app.services.feeds import importer as pull_module
from app.services.feeds.mapping import strip_html
from tests.app.services.feeds.helpers import REGIONS, job_posting, page
from tests.factories import EmployerFactory, OrganisationFactory, VacancyFactory


@pytest.fixture
def extracted(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The vacancies whose skills would be read (the job itself is tested elsewhere)."""
    ids: list[int] = []
    monkeypatch.setattr(
        pull_module, "extract_later", lambda vs, owner: ids.extend(v.id for v in vs)
    )
    return ids


def _feed(tmp_path: Path, body: bytes, name: str = "papan-karir") -> Feed:
    board = EmployerFactory(email=f"{name}@example.com")
    path = tmp_path / f"{name}.html"
    path.write_bytes(body)
    return feeds.add_feed(name, str(path), board.email, "jsonld")


def _count(model: type) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def _region(name: str) -> Region:
    return db.session.scalar(select(Region).where(Region.name == name))


def test_fifty_postings_ten_of_them_site_vacancies(
    app: Flask, tmp_path: Path, extracted: list[int]
) -> None:
    postings = [job_posting(n) for n in range(50)]
    site = []
    for n in range(0, 50, 5):  # ten vacancies already posted on the site by their employers
        p = postings[n]
        site.append(
            VacancyFactory(
                organisation=OrganisationFactory(name=p["hiringOrganization"]["name"]),
                title=p["title"],
                description=strip_html(p["description"]),
                region=_region(p["jobLocation"]["address"]["addressLocality"]),
            )
        )
    feed = _feed(tmp_path, page(*postings))

    report = feeds.pull(feed)

    assert (len(report.new), len(report.merged), report.rejected) == (40, 10, [])
    assert sorted(report.merged) == sorted(v.id for v in site)
    assert _count(Vacancy) == 50
    assert _count(FeedPosting) == 50
    assert sorted(extracted) == sorted(report.new)
    created = db.session.get(Vacancy, report.new[0])
    assert created.status == "open" and created.organisation_id == feed.owner.organisation_id

    again = feeds.pull(feed)
    assert (len(again.new), len(again.merged), len(again.updated), again.unchanged) == (0, 0, 0, 50)
    assert _count(Vacancy) == 50 and _count(FeedPosting) == 50


def test_malformed_feed_imports_the_good_postings(app: Flask, tmp_path: Path, extracted) -> None:
    body = page(
        job_posting(1),
        '{"@type": "JobPosting", "title": "Programmer",,}',
        job_posting(2, title=""),
        job_posting(3, jobLocation={"address": {"addressLocality": "Kota Bandung"}}),
        {"@graph": [job_posting(4), job_posting(5, baseSalary={"currency": "USD", "value": 900})]},
    )
    feed = _feed(tmp_path, body)

    report = feeds.pull(feed)

    assert report.rejected_positions == [2, 3, 4, 6]
    fields = {position: field for position, field, _ in report.rejected}
    assert (fields[2], fields[3], fields[4], fields[6]) == ("-", "title", "region", "salary_min")
    assert any("Kota Bandung" in message for _, _, message in report.rejected)
    assert len(report.new) == 2
    assert _count(Vacancy) == 2 and _count(FeedPosting) == 2
    assert feed.last_report["rejected"] == 4


def test_a_changed_posting_updates_its_vacancy(app: Flask, tmp_path: Path, extracted) -> None:
    feed = _feed(tmp_path, page(job_posting(7)))
    first = feeds.pull(feed)
    Path(feed.url).write_bytes(page(job_posting(7, title="Network Engineer (Senior)")))

    second = feeds.pull(feed)

    assert second.updated == first.new and not second.new
    assert db.session.get(Vacancy, first.new[0]).title == "Network Engineer (Senior)"
    assert extracted == first.new * 2


def test_two_sources_of_one_vacancy_count_once(app: Flask, tmp_path: Path, extracted) -> None:
    school_copy = job_posting(
        11,
        identifier="BKK-11",
        hiringOrganization="Krakatau Infotama",
        title="Lowongan Data Analyst",
        description=strip_html(job_posting(11)["description"]) + " Daftar melalui BKK.",
    )
    board = feeds.pull(_feed(tmp_path, page(job_posting(11)), "papan"))
    school = feeds.pull(_feed(tmp_path, page(school_copy, job_posting(12)), "bkk-smkn1"))

    assert school.merged == board.new and len(school.new) == 1
    assert _count(Vacancy) == 2


def test_an_unreadable_feed_is_reported_and_saves_nothing(app: Flask, tmp_path: Path) -> None:
    feed = _feed(tmp_path, b"")
    Path(feed.url).unlink()

    report = feeds.pull(feed)

    assert report.error and "tidak dapat dibaca" in report.error
    assert feed.last_report == {"error": report.error} and _count(Vacancy) == 0


def test_the_shipped_example_feed(app: Flask, extracted) -> None:
    from app.config import Config

    app.config["FEED_LOCAL_DIR"] = Config.FEED_LOCAL_DIR  # the default: the shipped files
    board = EmployerFactory()
    example = Path(app.root_path) / "data" / "feeds" / "example_jobpostings.html"
    feed = feeds.add_feed("contoh", str(example), board.email, "jsonld")

    report = feeds.pull(feed)

    assert (len(report.new), report.rejected) == (3, [])
    web = db.session.get(Vacancy, report.new[0])
    assert (web.region.name, web.employment_type, web.min_education) == (
        "Kota Serang",
        "full_time",
        "d3",
    )
    assert (web.salary_min, web.salary_max) == (5_000_000, 7_000_000)
    assert "<" not in web.description and "Laravel" in web.description
    assert web.closing_date.isoformat() == "2027-01-31"
    assert REGIONS  # the helpers' regions exist on the platform
    assert {_region(name).name for name in REGIONS} == set(REGIONS)


def test_a_draft_on_the_site_is_not_a_duplicate(app: Flask, tmp_path: Path, extracted) -> None:
    posting = job_posting(9)
    VacancyFactory(
        organisation=OrganisationFactory(name=posting["hiringOrganization"]["name"]),
        title=posting["title"],
        description=strip_html(posting["description"]),
        region=_region(posting["jobLocation"]["address"]["addressLocality"]),
        status="draft",
    )

    report = feeds.pull(_feed(tmp_path, page(posting)))

    assert (len(report.new), report.merged) == (1, [])


def test_every_problem_of_a_posting_is_named(app: Flask, tmp_path: Path, extracted) -> None:
    bad = job_posting(1, title="", baseSalary={"currency": "USD", "value": 900})

    report = feeds.pull(_feed(tmp_path, page(bad)))

    assert sorted(field for _, field, _ in report.rejected) == ["salary_min", "title"]


def test_a_long_employer_name_is_cut_to_its_column(app: Flask, tmp_path: Path, extracted) -> None:  # type: ignore[no-untyped-def]
    board = EmployerFactory()
    path = tmp_path / "feed.csv"
    name = "PT " + "Sangat Panjang " * 30  # over 200 characters
    path.write_text(
        "source_key,employer_name,title,description,region,employment_type,min_education\n"
        f"A1,{name},Programmer,Membuat aplikasi web dengan PHP.,Kota Serang,full time,SMK\n",
        encoding="utf-8",
    )
    feed = feeds.add_feed("csv", str(path), board.email, "csv")

    report = feeds.pull(feed)

    assert (len(report.new), report.error) == (1, "")
    stored = db.session.scalar(select(FeedPosting.employer_name))
    assert stored == name.strip()[:200]


def test_one_failing_feed_does_not_stop_the_others(
    app: Flask, tmp_path: Path, extracted, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    first = _feed(tmp_path, page(job_posting(1)), "pertama")
    second = _feed(tmp_path, page(job_posting(2)), "kedua")
    real = pull_module._apply

    def fails_first(feed, *args):  # type: ignore[no-untyped-def]
        if feed.name == "pertama":
            db.session.add(Vacancy(title="setengah"))  # half-saved, then the failure
            raise RuntimeError("boom")
        return real(feed, *args)

    monkeypatch.setattr(pull_module, "_apply", fails_first)

    reports = feeds.pull_all(["pertama", "kedua"])

    assert [r.feed for r in reports] == ["pertama", "kedua"]
    assert "RuntimeError" in reports[0].error and len(reports[1].new) == 1
    assert first.last_report["error"] == reports[0].error and second.last_report["new"]
    assert _count(Vacancy) == 1
