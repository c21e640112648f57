"""Text vectors stored once, when a text is saved: vacancies, seeker profiles and the units of
curricula.

A vector is the model's normalised embedding of the object's text (``vacancy_text`` /
``profile_text``), kept with the hash of that text and the embedder's model id (``model_id``). A curriculum unit keeps one row per text of
``curricula.gap.unit_text_rows`` (its name and outcomes), stored together as one matrix. Indexes
and gap reports read them with column queries; a request never embeds a stored text again (only a
seeker's own query or a text whose vector is not stored yet).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable, Sequence

import numpy as np
from flask import current_app
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from app.extensions import db
from app.models import Curriculum, SeekerProfile, TextVector, Vacancy
from app.models.base import utcnow
from app.services.linking import embed
from curricula.gap import unit_text_rows

EMBED_KIND = "query"  # the e5 prefix the ranking's text similarity was calibrated with
READ_CHUNK = 5000
UNIT_SUBJECT = "unit_text"  # a curriculum unit's name and outcome texts (one row each)
Text = str | Sequence[str]  # one text, or the texts of one object (one vector row each)
log = logging.getLogger(__name__)


def model_id() -> str:
    """The embedding model the vectors belong to: the id of the embedder the configuration
    names (``EMBEDDING_MODEL``), which changes with the model and its export, not the name
    itself; vectors stored under another id are not read (a re-index stores them again)."""
    from matching.linking.runtime import embedder_model_id

    return embedder_model_id(str(current_app.config["EMBEDDING_MODEL"]))


def text_hash(text: Text) -> str:
    """What identifies a text, or the texts of one object (a changed text needs a new vector)."""
    joined = text if isinstance(text, str) else "\x1e".join(text)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()


def _rows(text: Text) -> list[str]:
    return [text] if isinstance(text, str) else list(text)


def to_bytes(vector: np.ndarray) -> bytes:
    """A vector as stored (float32, little-endian)."""
    return np.asarray(vector, dtype="<f4").tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    """A stored vector as a float32 array."""
    return np.frombuffer(data, dtype="<f4")


def store_many(
    subject: str, items: Sequence[tuple[int, Text]], session: Session | None = None
) -> int:
    """Embed and store the texts of ``(object_id, text)`` whose stored vector is missing or was
    computed from another text; the number embedded. The caller commits ``session`` (default:
    the request's or job's own)."""
    return _store(subject, items, session or db.session)[1]


def _store(
    subject: str, items: Sequence[tuple[int, Text]], session: Session, keep: bool = True
) -> tuple[dict[int, np.ndarray], int]:
    """The vectors of ``items`` (a matrix of one row per text) and how many objects were
    embedded: stored ones read, the missing or stale ones embedded (each distinct text once, in
    one pass of the model) and, when ``keep``, added to ``session``."""
    if not items:
        return {}, 0
    model = model_id()
    ids = [object_id for object_id, _ in items]
    with session.no_autoflush:  # the caller's pending rows reach the database at its commit:
        # a flush here would hold a SQLite file's write lock while the model runs below
        stored = {
            row.object_id: row
            for row in session.scalars(
                select(TextVector).where(
                    TextVector.subject == subject,
                    TextVector.model == model,
                    TextVector.object_id.in_(ids),
                )
            )
        }
    found: dict[int, np.ndarray] = {}
    todo = []
    for object_id, text in items:
        digest, row = text_hash(text), stored.get(object_id)
        if row is not None and row.text_hash == digest:
            found[object_id] = from_bytes(row.vector).reshape(len(_rows(text)), -1)
        else:
            todo.append((object_id, _rows(text), digest))
    if not todo:
        return found, 0
    for (object_id, _, digest), matrix in zip(
        todo, embed_many([texts for _, texts, _ in todo]), strict=True
    ):
        found[object_id] = matrix
        if not keep:
            continue
        row = stored.get(object_id)
        if row is None:
            row = TextVector(subject=subject, object_id=object_id, model=model)
            session.add(row)
        row.text_hash = digest
        row.vector = to_bytes(matrix)
    return found, len(todo)


def embed_many(
    texts: Sequence[Text], encode: Callable[[list[str]], np.ndarray] | None = None
) -> list[np.ndarray]:
    """The vectors of each text as stored (a matrix of one row per text of an object, float32),
    each distinct text embedded once, in one pass of the model (``encode``: another embedder's
    call instead of the linker's, as queries)."""
    rows = [_rows(text) for text in texts]
    distinct = list(dict.fromkeys(t for texts_of in rows for t in texts_of))
    if not distinct:
        vectors = np.zeros((0, 0))
    else:
        vectors = encode(distinct) if encode else embed(distinct, kind=EMBED_KIND)
    position = {t: n for n, t in enumerate(distinct)}
    return [np.asarray(vectors[[position[t] for t in r]], dtype="<f4") for r in rows]


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


def unit_items(curriculum: Curriculum) -> list[tuple[int, list[str]]]:
    """``(unit id, texts)`` of the curriculum's units that have a text (name or outcome)."""
    items = []
    for unit in curriculum.units:
        texts = unit_text_rows(unit.name, [o.text for o in unit.outcomes])
        if texts and unit.id is not None:  # a unit not flushed yet has no vector to keep
            items.append((unit.id, texts))
    return items


def store_unit_vectors(curriculum: Curriculum) -> int:
    """Store the vectors of the curriculum's units whose texts changed (the job that reads a
    saved curriculum's skills, ``flask match reindex``); the number embedded. The caller
    commits."""
    return store_many(UNIT_SUBJECT, unit_items(curriculum))


def store_unit_vectors_apart(curriculum: Curriculum) -> dict[int, np.ndarray]:
    """``unit_vectors``, with the missing or stale ones stored in a transaction of its own,
    committed at once (a gap report request: its own transaction may be rolled back, as a
    preview is, and the vectors must stay). The stored vectors are read once, here. Best effort:
    when another request stored them first or the database is busy, nothing is stored and the
    vectors are those embedded here (or, when the read itself failed, ``unit_vectors``)."""
    items = unit_items(curriculum)
    found: dict[int, np.ndarray] | None = None
    with Session(db.engine) as session:
        try:
            found = _store(UNIT_SUBJECT, items, session)[0]
            session.commit()
        except (IntegrityError, OperationalError) as error:
            session.rollback()
            log.info("unit vectors of curriculum %s not stored: %s", curriculum.id, error)
    return unit_vectors(curriculum) if found is None else found


def unit_vectors(curriculum: Curriculum) -> dict[int, np.ndarray]:
    """The vectors of each unit's texts (``curricula.gap.unit_text_rows``; one row per text) by
    unit id: the stored ones, and those not stored yet embedded now (not stored: the caller's
    transaction is not ours to commit)."""
    return _store(UNIT_SUBJECT, unit_items(curriculum), db.session, keep=False)[0]


def forget(subject: str, object_id: int) -> None:
    """Remove the stored vectors of a deleted object. The caller commits."""
    db.session.execute(
        TextVector.__table__.delete().where(
            TextVector.subject == subject, TextVector.object_id == object_id
        )
    )
