"""The candidates of ``extract``: per sentence, the skills with a lexical hit plus the top semantic
ones, each with its features (``params.FEATURES``) and its evidence span, before any threshold.

``candidates`` reads like its steps: the sentences to score with their lexical hits, the lexical
hit matrix, the encoder passes with the fused scores and feature signals (``_scores``), then each
sentence's candidates.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from matching.linking.index import SkillIndex, standardise
from matching.linking.params import EXACT_NAME_WEIGHT, FEATURE_SIGNALS, ExtractParams
from matching.linking.segments import SegmentEmbedding, embed_stripped
from matching.linking.text import (
    Segment,
    Token,
    clauses,
    is_header_line,
    sentences,
    skill_cue,
    tokens,
)

FUZZY_DISCOUNT = 0.9  # a typo hit weighs this much of an exact hit of the same form
_Hit = tuple[int, float, int, int, str]  # skill, weight, start, end, method (``_lexical_hits``)
_Evidence = tuple[float, int, int, str]  # weight, start, end, method of one skill in a sentence


@dataclass(frozen=True)
class Candidate:
    """A skill candidate of one sentence before thresholding."""

    skill: int
    sentence: int
    features: tuple[float, ...]  # see ``params.FEATURES``
    start: int
    end: int
    method: str
    refine: bool = False  # the span is the whole sentence, to be narrowed to a clause if kept
    exact_name: bool = False  # an exact label, tool name or abbreviation: not held to the cap
    cue: bool = False  # its sentence has a word that asks for or states an ability (``skill_cue``)
    tool: bool = False  # a named tool (Laravel, Figma), not a skill concept


def candidates(
    index: SkillIndex,
    text: str,
    params: ExtractParams,
    skip: list[tuple[int, int]] | None = None,
    skip_bare: bool = False,
) -> list[Candidate]:
    """Every sentence's candidates with fused scores (no threshold applied). Section headers on
    a line of their own ("Kualifikasi:") name no skill and are not scored at all, nor are the
    sentences wholly inside a ``skip`` span, nor (``skip_bare``) the sentences with neither a
    lexical hit nor a word that asks for or states an ability (``skill_cue``): each sentence is
    scored on its own (per-sentence z-scores), so leaving them out changes no other line."""
    sents, found, cue = _scored_sentences(index, text, params, skip, skip_bare)
    if not sents:
        return []
    texts = [s.text for s in sents]
    alias, evidence = _alias_evidence(index, sents, found)
    scores = _scores(index, texts, params, alias)
    out: list[Candidate] = []
    for row, sent in enumerate(sents):
        out.extend(
            _sentence_candidates(index, text, sent, row, scores, evidence[row], cue[row], params)
        )
    return out


def _scored_sentences(
    index: SkillIndex,
    text: str,
    params: ExtractParams,
    skip: list[tuple[int, int]] | None,
    skip_bare: bool,
) -> tuple[list[Segment], list[list[_Hit]], list[bool]]:
    """The sentences of ``text`` to score (see ``candidates``), with their lexical hits and
    whether each has a skill cue."""
    sents = [
        s
        for s in sentences(text)
        if not is_header_line(text, s) and not (skip and _inside(s, skip))
    ]
    found = [_lexical_hits(index, s.text, [t for t in tokens(s.text)], params) for s in sents]
    cue = [skill_cue(s.text) for s in sents]
    if skip_bare:
        kept = [i for i in range(len(sents)) if found[i] or cue[i]]
        sents, found, cue = (
            [sents[i] for i in kept],
            [found[i] for i in kept],
            [cue[i] for i in kept],
        )
    return sents, found, cue


def _alias_evidence(
    index: SkillIndex, sents: list[Segment], found: list[list[_Hit]]
) -> tuple[np.ndarray, list[dict[int, _Evidence]]]:
    """The sentences × skills matrix of the best lexical hit weights, and per sentence the
    evidence (weight, text span, method) of that best hit of each skill."""
    alias = np.zeros((len(sents), len(index)), np.float32)
    evidence: list[dict[int, _Evidence]] = [{} for _ in sents]
    for row, sent in enumerate(sents):
        for skill, weight, start, end, method in found[row]:
            if weight > alias[row, skill]:
                alias[row, skill] = weight
                evidence[row][skill] = (weight, sent.start + start, sent.start + end, method)
    return alias, evidence


@dataclass(frozen=True)
class _Scores:
    """The sentences × skills matrices that a candidate's features are read from."""

    fused: np.ndarray
    cosine: np.ndarray  # the better of the label and form cosines
    aux_cosine: np.ndarray  # zeros without a second embedder
    z: list[np.ndarray]  # the z-scores of ``FEATURE_SIGNALS``, in that order
    seg: SegmentEmbedding | None  # the clause embeddings, when the params use them


def _scores(
    index: SkillIndex, texts: list[str], params: ExtractParams, alias: np.ndarray
) -> _Scores:
    """The fused scores and the feature signals of the sentences. As the site runs it (no clause
    embeddings, no clause weight ``sem_phrase``) the encoder's pass and its cosines run in the
    background while the second embedder, TF-IDF and their cosines are computed
    (``SkillIndex.signals``). With clause embeddings they come first (``embed_segments``); with
    a clause weight but no clause embeddings the sentences are encoded first, whole, so that the
    clause signal is the sentence's own cosine."""
    seg = index.embed_segments(texts) if params.clause_embeddings else None
    query = seg.sentence if seg is not None else None
    if query is None and index.weights.sem_phrase:  # else ``signals`` would embed the clauses
        query = embed_stripped(index.embedder, texts)
    phrase = seg.phrase if seg is not None else None
    sig = index.signals(texts, query_emb=query, phrase_sem=phrase, alias=alias, weighted_only=True)
    standardised = {name: standardise(sig[name]) for name in FEATURE_SIGNALS if name in sig}
    fused = index.fuse(sig, standardised=standardised)  # the features' z-scores, computed once
    cosine = np.maximum(sig["sem_label"], sig.get("sem_form", sig["sem_label"]))
    zeros = np.zeros_like(fused)
    z = [standardised.get(name, zeros) for name in FEATURE_SIGNALS]
    return _Scores(fused, cosine, sig.get("aux_label", zeros), z, seg)


def _sentence_candidates(
    index: SkillIndex,
    text: str,
    sent: Segment,
    row: int,
    scores: _Scores,
    evidence: dict[int, _Evidence],
    cue: bool,
    params: ExtractParams,
) -> list[Candidate]:
    """The candidates of one sentence: its lexical hits and its ``top_semantic`` best fused."""
    fused = scores.fused
    top = set(np.argsort(-fused[row])[: params.top_semantic].tolist()) | set(evidence)
    ordered = sorted(top, key=lambda k: -fused[row, k])
    best = float(fused[row, ordered[0]]) if ordered else 0.0
    out: list[Candidate] = []
    for rank, skill in enumerate(ordered, start=1):
        weight, start, end, method = _evidence_of(index, text, sent, row, skill, evidence, scores)
        exact = method == "alias" and weight >= EXACT_NAME_WEIGHT
        score = float(fused[row, skill])
        features = (
            score,
            float(skill in evidence),
            score - best,
            1.0 / rank,
            float(scores.cosine[row, skill]),
            float(scores.aux_cosine[row, skill]),
            *(float(v[row, skill]) for v in scores.z),
            weight,
            float(exact),
            float(method == "fuzzy"),
        )
        tool = index.entries[skill].kind == "tool"
        out.append(
            Candidate(
                int(skill), row, features, start, end, method, scores.seg is None, exact, cue, tool
            )
        )
    return out


def _evidence_of(
    index: SkillIndex,
    text: str,
    sent: Segment,
    row: int,
    skill: int,
    evidence: dict[int, _Evidence],
    scores: _Scores,
) -> _Evidence:
    """The lexical evidence of ``skill`` in the sentence; without one, a semantic span: the
    whole sentence (narrowed later if kept), or its closest clause by clause embedding."""
    if skill in evidence:
        return evidence[skill]
    if scores.seg is None:
        return 0.0, sent.start, sent.end, "semantic"
    start, end = semantic_span(index, text, sent, row, int(skill), scores.seg)
    return 0.0, start, end, "semantic"


def _lexical_hits(
    index: SkillIndex, text: str, toks: list[Token], params: ExtractParams
) -> list[_Hit]:
    """(skill, weight, start, end, method) of exact alias hits and fuzzy typo hits."""
    hits = [(h.skill, h.weight, h.start, h.end, "alias") for h in index.aliases.find(text, toks)]
    covered = {i for _, _, s, e, _ in hits for i in range(s, e)}
    for n in (1, 2):
        for i in range(len(toks) - n + 1):
            start, end = toks[i].start, toks[i + n - 1].end
            if start in covered or end - 1 in covered or any(c in text[start:end] for c in ",;()"):
                continue
            found = index.fuzzy.best(" ".join(t.norm for t in toks[i : i + n]), params.fuzzy_cutoff)
            if found is not None and found[1] < 100:
                hits.append((found[0], FUZZY_DISCOUNT * found[1] / 100, start, end, "fuzzy"))
    return hits


def semantic_span(
    index: SkillIndex, text: str, sent: Segment, row: int, skill: int, seg: SegmentEmbedding | None
) -> tuple[int, int]:
    """The clause of ``sent`` closest to ``skill``: by clause embedding when there are clause
    embeddings, else by character TF-IDF against the skill's label; else the whole sentence."""
    if seg is not None:
        rows = np.flatnonzero(seg.owner == row)
        if not len(rows):
            return sent.start, sent.end
        clause = seg.clauses[int(rows[np.argmax(seg.clause_sims[rows, skill])])]
        return sent.start + clause.start, sent.start + clause.end
    parts = clauses(sent, text)
    if len(parts) < 2:
        return sent.start, sent.end
    sims = index.tfidf.label_scores([c.text for c in parts], columns=[skill])[:, 0]
    if float(sims.max()) <= 0.0:
        return sent.start, sent.end
    best = parts[int(np.argmax(sims))]
    return best.start, best.end


def _inside(sent: Segment, spans: list[tuple[int, int]]) -> bool:
    return any(s <= sent.start and sent.end <= e for s, e in spans)
