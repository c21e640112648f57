"""Lexical signals: exact alias lookup over token n-grams (hits weighed by form kind,
``form_weights``), character TF-IDF, fuzzy typo matching."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from matching.linking.text import Token, norm_key, tokens
from matching.linking.types import SkillForm

MAX_NGRAM = 6
# Forms this short (in characters) or abbreviations must match the case written in the vocabulary.
SHORT_FORM = 3
GENERIC_WORD_LABELS = 4  # a word in this many preferred labels is too generic to name one skill
# Short words that are also common words: never matched as a whole skill form.
_STOP_FORMS = frozenset(
    [
        "a",
        "an",
        "and",
        "or",
        "the",
        "of",
        "in",
        "on",
        "to",
        "for",
        "with",
        "at",
        "by",
        "is",
        "be",
        "it",
        "its",
        "as",
        "di",
        "ke",
        "dan",
        "atau",
        "yang",
        "untuk",
        "dari",
        "dengan",
        "pada",
        "ini",
        "itu",
        "ada",
        "bisa",
        "make",
        "do",
        "win",
        "cv",
        "pc",
        "email",  # "kirim CV via email": not the skill of electronic communication
        "uas",  # ujian akhir semester, not unmanned air systems
    ]
)


_BREAKS = ",;:()[]\n"
_UNSEEN = object()
FUZZY_MEMORY = 100_000  # fuzzy answers remembered per index (about 10 MB at most)


@dataclass(frozen=True)
class AliasHit:
    """An exact form found in a text: which skill, the token span and the form's weight."""

    skill: int
    start: int  # character offsets into the text searched
    end: int
    weight: float
    form: str


def _case_sensitive(form: str, kind: str) -> bool:
    letters = [c for c in form if c.isalpha()]
    return bool(letters) and (len(form) <= SHORT_FORM or (kind == "abbr" and len(form) <= 5))


def loose_alternatives(forms: list[tuple[int, str, str, float]]) -> set[tuple[int, str]]:
    """(skill, key) of one-word alternative labels too loose to count as an exact mention: a word
    found in the preferred labels of ``GENERIC_WORD_LABELS`` or more skills (ESCO files "data"
    under statistics and "design" under thinking creatively), or the name of another skill (its
    label, Indonesian label, tool name or abbreviation: "SQL" is a skill of its own, not an
    alternative label of database management systems). Measured on the project's annotated
    Indonesian sentences: such hits were right 5 times in 90."""
    labels_with: dict[str, set[int]] = defaultdict(set)
    named: dict[str, set[int]] = defaultdict(set)
    for skill, text, kind, _ in forms:
        key = norm_key(text)
        if kind == "label":
            for word in set(key.split()):
                labels_with[word].add(skill)
        if kind in ("label", "label_id", "tool", "abbr"):
            named[key].add(skill)
    loose = set()
    for skill, text, kind, _ in forms:
        key = norm_key(text)
        if kind != "alt" or " " in key:
            continue
        if len(labels_with.get(key, ())) >= GENERIC_WORD_LABELS or named.get(key, set()) - {skill}:
            loose.add((skill, key))
    return loose


class AliasTable:
    """Exact lookup of normalised forms (labels, alt labels, aliases) over token n-grams."""

    def __init__(self, forms: list[tuple[int, str, str, float]]) -> None:
        """Build from (skill index, form text, kind, weight) rows (the preferred labels with kind
        ``label``); loose one-word alternative labels are left out (``loose_alternatives``)."""
        table: dict[str, dict[int, tuple[float, bool, str]]] = defaultdict(dict)
        loose = loose_alternatives(forms)
        for skill, text, kind, weight in forms:
            key = norm_key(text)
            if not key or key in _STOP_FORMS or len(key) < 2 and kind != "abbr":
                continue
            if kind == "alt" and (skill, key) in loose:
                continue
            cased = _case_sensitive(text.strip(), kind)
            old = table[key].get(skill)
            if old is None or weight > old[0]:
                table[key][skill] = (weight, cased, text.strip())
        self._table = dict(table)
        self.max_n = min(MAX_NGRAM, max((k.count(" ") + 1 for k in self._table), default=1))

    def __len__(self) -> int:
        return len(self._table)

    def find(self, text: str, toks: list[Token] | None = None) -> list[AliasHit]:
        """All exact form hits in ``text`` (word boundaries; case rules for short forms)."""
        toks = tokens(text) if toks is None else toks
        hits: list[AliasHit] = []
        for i in range(len(toks)):
            key = ""
            for n in range(1, self.max_n + 1):
                if i + n > len(toks):
                    break
                key = toks[i + n - 1].norm if n == 1 else f"{key} {toks[i + n - 1].norm}"
                entry = self._table.get(key)
                if not entry:
                    continue
                start, end = toks[i].start, toks[i + n - 1].end
                raw = text[start:end]
                if n > 1 and any(c in raw for c in _BREAKS):
                    continue
                for skill, (weight, cased, form) in entry.items():
                    # shared with as strong forms only: a tool's own name keeps its full weight
                    # beside a looser alternative label of its parent skill
                    ambiguity = sum(w >= weight for w, _, _ in entry.values())
                    if (
                        cased
                        and raw not in (form, form.upper())
                        and not (form.islower() and raw == form.capitalize())
                    ):  # "Git" at a sentence start still finds the form "git"
                        continue
                    hits.append(AliasHit(skill, start, end, weight / ambiguity**0.5, form))
        return hits


class CharTfidf:
    """Character n-gram TF-IDF over skill labels and forms (cosine similarity)."""

    def __init__(self, label_texts: list[str], form_texts: list[str]) -> None:
        """Fit on labels and forms together; keep both matrices."""
        self.vectorizer = TfidfVectorizer(
            analyzer="char_wb",
            ngram_range=(2, 4),
            sublinear_tf=True,
            lowercase=True,
            dtype=np.float32,
        )
        self.vectorizer.fit(label_texts + form_texts)
        self.labels = self.vectorizer.transform(label_texts).T.tocsr()
        self.forms = self.vectorizer.transform(form_texts).T.tocsr() if form_texts else None

    def label_scores(self, texts: list[str], columns: list[int] | None = None) -> np.ndarray:
        """Cosine of each text against every label (or only ``columns``): (n_texts, n_labels)."""
        q = self.vectorizer.transform(texts)
        return dense_product(q, self.labels if columns is None else self.labels[:, columns])

    def form_scores(self, texts: list[str]) -> np.ndarray:
        """Cosine of each text against every form: (n_texts, n_forms)."""
        return dense_product(self.vectorizer.transform(texts), self.forms)


def dense_product(q: sparse.csr_matrix, matrix: sparse.csr_matrix) -> np.ndarray:
    """``(q @ matrix)`` as a dense float32 array, through the n-grams the texts ``q`` have: their
    columns of ``q`` made dense, times those rows of ``matrix``. The same sums in the same order
    (ascending n-gram) as the sparse product, to the bit, at about half its time (224 sentences
    x 13,896 labels: 60 against 117 ms of CPU), since the result is dense anyway."""
    grams = np.unique(q.indices)
    product = matrix[grams].T @ q[:, grams].toarray().T
    return np.ascontiguousarray(product.T, dtype=np.float32)


class FuzzyForms:
    """Typo-tolerant lookup of single- and two-word forms (rapidfuzz ratio), bucketed by length."""

    def __init__(self, forms: list[tuple[int, str]], min_len: int = 5) -> None:
        """Index (skill index, form text) rows whose key has at least ``min_len`` characters."""
        self.min_len = min_len
        buckets: dict[int, list[tuple[str, int]]] = defaultdict(list)
        for skill, text in forms:
            key = norm_key(text)
            if len(key) >= min_len and key.count(" ") <= 1:
                buckets[len(key)].append((key, skill))
        self._buckets = {
            n: ([k for k, _ in rows], [s for _, s in rows]) for n, rows in buckets.items()
        }
        self._seen: dict[tuple[str, float], tuple[int, float, str] | None] = {}

    def __getstate__(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if k != "_seen"}  # snapshots skip memory

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._seen = {}

    def best(self, phrase: str, cutoff: float) -> tuple[int, float, str] | None:
        """The best form within a few characters of ``phrase``'s length: (skill, ratio, form).

        Answers are remembered (texts repeat their words: "mampu", "pengalaman", ...).
        """
        if len(phrase) < self.min_len:
            return None
        key = (phrase, cutoff)
        found = self._seen.get(key, _UNSEEN)
        if found is _UNSEEN:
            if len(self._seen) >= FUZZY_MEMORY:
                self._seen.clear()
            found = self._seen[key] = self._search(phrase, cutoff)
        return found  # type: ignore[return-value]

    def _search(self, phrase: str, cutoff: float) -> tuple[int, float, str] | None:
        n = len(phrase)
        best: tuple[int, float, str] | None = None
        for length in range(n - 2, n + 3):
            bucket = self._buckets.get(length)
            if not bucket:
                continue
            found = process.extractOne(phrase, bucket[0], scorer=fuzz.ratio, score_cutoff=cutoff)
            if found and (best is None or found[1] > best[1]):
                best = (bucket[1][found[2]], float(found[1]), found[0])
        return best


# How much an exact hit of each kind of form weighs (the preferred label weighs 1).
FORM_WEIGHTS = {
    "label": 1.0,
    "label_id": 1.0,
    "abbr": 0.9,
    "tool": 0.9,
    "local": 0.9,  # a deployment profile's local name of the skill, counted like a tool name
    "alt": 0.8,
    "shorthand": 0.8,
    "typo": 0.7,
}
# An alternative label that is an acronym ("DNS", "BPMN").
ACRONYM = re.compile(r"[A-Z][A-Z0-9]{2,5}")


def form_weights(forms: Sequence[tuple[int, SkillForm]]) -> list[float]:
    """The weight of each form: its kind's, except that an alternative label written as an acronym
    of three to six capitals that names no other skill weighs like an abbreviation ("DNS" is an
    ESCO alternative label of domain name service)."""
    owners: dict[str, set[int]] = {}
    for i, f in forms:
        owners.setdefault(f.text.strip(), set()).add(i)
    return [
        FORM_WEIGHTS["abbr"]
        if f.kind == "alt"
        and ACRONYM.fullmatch(f.text.strip())
        and len(owners[f.text.strip()]) == 1
        else FORM_WEIGHTS.get(f.kind, 0.8)
        for _, f in forms
    ]


def tfidf_signals(
    tfidf: CharTfidf, texts: list[str], forms: bool
) -> tuple[np.ndarray, np.ndarray | None]:
    """Character TF-IDF cosines of ``texts`` with every label and (when ``forms``) every form,
    from one transform of the texts (``CharTfidf.label_scores`` / ``form_scores`` each make one)."""
    q = tfidf.vectorizer.transform(texts)
    labels = dense_product(q, tfidf.labels)
    if not forms or tfidf.forms is None:
        return labels, None
    return labels, dense_product(q, tfidf.forms)
