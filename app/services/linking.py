"""The skill linker and embedder for the web app: built once per process, lazily.

``matching`` does the work; this module only holds the process-wide instances and turns
mentions into the plain suggestions the other services store.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from flask import current_app

from matching.mentions import EVIDENCE_CONTEXT, sentence_around  # noqa: F401 - re-exported

if TYPE_CHECKING:
    from curricula.gap.precedents import Precedents
    from matching.linking import SkillIndex

_LOCK = threading.Lock()
_INDEXES: dict[str, SkillIndex] = {}
_KNOWN: dict[str, object] = {}
_PRECEDENTS: dict[str, object] = {}


@dataclass(frozen=True)
class SkillSuggestion:
    """A skill the matcher found in a text, with the sentence that shows it."""

    skill_id: str
    confidence: float
    evidence: str
    method: str
    start: int = -1  # offsets of the mention in the text read (-1: not known)
    end: int = -1


def _index_key() -> str:
    """The model and the profile's aliases file: what the index is built from."""
    aliases = current_app.config["PROFILE"].aliases_file
    return f"{current_app.config['EMBEDDING_MODEL']}|{aliases or ''}"


def skill_index() -> SkillIndex:
    """The process-wide skill index over the shipped vocabulary with the profile's local aliases
    (label embeddings cached on disk)."""
    key = _index_key()
    if key not in _INDEXES:
        with _LOCK:
            if key not in _INDEXES:
                from app.services.local_terms import profile_vocabulary
                from matching.linking.runtime import build_vocabulary_index

                _INDEXES[key] = build_vocabulary_index(
                    current_app.config["EMBEDDING_MODEL"], profile_vocabulary()
                )
    return _INDEXES[key]


def unit_precedents() -> Precedents | None:
    """The precedents of the gap report's unit advice (``curricula.gap.precedents``): the
    labelled set's answers, their units embedded by the index's second embedder; built once per
    process (under a second: some 1,030 units' texts through USE); ``None`` without USE, or when
    the labelled set or a curriculum it names cannot be read (logged once; the reports then
    advise with the weighted score)."""
    key = _index_key()
    if key not in _PRECEDENTS:
        index = skill_index()
        with _LOCK:
            if key not in _PRECEDENTS:
                from curricula.gap.precedents import index_precedents

                try:
                    _PRECEDENTS[key] = index_precedents(index)
                except (OSError, ValueError, KeyError) as error:
                    current_app.logger.warning("unit advice precedents not built: %s", error)
                    _PRECEDENTS[key] = None
    return _PRECEDENTS[key]  # type: ignore[return-value]


def index_loaded() -> bool:
    """The skill index and its embedding model's weights are loaded in this process."""
    index = _INDEXES.get(_index_key())
    if index is None:
        return False
    embedder = getattr(index, "embedder", None)
    return bool(getattr(getattr(embedder, "inner", embedder), "loaded", True))


def warm() -> int:
    """Load the skill index and its models' weights (the label vectors come from the disk cache,
    so the models themselves would otherwise load on the first text a request embeds), and have
    the skills' description vectors, by both embedders, in the disk cache (the gap report's unit
    advice reads them: embedded once, about 10 s on two cores, read from the cache after) and
    the unit advice's precedents built; returns how many descriptions that is."""
    from curricula.gap.contexts import description_vectors

    index = skill_index()
    for embedder in (index.embedder, index.aux):  # USE too: autocomplete's meaning guess uses it
        inner = getattr(embedder, "inner", embedder)
        if hasattr(inner, "load"):
            inner.load()
    skills = [e.skill_id for e in index.entries]
    described = description_vectors(index, skills)
    description_vectors(index, skills, second=True)
    unit_precedents()
    return len(described)


def embed(texts: list[str], kind: str = "passage") -> np.ndarray:
    """Normalised embeddings of texts with the linker's (cached) embedder."""
    return skill_index().embedder.encode(texts, kind=kind)


def clip_for_linker(text: str) -> tuple[str, bool]:
    """``text`` cut at a sentence end to the linker's limits (LINKER_MAX_CHARS characters,
    LINKER_MAX_SENTENCES sentences), lines longer than LINKER_MAX_LINE broken at a space; True
    when it was cut (``matching.mentions.clip_for_linker`` with the app's configuration)."""
    from matching.mentions import clip_for_linker as clip

    config = current_app.config
    return clip(
        text, config["LINKER_MAX_CHARS"], config["LINKER_MAX_LINE"], config["LINKER_MAX_SENTENCES"]
    )


def suggest_skills(text: str) -> list[SkillSuggestion]:
    """Skills found in ``text`` above the calibrated threshold, best first, one per skill.

    Only the first LINKER_MAX_CHARS characters are read (cut at a sentence end): the linker's
    time and memory grow with the text. Callers that may pass more say so (``clip_for_linker``).
    """
    return suggest_skills_many([text])[0]


def suggest_skills_many(texts: list[str]) -> list[list[SkillSuggestion]]:
    """``suggest_skills`` of each text, scored in batches (an import of many vacancies)."""
    return read_skills_many(texts)[0]


def read_skills_many(
    texts: list[str],
) -> tuple[list[list[SkillSuggestion]], list[list[str]]]:
    """Per text, its suggestions (``suggest_skills_many``) and, from the same pass of the
    linker, the ids of every skill it mentions before the document filter (what the gap
    report's unit choice reads of a learning outcome: ``LearningOutcome.mentioned_skills``)."""
    from matching.mentions import extract_many_both

    clipped = [clip_for_linker(text)[0] for text in texts]
    readable = [i for i, text in enumerate(clipped) if text.strip()]
    out: list[list[SkillSuggestion]] = [[] for _ in texts]
    mentioned: list[list[str]] = [[] for _ in texts]
    if not readable:
        return out, mentioned
    known = skill_ids_in_database()
    found = extract_many_both(skill_index(), [clipped[i] for i in readable])
    for i, (kept, every) in zip(readable, found, strict=True):
        text = clipped[i]
        mentioned[i] = list(dict.fromkeys(m.skill_id for m in every if m.skill_id in known))
        out[i] = [
            SkillSuggestion(
                m.skill_id,
                round(float(m.score), 3),
                sentence_around(text, m.start, m.end),
                m.method,
                m.start,
                m.end,
            )
            for m in kept
            if m.skill_id in known
        ]
    return out, mentioned


def skill_ids_in_database() -> frozenset[str]:
    """Ids of the skills stored in the database (the index may know skills the database lacks).

    Read once per process and again only when the number of skills changes: ``suggest_skills``
    runs once per learning outcome when a curriculum is saved.
    """
    from sqlalchemy import func, select

    from app.extensions import db
    from app.models import Skill

    count = db.session.scalar(select(func.count()).select_from(Skill))
    key = (str(db.engine.url), count)
    with _LOCK:
        if _KNOWN.get("key") != key:
            _KNOWN["key"] = key
            _KNOWN["ids"] = frozenset(db.session.scalars(select(Skill.id)))
        return _KNOWN["ids"]  # type: ignore[return-value]
