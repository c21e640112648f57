"""``flask seed scale``: counts, texts equal to their templates' (vectors with the right hash),
search and recommendations over the generated rows, and the refusals."""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy import func, select

from app.extensions import db
from app.models import (
    Curriculum,
    Organisation,
    OutcomeSkill,
    SeekerProfile,
    SeekerSkill,
    TextVector,
    User,
    Vacancy,
    VacancySkill,
)
from app.services import accounts, matching, scale_data, seekers, vectors
from app.services.search import SearchQuery, search

pytestmark = pytest.mark.usefixtures("vocab")


def _count(model) -> int:  # type: ignore[no-untyped-def]
    return db.session.scalar(select(func.count()).select_from(model))


@pytest.fixture
def seeded(app: Flask, runner) -> Flask:  # type: ignore[no-untyped-def]
    result = runner.invoke(
        args=["seed", "scale", "--vacancies", "200", "--seekers", "50", "--schools", "5"]
    )
    assert result.exit_code == 0, result.output
    assert "Scale data created" in result.output
    return app


def test_counts_and_accounts(seeded: Flask) -> None:
    assert _count(Vacancy) == 200
    assert _count(SeekerProfile) == 50
    assert _count(Organisation) == 2 + 5  # 100 vacancies an employer, and the schools
    assert _count(Curriculum) == 5 and _count(OutcomeSkill) > 0
    assert _count(VacancySkill) >= 200 * 3 and _count(SeekerSkill) >= 50 * 2
    assert db.session.scalar(select(func.count()).where(Vacancy.status == "open")) > 0
    assert {o.verification_status for o in db.session.scalars(select(Organisation))} == {"verified"}
    for kind in ("seeker", "employer", "school"):
        user = accounts.find_user(scale_data.email(kind, 1))
        assert user is not None and user.role == kind
        assert accounts.verify_password(user.password_hash, scale_data.BENCH_PASSWORD)
    # one hash for every account
    assert db.session.scalar(select(func.count(func.distinct(User.password_hash)))) == 1


def test_vectors_match_the_texts(seeded: Flask) -> None:
    stored = select(func.count()).where(TextVector.subject.in_(("vacancy", "seeker")))
    assert db.session.scalar(stored) == 250
    for vacancy in db.session.scalars(select(Vacancy).limit(40)):
        text = vectors.vacancy_text(vacancy)
        assert vectors.stored_vector("vacancy", vacancy.id, text) is not None
    for profile in db.session.scalars(select(SeekerProfile).limit(40)):
        text = vectors.profile_text(profile)
        assert vectors.stored_vector("seeker", profile.id, text) is not None


def test_search_and_recommendations_find_generated_vacancies(seeded: Flask) -> None:
    page = search(SearchQuery(text="developer"))
    assert page.total > 0
    assert page.hits and all(hit.vacancy.status == "open" for hit in page.hits)
    profile = seekers.profile_of(accounts.find_user(scale_data.email("seeker", 1)))
    assert matching.recommendations(profile, k=5)


def test_search_terms_are_set(seeded: Flask) -> None:
    assert db.session.scalar(select(func.count()).where(Vacancy.search_terms == "")) == 0


def test_rows_were_not_all_changed_at_one_instant(seeded: Flask) -> None:
    """The live indexes read rows changed near their newest ``updated_at``: a whole table
    stamped with one instant would look changed at every refresh."""
    for model in (Vacancy, SeekerProfile):
        assert db.session.scalar(select(func.count(func.distinct(model.updated_at)))) > 40


def test_refused_twice_and_in_production(seeded: Flask, runner, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    again = runner.invoke(args=["seed", "scale", "--vacancies", "1", "--seekers", "1"])
    assert again.exit_code != 0 and "exist already" in again.output
    monkeypatch.setitem(seeded.config, "ALLOW_DEMO_DATA", False)
    refused = runner.invoke(args=["seed", "scale", "--vacancies", "1", "--seekers", "1"])
    assert refused.exit_code != 0 and "refused" in refused.output


def test_vacancies_carry_their_templates_occupation(app: Flask, runner) -> None:  # type: ignore[no-untyped-def]
    from app.services.demo import read_demo
    from app.services.occupation_groups import load_groups

    load_groups(app.config["OCCUPATION_GROUPS_FILE"])
    result = runner.invoke(args=["seed", "scale", "--vacancies", "60", "--seekers", "0"])
    assert result.exit_code == 0, result.output
    written = {v["title"]: v["occupation"] for v in read_demo()["vacancies"]}
    rows = db.session.execute(
        select(Vacancy.title, Vacancy.occupation_code, Vacancy.occupation_origin)
    ).all()
    assert len(rows) == 60
    assert all(code == written[title] and origin == "employer" for title, code, origin in rows)
