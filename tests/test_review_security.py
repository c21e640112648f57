"""Review: ownership on every object route, CSRF, redirects, uploads, XSS."""

from __future__ import annotations

import csv
import io
from urllib.parse import urlencode

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import (
    Application,
    Curriculum,
    GapReportSnapshot,
    OutcomeSkill,
    SeekerSkill,
    Training,
    TrainingSkill,
    VacancySkill,
)
from app.services import gap_reports
from tests.conftest import csrf_token, login_as, post_form
from tests.factories import (
    CurriculumFactory,
    EmployerFactory,
    OrganisationFactory,
    SchoolUserFactory,
    SeekerProfileFactory,
    SkillFactory,
    UserFactory,
    VacancyFactory,
)


def _snapshot(curriculum):  # type: ignore[no-untyped-def]
    return gap_reports.create_snapshot(curriculum, gap_reports.GapRequest(region="all"), None)


def test_employer_routes_refuse_another_employers_objects(client) -> None:  # type: ignore[no-untyped-def]
    skill = SkillFactory()
    theirs = VacancyFactory()
    theirs.skills.append(VacancySkill(skill_id=skill.id, importance="required", origin="extracted"))
    seeker = SeekerProfileFactory()
    db.session.add(Application(profile=seeker, vacancy=theirs, message="halo"))
    db.session.commit()
    application = db.session.scalar(select(Application))
    link = theirs.skills[0]
    me = EmployerFactory()
    login_as(client, me)
    token = csrf_token(client, "/employer/vacancies/new")
    for url in (
        f"/employer/vacancies/{theirs.id}",
        f"/employer/vacancies/{theirs.id}/edit",
        f"/employer/vacancies/{theirs.id}/candidates",
        f"/employer/vacancies/{theirs.id}/applications",
    ):
        assert client.get(url).status_code == 403, url
    for url, data in (
        (f"/employer/vacancies/{theirs.id}/edit", {"title": "x"}),
        (f"/employer/vacancies/{theirs.id}/status", {"action": "close"}),
        (f"/employer/vacancies/{theirs.id}/skills", {"skill_id": skill.id}),
        (f"/employer/vacancies/{theirs.id}/skills/{link.id}/remove", {}),
        (
            f"/employer/vacancies/{theirs.id}/skills/{link.id}/importance",
            {"importance": "preferred"},
        ),
        (f"/employer/applications/{application.id}/status", {"status": "hired"}),
    ):
        assert client.post(url, data={**data, "csrf_token": token}).status_code == 403, url
    db.session.expire_all()
    assert theirs.status == "open" and not theirs.skills[0].rejected
    assert theirs.skills[0].importance == "required"
    assert db.session.get(Application, application.id).status == "applied"


def test_employer_cannot_reach_own_skill_link_through_another_vacancy(client) -> None:  # type: ignore[no-untyped-def]
    skill = SkillFactory()
    me = EmployerFactory()
    mine = VacancyFactory(organisation=me.organisation)
    theirs = VacancyFactory()
    theirs.skills.append(VacancySkill(skill_id=skill.id, importance="required", origin="extracted"))
    db.session.commit()
    login_as(client, me)
    token = csrf_token(client, "/employer/vacancies/new")
    answer = client.post(
        f"/employer/vacancies/{mine.id}/skills/{theirs.skills[0].id}/remove",
        data={"csrf_token": token},
    )
    assert answer.status_code == 404
    db.session.expire_all()
    assert not theirs.skills[0].rejected


def test_school_routes_refuse_another_schools_objects(client) -> None:  # type: ignore[no-untyped-def]
    skill = SkillFactory()
    theirs = CurriculumFactory()
    outcome = theirs.units[0].outcomes[0]
    outcome.skills.append(OutcomeSkill(skill_id=skill.id, origin="extracted"))
    db.session.commit()
    foreign = _snapshot(theirs)
    me = SchoolUserFactory()
    mine = CurriculumFactory(organisation=me.organisation)
    own = _snapshot(mine)
    login_as(client, me)
    token = csrf_token(client, "/school/curricula/new")
    for url in (
        f"/school/curricula/{theirs.id}",
        f"/school/curricula/{theirs.id}/gap",
        f"/school/curricula/{theirs.id}/gap?region=all",
        f"/school/curricula/{theirs.id}/gap/snapshots",
        f"/school/gap-reports/{foreign.id}",
        f"/school/gap-reports/{foreign.id}.csv",
        f"/school/gap-reports/{foreign.id}.pdf",
        f"/school/gap-reports/compare?a={own.id}&b={foreign.id}",
        f"/school/gap-reports/compare?a={foreign.id}&b={own.id}",
    ):
        assert client.get(url).status_code == 403, url
    link = outcome.skills[0]
    for url, data in (
        (f"/school/curricula/{theirs.id}/outcomes/{outcome.id}/skills", {"skill_id": skill.id}),
        (f"/school/curricula/{theirs.id}/outcomes/{outcome.id}/skills/{link.id}/remove", {}),
        (f"/school/curricula/{theirs.id}/outcomes/{outcome.id}/skills/{link.id}/accept", {}),
        (f"/school/curricula/{theirs.id}/extract", {}),
        (f"/school/curricula/{theirs.id}/gap", {"region": "all"}),
    ):
        assert client.post(url, data={**data, "csrf_token": token}).status_code == 403, url
    # an outcome of another school reached through one of mine
    answer = client.post(
        f"/school/curricula/{mine.id}/outcomes/{outcome.id}/skills/{link.id}/remove",
        data={"csrf_token": token},
    )
    assert answer.status_code == 404
    db.session.expire_all()
    assert not link.rejected and link.origin == "extracted"
    assert db.session.scalar(select(func.count(GapReportSnapshot.id))) == 2


def test_provider_routes_refuse_another_providers_training(client) -> None:  # type: ignore[no-untyped-def]
    skill = SkillFactory()
    other = Training(
        organisation=OrganisationFactory(kind="training_provider"),
        title="X",
        mode="online",
        skills=[TrainingSkill(skill_id=skill.id, origin="extracted")],
    )
    db.session.add(other)
    db.session.commit()
    login_as(client, SchoolUserFactory())
    token = csrf_token(client, "/school/trainings/new")
    link = other.skills[0]
    for url, data in (
        (f"/school/trainings/{other.id}/edit", {"title": "Y", "mode": "online"}),
        (f"/school/trainings/{other.id}/skills", {"skill_id": skill.id}),
        (f"/school/trainings/{other.id}/skills/{link.id}/remove", {}),
        (f"/school/trainings/{other.id}/skills/{link.id}/importance", {}),
    ):
        assert client.post(url, data={**data, "csrf_token": token}).status_code == 403, url
    db.session.expire_all()
    assert other.title == "X" and not link.rejected


def test_hidden_seekers_never_reach_employers(client) -> None:  # type: ignore[no-untyped-def]
    """A hidden seeker with every skill the vacancy asks for stays off its candidates page,
    while a visible one with the same skills is on it (so the page would show a match)."""
    wanted = SkillFactory()
    me = EmployerFactory()
    mine = VacancyFactory(organisation=me.organisation)
    mine.skills.append(VacancySkill(skill_id=wanted.id, importance="required", origin="declared"))
    for visibility, headline in (("hidden", "RAHASIA-HIDDEN"), ("visible", "TERBUKA-VISIBLE")):
        profile = SeekerProfileFactory(visibility=visibility, headline=headline)
        profile.skills.append(SeekerSkill(skill_id=wanted.id, origin="declared"))
    db.session.commit()
    login_as(client, me)
    page = client.get(f"/employer/vacancies/{mine.id}/candidates").get_data(as_text=True)
    assert "TERBUKA-VISIBLE" in page
    assert "RAHASIA-HIDDEN" not in page


OFF_SITE = ["/\t/evil.example", "/\n/evil.example", "/\\evil.example", "//evil.example"]


@pytest.mark.parametrize("target", OFF_SITE + ["https://evil.example/"])
def test_login_next_never_leads_off_site(client, target: str) -> None:  # type: ignore[no-untyped-def]
    user = UserFactory()
    token = csrf_token(client, "/auth/login")
    answer = client.post(
        "/auth/login?" + urlencode({"next": target}),
        data={"email": user.email, "password": "rahasia123", "csrf_token": token},
    )
    assert answer.status_code == 302
    assert answer.headers["Location"] == "/dashboard"


def test_login_next_keeps_a_path_on_this_site(client) -> None:  # type: ignore[no-untyped-def]
    user = UserFactory()
    token = csrf_token(client, "/auth/login")
    answer = client.post(
        "/auth/login?" + urlencode({"next": "/seeker/skills?x=1"}),
        data={"email": user.email, "password": "rahasia123", "csrf_token": token},
    )
    assert answer.headers["Location"] == "/seeker/skills?x=1"


@pytest.mark.parametrize("target", OFF_SITE)
def test_language_switch_never_leads_off_site(client, target: str) -> None:  # type: ignore[no-untyped-def]
    answer = post_form(client, "/", "/language", {"locale": "en", "next": target})
    assert answer.status_code == 302
    assert answer.headers["Location"] == "/"


def test_review_refuses_values_longer_than_their_column(client) -> None:  # type: ignore[no-untyped-def]
    """On PostgreSQL a too-long programme or unit name failed with a 500; now the review page
    names the field and nothing is saved."""
    from tests.app.schools.test_curricula import EXAMPLES, review_fields, upload

    login_as(client, SchoolUserFactory())
    html = upload(client, "template.json", (EXAMPLES / "template.json").read_bytes())
    fields = review_fields(html.get_data(as_text=True))
    fields["programme"] = "P" * 201
    fields["units-0-code"] = "C" * 41
    fields["units-1-name"] = "N" * 251
    page = client.post("/school/curricula/new/review", data=fields)
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert 'data-testid="review-issues"' in text
    for field in ("programme", "units[0].code", "units[1].name"):
        assert field in text
    assert "200" in text and "250" in text and "40" in text
    assert db.session.scalar(select(func.count(Curriculum.id))) == 0
    fields.update({"programme": "P" * 200, "units-0-code": "C" * 40, "units-1-name": "N" * 250})
    assert client.post("/school/curricula/new/review", data=fields).status_code == 302


def test_gap_report_csv_cannot_carry_spreadsheet_formulas(client) -> None:  # type: ignore[no-untyped-def]
    """Employer names and vacancy sentences come from other organisations; a cell starting
    with = + - @ would run as a formula when the school opens the CSV in a spreadsheet."""
    from tests.app.schools.test_gap_reports import vacancy

    wanted = SkillFactory(label_en="Alpha", label_id="Alfa")
    employer = OrganisationFactory(name='=HYPERLINK("http://evil.example","klik")')
    for _ in range(5):
        vacancy(employer, [(wanted, "required")])
    school = SchoolUserFactory()
    curriculum = CurriculumFactory(organisation=school.organisation)
    snapshot = gap_reports.create_snapshot(curriculum, gap_reports.GapRequest("own"), school)
    login_as(client, school)
    answer = client.get(f"/school/gap-reports/{snapshot.id}.csv")
    rows = list(csv.DictReader(io.StringIO(answer.get_data(as_text=True))))
    missing = [r for r in rows if r["list"] == "missing"]
    assert missing and missing[0]["partners"].startswith("'=HYPERLINK(")
    for row in rows:
        for value in row.values():
            assert not (value or "").startswith(("=", "+", "-", "@")), row


def test_oversized_upload_returns_to_the_form_naming_the_limit(client, app) -> None:  # type: ignore[no-untyped-def]
    login_as(client, UserFactory())
    token = csrf_token(client, "/seeker/skills")
    big = io.BytesIO(b"a" * (app.config["MAX_CONTENT_LENGTH"] + 1))
    answer = client.post(
        "/seeker/cv",
        data={"csrf_token": token, "file": (big, "cv.txt")},
        content_type="multipart/form-data",
        follow_redirects=True,
    )
    assert answer.status_code == 200
    page = answer.get_data(as_text=True)
    assert "paling besar 2 MB" in page and 'name="file"' in page


def test_cv_whose_content_does_not_match_its_name_is_refused(client) -> None:  # type: ignore[no-untyped-def]
    login_as(client, UserFactory())
    token = csrf_token(client, "/seeker/skills")
    answer = client.post(
        "/seeker/cv",
        data={"csrf_token": token, "file": (io.BytesIO(b"\x00\x01binary\x00"), "cv.pdf")},
        content_type="multipart/form-data",
    )
    assert answer.status_code == 400


def test_posts_without_a_csrf_token_are_refused(client) -> None:  # type: ignore[no-untyped-def]
    me = EmployerFactory()
    mine = VacancyFactory(organisation=me.organisation)
    login_as(client, me)
    answer = client.post(f"/employer/vacancies/{mine.id}/status", data={"action": "close"})
    assert answer.status_code == 400
    db.session.expire_all()
    assert mine.status == "open"
