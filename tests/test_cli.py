"""CLI commands: administrators, regions, vocabulary, demo data."""

from __future__ import annotations

from sqlalchemy import func, select

from app.extensions import db
from app.models import Organisation, Region, Skill, User, Vacancy
from app.services.demo import DEMO_LOGINS, demo_skill_labels, read_demo
from app.services.vocabulary import resolve_skills


def test_create_admin(runner) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(
        args=["users", "create-admin", "Boss@Example.com"], input="rahasia-kuat\nrahasia-kuat\n"
    )
    assert result.exit_code == 0, result.output
    user = db.session.scalar(select(User).where(User.email == "boss@example.com"))
    assert user.role == "admin"


def test_create_admin_twice_fails_clearly(runner) -> None:  # type: ignore[no-untyped-def]
    args = ["users", "create-admin", "boss@example.com"]
    runner.invoke(args=args, input="rahasia-kuat\nrahasia-kuat\n")
    result = runner.invoke(args=args, input="rahasia-kuat\nrahasia-kuat\n")
    assert result.exit_code != 0
    assert "email" in result.output


def test_regions_are_loaded_from_data(runner) -> None:  # type: ignore[no-untyped-def]
    names = set(db.session.scalars(select(Region.name)))
    assert names == {
        "Kab. Pandeglang",
        "Kab. Lebak",
        "Kab. Tangerang",
        "Kab. Serang",
        "Kota Tangerang",
        "Kota Cilegon",
        "Kota Serang",
        "Kota Tangerang Selatan",
    }
    result = runner.invoke(args=["regions", "load"])
    assert "0 regions added" in result.output


def test_seed_reference_and_demo_are_idempotent(runner) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(args=["seed", "reference"])
    assert result.exit_code == 0, result.output
    skills = db.session.scalar(select(func.count()).select_from(Skill))
    assert skills > 1500
    result = runner.invoke(args=["seed", "demo"])
    assert result.exit_code == 0, result.output
    for email in DEMO_LOGINS:
        assert email in result.output
    vacancies = db.session.scalar(select(func.count()).select_from(Vacancy))
    assert vacancies >= 30
    again = runner.invoke(args=["seed", "demo"])
    assert "already present" in again.output
    assert db.session.scalar(select(func.count()).select_from(Vacancy)) == vacancies
    assert db.session.scalar(select(func.count()).select_from(Organisation)) >= 10
    runner.invoke(args=["seed", "reference"])
    assert db.session.scalar(select(func.count()).select_from(Skill)) == skills
    # the planner is a demo login in an agency; a scene seeded before planners existed gets it
    planner = db.session.scalar(select(User).where(User.email == "planner@example.com"))
    assert planner.role == "planner" and planner.organisation.kind == "agency"
    assert planner.organisation.name == "Bappeda Provinsi Banten"
    agency = planner.organisation
    db.session.delete(planner)
    db.session.delete(agency)
    db.session.commit()
    topped = runner.invoke(args=["seed", "demo"])
    assert "Added: 1 planner login(s)." in topped.output
    assert db.session.scalar(select(User).where(User.email == "planner@example.com")) is not None


def test_demo_skill_labels_all_resolve(runner) -> None:  # type: ignore[no-untyped-def]
    runner.invoke(args=["vocab", "load"])
    labels = demo_skill_labels(read_demo())
    assert labels - set(resolve_skills(labels)) == set()


def test_demo_data_is_refused_in_production(app, runner) -> None:  # type: ignore[no-untyped-def]
    app.config["ALLOW_DEMO_DATA"] = False
    result = runner.invoke(args=["seed", "demo"])
    assert result.exit_code != 0
    assert "refused" in result.output
    assert db.session.scalar(select(func.count()).select_from(User)) == 0


def test_demo_logins_work(client, auth, runner) -> None:  # type: ignore[no-untyped-def]
    runner.invoke(args=["seed", "reference"])
    runner.invoke(args=["seed", "demo"])
    for email, page in [
        ("employer@example.com", "/employer/"),
        ("school@example.com", "/school/"),
        ("seeker@example.com", "/seeker/"),
        ("admin@example.com", "/admin/"),
    ]:
        response = auth.login(email, "demo12345")
        assert response.headers["Location"] == "/dashboard", email
        assert client.get(page).status_code == 200
        auth.logout()


def test_reindex_stores_missing_vectors_once(runner) -> None:  # type: ignore[no-untyped-def]
    from app.models import TextVector
    from tests.factories import SeekerProfileFactory, VacancyFactory

    VacancyFactory()
    SeekerProfileFactory(headline="Teknisi jaringan")
    db.session.commit()
    db.session.execute(TextVector.__table__.delete())
    db.session.commit()
    first = runner.invoke(args=["match", "reindex"])
    assert first.exit_code == 0, first.output
    assert "vacancy: 1 of 1 embedded" in first.output and "seeker: 1 of 1 embedded" in first.output
    assert db.session.scalar(select(func.count()).select_from(TextVector)) == 2
    again = runner.invoke(args=["match", "reindex"])
    assert "vacancy: 0 of 1 embedded" in again.output


def test_demo_vacancies_carry_their_occupation(app, vocab) -> None:  # type: ignore[no-untyped-def]
    """Each demo vacancy gets the KBJI group its entry names, set by the employer; the groups
    are loaded when missing (a scene seeded without ``flask seed reference``)."""
    from app.services.demo import seed_demo

    seed_demo()
    written = {v["title"]: v["occupation"] for v in read_demo()["vacancies"]}
    rows = db.session.execute(
        select(Vacancy.title, Vacancy.occupation_code, Vacancy.occupation_origin)
    ).all()
    assert {title: code for title, code, _ in rows} == written
    assert {origin for _, _, origin in rows} == {"employer"}


def test_seed_reference_loads_a_changed_vocabulary_again(runner) -> None:  # type: ignore[no-untyped-def]
    """An installation updated with ``git pull`` gets the new vocabulary from ``make run``: a
    skill or alias that differs from the shipped one is loaded again; unchanged, nothing is."""
    from app.models import SkillAlias

    runner.invoke(args=["seed", "reference"])
    assert "Vocabulary: unchanged." in runner.invoke(args=["seed", "reference"]).output
    skill = db.session.scalar(select(Skill).where(Skill.id == "tool-mikrotik-routeros"))
    shipped = skill.label_id
    skill.label_id = "label lama"
    db.session.commit()
    assert "Vocabulary loaded" in runner.invoke(args=["seed", "reference"]).output
    db.session.expire_all()
    assert db.session.get(Skill, "tool-mikrotik-routeros").label_id == shipped
    db.session.delete(db.session.scalars(select(SkillAlias)).first())  # an alias went missing
    db.session.commit()
    assert "Vocabulary loaded" in runner.invoke(args=["seed", "reference"]).output
    assert "Vocabulary: unchanged." in runner.invoke(args=["seed", "reference"]).output


def test_warm_embeds_the_skill_descriptions_the_unit_advice_reads(runner, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from app.services.linking import skill_index
    from curricula.gap.contexts import description_vectors

    index = skill_index()
    embedder = index.embedder
    asked: list[tuple[list[str], str]] = []
    asked_second: list[tuple[list[str], str]] = []
    real = embedder.encode

    def spy(texts, *, kind="query", **kwargs):  # type: ignore[no-untyped-def]
        asked.append((list(texts), kind))
        return real(texts, kind=kind, **kwargs)

    monkeypatch.setattr(embedder, "encode", spy)
    if index.aux is not None:
        real_second = index.aux.encode

        def spy_second(texts, *, kind="query", **kwargs):  # type: ignore[no-untyped-def]
            asked_second.append((list(texts), kind))
            return real_second(texts, kind=kind, **kwargs)

        monkeypatch.setattr(index.aux, "encode", spy_second)
    from app.services import linking

    monkeypatch.setattr(linking, "_PRECEDENTS", {})  # as in a new process
    done = runner.invoke(args=["match", "warm"])
    assert done.exit_code == 0, done.output
    assert "Skill index ready" in done.output
    assert f"{len(index.entries)} skill descriptions embedded" in done.output
    descriptions = {e.description.strip() for e in index.entries}
    assert len(descriptions) > 1900  # every skill of the vocabulary has one (some alike)
    # the warm-up asked the cached embedder for every description, as queries (as reports do)
    assert [(set(texts), kind) for texts, kind in asked] == [(descriptions, "query")]
    if index.aux is not None:  # and the second embedder (USE), which the learned choice reads
        assert (set(asked_second[0][0]), asked_second[0][1]) == (descriptions, "query")
        # then the units' texts of the labelled curricula, one call each, for the precedents
        from curricula.gap.precedents import read_labels

        curricula = {r["curriculum"] for r in read_labels()}
        units = [t for texts, kind in asked_second[1:] for t in texts if kind == "query"]
        assert len(asked_second) == 1 + len(curricula) and len(units) > 1000
        assert "Dasar Grafis Digital" in units  # a unit name of a lab curriculum
        assert linking.unit_precedents() is next(iter(linking._PRECEDENTS.values()))
        monkeypatch.setattr(index.aux, "encode", real_second)
    monkeypatch.setattr(embedder, "encode", real)
    before = embedder.misses
    found = description_vectors(index, [e.skill_id for e in index.entries])
    assert len(found) == len(index.entries)
    assert embedder.misses == before  # a report's call finds them all in the cache
    if index.aux is not None:  # and by the second embedder (USE), which the learned choice reads
        before = index.aux.misses
        second = description_vectors(index, [e.skill_id for e in index.entries], second=True)
        assert len(second) == len(index.entries) and index.aux.misses == before
