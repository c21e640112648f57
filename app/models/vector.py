"""Text embeddings stored once, when a text is saved, keyed by what they embed and the model."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models.base import utcnow

VECTOR_SUBJECTS = ("vacancy", "seeker", "unit_text")


class TextVector(db.Model):
    """The embedding of one object's text (a vacancy's title and description, a profile) by one
    model, as float32 bytes; ``text_hash`` says which text it was computed from. A curriculum
    unit (``unit_text``) keeps one row per text (its name, its outcomes) in the same bytes."""

    __tablename__ = "text_vectors"
    __table_args__ = (sa.UniqueConstraint("subject", "object_id", "model"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    subject: Mapped[str] = mapped_column(sa.String(20))
    object_id: Mapped[int] = mapped_column(sa.BigInteger)
    model: Mapped[str] = mapped_column(sa.String(64))
    text_hash: Mapped[str] = mapped_column(sa.String(64))
    vector: Mapped[bytes] = mapped_column(sa.LargeBinary)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
