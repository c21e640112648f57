"""The linker on a benchmark label space: reading label files and the ESCO label table,
entries joined to the vocabulary, benchmark indexes, the ranker's variants and baselines, and the
leak checks that drop forms (used by the lab's evaluate, bench and calibrate commands)."""

from __future__ import annotations

import csv
import gzip
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.utils import default_process

from matching.linking.calibration import load_calibration
from matching.linking.index import Embedder, SkillIndex
from matching.linking.params import Weights
from matching.linking.runtime import embedder_pair, load_vocabulary_or_none
from matching.linking.sources import ESCO_SKILL_URI, dedup_forms, entry_from_skill
from matching.linking.store import build_or_load, combined_model_id
from matching.linking.types import SkillEntry, SkillForm

VARIANTS = (
    "fused",
    "fused_phrases",
    "fused_no_prior",
    "semantic",
    "semantic_forms",
    "tfidf",
    "fuzzy",
    "alias",
    "lexical",
)


def read_label_file(path: str | Path) -> list[str]:
    """The labels of a label-space file, one a line, in file order, without duplicates."""
    seen: dict[str, None] = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip():
            seen.setdefault(line.strip(), None)
    return list(seen)


def read_esco_label_table(path: str | Path) -> tuple[dict[str, str], dict[str, list[str]]]:
    """Read the ESCO label table (id, description = label text, type).

    Returns preferred label -> UUID and UUID -> alternative labels."""
    opener = gzip.open if str(path).endswith(".gz") else open
    uuid_of: dict[str, str] = {}
    alts: dict[str, list[str]] = defaultdict(list)
    with opener(path, "rt", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            text = (row.get("description") or "").strip()
            if not text:
                continue
            if row["type"] == "preferredLabel":
                uuid_of.setdefault(text, row["id"])
            else:
                alts[row["id"]].append(text)
    return uuid_of, dict(alts)


def benchmark_entries(
    labels: list[str], esco_table: str | Path | None = None, vocabulary: Any = None
) -> list[SkillEntry]:
    """Entries for a benchmark label space: the label is the skill id; forms come from ESCO
    alternative labels (joined by exact preferred label -> UUID) and from the vocabulary (joined
    by ESCO URI, else by exact English label)."""
    uuid_of, alts = read_esco_label_table(esco_table) if esco_table else ({}, {})
    by_uri = {s.uri: s for s in vocabulary.skills if s.uri} if vocabulary is not None else {}
    by_label: dict[str, Any] = {}
    if vocabulary is not None:
        for s in vocabulary.skills:
            by_label.setdefault(s.label_en.strip().casefold(), s)
    out = []
    for label in labels:
        uuid = uuid_of.get(label)
        alt_forms = [SkillForm(t, "en", "alt") for t in alts.get(uuid, [])] if uuid else []
        skill = by_uri.get(ESCO_SKILL_URI + uuid) if uuid else None
        skill = skill or by_label.get(label.casefold())
        if skill is not None:
            entry = entry_from_skill(skill, skill_id=label, label=label, extra=alt_forms)
            out.append(replace(entry, prior=1.0))
        else:
            out.append(SkillEntry(label, label, dedup_forms(alt_forms, label)))
    return out


def drop_forms_seen_in(
    entries: list[SkillEntry], texts: Iterable[str], max_n: int = 6
) -> list[SkillEntry]:
    """Entries without the project-written forms (any kind but ESCO ``alt``) that occur verbatim
    (as a token n-gram) in ``texts``: a leak check for aliases written with those texts in view."""
    from matching.linking.text import tokens

    seen: set[str] = set()
    for text in texts:
        norms = [t.norm for t in tokens(text)]
        for i in range(len(norms)):
            for n in range(1, max_n + 1):
                if i + n <= len(norms):
                    seen.add(" ".join(norms[i : i + n]))
    from matching.linking.text import norm_key

    return [
        replace(
            e, forms=tuple(f for f in e.forms if f.kind == "alt" or norm_key(f.text) not in seen)
        )
        for e in entries
    ]


def drop_forms(entries: list[SkillEntry], forms: set[tuple[str, str]]) -> list[SkillEntry]:
    """Entries without the given (skill id, normalised text) forms."""
    from matching.linking.text import norm_key

    return [
        replace(e, forms=tuple(f for f in e.forms if (e.skill_id, norm_key(f.text)) not in forms))
        for e in entries
    ]


def build_benchmark_index(
    labels_path: str | Path,
    model: str | Embedder = "e5",
    esco_table: str | Path | None = None,
    use_vocabulary: bool = True,
    weights: Weights | None = None,
    holdout_texts: list[str] | None = None,
    aux: Embedder | None = None,
) -> SkillIndex:
    """An index over a benchmark label file, with ESCO alt labels and vocabulary aliases joined in.

    ``holdout_texts``: drop project-written forms found verbatim in these texts (leak check).
    ``model``: a name of ``MODELS`` (its second embedder comes with it) or an embedder (then
    ``aux`` is its second embedder, if any).
    """
    embedder, aux = embedder_pair(model, aux)
    vocabulary = load_vocabulary_or_none() if use_vocabulary else None
    entries = benchmark_entries(read_label_file(labels_path), esco_table, vocabulary)
    if holdout_texts:
        entries = drop_forms_seen_in(entries, holdout_texts)
    cal = load_calibration(combined_model_id(embedder, aux))
    index = build_or_load(entries, embedder, weights or cal.weights, cal.extract, aux=aux)
    if weights is None:  # the gate was fitted for the calibrated weights only
        index.rank_gate = cal.rank_gate
    return index


def vocabulary_parents(vocabulary) -> dict[str, str]:  # noqa: ANN001 - a Vocabulary
    """Skill id -> parent skill id, for the tools filed under an ESCO skill."""
    return {s.id: s.parent for s in vocabulary.skills if s.parent}


def vocabulary_label_map(
    vocabulary, labels: list[str], esco_table: str | Path | None
) -> dict[str, str]:  # noqa: ANN001
    """Benchmark label -> vocabulary skill id: by ESCO URI (via the label table), else by label."""
    uuid_of = read_esco_label_table(esco_table)[0] if esco_table else {}
    by_uri = {s.uri: s.id for s in vocabulary.skills if s.uri}
    by_label = {s.label_en.casefold(): s.id for s in vocabulary.skills}
    out = {}
    for label in labels:
        uuid = uuid_of.get(label)
        skill = by_uri.get(ESCO_SKILL_URI + uuid) if uuid else None
        skill = skill or by_label.get(label.casefold())
        if skill:
            out[label] = skill
    return out


def variant_scores(index: SkillIndex, texts: list[str], variant: str = "fused") -> np.ndarray:
    """Scores (n_texts, n_skills) of the fused ranker or of one baseline signal."""
    if variant == "fuzzy":
        labels = [e.label for e in index.entries]
        return process.cdist(
            texts,
            labels,
            scorer=fuzz.token_set_ratio,
            processor=default_process,
            dtype=np.float32,
            workers=1,
        )
    if variant not in VARIANTS:
        raise ValueError(f"unknown variant {variant!r}: expected one of {', '.join(VARIANTS)}")
    if variant == "fused_phrases":  # clause embeddings on, at weight 1
        index = replace(index, weights=replace(index.weights, sem_phrase=1.0))
    sig = index.signals(texts)
    if variant in ("fused", "fused_phrases"):
        return index.fuse(sig)
    if variant == "fused_no_prior":
        return index.fuse(sig, replace(index.weights, prior=0.0))
    single = {
        "semantic": "sem_label",
        "semantic_forms": "sem_form",
        "tfidf": "tfidf_label",
        "alias": "alias",
    }
    if variant in single:
        return sig[single[variant]]
    lexical = Weights(
        sem_label=0,
        sem_form=0,
        sem_phrase=0,
        tfidf_label=index.weights.tfidf_label,
        tfidf_form=index.weights.tfidf_form,
        alias=index.weights.alias,
    )
    return index.fuse(sig, lexical)
