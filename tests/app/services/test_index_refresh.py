"""Several processes stay consistent: what another process saves reaches this process's
indexes within the refresh interval, through the database, without rebuilding them."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from app.extensions import db
from app.services import indexes, matching, vectors
from app.services.search import SearchQuery, search
from tests.factories import OrganisationFactory, SeekerProfileFactory, VacancyFactory
from tests.test_matching_flow import ask, give

ROOT = Path(__file__).resolve().parents[3]
WRITER = """
import sys
from app import create_app
from app.config import TestingConfig
app = create_app(TestingConfig, SQLALCHEMY_DATABASE_URI=sys.argv[1])
with app.app_context():
    from app.extensions import db
    from app.models import SeekerProfile, Vacancy, VacancySkill
    from app.models.base import utcnow
    from app.services import vectors
    vacancy = Vacancy(
        organisation_id=int(sys.argv[2]), region_id=int(sys.argv[3]), title="Android Developer",
        description="Mengembangkan aplikasi Android dengan Kotlin.", employment_type="full_time",
        min_education="s1", status="open", posted_at=utcnow(),
    )
    vacancy.skills = [VacancySkill(skill_id=sys.argv[5], importance="required", origin="declared")]
    db.session.add(vacancy)
    db.session.get(SeekerProfile, int(sys.argv[4])).visibility = "visible"
    db.session.commit()
    vectors.refresh("vacancy", [vacancy.id])
    db.session.commit()
    print(vacancy.id)
"""


def write_in_another_process(app, *args: object) -> int:  # type: ignore[no-untyped-def]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1"}
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    done = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", WRITER, url, *map(str, args)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    return int(done.stdout.split()[-1])


def test_another_process_saves_and_this_one_sees_it(app, vocab) -> None:  # type: ignore[no-untyped-def]
    from tests.test_matching_flow import sid

    org = OrganisationFactory()
    first = VacancyFactory(organisation=org, title="Teknisi Jaringan", description="Router.")
    ask(first, ("Linux",))
    seeker = SeekerProfileFactory(visibility="hidden")
    give(seeker, "Kotlin", "Linux")
    db.session.commit()
    vectors.store_many("vacancy", [(first.id, vectors.vacancy_text(first))])
    db.session.commit()
    app.config["INDEX_REFRESH_SECONDS"] = 1.0
    assert search(SearchQuery(text="kotlin")).total == 0
    assert matching.candidates(first) == []
    assert indexes.VACANCIES.builds == 1 and indexes.SEEKERS.builds == 1

    new_id = write_in_another_process(app, org.id, first.region_id, seeker.id, sid("Kotlin"))
    time.sleep(1.1)
    db.session.expire_all()
    assert [h.vacancy.id for h in search(SearchQuery(text="kotlin")).hits] == [new_id]
    assert [r.vacancy.id for r in matching.recommendations(seeker)][0] == new_id
    assert [c.profile.id for c in matching.candidates(first)] == [seeker.id]
    # learned incrementally: the main parts were built once, the changes sit in the deltas
    assert indexes.VACANCIES.builds == 1 and indexes.SEEKERS.builds == 1
    assert str(new_id) in indexes.VACANCIES.delta.index.table.rows


def test_a_large_change_builds_the_index_again(app) -> None:  # type: ignore[no-untyped-def]
    made = [VacancyFactory() for _ in range(4)]
    db.session.commit()
    search(SearchQuery())
    app.config["INDEX_DELTA_LIMIT"] = 2
    for vacancy in made[:3]:
        vacancy.title = vacancy.title + " (baru)"
    db.session.commit()
    assert search(SearchQuery()).total == 4
    assert indexes.VACANCIES.builds == 2 and indexes.VACANCIES.delta is None


def test_a_mass_update_builds_the_index_once(app) -> None:  # type: ignore[no-untyped-def]
    """More changed rows than the delta holds, all within the overlap window: one build, not a
    build on every refresh."""
    made = [VacancyFactory() for _ in range(5)]
    db.session.commit()
    search(SearchQuery())
    app.config["INDEX_DELTA_LIMIT"] = 2
    for vacancy in made:
        vacancy.title = vacancy.title + " (baru)"
    db.session.commit()
    for _ in range(3):
        assert search(SearchQuery()).total == 5
    assert indexes.VACANCIES.builds == 2
