# ruff: noqa: F811 - the seeded fixture is imported and named as a parameter
"""``flask seed scale`` stores the vectors of its curricula's unit texts as the curriculum's
skills job would (each template's texts embedded once), so gap reports embed nothing."""

from __future__ import annotations

import numpy as np
import pytest
from flask import Flask
from sqlalchemy import func, select

from app.extensions import db
from app.models import Curriculum, CurriculumUnit, TextVector
from app.services import vectors
from app.services.linking import embed
from tests.app.services.test_scale_data import seeded  # noqa: F401 - the fixture

pytestmark = pytest.mark.usefixtures("vocab")


def test_seeded_curricula_have_their_unit_vectors(seeded: Flask) -> None:
    units = db.session.scalar(select(func.count()).select_from(CurriculumUnit))
    stored = select(func.count()).where(TextVector.subject == vectors.UNIT_SUBJECT)
    assert units > 0 and db.session.scalar(stored) == units
    for curriculum in db.session.scalars(select(Curriculum)):
        assert vectors.store_unit_vectors(curriculum) == 0  # stored, for exactly these texts
    curriculum = db.session.scalars(select(Curriculum)).first()
    unit_id, texts = vectors.unit_items(curriculum)[0]
    found = vectors.unit_vectors(curriculum)[unit_id]
    np.testing.assert_allclose(found, embed(texts, kind=vectors.EMBED_KIND), atol=1e-6)
