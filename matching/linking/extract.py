"""``extract``: skill mentions of a whole text (vacancy, CV, learning outcome) with evidence spans.

Three passes, merged per skill keeping the best-scored evidence:
alias (exact labels/aliases/abbreviations at word boundaries), fuzzy (typos of one- or two-word
forms) and semantic (each sentence scored by the fused ranker, its clauses embedded as phrases;
a candidate is kept when its calibrated probability passes the model's threshold).
"""

from __future__ import annotations

import numpy as np

from matching.linking.params import ExtractParams
from matching.linking.index import SkillIndex
from matching.linking.text import Segment, clauses, sentences, strip_boilerplate, tokens
from matching.linking.types import SkillMention

_METHOD_RANK = {"alias": 0, "fuzzy": 1, "semantic": 2}


def extract(index: SkillIndex, text: str, params: ExtractParams | None = None) -> list[SkillMention]:
    """Skill mentions of ``text`` above the calibrated threshold, best first, one per skill."""
    params = params or ExtractParams()
    found = [m for m in _lexical(index, text, params) if m.score >= params.lexical_threshold]
    found += _semantic(index, text, params)
    best: dict[str, SkillMention] = {}
    for m in found:
        old = best.get(m.skill_id)
        if old is None or (m.score, -_METHOD_RANK[m.method]) > (old.score, -_METHOD_RANK[old.method]):
            best[m.skill_id] = m
    return sorted(best.values(), key=lambda m: (-m.score, m.start))


def _mention(index: SkillIndex, skill: int, score: float, start: int, end: int, text: str,
             method: str) -> SkillMention:
    return SkillMention(index.entries[skill].skill_id, round(float(score), 4), start, end, text[start:end], method)


def _lexical(index: SkillIndex, text: str, params: ExtractParams) -> list[SkillMention]:
    toks = tokens(text)
    out = [_mention(index, h.skill, params.alias_score * h.weight, h.start, h.end, text, "alias")
           for h in index.aliases.find(text, toks)]
    covered = {i for m in out for i in range(m.start, m.end)}
    for n in (1, 2):
        for i in range(len(toks) - n + 1):
            start, end = toks[i].start, toks[i + n - 1].end
            if any(p in covered for p in (start, end - 1)):
                continue
            key = " ".join(t.norm for t in toks[i:i + n])
            hit = index.fuzzy.best(key, params.fuzzy_cutoff)
            if hit is not None and hit[1] < 100:
                out.append(_mention(index, hit[0], params.alias_score * hit[1] / 100 * 0.9, start, end, text,
                                    "fuzzy"))
    return out


def _semantic(index: SkillIndex, text: str, params: ExtractParams) -> list[SkillMention]:
    sents = sentences(text)
    if not sents:
        return []
    parts: list[list[Segment]] = [clauses(s, text) or [s] for s in sents]
    flat = [c for p in parts for c in p]
    emb = index.embedder.encode([strip_boilerplate(c.text) for c in flat], kind="query")
    clause_sims = emb @ index.label_emb.T
    sent_emb = np.zeros((len(sents), emb.shape[1]), np.float32)
    phrase = np.zeros((len(sents), len(index)), np.float32)
    owner = np.repeat(np.arange(len(sents)), [len(p) for p in parts])
    lengths = np.array([max(1, c.end - c.start) for c in flat], np.float32)
    for row in range(len(sents)):
        mask = owner == row
        v = (emb[mask] * lengths[mask, None]).sum(axis=0)
        sent_emb[row] = v / max(float(np.linalg.norm(v)), 1e-9)
        phrase[row] = clause_sims[mask].max(axis=0)
    fused = index.fuse(index.signals([s.text for s in sents], query_emb=sent_emb, phrase_sem=phrase))
    out: list[SkillMention] = []
    k = max(1, params.top_per_clause) * 3
    for row, sent in enumerate(sents):
        top = np.argsort(-fused[row])[:k]
        rows = np.flatnonzero(owner == row)
        for skill in top:
            p = params.probability(float(fused[row, skill]))
            if p < params.semantic_threshold:
                break
            clause = flat[int(rows[np.argmax(clause_sims[rows, skill])])] if len(rows) > 1 else sent
            out.append(_mention(index, int(skill), p, clause.start, clause.end, text, "semantic"))
    return out
