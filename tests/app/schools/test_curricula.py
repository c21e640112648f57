"""Curricula on the web: upload of every example format, review and correction, skills of
outcomes, errors that save nothing, ownership."""

from __future__ import annotations

import io
from html.parser import HTMLParser
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import Curriculum, LearningOutcome, OutcomeSkill
from curricula import parse_document
from tests.conftest import csrf_token, login_as, post_form
from tests.factories import CurriculumFactory, EmployerFactory, SchoolUserFactory

EXAMPLES = Path(__file__).resolve().parents[3] / "curricula" / "examples"
EXAMPLE_FILES = [
    "template.csv",
    "template.json",
    "smk_pplg_rpl.md",
    "smk_tjkt_tkj.txt",
    "d3_teknik_informatika.md",
    "smk_dkv.docx",
    "d3_sistem_informasi.pdf",
]


class FormFields(HTMLParser):
    """The fields a browser would submit from one form (found by its data-testid)."""

    def __init__(self, testid: str) -> None:
        super().__init__()
        self.testid, self.inside, self.fields = testid, False, []
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "form":
            self.inside = a.get("data-testid") == self.testid
        if not self.inside:
            return
        if tag == "input" and a.get("name"):
            if a.get("type") == "checkbox" and "checked" not in a:
                return
            self.fields.append((a["name"], a.get("value") or ""))
        elif tag == "textarea":
            self._textarea = a["name"]
            self.fields.append((a["name"], ""))
        elif tag == "select":
            self._select = a["name"]
        elif tag == "option" and self._select and "selected" in a:
            self.fields.append((self._select, a.get("value") or ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.inside = False
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data: str) -> None:
        if self._textarea:
            name, value = self.fields[-1]
            self.fields[-1] = (name, value + data)


def review_fields(html: str) -> dict[str, str]:
    parser = FormFields("review-form")
    parser.feed(html)
    return dict(parser.fields)


def upload(client, filename: str, data: bytes, **fields):  # type: ignore[no-untyped-def]
    token = csrf_token(client, "/school/curricula/new")
    payload = {"csrf_token": token, "file": (io.BytesIO(data), filename), **fields}
    return client.post("/school/curricula/new", data=payload, content_type="multipart/form-data")


def count(model) -> int:  # type: ignore[no-untyped-def]
    return db.session.scalar(select(func.count()).select_from(model))


@pytest.fixture
def school(app):  # type: ignore[no-untyped-def]
    return SchoolUserFactory()


@pytest.mark.parametrize("filename", EXAMPLE_FILES)
def test_upload_review_and_save_each_example_format(client, school, filename: str) -> None:
    login_as(client, school)
    data = (EXAMPLES / filename).read_bytes()
    expected = parse_document(data, filename).curriculum
    page = upload(client, filename, data, version_year="2026")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'data-testid="review-form"' in html
    for unit in expected.units:
        assert f'value="{unit.name}"'.replace("&", "&amp;") in html or unit.name in html
    assert count(Curriculum) == 0  # nothing saved before the school confirms
    fields = review_fields(html)
    response = client.post("/school/curricula/new/review", data=fields)
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    saved = db.session.scalars(select(Curriculum)).one()
    assert saved.organisation_id == school.organisation_id
    assert saved.version_year == 2026  # the school's field wins over the document
    assert [u.name for u in saved.units] == [u.name for u in expected.units]
    assert [[o.text for o in u.outcomes] for u in saved.units] == [
        [o.text for o in u.outcomes] for u in expected.units
    ]
    assert [(u.code, u.phase, u.semester, u.hours, u.credits) for u in saved.units] == [
        (u.code, u.phase, u.semester, u.hours, u.credits) for u in expected.units
    ]
    shown = client.get(response.headers["Location"]).get_data(as_text=True)
    assert expected.units[0].outcomes[0].text in shown


def test_review_corrections_are_saved(client, school) -> None:
    login_as(client, school)
    html = upload(client, "template.json", (EXAMPLES / "template.json").read_bytes()).get_data(
        as_text=True
    )
    fields = review_fields(html)
    fields["units-0-name"] = "Pemrograman Web Dasar"
    fields["units-0-outcomes-0"] = ""  # cleared: removed
    fields["units-0-outcomes-9"] = "Peserta mampu menulis kueri SQL sederhana."  # added
    fields["units-1-remove"] = "1"
    fields["units-2-credits"] = "3"
    assert client.post("/school/curricula/new/review", data=fields).status_code == 302
    saved = db.session.scalars(select(Curriculum)).one()
    assert [u.name for u in saved.units][0] == "Pemrograman Web Dasar"
    assert len(saved.units) == 2
    assert saved.units[0].outcomes[-1].text == "Peserta mampu menulis kueri SQL sederhana."
    assert saved.units[1].credits == 3


def test_review_errors_name_the_field_and_save_nothing(client, school) -> None:
    login_as(client, school)
    html = upload(client, "template.csv", (EXAMPLES / "template.csv").read_bytes()).get_data(
        as_text=True
    )
    fields = review_fields(html)
    fields["units-0-name"] = ""
    fields["units-1-semester"] = "dua"
    page = client.post("/school/curricula/new/review", data=fields)
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert 'data-testid="review-issues"' in text
    assert "units[0].name" in text and "units[1].semester" in text
    assert count(Curriculum) == 0


@pytest.mark.parametrize(
    ("filename", "data", "expected"),
    [
        ("bad.csv", b"unit_name;phase\nBasis Data;E\n", "outcome"),
        ("bad.csv", b"unit_name,phase,outcome\nBasis Data,Z,Mampu merancang tabel\n", "Z"),
        ("bad.json", b'{"units": [', "JSON"),
        ("scan.pdf", b"just text, not a PDF", "pdf"),
        ("empty.md", b"   \n", ""),
        ("notes.md", b"Mampu membuat website.\n", ""),
    ],
)
def test_bad_files_say_why_and_save_nothing(client, school, filename, data, expected) -> None:
    login_as(client, school)
    page = upload(client, filename, data)
    text = page.get_data(as_text=True)
    assert 'data-testid="parse-issues"' in text
    assert expected in text
    assert count(Curriculum) == 0 and count(LearningOutcome) == 0


def test_parse_issue_names_the_line(client, school) -> None:
    login_as(client, school)
    data = b"unit_name,phase,outcome\nBasis Data,E,Mampu merancang tabel\nWeb,Q,Mampu HTML\n"
    text = upload(client, "bad.csv", data).get_data(as_text=True)
    assert "Line 3" in text or "Baris 3" in text


def test_other_extensions_are_refused_by_the_form(client, school) -> None:
    login_as(client, school)
    text = upload(client, "kurikulum.xlsx", b"PK\x03\x04").get_data(as_text=True)
    assert "is-invalid" in text and count(Curriculum) == 0


def test_outcome_skills_are_extracted_with_evidence_and_editable(client, school, vocab) -> None:
    login_as(client, school)
    csv_data = (
        b"unit_name,phase,outcome\n"
        b"Pemrograman Web,F,Peserta didik mampu membangun aplikasi web dengan PHP dan MySQL.\n"
    )
    html = upload(
        client, "web.csv", csv_data, programme="PPLG", level="smk", version_year="2025"
    ).get_data(as_text=True)
    response = client.post("/school/curricula/new/review", data=review_fields(html))
    assert response.status_code == 302
    curriculum = db.session.scalars(select(Curriculum)).one()
    outcome = curriculum.units[0].outcomes[0]
    links = sorted(outcome.skills, key=lambda link: link.skill.label_en)
    assert len(links) >= 2, [link.skill.label_en for link in links]
    assert {"PHP", "MySQL"} & {link.skill.label_en for link in links}
    assert all(link.origin == "extracted" and link.evidence for link in links)
    accepted, removed = links[0], links[1]
    page = f"/school/curricula/{curriculum.id}"
    base = f"{page}/outcomes/{outcome.id}/skills"
    post_form(client, page, f"{base}/{accepted.id}/accept", {})
    post_form(client, page, f"{base}/{removed.id}/remove", {})
    db.session.expire_all()
    assert db.session.get(OutcomeSkill, accepted.id).origin == "declared"
    assert db.session.get(OutcomeSkill, removed.id).rejected
    shown = client.get(page).get_data(as_text=True)
    assert f'data-testid="skill-{removed.skill_id}"' not in shown
    laravel = next(s for s in vocab_skills() if s.label_en == "Laravel")
    post_form(client, page, base, {"skill_id": laravel.id})
    db.session.expire_all()
    added = db.session.scalars(
        select(OutcomeSkill).where(OutcomeSkill.skill_id == laravel.id)
    ).one()
    assert added.origin == "declared" and added.outcome_id == outcome.id


def test_skills_are_read_again_keeping_the_schools_choices(client, school, vocab) -> None:
    curriculum = CurriculumFactory(organisation=school.organisation)
    outcome = curriculum.units[0].outcomes[0]
    outcome.text = "Peserta didik mampu membuat basis data MySQL dan menulis kueri SQL."
    db.session.commit()
    login_as(client, school)
    page = f"/school/curricula/{curriculum.id}"
    assert post_form(client, page, f"{page}/extract", {}).status_code == 302
    db.session.expire_all()
    links = db.session.get(LearningOutcome, outcome.id).skills
    assert links and all(link.origin == "extracted" for link in links)
    removed = links[0]
    post_form(client, page, f"{page}/outcomes/{outcome.id}/skills/{removed.id}/remove", {})
    post_form(client, page, f"{page}/extract", {})
    db.session.expire_all()
    assert db.session.get(OutcomeSkill, removed.id).rejected  # a removal is never undone


def vocab_skills():  # type: ignore[no-untyped-def]
    from app.models import Skill

    return db.session.scalars(select(Skill).where(Skill.label_en == "Laravel"))


def test_schools_see_only_their_own_curricula(client, school) -> None:
    other = CurriculumFactory()
    mine = CurriculumFactory(organisation=school.organisation)
    login_as(client, school)
    assert client.get(f"/school/curricula/{mine.id}").status_code == 200
    outcome = other.units[0].outcomes[0]
    for url in (
        f"/school/curricula/{other.id}",
        f"/school/curricula/{other.id}/gap",
        f"/school/curricula/{other.id}/gap/snapshots",
    ):
        assert client.get(url).status_code == 403, url
    token = csrf_token(client, f"/school/curricula/{mine.id}")
    answer = client.post(
        f"/school/curricula/{other.id}/outcomes/{outcome.id}/skills",
        data={"csrf_token": token, "skill_id": "x"},
    )
    assert answer.status_code == 403
    # an outcome of another curriculum through my curriculum's URL is not found
    answer = client.post(
        f"/school/curricula/{mine.id}/outcomes/{outcome.id}/skills/1/remove",
        data={"csrf_token": token},
    )
    assert answer.status_code == 404
    assert client.get("/school/curricula/999999").status_code == 404
    dashboard = client.get("/school/").get_data(as_text=True)
    assert f"/school/curricula/{mine.id}" in dashboard
    assert f'/school/curricula/{other.id}"' not in dashboard


def test_employers_cannot_open_school_pages(client) -> None:
    employer = EmployerFactory()
    curriculum = CurriculumFactory()
    login_as(client, employer)
    for url in ("/school/", "/school/curricula/new", f"/school/curricula/{curriculum.id}"):
        assert client.get(url).status_code == 403


def test_templates_are_downloadable(client, school) -> None:
    login_as(client, school)
    csv_file = client.get("/school/curricula/example.csv")
    assert csv_file.status_code == 200 and b"unit_name" in csv_file.data
    assert client.get("/school/curricula/example.json").status_code == 200
    assert client.get("/school/curricula/example.exe").status_code == 404
