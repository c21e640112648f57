"""Is one posting the same vacancy as another? Pure functions over plain values (no database):
the employer names (legal forms dropped, fuzzy), the titles (filler words dropped, fuzzy), the
texts (overlap of word 3-shingles, measured against the shorter text so a job board's added
boilerplate does not hide a copy), the region, and the dates (the two posting windows overlap).

The thresholds of :data:`DEFAULT_RULE` were chosen by cross-validation on the project's labelled
pairs (``python -m app.lab.feeds.evaluate_dedup``, docs/feeds.md)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from rapidfuzz import fuzz

LEGAL_FORMS = {"pt", "cv", "tbk", "persero", "ud", "pd", "perum", "koperasi", "ltd", "inc"}
TITLE_FILLER = {
    "lowongan", "loker", "dibutuhkan", "dicari", "urgent", "segera", "hiring", "staff",
    "penempatan", "kerja", "posisi",
}  # fmt: skip
# words that make two openings of the same role different ones (a junior and a senior post)
SENIORITY = {
    "junior", "senior", "lead", "head", "kepala", "manager", "manajer", "supervisor", "intern",
    "magang", "trainee", "principal", "jr", "sr",
}  # fmt: skip
# common words that say nothing about which vacancy a text describes
STOPWORDS = {
    "dan", "di", "ke", "dari", "untuk", "dengan", "yang", "atau", "serta", "kami", "anda",
    "adalah", "minimal", "memahami", "syarat", "kualifikasi", "menguasai", "the", "and", "for",
    "with", "our", "you", "are",
}  # fmt: skip
OPEN_DAYS = 60  # a posting without a closing date is taken to run this long
_WORD = re.compile(r"[0-9a-zà-ÿ]+")


@dataclass(frozen=True)
class PostingText:
    """What the comparison reads of one posting."""

    employer: str
    title: str
    description: str
    region: int | str
    start: date | None = None
    end: date | None = None


@dataclass(frozen=True)
class Similarity:
    """The evidence of a pair: scores 0..100 (texts 0..1) and two yes/no facts."""

    employer: float
    title: float
    text: float
    same_region: bool
    dates_overlap: bool


@dataclass(frozen=True)
class DedupRule:
    """A pair is a duplicate when the region is the same, the dates overlap and each score
    reaches its threshold."""

    employer: float = 75.0
    title: float = 50.0
    text: float = 0.45
    slack_days: int = 14  # windows this far apart still overlap (a repost a little later)

    def is_duplicate(self, similarity: Similarity) -> bool:
        """The rule applied to one pair's evidence."""
        return (
            similarity.same_region
            and similarity.dates_overlap
            and similarity.employer >= self.employer
            and similarity.title >= self.title
            and similarity.text >= self.text
        )


DEFAULT_RULE = DedupRule(employer=75.0, title=50.0, text=0.45)


def words(text: str) -> list[str]:
    """Lower-cased words of a text."""
    return _WORD.findall(text.lower())


def employer_key(name: str) -> str:
    """An employer name without legal forms and punctuation ("PT. Foo, Tbk" -> "foo")."""
    return " ".join(w for w in words(name) if w not in LEGAL_FORMS)


def title_key(title: str) -> str:
    """A title without filler words ("Lowongan Web Developer" -> "web developer")."""
    return " ".join(w for w in words(title) if w not in TITLE_FILLER)


def title_score(a: str, b: str) -> float:
    """Fuzzy likeness of two titles (0..100); 0 when they name different seniority."""
    first, second = title_key(a), title_key(b)
    if set(first.split()) & SENIORITY != set(second.split()) & SENIORITY:
        return 0.0
    return fuzz.token_set_ratio(first, second)


def content_words(text: str) -> set[str]:
    """The words of a text that carry its content (no stop words, no one- or two-letter ones)."""
    return {w for w in words(text) if len(w) > 2 and w not in STOPWORDS}


def containment(a: set[str], b: set[str]) -> float:
    """How much of the shorter text's words the other holds (0..1)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def window(posting: PostingText) -> tuple[date, date] | None:
    """The days a posting runs (None when its start is unknown)."""
    if posting.start is None:
        return None
    end = posting.end or posting.start + timedelta(days=OPEN_DAYS)
    return posting.start, max(end, posting.start)


def overlap(a: PostingText, b: PostingText, slack_days: int) -> bool:
    """The two posting windows overlap (within ``slack_days``); unknown dates do not refute it."""
    first, second = window(a), window(b)
    if first is None or second is None:
        return True
    slack = timedelta(days=slack_days)
    return first[0] <= second[1] + slack and second[0] <= first[1] + slack


def compare(
    a: PostingText, b: PostingText, slack_days: int = DEFAULT_RULE.slack_days
) -> Similarity:
    """The evidence that ``a`` and ``b`` are the same vacancy."""
    return Similarity(
        employer=fuzz.token_set_ratio(employer_key(a.employer), employer_key(b.employer)),
        title=title_score(a.title, b.title),
        text=containment(content_words(a.description), content_words(b.description)),
        same_region=a.region == b.region,
        dates_overlap=overlap(a, b, slack_days),
    )


def is_duplicate(a: PostingText, b: PostingText, rule: DedupRule = DEFAULT_RULE) -> bool:
    """``a`` and ``b`` advertise the same vacancy, by ``rule``."""
    return rule.is_duplicate(compare(a, b, rule.slack_days))
