"""The index snapshot changes start-up, not answers: an index loaded from the snapshot and
caught up from the database ranks as one built from the database (the same vacancies and
seekers in the same order; scores equal to float32 rounding, since a row's vector product may
round differently in a part of another size)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import update

from app.extensions import db
from app.models import SeekerProfile, Vacancy
from app.models.base import utcnow
from app.services import indexes, matching, vectors
from app.services.search import SearchQuery, search
from tests.factories import OrganisationFactory, SeekerProfileFactory, VacancyFactory
from tests.test_matching_flow import ask, give

QUERIES = ("php", "jaringan linux", "aplikasi android kotlin", "membangun aplikasi web", "")


def rounded(found: dict[str, object]) -> dict[str, object]:
    """Scores to 6 decimals (float32 vector products), ids and order exactly."""

    def r(pairs):  # type: ignore[no-untyped-def]
        return [(i, None if s is None else round(s, 6)) for i, s in pairs]

    return {
        k: (v[0], r(v[1])) if isinstance(v, tuple) else r(v)  # type: ignore[arg-type]
        for k, v in found.items()
    }


def answers(people: list[SeekerProfile], jobs: list[Vacancy]) -> dict[str, object]:
    """Everything the indexes decide: searches, recommendations, candidates (ids and scores)."""
    db.session.expire_all()
    found: dict[str, object] = {}
    for text in QUERIES:
        page = search(SearchQuery(text=text, per_page=50))
        found[f"search {text}"] = (page.total, [(h.vacancy.id, h.relevance) for h in page.hits])
    for person in people:
        ranked = matching.recommendations(person, k=50)
        found[f"for {person.id}"] = [(r.vacancy.id, r.match.score) for r in ranked]
    for job in jobs:
        ranked = matching.candidates(job, k=50)
        found[f"candidates {job.id}"] = [(c.profile.id, c.match.score) for c in ranked]
    return found


def store_vectors(*items: Vacancy | SeekerProfile) -> None:
    for item in items:
        if isinstance(item, Vacancy):
            vectors.store_many("vacancy", [(item.id, vectors.vacancy_text(item))])
        else:
            vectors.store_many("seeker", [(item.id, vectors.profile_text(item))])
    db.session.commit()


def test_snapshot_plus_changes_equals_a_fresh_build(app, vocab, tmp_path) -> None:  # type: ignore[no-untyped-def]
    org = OrganisationFactory()
    web = VacancyFactory(organisation=org, title="Web Developer PHP")
    ask(web, ("PHP", "MySQL"), ("Docker",))
    net = VacancyFactory(organisation=org, title="Teknisi Jaringan", description="Router kantor.")
    ask(net, ("Linux",))
    old = VacancyFactory(organisation=org, title="Programmer PHP Senior")
    ask(old, ("PHP",))
    ada = SeekerProfileFactory(visibility="visible", headline="Web developer")
    give(ada, "PHP", "MySQL")
    budi = SeekerProfileFactory(visibility="visible", headline="Teknisi jaringan")
    give(budi, "Linux")
    store_vectors(web, net, old, ada, budi)
    app.config["INDEX_SNAPSHOT_DIR"] = str(tmp_path / "index")

    before = answers([ada, budi], [web, net])  # builds from the database, writes the snapshot
    assert not indexes.VACANCIES.loaded and indexes.VACANCIES.builds == 1
    assert len(list((tmp_path / "index").glob("*/vacancy-*/vectors.npy"))) == 1
    assert len(list((tmp_path / "index").glob("*/seeker-*/vectors.npy"))) == 1

    # what happens while no process runs: a new vacancy, new skills, a vacancy closed behind
    # the index's back (no updated_at), a seeker hidden, a seeker with a new skill
    android = VacancyFactory(organisation=org, title="Android Developer Kotlin")
    ask(android, ("Kotlin",), ("Linux",))
    store_vectors(android)
    ask(net, (), ("Docker",))
    db.session.execute(update(Vacancy).where(Vacancy.id == net.id).values(updated_at=utcnow()))
    db.session.execute(update(Vacancy).where(Vacancy.id == old.id).values(status="closed"))
    budi.visibility = "hidden"
    give(ada, "Kotlin")
    db.session.execute(
        update(SeekerProfile).where(SeekerProfile.id == ada.id).values(updated_at=utcnow())
    )
    # a row changed with an older updated_at than the snapshot's mark (a database made again
    # under the same URL): found by comparing each row's updated_at with the snapshot's
    ask(web, ("JavaScript",))
    db.session.execute(
        update(Vacancy).where(Vacancy.id == web.id).values(updated_at=datetime(2020, 1, 1))
    )
    cyd = SeekerProfileFactory(visibility="visible", headline="Android")
    give(cyd, "Kotlin", "Linux")
    store_vectors(cyd)
    db.session.commit()

    indexes.reset()
    loaded = answers([ada, cyd], [web, net, android])
    assert indexes.VACANCIES.loaded and indexes.SEEKERS.loaded
    assert indexes.VACANCIES.builds == 0  # nothing built from the whole table
    main = indexes.VACANCIES.main
    assert main is not None and not main.index.table.text.flags.writeable  # memory-mapped
    assert indexes.VACANCIES.delta_ids >= {android.id, net.id, web.id}

    app.config["INDEX_SNAPSHOT_DIR"] = ""
    indexes.reset()
    fresh = answers([ada, cyd], [web, net, android])
    assert indexes.VACANCIES.builds == 1 and not indexes.VACANCIES.loaded
    assert rounded(loaded) == rounded(fresh)
    assert loaded != before  # the changes did change the answers
    assert android.id in [v for v, _ in loaded["search aplikasi android kotlin"][1]]  # type: ignore[index]
    assert old.id not in [v for v, _ in loaded["search php"][1]]  # type: ignore[index]


def test_a_snapshot_belongs_to_one_database_model_and_mean(app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import numpy as np

    from app.services.indexes import snapshot

    app.config["INDEX_SNAPSHOT_DIR"] = str(tmp_path)
    mean = np.ones(4)
    here = snapshot.folder(("postgresql://u:secret@h/db", "e5"), mean)
    assert here is not None and "secret" not in str(here)
    assert here == snapshot.folder(("postgresql://u:secret@h/db", "e5"), mean.copy())
    assert here != snapshot.folder(("postgresql://u:secret@h/db", "use"), mean)
    assert here != snapshot.folder(("postgresql://u:secret@h/other", "e5"), mean)
    assert here != snapshot.folder(("postgresql://u:secret@h/db", "e5"), mean * 2)
    app.config["INDEX_SNAPSHOT_DIR"] = ""
    assert snapshot.folder(("postgresql://u:secret@h/db", "e5"), mean) is None


def test_flask_match_snapshot_writes_it(app, vocab, tmp_path, runner) -> None:  # type: ignore[no-untyped-def]
    web = VacancyFactory(title="Web Developer PHP")
    ask(web, ("PHP",))
    store_vectors(web)
    app.config["INDEX_SNAPSHOT_DIR"] = str(tmp_path / "index")
    result = runner.invoke(args=["match", "snapshot"])
    assert result.exit_code == 0, result.output
    assert "1 vacancy rows" in result.output
    assert indexes.VACANCIES.main is None  # as the job: this process's own indexes left alone
    indexes.reset()
    assert search(SearchQuery(text="php")).total == 1
    assert indexes.VACANCIES.loaded


def test_flask_match_snapshot_fails_when_nothing_was_written(
    app, vocab, tmp_path, runner, monkeypatch
) -> None:  # type: ignore[no-untyped-def]  # noqa: E501
    from app.services.indexes import snapshot

    web = VacancyFactory(title="Web Developer PHP")
    ask(web, ("PHP",))
    store_vectors(web)
    app.config["INDEX_SNAPSHOT_DIR"] = str(tmp_path / "index")
    monkeypatch.setattr(snapshot, "save", lambda *args, **kwargs: None)  # another process writes
    result = runner.invoke(args=["match", "snapshot"])
    assert result.exit_code != 0
    assert "vacancy index snapshot not written" in result.output  # no seekers: nothing to write
    assert "rows" not in result.output


def test_a_stale_snapshot_is_served_and_rewritten_by_a_job(app, vocab, tmp_path) -> None:  # type: ignore[no-untyped-def]
    web = VacancyFactory(title="Web Developer PHP")
    ask(web, ("PHP",))
    net = VacancyFactory(title="Teknisi Jaringan")
    ask(net, ("Linux",))
    store_vectors(web, net)
    app.config["INDEX_SNAPSHOT_DIR"] = str(tmp_path / "index")
    assert search(SearchQuery(text="php")).total == 1
    (pointer,) = (tmp_path / "index").glob("*/vacancy.json")
    first = pointer.read_text()

    app.config["INDEX_DELTA_LIMIT"] = 1  # more changed rows than this: the snapshot is stale
    db.session.execute(update(Vacancy).values(updated_at=utcnow(), title="Programmer PHP"))
    db.session.commit()
    indexes.reset()
    assert search(SearchQuery(text="php")).total == 2  # the stale snapshot and a delta
    assert indexes.VACANCIES.loaded and indexes.VACANCIES.builds == 0  # nothing built here
    assert pointer.read_text() != first  # the job (eager in tests) wrote a new one
    assert len(list((tmp_path / "index").glob("*/vacancy-*"))) == 2  # INDEX_SNAPSHOT_KEEP
