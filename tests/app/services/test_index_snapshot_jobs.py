"""The index snapshot is kept fresh by jobs: the daily run writes a new one, a process whose
changes since the snapshot pass ``INDEX_DELTA_LIMIT`` asks for one (once) and serves from the
snapshot and its delta meanwhile, then takes the new one; old folders beyond
``INDEX_SNAPSHOT_KEEP`` are removed, never the one in use."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import func, select, update

from app.extensions import db
from app.jobs import enqueue
from app.jobs.daily import DAILY_KINDS
from app.jobs.runner import _execute
from app.models import BackgroundJob, Vacancy
from app.models.base import utcnow
from app.services import indexes
from app.services.indexes import snapshot
from app.services.search import SearchQuery, search
from tests.app.services.test_index_snapshot import store_vectors
from tests.factories import VacancyFactory
from tests.test_matching_flow import ask


def pointer(root: Path, kind: str = "vacancy") -> str:
    (found,) = root.glob(f"*/{kind}.json")
    return json.loads(found.read_text())["folder"]


def folders(root: Path, kind: str = "vacancy") -> set[str]:
    return {p.name for p in root.glob(f"*/{kind}-*")}


def snapshot_jobs() -> int:
    return db.session.scalar(select(func.count()).where(BackgroundJob.kind == "indexes.snapshot"))


def php_vacancies(count: int) -> list[Vacancy]:
    made = []
    for n in range(count):
        item = VacancyFactory(title=f"Web Developer PHP {n}")
        ask(item, ("PHP",))
        made.append(item)
    store_vectors(*made)
    return made


def test_the_daily_job_writes_a_fresh_snapshot(app, vocab, tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert "indexes.snapshot" in DAILY_KINDS
    php_vacancies(2)
    root = tmp_path / "index"
    app.config["INDEX_SNAPSHOT_DIR"] = str(root)
    first = enqueue("indexes.snapshot")
    assert first.status == "finished", first.error
    assert first.result == {"written": True, "vacancy": 2, "seeker": 0}
    written = pointer(root)
    assert enqueue("indexes.snapshot").status == "finished"  # the next night: a new folder
    assert pointer(root) != written
    assert indexes.VACANCIES.main is None  # this process's own indexes were left alone
    assert search(SearchQuery(text="php")).total == 2
    assert indexes.VACANCIES.loaded and indexes.VACANCIES.builds == 0  # read from it


def test_a_delta_past_the_limit_asks_a_job_once_and_requests_build_nothing(
    app, vocab, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    started: list[str] = []
    monkeypatch.setattr(
        "app.jobs.runner.start_recorded", lambda job_id, *a, **k: started.append(job_id)
    )
    made = php_vacancies(4)
    root = tmp_path / "index"
    app.config["INDEX_SNAPSHOT_DIR"] = str(root)
    assert search(SearchQuery(text="php")).total == 4  # built from the database, written
    assert indexes.VACANCIES.builds == 1
    written = pointer(root)

    app.config["INDEX_DELTA_LIMIT"] = 2
    for item in made[:3]:
        ask(item, ("Kotlin",))
    db.session.execute(update(Vacancy).values(updated_at=utcnow()))
    db.session.commit()
    assert search(SearchQuery(text="kotlin")).total == 3  # main part + a delta of 4 rows
    assert indexes.VACANCIES.builds == 1 and len(indexes.VACANCIES.delta_ids) == 4
    assert snapshot_jobs() == 1 and len(started) == 1
    indexes.VACANCIES.asked = None  # as another process would: the job queued is enough
    db.session.execute(update(Vacancy).values(updated_at=utcnow()))
    db.session.commit()
    assert search(SearchQuery(text="kotlin")).total == 3
    assert snapshot_jobs() == 1 and indexes.VACANCIES.builds == 1
    assert pointer(root) == written

    assert _execute(started[0], "indexes.snapshot", {}, will_retry=False)["written"]
    assert pointer(root) != written
    assert search(SearchQuery(text="kotlin")).total == 3
    assert indexes.VACANCIES.source == pointer(root)  # the new snapshot is the main part now
    assert indexes.VACANCIES.loaded and not indexes.VACANCIES.delta_ids
    assert indexes.VACANCIES.builds == 0  # loaded, never built in a request


def test_without_snapshots_the_process_builds_again_itself(app, vocab) -> None:  # type: ignore[no-untyped-def]
    made = php_vacancies(3)
    assert search(SearchQuery(text="php")).total == 3
    app.config["INDEX_DELTA_LIMIT"] = 1
    db.session.execute(update(Vacancy).where(Vacancy.id != made[0].id).values(updated_at=utcnow()))
    db.session.commit()
    assert search(SearchQuery(text="php")).total == 3
    assert indexes.VACANCIES.builds == 2 and snapshot_jobs() == 0


def test_old_folders_beyond_the_limit_go_never_the_one_in_use(app, vocab, tmp_path) -> None:  # type: ignore[no-untyped-def]
    php_vacancies(1)
    root = tmp_path / "index"
    app.config["INDEX_SNAPSHOT_DIR"] = str(root)
    assert search(SearchQuery(text="php")).total == 1
    assert indexes.VACANCIES.source == pointer(root)  # written at its first build
    indexes.reset()  # serving from no folder now
    for _ in range(3):
        assert enqueue("indexes.snapshot").status == "finished"
    assert len(folders(root)) == 2  # INDEX_SNAPSHOT_KEEP: the two newest
    assert pointer(root) in folders(root)

    app.config["INDEX_SNAPSHOT_KEEP"] = 1
    indexes.reset()
    assert search(SearchQuery(text="php")).total == 1
    in_use = indexes.VACANCIES.source
    for _ in range(2):
        assert enqueue("indexes.snapshot").status == "finished"
    assert in_use != pointer(root)
    assert folders(root) == {in_use, pointer(root)}  # the one this process serves from stays


def test_prune_never_removes_the_folder_the_pointer_names(tmp_path) -> None:
    for stamp in (1, 2, 3, 4):
        (tmp_path / f"vacancy-{stamp}-9").mkdir()
    (tmp_path / "vacancy.json").write_text(json.dumps({"folder": "vacancy-1-9"}))
    removed = snapshot.prune(tmp_path, "vacancy", 2, {None})
    assert sorted(removed) == ["vacancy-2-9"]
    assert folders_here(tmp_path) == {"vacancy-1-9", "vacancy-3-9", "vacancy-4-9"}
    assert snapshot.prune(tmp_path, "vacancy", 0, {"vacancy-3-9"}) == []  # keeps at least one


def folders_here(base: Path) -> set[str]:
    return {p.name for p in base.glob("vacancy-*")}


def test_a_delta_that_the_snapshot_never_catches_is_bounded(
    app, vocab, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """The job runs where this disk is not (another machine): the delta is not rebuilt from
    ever more rows all day; past DELTA_CEILING times the limit the process builds again."""
    from app.services.indexes.live import DELTA_CEILING

    monkeypatch.setattr("app.jobs.runner.start_recorded", lambda *a, **k: None)  # never runs
    made = php_vacancies(DELTA_CEILING + 2)
    app.config["INDEX_SNAPSHOT_DIR"] = str(tmp_path / "index")
    assert search(SearchQuery(text="php")).total == len(made)
    app.config["INDEX_DELTA_LIMIT"] = 1
    for count, item in enumerate(made, start=1):
        ask(item, ("Kotlin",))
        db.session.execute(update(Vacancy).where(Vacancy.id == item.id).values(updated_at=utcnow()))
        db.session.commit()
        search(SearchQuery(text="kotlin"))
        if count <= DELTA_CEILING:
            assert indexes.VACANCIES.builds == 1  # waits for the snapshot, serving the delta
    assert indexes.VACANCIES.builds == 2  # past the ceiling: built here, the delta emptied
    assert len(indexes.VACANCIES.delta_ids) <= DELTA_CEILING
    assert search(SearchQuery(text="kotlin")).total == len(made)


def test_the_folder_served_is_the_one_loaded_when_the_pointer_moves_meanwhile(
    app, vocab, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """A writer may replace the pointer while a process loads the snapshot: the process's
    ``source`` (what ``_take_newer`` and pruning go by) names the folder its part came from."""
    php_vacancies(1)
    root = tmp_path / "index"
    app.config["INDEX_SNAPSHOT_DIR"] = str(root)
    assert enqueue("indexes.snapshot").status == "finished"
    older = pointer(root)
    php_vacancies(1)
    assert enqueue("indexes.snapshot").status == "finished"
    newer = pointer(root)
    real = snapshot._pointer
    reads: list[str] = []

    def moving(base: Path, kind: str) -> dict | None:  # the first read sees the older folder
        found = real(base, kind)
        if found is not None and kind == "vacancy":
            found = {**found, "folder": older if not reads else newer}
            reads.append(found["folder"])
        return found

    monkeypatch.setattr(snapshot, "_pointer", moving)
    indexes.reset()
    assert older != newer and search(SearchQuery(text="php")).total == 2  # caught up
    assert indexes.VACANCIES.loaded and indexes.VACANCIES.builds == 0
    assert indexes.VACANCIES.source == older
    assert len(indexes.VACANCIES.main) == 1  # the older folder's part: one vacancy
    assert reads == [older]  # the pointer is read once
