"""Open data: datasets against hand-built cases, suppression through the CSV, frozen releases,
the catalogue and its downloads, formula escaping, no personal data, the command line and job."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select

from app.extensions import db
from app.models import (
    CurriculumUnit,
    LearningOutcome,
    OpenDataRelease,
    OutcomeSkill,
    Region,
    SeekerSkill,
    VacancySkill,
)
from app.services import occupation_groups, opendata
from tests.factories import (
    CurriculumFactory,
    OrganisationFactory,
    SeekerProfileFactory,
    SkillFactory,
    UserFactory,
    VacancyFactory,
)

MARCH, APRIL = date(2026, 3, 1), date(2026, 4, 1)
SEEKERS = "seekers-by-district-education-skill"


def region(code: str) -> Region:
    return db.session.scalars(select(Region).where(Region.code == code)).one()


def vacancy(org, code: str, posted: datetime, skills=(), **fields):  # type: ignore[no-untyped-def]
    item = VacancyFactory(organisation=org, region=region(code), posted_at=posted, **fields)
    for skill, importance in skills:
        item.skills.append(VacancySkill(skill_id=skill.id, importance=importance,
                                        origin="declared", evidence=skill.label_en))  # fmt: skip
    db.session.commit()
    return item


def seeker(code: str, education: str, skills, origin: str = "declared"):  # type: ignore[no-untyped-def]
    user = UserFactory(role="seeker", created_at=datetime(2026, 1, 5))
    profile = SeekerProfileFactory(user=user, region=region(code), education_level=education)
    for skill in skills:
        profile.skills.append(SeekerSkill(skill_id=skill.id, origin=origin, confirmed=True))
    db.session.commit()
    return user


def rows_of(client, slug: str, month: str = "2026-04") -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    response = client.get(f"/data/{slug}/{month}.csv")
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))


def scene():  # type: ignore[no-untyped-def]
    """Serang (3604): two vacancies in March (one closed in March), one in April; Pandeglang
    (3601): one in April; an unverified employer's vacancy and a draft that do not count."""
    python, sql = SkillFactory(uri="http://data.europa.eu/esco/skill/p"), SkillFactory()
    org = OrganisationFactory()
    vacancy(org, "3604", datetime(2026, 3, 2), [(python, "required"), (sql, "preferred")])
    vacancy(org, "3604", datetime(2026, 3, 20), [(python, "required")], status="closed",
            closing_date=date(2026, 3, 25))  # fmt: skip
    vacancy(org, "3604", datetime(2026, 4, 3), [(sql, "required")])
    vacancy(org, "3601", datetime(2026, 4, 9), [(python, "required")])
    vacancy(OrganisationFactory(verification_status="pending"), "3604", datetime(2026, 4, 1))
    vacancy(org, "3604", datetime(2026, 4, 1), status="draft")
    return org, python, sql


def test_vacancies_are_split_by_kbji_occupation_group(app, client) -> None:  # type: ignore[no-untyped-def]
    occupation_groups.load_groups(app.config["OCCUPATION_GROUPS_FILE"])
    org = OrganisationFactory()
    vacancy(org, "3604", datetime(2026, 4, 2), occupation_code="3513")
    vacancy(org, "3604", datetime(2026, 4, 6), occupation_code="3513")
    vacancy(org, "3604", datetime(2026, 4, 7), occupation_code="2512")
    vacancy(org, "3604", datetime(2026, 4, 8))  # not classified yet
    opendata.publish(APRIL)
    got = {r["occupation_code"]: (r["occupation_title_id"], r["occupation_title_en"],
           r["vacancies_posted"]) for r in rows_of(client, "vacancies-by-district-occupation")}  # fmt: skip
    assert got == {
        "3513": ("Teknisi Jaringan dan Sistem Komputer",
                 "Computer network and systems technicians", "2"),
        "2512": ("Pengembang Perangkat Lunak", "Software developers", "1"),
        "": ("", "", "1"),
    }  # fmt: skip


def test_vacancies_and_skill_demand_per_district_and_month(app, client) -> None:  # type: ignore[no-untyped-def]
    _, python, sql = scene()
    opendata.publish(APRIL)
    got = {(r["month"], r["region_code"]): (r["region_name"], r["vacancies_posted"],
           r["vacancies_open"]) for r in rows_of(client, "vacancies-by-district-occupation")}  # fmt: skip
    assert got == {
        ("2026-03", "3604"): ("Kab. Serang", "2", "2"),
        ("2026-04", "3604"): ("Kab. Serang", "1", "2"),  # March's open one still open
        ("2026-04", "3601"): ("Kab. Pandeglang", "1", "1"),
    }
    demand = {(r["month"], r["region_code"], r["skill_id"]): r
              for r in rows_of(client, "skill-demand-by-district")}  # fmt: skip
    march_python = demand[("2026-03", "3604", python.id)]
    assert (march_python["vacancies_required"], march_python["vacancies_nice_to_have"]) == (
        "2",
        "0",
    )
    assert march_python["skill_uri"] == "http://data.europa.eu/esco/skill/p"
    assert march_python["skill_label_en"] == python.label_en
    assert demand[("2026-03", "3604", sql.id)]["vacancies_nice_to_have"] == "1"
    assert demand[("2026-04", "3604", sql.id)]["vacancies_required"] == "1"
    assert len(demand) == 4


def test_seekers_small_cells_suppressed_directly_and_by_subtraction(app, client) -> None:  # type: ignore[no-untyped-def]
    skill = SkillFactory()
    people = [seeker("3604", "s1", [skill]) for _ in range(6)]
    people += [seeker("3604", "d3", [skill]) for _ in range(2)]
    people += [seeker("3601", "s1", [skill]) for _ in range(3)]
    people.append(seeker("3604", "s1", [skill], origin="extracted"))  # counts as declared
    opendata.publish(APRIL)
    rows = {(r["region_code"], r["education_level"]): (r["seekers"], r["suppressed"])
            for r in rows_of(client, SEEKERS)}  # fmt: skip
    assert rows[("3604", "d3")] == ("", "true")  # 2 people: direct
    assert rows[("3604", "s1")] == ("", "true")  # 7, but total 9 - 7 would give the 2
    assert rows[("3604", "total")] == ("9", "false")
    assert rows[("3601", "s1")] == ("", "true") and rows[("3601", "total")] == ("", "true")
    body = client.get(f"/data/{SEEKERS}/2026-04.json").get_data(as_text=True)
    for text in (client.get(f"/data/{SEEKERS}/2026-04.csv").get_data(as_text=True), body):
        for person in people:
            assert person.email not in text and person.name not in text


def test_a_published_month_stays_the_same_and_the_next_says_what_changed(app, client) -> None:  # type: ignore[no-untyped-def]
    org, python, _ = scene()
    first = opendata.publish(MARCH)
    assert first.rows["vacancies-by-district-occupation"] == 1
    before = client.get("/data/vacancies-by-district-occupation/2026-03.csv").get_data()
    vacancy(org, "3604", datetime(2026, 3, 28), [(python, "required")])  # arrives later
    again = opendata.publish(MARCH)
    assert set(again.rows.values()) == {None}
    assert client.get("/data/vacancies-by-district-occupation/2026-03.csv").get_data() == before
    opendata.publish(APRIL)
    [april, march] = opendata.releases("vacancies-by-district-occupation")
    assert march["changes"] == {"added": 1, "removed": 0, "changed": 0, "period_start": "2026-03"}
    assert april["changes"]["previous"] == "2026-03"
    assert (april["changes"]["added"], april["changes"]["changed"]) == (2, 1)  # 3 now in March
    page = client.get("/data/vacancies-by-district-occupation").get_data(as_text=True)
    assert "2026-03" in page and "2026-04" in page


def test_catalogue_is_data_json_and_every_download_works(app, client) -> None:  # type: ignore[no-untyped-def]
    scene()
    seeker("3604", "s1", [SkillFactory()])
    opendata.publish(APRIL)
    response = client.get("/data/catalog.json")
    assert response.status_code == 200
    catalogue = json.loads(response.get_data(as_text=True))
    assert catalogue["conformsTo"] == "https://project-open-data.cio.gov/v1.1/schema"
    assert len(catalogue["dataset"]) == len(opendata.DATASETS)
    site = app.config["SITE_URL"].rstrip("/")
    seen = 0
    for entry in catalogue["dataset"]:
        for field in ("title", "description", "keyword", "modified", "publisher", "contactPoint",
                      "identifier", "accessLevel", "license", "temporal", "spatial"):  # fmt: skip
            assert entry[field], field
        assert entry["accessLevel"] == "public"
        assert entry["publisher"]["name"] == "Link & Match Banten"
        assert entry["temporal"].endswith("/2026-04-30")
        for distribution in entry["distribution"]:
            assert distribution["downloadURL"].startswith(site + "/data/")
            got = client.get(distribution["downloadURL"].removeprefix(site))
            assert got.status_code == 200
            assert got.mimetype == distribution["mediaType"]
            seen += 1
    assert seen == 2 * len(opendata.DATASETS)


def test_csv_cells_cannot_start_a_formula(app, client) -> None:  # type: ignore[no-untyped-def]
    bad = SkillFactory(label_en='=HYPERLINK("http://evil.example","x")', label_id="+cmd")
    vacancy(OrganisationFactory(), "3604", datetime(2026, 4, 2), [(bad, "required")])
    opendata.publish(APRIL)
    text = client.get("/data/skill-demand-by-district/2026-04.csv").get_data(as_text=True)
    assert "'=HYPERLINK" in text and "'+cmd" in text
    assert ",=HYPERLINK" not in text and ",+cmd" not in text


def test_public_pages_in_indonesian_and_english(app, client) -> None:  # type: ignore[no-untyped-def]
    from tests.test_i18n import switch

    assert "Data terbuka" in client.get("/").get_data(as_text=True)  # footer and home page
    page = client.get("/data/").get_data(as_text=True)
    assert "Data terbuka" in page and "Belum ada rilis" in page
    page = client.get(f"/data/{SEEKERS}").get_data(as_text=True)
    assert "Kamus data" in page and "suppressed" in page
    page = switch(client, "en", f"/data/{SEEKERS}").get_data(as_text=True)
    assert "Data dictionary" in page and "Job seekers by district" in page
    assert client.get("/data/no-such-dataset").status_code == 404
    assert client.get("/data/vacancies-by-district-occupation/2026-13.csv").status_code == 404
    assert client.get("/data/vacancies-by-district-occupation/2026-04.csv").status_code == 404


def test_command_line_and_job(app, runner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from app.jobs import enqueue

    scene()
    result = runner.invoke(args=["opendata", "publish", "--month", "2026-04"])
    assert result.exit_code == 0, result.output
    assert "2026-04 vacancies-by-district-occupation: 3 rows" in result.output
    again = runner.invoke(args=["opendata", "publish", "--month", "2026-04"])
    assert "already published" in again.output
    assert runner.invoke(args=["opendata", "publish", "--month", "April"]).exit_code != 0
    result = runner.invoke(args=["opendata", "export", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert "data.json" in names and "vacancies-by-district-occupation_2026-04.csv" in names
    assert len(names) == 2 * len(opendata.DATASETS) + 1
    json.loads((tmp_path / "out" / "data.json").read_text())
    record = enqueue("opendata.publish", month="2026-03")
    assert record.status == "finished"
    assert (
        db.session.scalar(
            select(OpenDataRelease.row_count).where(
                OpenDataRelease.dataset == "vacancies-by-district-occupation",
                OpenDataRelease.month == MARCH,
            )
        )
        == 1
    )


def test_programme_coverage_counts_the_districts_top_skills_taught(app, client) -> None:  # type: ignore[no-untyped-def]
    _, python, _ = scene()
    school = OrganisationFactory(kind="school", name="SMK Negeri 1 Serang", region=region("3604"))

    def curriculum(org, status: str = "published"):  # type: ignore[no-untyped-def]
        outcome = LearningOutcome(text="Membuat program Python.")
        outcome.skills.append(OutcomeSkill(skill_id=python.id, origin="declared"))
        item = CurriculumFactory(organisation=org, status=status,
                                 units=[CurriculumUnit(name="Pemrograman", outcomes=[outcome])])  # fmt: skip
        item.created_at = datetime(2026, 2, 1)
        db.session.commit()
        return item

    shown = curriculum(school)
    curriculum(school, status="draft")
    curriculum(OrganisationFactory(kind="school", verification_status="pending"))
    opendata.publish(APRIL)
    rows = rows_of(client, "programme-coverage")
    assert len(rows) == 1
    row = rows[0]
    assert (row["curriculum_id"], row["region_code"], row["school"]) == (
        str(shown.id), "3604", "SMK Negeri 1 Serang")  # fmt: skip
    assert (row["top_skills"], row["top_skills_covered"], row["coverage_share"]) == (
        "2",
        "1",
        "0.5",
    )
