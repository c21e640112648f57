"""A programme's graduates per year on the curriculum's page: add, change, delete, field errors
in the user's language that save nothing, CSRF, and other schools kept out."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import ProgrammeGraduates
from app.services.clock import today
from tests.conftest import login_as, post_form
from tests.factories import CurriculumFactory, SchoolUserFactory


@pytest.fixture
def school(client):  # type: ignore[no-untyped-def]
    user = SchoolUserFactory()
    curriculum = CurriculumFactory(organisation=user.organisation)
    db.session.commit()
    login_as(client, user)
    return curriculum


def _rows() -> list[tuple[int, int]]:
    found = db.session.execute(
        select(ProgrammeGraduates.year, ProgrammeGraduates.graduates).order_by(
            ProgrammeGraduates.year
        )
    )
    return [tuple(r) for r in found]


def _post(client, curriculum, data, suffix=""):  # type: ignore[no-untyped-def]
    page = f"/school/curricula/{curriculum.id}/graduates"
    return post_form(client, page, page + suffix, data, follow_redirects=True)


def test_record_change_and_delete(client, school) -> None:  # type: ignore[no-untyped-def]
    answer = _post(client, school, {"year": "2024", "graduates": "108"})
    assert answer.status_code == 200
    assert _rows() == [(2024, 108)]
    _post(client, school, {"year": "2025", "graduates": "0"})  # nobody graduated: allowed
    assert _rows() == [(2024, 108), (2025, 0)]
    # the curriculum's own page lists them
    page = client.get(f"/school/curricula/{school.id}").get_data(as_text=True)
    assert 'data-testid="graduates-2024"' in page and "108" in page
    row = db.session.scalar(select(ProgrammeGraduates).where(ProgrammeGraduates.year == 2024))
    _post(client, school, {"year": "2024", "graduates": "96"}, f"/{row.id}")
    assert _rows() == [(2024, 96), (2025, 0)]
    _post(client, school, {}, f"/{row.id}/delete")
    assert _rows() == [(2025, 0)]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"year": "1999", "graduates": "10"}, "Masukkan tahun dari 2000 sampai"),
        ({"year": str(today().year + 2), "graduates": "10"}, "Masukkan tahun dari 2000 sampai"),
        ({"year": "2024", "graduates": "-1"}, "Masukkan angka dari 0 sampai 100000"),
        ({"year": "2024", "graduates": "100001"}, "Masukkan angka dari 0 sampai 100000"),
        ({"year": "dua ribu", "graduates": "10"}, "Masukkan bilangan bulat."),
        ({"year": "2024", "graduates": ""}, "Kolom ini wajib diisi."),
    ],
)
def test_invalid_input_names_the_field_and_saves_nothing(client, school, data, message) -> None:  # type: ignore[no-untyped-def]
    answer = _post(client, school, data)
    html = answer.get_data(as_text=True)
    assert answer.status_code == 200
    assert message in html
    assert "is-invalid" in html  # shown next to the field
    assert _rows() == []


def test_every_field_error_shows_at_once(client, school) -> None:  # type: ignore[no-untyped-def]
    html = _post(client, school, {"year": "", "graduates": "100001"}).get_data(as_text=True)
    assert "Kolom ini wajib diisi." in html and "Masukkan angka dari 0 sampai 100000" in html
    html = _post(client, school, {"year": "1999", "graduates": "-5"}).get_data(as_text=True)
    assert "Masukkan tahun dari 2000 sampai" in html and "Masukkan angka dari 0 sampai" in html
    assert html.count("is-invalid") >= 2
    assert _rows() == []


def test_a_recorded_year_is_refused_twice(client, school) -> None:  # type: ignore[no-untyped-def]
    _post(client, school, {"year": "2023", "graduates": "70"})
    html = _post(client, school, {"year": "2023", "graduates": "80"}).get_data(as_text=True)
    assert "Tahun 2023 sudah tercatat" in html
    assert _rows() == [(2023, 70)]


def test_english_errors_in_english(client, school) -> None:  # type: ignore[no-untyped-def]
    page = f"/school/curricula/{school.id}/graduates"
    post_form(client, page, "/language", {"locale": "en", "next": page})
    html = _post(client, school, {"year": "1990", "graduates": "10"}).get_data(as_text=True)
    assert "Enter a year from 2000 to" in html


def test_without_csrf_nothing_is_saved(client, school) -> None:  # type: ignore[no-untyped-def]
    url = f"/school/curricula/{school.id}/graduates"
    client.post(url, data={"year": "2024", "graduates": "10"})
    assert _rows() == []


def test_another_school_is_kept_out(client, auth, school) -> None:  # type: ignore[no-untyped-def]
    row = ProgrammeGraduates(curriculum_id=school.id, year=2024, graduates=50)
    db.session.add(row)
    other = SchoolUserFactory(organisation__name="SMK Negeri 2 Pandeglang")
    db.session.commit()
    auth.logout()
    login_as(client, other)
    own = f"/school/curricula/{school.id}/graduates"
    assert client.get(own).status_code == 403
    assert client.get(f"{own}/{row.id}").status_code == 403
    mine = CurriculumFactory(organisation=other.organisation)
    db.session.commit()
    page = f"/school/curricula/{mine.id}/graduates"
    for url in (own, f"{own}/{row.id}", f"{own}/{row.id}/delete"):
        assert post_form(client, page, url, {"year": "2024", "graduates": "1"}).status_code == 403
    # a row of another programme, through one's own curriculum: not found
    assert client.get(f"{page}/{row.id}").status_code == 404
    assert db.session.scalar(select(func.count()).select_from(ProgrammeGraduates)) == 1
    assert db.session.get(ProgrammeGraduates, row.id).graduates == 50
