"""Text vectors stored once, when a text is saved: vacancies and seeker profiles.

A vector is the model's normalised embedding of the object's text (``matching.vacancy_text`` /
``profile_text``), kept with the hash of that text. Indexes read them with column queries; a
request never embeds a stored text again (only a seeker's own query or a text whose vector is not
stored yet).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence

import numpy as np
from flask import current_app
from sqlalchemy import select, update

from app.extensions import db
from app.models import SeekerProfile, TextVector, Vacancy
from app.models.base import utcnow
from app.services.linking import embed

EMBED_KIND = "query"  # the e5 prefix the ranking's text similarity was calibrated with
READ_CHUNK = 5000


def model_id() -> str:
    """The embedding model the vectors belong to."""
    return str(current_app.config["EMBEDDING_MODEL"])


def text_hash(text: str) -> str:
    """What identifies a text (a changed text needs a new vector)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def to_bytes(vector: np.ndarray) -> bytes:
    """A vector as stored (float32, little-endian)."""
    return np.asarray(vector, dtype="<f4").tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    """A stored vector as a float32 array."""
    return np.frombuffer(data, dtype="<f4")


def store_many(subject: str, items: Sequence[tuple[int, str]]) -> int:
    """Embed and store the texts of ``(object_id, text)`` whose stored vector is missing or was
    computed from another text; the number embedded. The caller commits."""
    if not items:
        return 0
    model = model_id()
    ids = [object_id for object_id, _ in items]
    stored = {
        row.object_id: row
        for row in db.session.scalars(
            select(TextVector).where(
                TextVector.subject == subject,
                TextVector.model == model,
                TextVector.object_id.in_(ids),
            )
        )
    }
    todo = [
        (object_id, text, digest)
        for object_id, text in items
        if (digest := text_hash(text)) != getattr(stored.get(object_id), "text_hash", None)
    ]
    if not todo:
        return 0
    vectors = embed([text for _, text, _ in todo], kind=EMBED_KIND)
    for (object_id, _, digest), vector in zip(todo, vectors, strict=True):
        row = stored.get(object_id)
        if row is None:
            row = TextVector(subject=subject, object_id=object_id, model=model)
            db.session.add(row)
        row.text_hash = digest
        row.vector = to_bytes(vector)
    return len(todo)


def stored_vector(subject: str, object_id: int, text: str) -> np.ndarray | None:
    """The stored vector of ``text`` (None when none is stored for exactly this text)."""
    row = db.session.execute(
        select(TextVector.text_hash, TextVector.vector).where(
            TextVector.subject == subject,
            TextVector.model == model_id(),
            TextVector.object_id == object_id,
        )
    ).first()
    if row is None or row.text_hash != text_hash(text):
        return None
    return from_bytes(row.vector)


def vector_of(subject: str, object_id: int | None, text: str) -> np.ndarray:
    """The stored vector of a text, else its embedding now (a text saved a moment ago)."""
    if object_id is not None:
        found = stored_vector(subject, object_id, text)
        if found is not None:
            return found
    return embed([text], kind=EMBED_KIND)[0]


def load(subject: str, ids: Iterable[int], dim: int) -> np.ndarray:
    """Stored vectors of ``ids`` as rows in that order (a zero row where none is stored)."""
    ids = list(ids)
    matrix = np.zeros((len(ids), dim), dtype=np.float32)
    if not ids:
        return matrix
    position = {object_id: row for row, object_id in enumerate(ids)}
    model = model_id()
    for start in range(0, len(ids), READ_CHUNK):
        chunk = ids[start : start + READ_CHUNK]
        rows = db.session.execute(
            select(TextVector.object_id, TextVector.vector).where(
                TextVector.subject == subject,
                TextVector.model == model,
                TextVector.object_id.in_(chunk),
            )
        )
        for object_id, data in rows:
            vector = from_bytes(data)
            if vector.shape[0] == dim:
                matrix[position[object_id]] = vector
    return matrix


def vacancy_text(vacancy: Vacancy) -> str:
    """The text of a vacancy used for text similarity."""
    return f"{vacancy.title}\n{vacancy.description}"


def profile_text(profile: SeekerProfile) -> str:
    """The text of a profile used for text similarity: headline, field, summary, skill names."""
    skills = ", ".join(s.skill.label_en for s in profile.skills if s.confirmed and not s.rejected)
    parts = [profile.headline, profile.field_of_study, profile.summary, skills]
    return "\n".join(p for p in parts if p)


def _texts(subject: str, ids: Sequence[int]) -> dict[int, str]:
    model, text_of = (
        (Vacancy, vacancy_text) if subject == "vacancy" else (SeekerProfile, profile_text)
    )
    found = db.session.scalars(select(model).where(model.id.in_(list(ids))))
    return {item.id: text_of(item) for item in found}


def embed_current(subject: str, ids: Sequence[int], dim: int) -> np.ndarray:
    """Embeddings of these rows' current texts, computed now and not stored (rows a job has not
    reached yet); a zero row for an id that no longer exists."""
    texts = _texts(subject, ids)
    out = np.zeros((len(ids), dim), dtype=np.float32)
    present = [n for n, i in enumerate(ids) if i in texts]
    if present:
        out[present] = embed([texts[ids[n]] for n in present], kind=EMBED_KIND)
    return out


def refresh(subject: str, ids: Sequence[int]) -> int:
    """Store the vectors of these vacancies or profiles whose text changed, and tell the indexes
    (``updated_at``); the number embedded. The caller commits."""
    model, text_of = (
        (Vacancy, vacancy_text) if subject == "vacancy" else (SeekerProfile, profile_text)
    )
    found = list(db.session.scalars(select(model).where(model.id.in_(list(ids)))))
    done = store_many(subject, [(item.id, text_of(item)) for item in found])
    if done:
        db.session.execute(
            update(model)
            .where(model.id.in_([item.id for item in found]))
            .values(updated_at=utcnow())
        )
    return done


def refresh_later(subject: str, ids: Sequence[int]) -> None:
    """Start the job that stores these objects' vectors (``vectors.refresh``)."""
    from app.jobs import enqueue, pending

    ids = sorted(set(ids))
    job_subject = f"vectors:{subject}:{ids[0]}" if len(ids) == 1 else f"vectors:{subject}"
    if ids and pending(job_subject) is None:
        enqueue("vectors.refresh", subject=job_subject, of=subject, ids=ids)


def forget(subject: str, object_id: int) -> None:
    """Remove the stored vectors of a deleted object. The caller commits."""
    db.session.execute(
        TextVector.__table__.delete().where(
            TextVector.subject == subject, TextVector.object_id == object_id
        )
    )
