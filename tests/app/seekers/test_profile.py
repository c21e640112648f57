"""Seekers: profile, skills typed or read from a CV, privacy, export, deletion."""

from __future__ import annotations

import io
import json

import docx
import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import Application, SeekerProfile, SeekerSkill, Skill, User
from app.services.regions import list_regions
from tests.conftest import login_as, post_form
from tests.factories import PASSWORD, SeekerProfileFactory, UserFactory, VacancyFactory

CV_TEXT = (
    "Siti Nurhaliza\nLulusan SMK Negeri 2 Kota Serang, jurusan Rekayasa Perangkat Lunak.\n"
    "Keahlian: PHP, Laravel, MySQL dan HTML.\nPernah magang sebagai web developer."
)


def skill_id(label: str) -> str:
    return db.session.scalar(select(Skill.id).where(Skill.label_en == label))


@pytest.fixture
def seeker(client):  # type: ignore[no-untyped-def]
    profile = SeekerProfileFactory()
    login_as(client, profile.user)
    return profile


def upload_cv(client, data: bytes, filename: str):  # type: ignore[no-untyped-def]
    return post_form(
        client,
        "/seeker/skills",
        "/seeker/cv",
        {"file": (io.BytesIO(data), filename)},
        content_type="multipart/form-data",
    )


def docx_bytes(text: str) -> bytes:
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_profile_edit(client, seeker) -> None:  # type: ignore[no-untyped-def]
    region = list_regions()[2]
    post_form(
        client,
        "/seeker/profile",
        "/seeker/profile",
        {
            "headline": "Lulusan SMK RPL",
            "region_id": str(region.id),
            "education_level": "sma_smk",
            "field_of_study": "Rekayasa Perangkat Lunak",
            "graduation_year": "2025",
            "summary": "Suka coding.",
        },
    )
    db.session.refresh(seeker)
    assert (seeker.region_id, seeker.education_level, seeker.graduation_year) == (
        region.id,
        "sma_smk",
        2025,
    )
    page = post_form(client, "/seeker/profile", "/seeker/profile", {"graduation_year": "1800"})
    assert "Masukkan tahun antara 1960 dan 2035." in page.get_data(as_text=True)


@pytest.mark.parametrize("fmt", ["txt", "docx"])
def test_cv_skills_wait_for_confirmation(client, vocab, seeker, fmt: str) -> None:  # type: ignore[no-untyped-def]
    data = CV_TEXT.encode() if fmt == "txt" else docx_bytes(CV_TEXT)
    response = upload_cv(client, data, f"cv.{fmt}")
    assert response.status_code == 302
    db.session.refresh(seeker)
    pending = {s.skill_id: s for s in seeker.skills if not s.confirmed}
    assert skill_id("Laravel") in pending
    assert "Laravel" in pending[skill_id("Laravel")].evidence
    assert all(s.origin == "extracted" for s in pending.values())
    keep = pending[skill_id("Laravel")].id
    post_form(client, "/seeker/skills", "/seeker/skills/confirm", {"link_id": str(keep)})
    db.session.refresh(seeker)
    confirmed = {s.skill_id for s in seeker.skills if s.confirmed and not s.rejected}
    assert confirmed == {skill_id("Laravel")}
    upload_cv(client, data, f"cv.{fmt}")  # reading the CV again does not bring back dropped ones
    db.session.refresh(seeker)
    assert not [s for s in seeker.skills if not s.confirmed and not s.rejected]


def test_a_cv_read_again_before_confirming_replaces_the_suggestions(client, vocab, seeker) -> None:  # type: ignore[no-untyped-def]
    # the second reading inserted Laravel again before the first one's row was deleted: 500
    assert upload_cv(client, CV_TEXT.encode(), "cv.txt").status_code == 302
    first = {s.skill_id: s.id for s in seeker.skills if not s.confirmed}
    other = CV_TEXT.replace("PHP, Laravel, MySQL dan HTML", "Laravel dan Microsoft Excel")
    assert upload_cv(client, docx_bytes(other), "cv.docx").status_code == 302
    db.session.refresh(seeker)
    pending = {s.skill_id: s for s in seeker.skills if not s.confirmed and not s.rejected}
    assert skill_id("Laravel") in first and skill_id("Laravel") in pending
    assert skill_id("Microsoft Excel") in pending and skill_id("MySQL") not in pending
    assert len(pending) == len(seeker.skills)  # nothing of the first reading is left


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b"%PDF-1.4 not really", "cv.docx", "Isi berkas tidak sesuai dengan ekstensi .docx."),
        (b"\x00\x01\x02", "cv.txt", "Isi berkas tidak sesuai dengan ekstensi .txt."),
        (b"", "cv.txt", "Berkas kosong."),
        (b"MZ\x90\x00", "cv.exe", "Hanya berkas PDF, DOCX, atau TXT yang diterima."),
        (b"a" * (2 * 1024 * 1024 + 1), "cv.txt", "Berkas lebih besar dari 2 MB."),
    ],
)
def test_bad_cv_uploads_are_refused(
    client, seeker, data: bytes, filename: str, message: str
) -> None:  # type: ignore[no-untyped-def]
    response = upload_cv(client, data, filename)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(SeekerSkill)) == 0


def test_typed_skill_and_removal(client, vocab, seeker) -> None:  # type: ignore[no-untyped-def]
    post_form(client, "/seeker/skills", "/seeker/skills", {"skill_id": skill_id("PHP")})
    db.session.refresh(seeker)
    link = seeker.skills[0]
    assert (link.skill_id, link.origin, link.confirmed) == (skill_id("PHP"), "declared", True)
    post_form(client, "/seeker/skills", f"/seeker/skills/{link.id}/remove", {})
    db.session.refresh(link)
    assert link.rejected


def test_empty_profile_gets_a_prompt_not_a_score(client, seeker) -> None:  # type: ignore[no-untyped-def]
    vacancy = VacancyFactory(status="open")
    for url in ("/seeker/", "/seeker/recommendations", f"/vacancies/{vacancy.id}"):
        page = client.get(url).get_data(as_text=True)
        assert 'data-testid="no-skills-prompt"' in page, url
        assert "% match" not in page and "Cocok " not in page


def test_visibility_needs_consent_and_can_be_withdrawn(client, seeker) -> None:  # type: ignore[no-untyped-def]
    page = post_form(client, "/seeker/privacy", "/seeker/privacy", {"visibility": "visible"})
    assert "Centang kotak persetujuan" in page.get_data(as_text=True)
    db.session.refresh(seeker)
    assert seeker.visibility == "hidden"
    post_form(
        client, "/seeker/privacy", "/seeker/privacy", {"visibility": "visible", "consent": "y"}
    )
    db.session.refresh(seeker)
    assert seeker.visibility == "visible" and seeker.consent_at is not None
    post_form(client, "/seeker/privacy", "/seeker/privacy", {"visibility": "hidden"})
    db.session.refresh(seeker)
    assert seeker.visibility == "hidden" and seeker.consent_at is None


def test_export_holds_everything(client, vocab, seeker) -> None:  # type: ignore[no-untyped-def]
    post_form(client, "/seeker/skills", "/seeker/skills", {"skill_id": skill_id("PHP")})
    response = client.get("/seeker/export")
    assert response.headers["Content-Disposition"].startswith("attachment")
    data = json.loads(response.get_data(as_text=True))
    assert data["account"]["email"] == seeker.user.email
    assert data["skills"][0]["skill"] == "PHP"
    assert set(data) >= {"account", "profile", "skills", "applications"}


def test_deletion_removes_the_account_and_its_rows(client, vocab, seeker) -> None:  # type: ignore[no-untyped-def]
    vacancy = VacancyFactory(status="open")
    post_form(client, "/seeker/skills", "/seeker/skills", {"skill_id": skill_id("PHP")})
    post_form(
        client, f"/vacancies/{vacancy.id}", f"/vacancies/{vacancy.id}/apply", {"message": "Halo"}
    )
    assert db.session.scalar(select(func.count()).select_from(Application)) == 1
    wrong = post_form(client, "/seeker/privacy", "/seeker/delete", {"password": "salah"})
    assert "Kata sandi salah." in wrong.get_data(as_text=True)
    email = seeker.user.email
    post_form(client, "/seeker/privacy", "/seeker/delete", {"password": PASSWORD})
    db.session.expire_all()
    assert db.session.scalar(select(User).where(User.email == email)) is None
    for model in (SeekerProfile, SeekerSkill, Application):
        assert db.session.scalar(select(func.count()).select_from(model)) == 0
    assert client.get("/seeker/").status_code == 302


def test_other_roles_cannot_use_seeker_pages(client) -> None:  # type: ignore[no-untyped-def]
    login_as(client, UserFactory(role="admin"))
    for url in ("/seeker/skills", "/seeker/export", "/seeker/recommendations"):
        assert client.get(url).status_code == 403
