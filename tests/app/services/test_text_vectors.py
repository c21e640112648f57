"""Stored text vectors belong to the embedder's model id (which changes with the model and its
ONNX export), not to the configuration's name for it: a vector another model computed, stored
under another id (such as the name ``e5`` rows had before), is never read."""

from __future__ import annotations

import numpy as np
import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import TextVector
from app.services import vectors
from app.services.linking import skill_index
from matching.linking.runtime import MODELS, embedder_model_id, load_embedder

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
