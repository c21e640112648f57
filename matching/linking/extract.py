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
``semantic``). One mention per skill. The candidates and their features come from
``matching.linking.candidates``; this module keeps, calibrates and cuts them into mentions.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import replace

from matching.blas import single_blas
from matching.linking.candidates import Candidate, candidates, semantic_span
from matching.linking.index import SkillIndex
from matching.linking.params import FEATURES, ExtractParams
from matching.linking.text import Segment, encodable, sentences
from matching.linking.types import SkillMention

__all__ = ["extract", "extract_many", "gate_features", "select"]


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
            joined, starts, spans = _joined(chunk, skip)
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


def _joined(
    chunk: list[str], skip: Callable[[str], list[tuple[int, int]]] | None
) -> tuple[str, list[int], list[tuple[int, int]]]:
    """The texts of ``chunk`` joined by line breaks, each one's start offset in it (and the end
    of the last, plus one), and their ``skip`` spans shifted to those offsets."""
    joined = "\n".join(chunk)
    starts = [0]
    for text in chunk:
        starts.append(starts[-1] + len(text) + 1)
    if skip is None:
        return joined, starts, []
    spans = [
        (s + shift, e + shift)
        for text, shift in zip(chunk, starts[:-1], strict=True)
        for s, e in skip(text)
    ]
    return joined, starts, spans


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
            start, end = semantic_span(index, text, sent, c.sentence, c.skill, None)
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
