"""The demo scene's teachers, teacher trainings and last year's tracer answers of the TKJ
programme: seeded with the scene, added to a scene seeded before them, never twice."""

from __future__ import annotations

from sqlalchemy import delete, func, select

from app.extensions import db
from app.models import Curriculum, Teacher, TracerGraduate, Training
from app.services import tracer
from app.services.clock import today
from app.services.demo import seed_demo


def _count(model, *where) -> int:  # type: ignore[no-untyped-def]
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def test_demo_tkj_programme_has_teachers_and_last_years_tracer(app, vocab) -> None:  # type: ignore[no-untyped-def]
    seed_demo()
    assert _count(Teacher) == 4
    assert _count(Training, Training.audience == "teachers") == 3
    tkj = db.session.scalar(select(Curriculum).where(Curriculum.concentration.like("%(TKJ)")))
    [last_year] = tracer.by_year(tkj)
    assert (last_year.year, last_year.listed, last_year.answered) == (today().year - 1, 14, 12)
    assert last_year.counts["in_field"] == 6
    assert seed_demo().counts == {}  # nothing twice
    db.session.execute(delete(TracerGraduate))
    db.session.execute(delete(Teacher))
    db.session.commit()
    added = seed_demo().counts  # a scene seeded before teachers existed gets them
    assert added["teachers"] == 4 and added["tracer graduates"] == 14
    assert _count(Training, Training.audience == "teachers") == 3  # not twice
