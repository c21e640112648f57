"""Gap reports from a small hand-built case: the numbers follow from the data, the
not-enough-data rule, snapshots and their comparison, CSV/PDF exports, the command line."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import (
    Curriculum,
    CurriculumUnit,
    GapReportSnapshot,
    LearningOutcome,
    OccupationGroup,
    OutcomeSkill,
    Region,
    Vacancy,
    VacancySkill,
)
from app.models.base import utcnow
from app.schools.cli import curricula_cli
from app.services import gap_reports
from app.services.linking import SkillSuggestion
from tests.app.services.planner.scene import load_occupations
from tests.conftest import AuthActions, login_as, post_form
from tests.factories import (
    OrganisationFactory,
    SchoolUserFactory,
    SkillFactory,
    VacancyFactory,
    any_region,
)

EXAMPLES = Path(__file__).resolve().parents[3] / "curricula" / "examples"


def other_region() -> Region:
    return db.session.scalars(select(Region).order_by(Region.code.desc())).first()


def vacancy(employer, skills, region=None, **fields):  # type: ignore[no-untyped-def]
    """An open vacancy posted now, asking for ``skills`` [(skill, importance)]; a software
    developer's (KBJI 2512, of the PPLG field) unless ``occupation_code`` says otherwise."""
    fields.setdefault("occupation_code", "2512")
    if (
        fields["occupation_code"]
        and db.session.get(OccupationGroup, fields["occupation_code"]) is None
    ):
        load_occupations()  # the vacancy refers to its KBJI group
    item = VacancyFactory(
        organisation=employer, region=region or any_region(), posted_at=utcnow(), **fields
    )
    for skill, importance in skills:
        item.skills.append(
            VacancySkill(
                skill_id=skill.id,
                importance=importance,
                origin="declared",
                evidence=f"Menguasai {skill.label_en}.",
            )
        )
    db.session.commit()
    return item


@pytest.fixture
def case(app):  # type: ignore[no-untyped-def]
    """Five open vacancies in the school's region: each requires s1 and would like s2; two of
    them also require s3. The curriculum teaches s1. Noise that must not count: a vacancy in
    another region, a draft, one closed two years ago."""
    load_occupations()
    s1 = SkillFactory(label_en="Alpha", label_id="Alfa", group="web")
    s2 = SkillFactory(label_en="Beta", label_id="Beta", group="web")
    s3 = SkillFactory(label_en="Gamma", label_id="Gama", group="data")
    employer = OrganisationFactory(name="PT Mitra Industri")
    for n in range(5):
        skills = [(s1, "required"), (s2, "preferred")] + ([(s3, "required")] if n < 2 else [])
        vacancy(employer, skills)
    vacancy(employer, [(s3, "required")], region=other_region())
    vacancy(employer, [(s3, "required")], status="draft")
    old = vacancy(employer, [(s3, "required")], status="closed")
    old.posted_at = utcnow() - timedelta(days=800)
    old.updated_at = utcnow() - timedelta(days=760)
    db.session.commit()
    school = SchoolUserFactory()
    curriculum = Curriculum(
        organisation_id=school.organisation_id,
        programme="PPLG",
        concentration="RPL",
        level="smk",
        version_year=2025,
        units=[
            CurriculumUnit(
                name="Pemrograman Web",
                position=0,
                outcomes=[
                    LearningOutcome(
                        text="Mampu Alpha.",
                        skills=[OutcomeSkill(skill_id=s1.id, origin="declared")],
                    )
                ],
            )
        ],
    )
    db.session.add(curriculum)
    db.session.commit()
    return {
        "s1": s1,
        "s2": s2,
        "s3": s3,
        "school": school,
        "curriculum": curriculum,
        "employer": employer,
    }


def test_report_numbers_follow_from_the_data(case) -> None:
    report = gap_reports.compute_report(case["curriculum"], gap_reports.GapRequest("own"), "en")
    total = 5 * 1.0 + 5 * 0.5 + 2 * 1.0  # required 1, nice-to-have 0.5, no age decay today
    assert report["enough_data"] is True
    assert report["vacancies_considered"] == 5
    assert report["coverage"] == pytest.approx(5 / total)
    missing = {m["skill"]: m for m in report["missing"]}
    assert list(missing) == ["Beta", "Gamma"]  # ranked by demand share
    assert missing["Beta"]["demand_share"] == pytest.approx(2.5 / total)
    assert missing["Beta"]["vacancies"] == 5
    assert missing["Gamma"]["demand_share"] == pytest.approx(2 / total)
    assert missing["Gamma"]["vacancies"] == 2
    assert missing["Gamma"]["evidence"] == ["Menguasai Gamma."]
    assert missing["Gamma"]["partners"] == [{"employer": "PT Mitra Industri", "vacancies": 2}]
    assert [(c["skill"], c["vacancies"]) for c in report["covered"]] == [("Alpha", 5)]
    assert report["covered"][0]["demand_share"] == pytest.approx(5 / total)
    assert report["units"][0]["coverage"] == pytest.approx(5 / total)
    groups = {g["group"]: g for g in report["groups"]}
    assert groups["web"]["coverage"] == pytest.approx(5 / 7.5)
    assert groups["data"]["coverage"] == 0


def test_area_all_counts_other_regions(case) -> None:
    report = gap_reports.compute_report(case["curriculum"], gap_reports.GapRequest("all"), "en")
    assert report["vacancies_considered"] == 6
    assert report["request"]["region_names"] is None


def test_related_only_keeps_the_demand_of_the_programmes_field(case, runner) -> None:
    wide = gap_reports.compute_report(case["curriculum"], gap_reports.GapRequest("own"), "en")
    narrow = gap_reports.compute_report(
        case["curriculum"], gap_reports.GapRequest("own", related_only=True), "en"
    )
    assert narrow["request"]["related_only"] is True
    assert narrow["vacancies_considered"] == wide["vacancies_considered"] == 5
    assert [m["skill"] for m in wide["missing"]] == ["Beta", "Gamma"]
    assert [m["skill"] for m in narrow["missing"]] == ["Beta"]  # same group as Alpha
    total = 5 * 1.0 + 5 * 0.5  # Gamma's demand is outside the field
    assert narrow["coverage"] == pytest.approx(5 / total)
    result = runner.invoke(
        curricula_cli, ["gap-report", str(case["curriculum"].id), "--related", "--json"]
    )
    assert [m["skill"] for m in json.loads(result.output)["missing"]] == ["Beta"]


def test_not_enough_data_says_so_instead_of_guessing(case, client) -> None:
    region = other_region()
    for item in db.session.scalars(select(Vacancy)):
        item.occupation_code = "3513"  # network technicians: none of the PPLG field
    db.session.commit()
    request = gap_reports.GapRequest("set", (region.id,), scope="field")
    report = gap_reports.compute_report(case["curriculum"], request, "en")
    assert report["enough_data"] is False  # not in the region, nor in all of Banten
    assert report["coverage"] is None
    assert report["vacancies_considered"] == 0
    assert report["request"]["fallback"] == {"region_names": [region.name], "vacancies": 0}
    assert report["missing"] == [] and report["covered"] == []
    login_as(client, case["school"])
    page = client.get(
        f"/school/curricula/{case['curriculum'].id}/gap?region=set&region_ids={region.id}"
        "&months=12&scope=field"
    )
    assert page.status_code == 200
    assert 'data-testid="not-enough-data"' in page.get_data(as_text=True)


def test_window_counts_recently_closed_vacancies(case) -> None:
    recent = vacancy(case["employer"], [(case["s3"], "required")], status="closed")
    recent.updated_at = utcnow() - timedelta(days=75)  # two calendar months back
    db.session.commit()
    report = gap_reports.compute_report(case["curriculum"], gap_reports.GapRequest("own"), "en")
    assert report["vacancies_considered"] == 6
    short = gap_reports.compute_report(
        case["curriculum"], gap_reports.GapRequest("own", months=1), "en"
    )
    assert short["vacancies_considered"] == 5


def count_snapshots() -> int:
    return db.session.scalar(select(func.count(GapReportSnapshot.id)))


def test_opening_a_report_stores_nothing(case, client, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """GET computes (with new parameters too); only the explicit POST stores a snapshot. An
    outcome never read is read by the curriculum's skills job that the first GET starts (the
    preview's own reading is rolled back), once, not by every GET."""
    curriculum = case["curriculum"]
    outcome = LearningOutcome(
        text="Mampu Gamma.", position=1
    )  # no skills yet: read while computing
    curriculum.units[0].outcomes.append(outcome)
    db.session.commit()
    gamma = SkillSuggestion(case["s3"].id, 0.9, "Mampu Gamma.", "lexical")
    read: list[str] = []

    def read_skills_many(texts):  # type: ignore[no-untyped-def]
        read.extend(texts)
        return (
            [[gamma] if "Gamma" in text else [] for text in texts],
            [[gamma.skill_id] if "Gamma" in text else [] for text in texts],
        )

    monkeypatch.setattr("app.services.curricula.read_skills_many", read_skills_many)
    login_as(client, case["school"])
    for query in ("", "?region=all&months=6", "?region=own&months=12&related_only=y"):
        page = client.get(f"/school/curricula/{curriculum.id}/gap{query}")
        assert page.status_code == 200, query
        html = page.get_data(as_text=True)
        assert 'data-testid="coverage"' in html and 'data-testid="not-saved"' in html
        assert 'data-testid="save-report"' in html and ".csv" not in html
    assert count_snapshots() == 0
    assert read.count("Mampu Gamma.") == 2  # the first GET, then its job; no later GET
    db.session.expire_all()
    assert [s.skill_id for s in db.session.get(LearningOutcome, outcome.id).skills] == [
        case["s3"].id
    ]
    answer = post_form(
        client,
        f"/school/curricula/{curriculum.id}/gap",
        f"/school/curricula/{curriculum.id}/gap",
        {"region": "all", "months": "6"},
    )
    assert answer.status_code == 302
    assert count_snapshots() == 1
    stored = db.session.scalars(select(GapReportSnapshot)).one()
    assert stored.parameters["region"] == "all" and stored.parameters["months"] == 6
    db.session.expire_all()
    assert [s.skill_id for s in db.session.get(LearningOutcome, outcome.id).skills] == [
        gamma.skill_id
    ]
    # the same parameters again show the stored report, still without storing another
    page = client.get(f"/school/curricula/{curriculum.id}/gap?region=all&months=6")
    assert f"#{stored.id}" in page.get_data(as_text=True)
    assert count_snapshots() == 1


def test_saving_a_report_needs_the_csrf_token(case, client) -> None:
    login_as(client, case["school"])
    answer = client.post(
        f"/school/curricula/{case['curriculum'].id}/gap", data={"region": "all", "months": "6"}
    )
    assert answer.status_code == 400
    assert count_snapshots() == 0


def test_page_stores_snapshots_and_compares_them(case, client) -> None:
    curriculum = case["curriculum"]
    login_as(client, case["school"])
    page = client.get(f"/school/curricula/{curriculum.id}/gap")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'data-testid="coverage"' in html and "Beta" in html and "PT Mitra Industri" in html
    assert count_snapshots() == 0
    gap_url = f"/school/curricula/{curriculum.id}/gap"
    assert post_form(client, gap_url, gap_url, {"region": "own", "months": "12"}).status_code == 302
    first = db.session.scalars(select(GapReportSnapshot)).one()
    assert first.parameters["months"] == 12 and first.parameters["region"] == "own"
    assert client.get(gap_url).status_code == 200
    assert count_snapshots() == 1  # the stored one is shown
    # the school now teaches Beta: recompute and compare
    outcome = curriculum.units[0].outcomes[0]
    outcome.skills.append(OutcomeSkill(skill_id=case["s2"].id, origin="declared"))
    db.session.commit()
    answer = post_form(client, gap_url, gap_url, {"region": "own", "months": "12"})
    assert answer.status_code == 302
    second = db.session.scalars(
        select(GapReportSnapshot).order_by(GapReportSnapshot.id.desc())
    ).first()
    assert second.id != first.id
    assert second.coverage == pytest.approx(7.5 / 9.5)
    listing = client.get(f"/school/curricula/{curriculum.id}/gap/snapshots")
    assert f"#{second.id}" in listing.get_data(as_text=True)
    compared = client.get(f"/school/gap-reports/compare?a={first.id}&b={second.id}")
    text = compared.get_data(as_text=True)
    assert compared.status_code == 200
    now_covered = text.split('data-testid="now-covered"')[1].split("</ul>")[0]
    assert "Beta" in now_covered
    assert "+26.3" in text  # 2.5 / 9.5 percentage points


@pytest.mark.parametrize(
    ("locale", "shown", "hidden"),
    [
        ("id", "Perangkat lunak pengembangan platform web", "Web platform development software"),
        ("en", "Web platform development software", "Perangkat lunak pengembangan platform web"),
    ],
)
def test_page_names_skill_groups_in_the_site_language(case, client, locale, shown, hidden) -> None:  # type: ignore[no-untyped-def]
    """The vocabulary keys groups in English; the Indonesian page shows the project's label
    (``group_labels.csv``) in the chart and under the missing skill, the English page the key."""
    case["s2"].group = "Web platform development software"
    db.session.commit()
    login_as(client, case["school"])
    with client.session_transaction() as session:
        session["locale"] = locale
    html = client.get(f"/school/curricula/{case['curriculum'].id}/gap").get_data(as_text=True)
    bars = html.split('data-testid="group-bar"')[1:]
    assert any(f'title="{shown}">{shown}</div>' in bar for bar in bars)
    assert f'data-testid="skill-group">{shown}</div>' in html
    assert hidden not in html


def test_csv_and_pdf_exports(case, client) -> None:
    snapshot = gap_reports.create_snapshot(
        case["curriculum"], gap_reports.GapRequest("own"), case["school"], "en"
    )
    login_as(client, case["school"])
    answer = client.get(f"/school/gap-reports/{snapshot.id}.csv")
    assert answer.status_code == 200 and answer.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(answer.get_data(as_text=True))))
    assert [(r["list"], r["skill"]) for r in rows] == [
        ("summary", ""),
        ("missing", "Beta"),
        ("missing", "Gamma"),
        ("covered", "Alpha"),
    ]
    assert float(rows[0]["coverage"]) == pytest.approx(5 / 9.5, abs=1e-4)
    pdf = client.get(f"/school/gap-reports/{snapshot.id}.pdf")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    assert pdf.data.startswith(b"%PDF")
    other = SchoolUserFactory(organisation=OrganisationFactory(kind="school"))
    AuthActions(client).logout()
    login_as(client, other)
    for suffix in (".csv", ".pdf", ""):
        assert client.get(f"/school/gap-reports/{snapshot.id}{suffix}").status_code == 403


def test_cli_gap_report_json(case, runner) -> None:
    result = runner.invoke(curricula_cli, ["gap-report", str(case["curriculum"].id), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert 0 <= report["coverage"] <= 1 and report["vacancies_considered"] == 5
    for key in ("missing", "covered", "surplus"):
        assert isinstance(report[key], list)
    for item in report["missing"] + report["covered"]:
        assert {"skill", "demand_share", "vacancies"} <= item.keys()
    assert all("suggested_unit" in m for m in report["missing"])
    narrow = runner.invoke(
        curricula_cli,
        ["gap-report", str(case["curriculum"].id), "--region", other_region().name, "--json"],
    )
    thin = json.loads(narrow.output)  # one vacancy there: all of Banten, with a note
    assert thin["request"]["fallback"] == {"region_names": [other_region().name], "vacancies": 1}
    assert thin["vacancies_considered"] == 6 and thin["request"]["region_names"] is None
    missing = runner.invoke(curricula_cli, ["gap-report", "999999", "--json"])
    assert missing.exit_code != 0


def test_cli_import_prints_the_id_and_refuses_bad_files(app, runner, tmp_path) -> None:
    school = SchoolUserFactory()
    result = runner.invoke(
        curricula_cli,
        [
            "import",
            str(EXAMPLES / "smk_tjkt_tkj.txt"),
            "--school",
            school.email,
            "--programme",
            "TJKT",
            "--year",
            "2026",
        ],
    )
    assert result.exit_code == 0, result.output
    curriculum = db.session.get(Curriculum, int(result.stdout.strip().splitlines()[-1]))
    assert curriculum.programme == "TJKT" and curriculum.version_year == 2026
    assert len(curriculum.units) == 6
    bad = tmp_path / "bad.csv"
    bad.write_text("unit_name,phase,outcome\nA,Z,x\nB,E,\n,E,y\n", encoding="utf-8")
    before = db.session.scalar(select(func.count(Curriculum.id)))
    result = runner.invoke(curricula_cli, ["import", str(bad), "--school", school.email])
    assert result.exit_code != 0
    assert "Baris 2" in result.output and "Baris 4" in result.output
    assert db.session.scalar(select(func.count(Curriculum.id))) == before
    nobody = runner.invoke(curricula_cli, ["import", str(bad), "--school", "x@example.com"])
    assert nobody.exit_code != 0
