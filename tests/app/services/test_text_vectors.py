"""Stored text vectors belong to the embedder's model id (which changes with the model and its
ONNX export), not to the configuration's name for it: a vector another model computed, stored
under another id (such as the name ``e5`` rows had before), is never read."""

from __future__ import annotations

import numpy as np
import pytest
from sqlalchemy import func, select, update

from app.extensions import db
from app.models import TextVector, Vacancy
from app.services import indexes, matching, vectors
from app.services.linking import skill_index
from matching.linking.runtime import MODELS, embedder_model_id, load_embedder
from tests.factories import VacancyFactory

TEXT = "Perawat rumah sakit\nMerawat pasien rawat inap dan mencatat tanda vital."


def test_the_vectors_model_is_the_id_of_the_embedder_that_computes_them(app) -> None:  # type: ignore[no-untyped-def]
    assert vectors.model_id() == skill_index().embedder.model_id
    assert vectors.model_id() != app.config["EMBEDDING_MODEL"]


@pytest.mark.parametrize("name", MODELS)
def test_the_model_id_is_known_without_building_the_embedder(name: str) -> None:
    try:
        embedder = load_embedder(name)
    except FileNotFoundError:
        pytest.skip(f"{name} is not built here")
    assert embedder_model_id(name) == embedder.model_id


def test_a_vector_stored_under_another_model_id_is_not_read(app) -> None:  # type: ignore[no-untyped-def]
    old = np.ones(384, dtype=np.float32)
    db.session.add(
        TextVector(
            subject="vacancy",
            object_id=7,
            model=app.config["EMBEDDING_MODEL"],  # the key before: the configuration's name
            text_hash=vectors.text_hash(TEXT),
            vector=vectors.to_bytes(old),
        )
    )
    db.session.commit()
    assert vectors.stored_vector("vacancy", 7, TEXT) is None
    assert not vectors.load("vacancy", [7], 384).any()

    assert vectors.store_many("vacancy", [(7, TEXT)]) == 1  # embedded again, a row of its own
    db.session.commit()
    rows = dict(db.session.execute(select(TextVector.model, TextVector.vector)).all())
    assert set(rows) == {app.config["EMBEDDING_MODEL"], vectors.model_id()}
    fresh = vectors.stored_vector("vacancy", 7, TEXT)
    assert fresh is not None and not np.allclose(fresh, old)
    assert np.allclose(vectors.load("vacancy", [7], 384)[0], fresh)


def test_a_database_from_before_ranks_as_before_and_a_reindex_stores_the_vectors_again(
    app, vocab, runner
) -> None:  # type: ignore[no-untyped-def]
    """Rows stored under the configuration's name (before the model id keyed them) are not
    read: the index embeds those rows in memory (up to ``INDEX_EMBED_MISSING``), giving the
    vectors it had, and ``flask match reindex`` stores them under the model id."""
    VacancyFactory()
    VacancyFactory(title="Perawat", description="Merawat pasien.")
    db.session.commit()
    vectors.refresh("vacancy", list(db.session.scalars(select(Vacancy.id))))
    db.session.commit()
    before = matching.vacancy_parts()[0].index.table.text.copy()
    db.session.execute(update(TextVector).values(model=app.config["EMBEDDING_MODEL"]))
    db.session.commit()
    indexes.reset()
    assert np.allclose(matching.vacancy_parts()[0].index.table.text, before, atol=1e-6)

    done = runner.invoke(args=["match", "reindex"])
    assert done.exit_code == 0, done.output
    assert "vacancy: 2 of 2 embedded" in done.output
    count = select(func.count()).where(TextVector.model == vectors.model_id())
    assert db.session.scalar(count.where(TextVector.subject == "vacancy")) == 2
