"""Tracer study: invitation links (hashed, once, expiry, no account), the school's summary per
year with platform hires, and the planners' aggregates with small cells suppressed."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.extensions import db
from app.models import TracerGraduate
from app.models.base import utcnow
from app.services import tracer
from app.services.errors import NotFoundError, ValidationError
from app.services.planner import Filters
from app.services.planner import tracer as planner_tracer
from app.services.tracer.tokens import hash_token
from tests.factories import (
    ApplicationFactory,
    CurriculumFactory,
    SeekerProfileFactory,
    SkillFactory,
    UserFactory,
)


def _graduates(curriculum, year, n, consent=True):  # type: ignore[no-untyped-def]
    return [
        tracer.add_graduate(curriculum, tracer.GraduateInput(year, f"Lulusan {year}-{i}",
                                                             f"l{year}{i}@example.com", consent))
        for i in range(n)
    ]  # fmt: skip


def _answer(graduate, status, in_field=None, skills=()):  # type: ignore[no-untyped-def]
    [(_g, token)] = tracer.invite([graduate])
    tracer.submit(tracer.graduate_for_token(token),
                  tracer.Answer(status=status, in_field=in_field, skill_ids=tuple(skills)))  # fmt: skip


@pytest.fixture
def curriculum(app):  # type: ignore[no-untyped-def]
    return CurriculumFactory(status="published")


def test_a_link_is_hashed_works_once_and_expires(curriculum) -> None:  # type: ignore[no-untyped-def]
    [graduate] = _graduates(curriculum, 2025, 1)
    [(_g, token)] = tracer.invite([graduate])
    stored = db.session.get(TracerGraduate, graduate.id)
    assert stored.token_hash == hash_token(token) != token
    assert tracer.graduate_for_token(token) == graduate
    with pytest.raises(NotFoundError):
        tracer.graduate_for_token(token + "x")
    tracer.submit(graduate, tracer.Answer(status="working", employer="PT Krakatau", in_field=True))
    with pytest.raises(NotFoundError):
        tracer.graduate_for_token(token)  # used
    assert tracer.invite([graduate]) == []  # answered: no new link
    [silent] = _graduates(curriculum, 2025, 1, consent=False)
    assert tracer.invite([silent]) == []  # did not agree to be contacted
    [other] = _graduates(curriculum, 2025, 1)
    [(_g, token)] = tracer.invite([other])
    other.token_expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    with pytest.raises(NotFoundError):
        tracer.graduate_for_token(token)


def test_a_new_link_replaces_the_old_one(curriculum) -> None:  # type: ignore[no-untyped-def]
    [graduate] = _graduates(curriculum, 2025, 1)
    [(_g, first)] = tracer.invite([graduate])
    [(_g, second)] = tracer.invite([graduate])
    with pytest.raises(NotFoundError):
        tracer.graduate_for_token(first)
    assert tracer.graduate_for_token(second) == graduate


def test_bad_answers_save_nothing(curriculum) -> None:  # type: ignore[no-untyped-def]
    [graduate] = _graduates(curriculum, 2025, 1)
    tracer.invite([graduate])
    with pytest.raises(ValidationError) as error:
        tracer.submit(graduate, tracer.Answer(status="retired"))
    assert error.value.field == "status"
    with pytest.raises(ValidationError) as error:
        tracer.submit(graduate, tracer.Answer(status="working", employer="x" * 201))
    assert error.value.field == "employer"
    assert db.session.get(TracerGraduate, graduate.id).response is None
    with pytest.raises(ValidationError) as error:
        tracer.add_graduate(curriculum, tracer.GraduateInput(1990, "A", "", False))
    assert error.value.field == "year"


def test_summary_per_year_skills_and_platform_hires(curriculum) -> None:  # type: ignore[no-untyped-def]
    used = SkillFactory()
    first = _graduates(curriculum, 2024, 2, consent=False)
    first[0].consent = True  # invited; the other one did not agree
    second = _graduates(curriculum, 2025, 4)
    _answer(first[0], "studying")
    _answer(second[0], "working", in_field=True, skills=[used.id])
    _answer(second[1], "working", in_field=False)
    _answer(second[2], "looking", skills=[used.id])
    hired = SeekerProfileFactory(user=UserFactory(email=second[3].contact.upper()))
    ApplicationFactory(profile=hired, status="hired")
    years = tracer.by_year(curriculum)
    assert [(y.year, y.listed, y.answered) for y in years] == [(2025, 4, 3), (2024, 2, 1)]
    latest = years[0]
    assert latest.counts == {"in_field": 1, "other_field": 1, "studying": 0,
                             "entrepreneur": 0, "looking": 1}  # fmt: skip
    assert latest.share("in_field") == pytest.approx(1 / 3)
    assert (latest.hired_on_platform, years[1].hired_on_platform) == (1, 0)
    rows = tracer.skills_used(curriculum, "en", 2025)
    assert (rows[0].skill_id, rows[0].graduates, rows[0].taught) == (used.id, 2, False)
    assert tracer.skills_used(curriculum, "en", 2024) == []


def test_planner_cells_hide_small_counts_and_names(app, curriculum) -> None:  # type: ignore[no-untyped-def]
    small = CurriculumFactory(status="published", programme="Desain Komunikasi Visual")
    for graduate in _graduates(small, 2025, 4):
        _answer(graduate, "working", in_field=True)
    people = _graduates(curriculum, 2025, 9)
    for graduate in people[:6]:
        _answer(graduate, "working", in_field=True)
    _answer(people[6], "looking")
    _answer(people[7], "studying")
    _answer(people[8], "studying")
    filters = Filters(since=date(2026, 1, 1), until=date(2026, 12, 1))
    with app.test_request_context():
        figure = planner_tracer.by_programme(filters)
        rows = {row[0]: row for row in figure.rows}
        # 4 answers: nothing shown; 9 answers: the 1 and the smallest other count hidden
        assert rows["Desain Komunikasi Visual"][4:] == [None] * 7
        pplg = rows[curriculum.programme]
        assert pplg[4:10] == [9, 6, 0, None, 0, None]
        text = repr(figure.rows)
        assert "Lulusan" not in text and "@example.com" not in text
        education = planner_tracer.by_education(filters)
        assert education.rows[0][1:4] == [13, None, None]


def test_a_second_submission_at_the_same_time_is_a_used_link(curriculum) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import func, select
    from sqlalchemy.orm.attributes import set_committed_value

    from app.models import TracerResponse

    [graduate] = _graduates(curriculum, 2025, 1)
    [(_g, token)] = tracer.invite([graduate])
    expires = graduate.token_expires_at
    tracer.submit(graduate, tracer.Answer(status="studying"))
    # the second request read the graduate before the first committed: no response, link valid
    set_committed_value(graduate, "response", None)
    set_committed_value(graduate, "token_expires_at", expires)
    with pytest.raises(NotFoundError):
        tracer.submit(graduate, tracer.Answer(status="working", employer="PT Lain"))
    count = db.session.scalar(select(func.count()).select_from(TracerResponse))
    assert count == 1 and db.session.get(TracerGraduate, graduate.id).response.status == "studying"
