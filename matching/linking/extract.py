"""``extract``: skill mentions of a whole text (vacancy, CV, learning outcome) with evidence spans.

Each sentence is scored by the fused ranker (semantic cosines of the sentence, character TF-IDF,
and the lexical hits found in it: exact labels/aliases/abbreviations at word boundaries and fuzzy
typo matches). Candidates are the skills with a lexical hit plus the top semantic ones; each gets a
calibrated probability from its features (``params.FEATURES``). A sentence gate decides whether a
line names a skill at all (section headers such as "Kualifikasi:" never do); a line that passes
keeps its most probable candidate (and its best skill concept when that is a named tool), and
further candidates are kept above the threshold, at most
``max_per_sentence`` per sentence besides exact names. Evidence is the alias or typo span when
there is one (method ``alias`` or ``fuzzy``), else the clause closest to the skill (method
``semantic``). One mention per skill.
"""

from __future__ import annotations

import functools
from bisect import bisect_right
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace

import numpy as np

from matching.linking.index import (
    QUERY_BATCH,
    SegmentEmbedding,
    SkillIndex,
    single_blas,
    standardise,
)
from matching.linking.params import EXACT_NAME_WEIGHT, FEATURE_SIGNALS, FEATURES, ExtractParams
from matching.linking.text import (
    Segment,
    Token,
    clauses,
    encodable,
    is_header_line,
    sentences,
    skill_cue,
    strip_boilerplate,
    tokens,
)
from matching.linking.types import SkillMention

FUZZY_DISCOUNT = 0.9  # a typo hit weighs this much of an exact hit of the same form


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


@functools.cache
def _background() -> ThreadPoolExecutor:
    """Runs a text's encoder pass while the lexical hits and the second embedder are computed
    (the encoder's runs release the GIL)."""
    return ThreadPoolExecutor(1, thread_name_prefix="extract")


def extract(
    index: SkillIndex, text: str, params: ExtractParams | None = None
) -> list[SkillMention]:
    """Skill mentions of ``text`` above the calibrated threshold, best first, one per skill.

    numpy's BLAS runs on one thread meanwhile: its products here are small, and its worker
    threads busy-wait after each one, starving the encoder's threads (measured on 2 cores:
    7.5 vacancies/s with BLAS on 2 threads, 12 on 1).
    """
    with single_blas():
        return _extract(index, text, params or index.extract_params)


def _batches(texts: list[str], max_sentences: int) -> Iterator[list[str]]:
    """Consecutive texts holding at most ``max_sentences`` sentences together (a longer text
    goes alone): the signal matrices of a pass grow with its sentences."""
    chunk: list[str] = []
    size = 0
    for text in texts:
        count = len(sentences(text))
        if chunk and size + count > max_sentences:
            yield chunk
            chunk, size = [], 0
        chunk.append(text)
        size += count
    if chunk:
        yield chunk


def extract_many(
    index: SkillIndex,
    texts: list[str],
    params: ExtractParams | None = None,
    max_sentences: int = 256,
    skip: Callable[[str], list[tuple[int, int]]] | None = None,
    skip_bare: bool = False,
) -> list[list[SkillMention]]:
    """``extract`` of each text, texts of up to ``max_sentences`` sentences together per pass.

    Sentences are scored independently (per-sentence z-scores, per-sentence selection), so the
    texts of a batch are joined by line breaks, scored once, and their candidates split back by
    offset: one pass over many short texts (an import of vacancies) instead of one per text.
    ``skip``: (start, end) spans of a text whose sentences are not scored at all (no encoder
    pass): a sentence wholly inside one gives no mention; the others are scored as without it.
    ``skip_bare``: nor the sentences with no lexical hit and no skill cue (``candidates``).
    """
    params = params or index.extract_params
    out: list[list[SkillMention]] = []
    with single_blas():
        for chunk in _batches(texts, max_sentences):
            joined = "\n".join(chunk)
            starts = [0]
            for text in chunk:
                starts.append(starts[-1] + len(text) + 1)
            spans = (
                [
                    (s + shift, e + shift)
                    for text, shift in zip(chunk, starts[:-1], strict=True)
                    for s, e in skip(text)
                ]
                if skip is not None
                else []
            )
            found = (
                candidates(index, encodable(joined), params, spans, skip_bare)
                if joined.strip()
                else []
            )
            groups: list[list[Candidate]] = [[] for _ in chunk]
            for candidate in found:
                groups[bisect_right(starts, candidate.start) - 1].append(candidate)
            for number, group in enumerate(groups):
                mentions = _mentions(index, joined, select(group, params))
                shift = starts[number]
                out.append([replace(m, start=m.start - shift, end=m.end - shift) for m in mentions])
    return out


def _extract(index: SkillIndex, text: str, params: ExtractParams) -> list[SkillMention]:
    found = candidates(index, encodable(text), params)  # evidence is cut from ``text`` itself
    return _mentions(index, text, select(found, params))


def _mentions(
    index: SkillIndex, text: str, kept: list[tuple[float, Candidate]]
) -> list[SkillMention]:
    out = []
    for p, c in kept:
        if c.refine:  # narrow a sentence span to its best clause, only for kept mentions
            sent = Segment(text[c.start : c.end], c.start, c.end)
            start, end = _semantic_span(index, text, sent, c.sentence, c.skill, None)
            c = replace(c, start=start, end=end, refine=False)  # noqa: PLW2901
        out.append(
            SkillMention(
                index.entries[c.skill].skill_id,
                round(p, 4),
                c.start,
                c.end,
                text[c.start : c.end],
                c.method,
            )
        )
    return sorted(out, key=lambda m: (-m.score, m.start))


def select(found: list[Candidate], params: ExtractParams) -> list[tuple[float, Candidate]]:
    """The kept candidates with their probabilities, best first, one per skill (its most probable
    sentence): those at or above the threshold, at most ``max_per_sentence`` per sentence besides
    exact names (a line listing five tools names five skills; the cap holds back guesses). With a
    sentence gate, a sentence that passes it also keeps its most probable candidate and, when that
    is a named tool ("Figma", "Laravel"), its most probable skill concept as well: a line such as
    "Mampu membuat wireframe di Figma" asks for a skill beside naming a tool (exact names further
    down still need the threshold: kept all, they were wrong one time in four on the training
    sentences; ``matching.mentions`` adds them for the product)."""
    scored = sorted(((params.probability(c.features), c) for c in found), key=lambda pc: -pc[0])
    free: set[int] = set()  # ids of the candidates kept whatever the threshold says
    if params.gate_coef:
        by_sentence: dict[int, list[tuple[float, Candidate]]] = {}
        for p, c in scored:
            by_sentence.setdefault(c.sentence, []).append((p, c))
        for ranked in by_sentence.values():
            if params.gate(gate_features(ranked)) >= params.gate_threshold:
                top = ranked[0][1]
                free.add(id(top))
                if top.tool and top.exact_name:
                    concept = next((c for _, c in ranked if not c.tool), None)
                    if concept is not None:
                        free.add(id(concept))
    best: dict[int, tuple[float, Candidate]] = {}
    per_sentence: dict[int, int] = {}
    for p, c in scored:
        if c.skill in best:  # kept already, from a sentence where it is more probable
            continue
        if id(c) not in free:
            if p < params.threshold:
                continue
            if not c.exact_name and per_sentence.get(c.sentence, 0) >= params.max_per_sentence:
                continue
        if not c.exact_name:
            per_sentence[c.sentence] = per_sentence.get(c.sentence, 0) + 1
        best[c.skill] = (p, c)
    return list(best.values())


_FUSED, _LEXICAL, _COSINE, _AUX_COSINE = (
    FEATURES.index(n) for n in ("fused", "lexical", "cosine", "aux_cosine")
)


def gate_features(ranked: list[tuple[float, Candidate]]) -> tuple[float, ...]:
    """``params.GATE_FEATURES`` of a sentence from its candidates, most probable first."""
    first = ranked[0][1]
    top = first.features
    best_cosine = max(c.features[_COSINE] for _, c in ranked)
    return (
        top[_FUSED],
        top[_LEXICAL],
        top[_COSINE],
        top[_AUX_COSINE],
        best_cosine,
        float(first.cue),
    )


def _lexical_hits(
    index: SkillIndex, text: str, toks: list[Token], params: ExtractParams
) -> list[tuple[int, float, int, int, str]]:
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


def _semantic_span(
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
    if not sents:
        return []
    texts = [s.text for s in sents]
    pending = None
    if params.clause_embeddings:
        seg = index.embed_segments(texts)
        query, phrase = seg.sentence, seg.phrase
    else:  # one encoder pass per sentence, in the background while the rest is computed here
        seg = query = phrase = None
        pending = _background().submit(
            index.embedder.encode,
            [strip_boilerplate(t) for t in texts],
            kind="query",
            batch_size=QUERY_BATCH,
        )
    aux = index.aux_embed(texts)
    alias = np.zeros((len(sents), len(index)), np.float32)
    evidence: list[dict[int, tuple[float, int, int, str]]] = [{} for _ in sents]
    for row, sent in enumerate(sents):
        for skill, weight, start, end, method in found[row]:
            if weight > alias[row, skill]:
                alias[row, skill] = weight
                evidence[row][skill] = (weight, sent.start + start, sent.start + end, method)
    if pending is not None:
        query = pending.result()
    sig = index.signals(
        texts, query_emb=query, phrase_sem=phrase, alias=alias, aux_emb=aux, weighted_only=True
    )
    standardised = {name: standardise(sig[name]) for name in FEATURE_SIGNALS if name in sig}
    fused = index.fuse(sig, standardised=standardised)  # the features' z-scores, computed once
    cosine = np.maximum(sig["sem_label"], sig.get("sem_form", sig["sem_label"]))
    zeros = np.zeros_like(fused)
    aux_cosine = sig.get("aux_label", zeros)
    z = [standardised.get(name, zeros) for name in FEATURE_SIGNALS]
    out: list[Candidate] = []
    for row, sent in enumerate(sents):
        top = set(np.argsort(-fused[row])[: params.top_semantic].tolist()) | set(evidence[row])
        ordered = sorted(top, key=lambda k: -fused[row, k])
        best = float(fused[row, ordered[0]]) if ordered else 0.0
        for rank, skill in enumerate(ordered, start=1):
            score = float(fused[row, skill])
            exact, weight = False, 0.0
            if skill in evidence[row]:
                weight, start, end, method = evidence[row][skill]
                exact = method == "alias" and weight >= EXACT_NAME_WEIGHT
            else:
                method = "semantic"
                if seg is None:
                    start, end = sent.start, sent.end
                else:
                    start, end = _semantic_span(index, text, sent, row, int(skill), seg)
            features = (
                score,
                float(skill in evidence[row]),
                score - best,
                1.0 / rank,
                float(cosine[row, skill]),
                float(aux_cosine[row, skill]),
                *(float(v[row, skill]) for v in z),
                weight,
                float(exact),
                float(method == "fuzzy"),
            )
            out.append(
                Candidate(
                    int(skill),
                    row,
                    features,
                    start,
                    end,
                    method,
                    seg is None,
                    exact,
                    cue[row],
                    index.entries[skill].kind == "tool",
                )
            )
    return out
