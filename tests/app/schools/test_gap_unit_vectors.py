# ruff: noqa: F811 - the tkj fixture is imported and named as a parameter
"""The vectors of a curriculum's unit texts (the gap report's unit advice) are stored when the
curriculum is saved, by its skills job; opening a gap report reads them and embeds no unit
text, a missing or stale one is embedded once and stored, and stored vectors give the advice
fresh ones give. (The skills' descriptions, which the unit advice embeds through the same cached
embedder, are not in play here: the fixture's skills are not in the skill index.)"""

from __future__ import annotations

import numpy as np
import pytest
from sqlalchemy import event, func, select
from sqlalchemy.exc import OperationalError

from app.extensions import db
from app.jobs import enqueue
from app.models import LearningOutcome, TextVector
from app.services import gap_reports, vectors
from app.services.linking import embed, skill_index
from curricula.gap import unit_text_rows
from tests.app.schools.test_gap_advice import tkj  # noqa: F401 - the fixture
from tests.conftest import login_as


@pytest.fixture
def encoded(app, monkeypatch):  # type: ignore[no-untyped-def]
    """Every text the embedder is asked to encode from now on (the embedder still answers)."""
    embedder = skill_index().embedder
    seen: list[str] = []
    real = embedder.encode

    def spy(texts, **kwargs):  # type: ignore[no-untyped-def]
        seen.extend(texts)
        return real(texts, **kwargs)

    monkeypatch.setattr(embedder, "encode", spy)
    return seen


def unit_texts(curriculum) -> set[str]:  # type: ignore[no-untyped-def]
    return {
        text
        for unit in curriculum.units
        for text in unit_text_rows(unit.name, [o.text for o in unit.outcomes])
    }


def stored_units() -> int:
    return db.session.scalar(select(func.count()).where(TextVector.subject == vectors.UNIT_SUBJECT))


def open_report(client, curriculum) -> None:  # type: ignore[no-untyped-def]
    response = client.get(f"/school/curricula/{curriculum.id}/gap?region=own&scope=all")
    assert response.status_code == 200


def suggestions(report: dict) -> dict[str, object]:
    return {m["skill"]: m["suggested_unit"] for m in report["missing"]}


def test_the_skills_job_stores_unit_vectors_and_reports_embed_nothing(
    tkj,
    client,
    encoded,
) -> None:
    curriculum = tkj["curriculum"]
    enqueue("curricula.extract", curriculum_id=curriculum.id)  # the job a saved curriculum gets
    assert stored_units() == len(curriculum.units)
    assert unit_texts(curriculum) <= set(encoded)
    login_as(client, tkj["school"])
    encoded.clear()
    open_report(client, curriculum)
    open_report(client, curriculum)
    assert encoded == []  # no unit text (and the fixture's skills have no description to read)


def test_a_missing_vector_is_embedded_once_and_kept(tkj, client, encoded) -> None:
    curriculum = tkj["curriculum"]  # saved before the vectors were stored: none yet
    assert stored_units() == 0
    login_as(client, tkj["school"])
    open_report(client, curriculum)  # a preview: its own transaction is rolled back
    assert stored_units() == len(curriculum.units)
    assert sorted(encoded).count("Administrasi Infrastruktur Jaringan") == 1
    encoded.clear()
    open_report(client, curriculum)
    assert encoded == []


def test_a_changed_outcome_is_embedded_again_once(tkj, client, encoded) -> None:
    curriculum = tkj["curriculum"]
    vectors.store_unit_vectors(curriculum)
    db.session.commit()
    unit = curriculum.units[1]
    unit.outcomes[0].text = "Peserta didik mampu menyusun rencana usaha."
    db.session.commit()
    login_as(client, tkj["school"])
    encoded.clear()
    open_report(client, curriculum)
    open_report(client, curriculum)
    changed = {"Produk Kreatif dan Kewirausahaan", "menyusun rencana usaha."}  # the unit's texts
    assert sorted(encoded) == sorted(changed)  # once each, nothing else
    assert "Administrasi Infrastruktur Jaringan" not in encoded  # the other unit is kept


def test_stored_vectors_give_the_advice_of_fresh_ones(tkj, monkeypatch) -> None:
    curriculum = tkj["curriculum"]
    vectors.store_unit_vectors(curriculum)
    db.session.commit()
    stored = vectors.unit_vectors(curriculum)
    for unit in curriculum.units:
        fresh = embed(unit_text_rows(unit.name, [o.text for o in unit.outcomes]), kind="query")
        np.testing.assert_allclose(stored[unit.id], fresh, atol=1e-6)
    from_stored = gap_reports.compute_report(curriculum, gap_reports.GapRequest("own"), "en")

    db.session.execute(TextVector.__table__.delete())
    db.session.commit()
    monkeypatch.setattr(vectors, "store_unit_vectors_apart", vectors.unit_vectors)  # not kept
    from_fresh = gap_reports.compute_report(curriculum, gap_reports.GapRequest("own"), "en")
    assert stored_units() == 0  # embedded in the request, as before the vectors were stored
    assert suggestions(from_stored) == suggestions(from_fresh)
    assert any(suggestions(from_stored).values())  # there is advice to compare


def test_an_outcome_that_teaches_no_skill_is_read_once_not_by_every_report(
    tkj, client, encoded
) -> None:
    curriculum = tkj["curriculum"]
    text = "Peserta didik mampu berdoa bersama sebelum pelajaran dimulai."
    curriculum.units[0].outcomes.append(LearningOutcome(position=99, text=text))
    db.session.commit()
    enqueue("curricula.extract", curriculum_id=curriculum.id)  # the job a saved curriculum gets
    db.session.expire_all()
    outcome = db.session.scalar(select(LearningOutcome).where(LearningOutcome.text == text))
    assert outcome.skills == []  # nothing to show it was read but the mark
    assert outcome.skills_read_at is not None
    assert outcome.mentioned_skills is not None  # stored with the mark, read by the unit choice
    login_as(client, tkj["school"])
    encoded.clear()
    open_report(client, curriculum)
    open_report(client, curriculum)
    assert encoded == []  # not read again by each report


def test_a_report_reads_the_stored_unit_vectors_once(tkj) -> None:
    curriculum = tkj["curriculum"]
    vectors.store_unit_vectors(curriculum)
    db.session.commit()
    reads: list[str] = []

    def seen(conn, cursor, statement, *args) -> None:  # type: ignore[no-untyped-def]
        if statement.lstrip().upper().startswith("SELECT") and "text_vectors" in statement:
            reads.append(statement)

    event.listen(db.engine, "before_cursor_execute", seen)
    try:
        report = gap_reports.compute_report(curriculum, gap_reports.GapRequest("own"), "en")
    finally:
        event.remove(db.engine, "before_cursor_execute", seen)
    assert any(suggestions(report).values())  # the unit advice was given from them
    assert len(reads) == 1


def test_a_busy_database_stores_nothing_and_still_gives_the_vectors(tkj, monkeypatch) -> None:
    curriculum = tkj["curriculum"]

    def busy(self) -> None:  # type: ignore[no-untyped-def]
        raise OperationalError("COMMIT", {}, Exception("database is locked"))

    with monkeypatch.context() as patch:
        patch.setattr(vectors.Session, "commit", busy)
        found = vectors.store_unit_vectors_apart(curriculum)
    assert stored_units() == 0
    for unit in curriculum.units:
        fresh = embed(unit_text_rows(unit.name, [o.text for o in unit.outcomes]), kind="query")
        np.testing.assert_allclose(found[unit.id], fresh, atol=1e-6)
