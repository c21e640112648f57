"""Text helpers for linking: token normalisation and segmentation that keep character offsets."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# A token: letters/digits, with inner dots or apostrophes (node.js, asp.net) and a trailing ++ or #.
_TOKEN = re.compile(r"[^\W_]+(?:[.'][^\W_]+)*(?:\+\+|#)?")
# A whitespace run before a bullet or a dash is tried from its first character only (the
# look-behinds): a long run of spaces costs its length once, not its length squared. A bullet
# that follows a line break is left to ``_TRIM`` (the line break already ends the sentence).
_SENTENCE_BREAK = re.compile(r"\n+|(?<=[.!?;])\s+|(?<!\s)\s*[•▪●◦*]\s+|(?<!\s)\s+-\s+(?=[A-Z])")
_CLAUSE_BREAK = re.compile(
    r",|;|:|\(|\)|\s/\s|\s&\s|\s(?:dan|and|serta|atau|or|maupun|dengan|with|using|pakai|menggunakan)\s",
    re.IGNORECASE,
)
# Subject-and-ability openings of learning outcomes and job ads that pull embeddings towards
# teaching labels ("Peserta didik mampu ...", "Pada akhir fase F, ...").
_BOILERPLATE = re.compile(
    r"^\s*(?:pada akhir fase \w+\s*,?\s*)?"
    r"(?:(?:peserta didik|mahasiswa|siswa|lulusan|kandidat|pelamar)\s+)?"
    r"(?:mampu|dapat|sanggup)\s+",
    re.IGNORECASE,
)
_SURROGATE = re.compile("[\ud800-\udfff]")
_TRIM = " \t\r\n.,;:!?-–—*•▪●◦()[]\"'"


@dataclass(frozen=True)
class Token:
    """A normalised token and its character offsets in the original text."""

    norm: str
    start: int
    end: int
    raw: str


@dataclass(frozen=True)
class Segment:
    """A piece of the original text (sentence or clause) with its offsets."""

    text: str
    start: int
    end: int


def fold(text: str) -> str:
    """Unicode-fold and lower-case a string (NFKC, casefold)."""
    return unicodedata.normalize("NFKC", text).casefold()


def tokens(text: str) -> list[Token]:
    """Split text into tokens, keeping offsets into the original string."""
    folded = unicodedata.normalize("NFKC", text)
    if len(folded) != len(text):  # offsets must stay valid: fall back to the raw text
        folded = text
    return [
        Token(m.group().casefold(), m.start(), m.end(), m.group()) for m in _TOKEN.finditer(folded)
    ]


def strip_boilerplate(text: str) -> str:
    """Drop a leading "(Pada akhir fase F,) peserta didik mampu" style opening, if any."""
    stripped = _BOILERPLATE.sub("", text, count=1)
    return stripped if stripped.strip() else text


def norm_key(text: str) -> str:
    """The lookup key of a phrase: its normalised tokens joined by single spaces."""
    return " ".join(t.norm for t in tokens(text))


def _pieces(text: str, start: int, end: int, pattern: re.Pattern[str]) -> list[Segment]:
    out: list[Segment] = []
    pos = start
    for m in pattern.finditer(text, start, end):
        out.append(_trimmed(text, pos, m.start()))
        pos = m.end()
    out.append(_trimmed(text, pos, end))
    return [s for s in out if s.end > s.start and any(ch.isalnum() for ch in s.text)]


def _trimmed(text: str, start: int, end: int) -> Segment:
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return Segment(text[start:end], start, end)


HEADER_WORDS = 3
# Words with which Indonesian (and English) vacancies, CVs and learning outcomes ask for or state
# an ability; lines of benefits, placement, salary or admin rarely have one.
_SKILL_CUES = re.compile(
    r"\b(mampu|kemampuan|menguasai|penguasaan|memahami|paham|pemahaman|mengerti|mengenal|"
    r"pengetahuan|berpengalaman|pengalaman|terbiasa|familiar|mahir|terampil|keterampilan|"
    r"keahlian|ahli|bisa|dapat|menerapkan|mengoperasikan|menggunakan|membuat|merancang|"
    r"mengembangkan|membangun|mengelola|melakukan|mengonfigurasi|menganalisis|menyusun|"
    r"memelihara|merawat|memperbaiki|menangani|menjelaskan|mengidentifikasi|diutamakan|"
    r"able|ability|abilities|experience|experienced|proficient|proficiency|knowledge|"
    r"understanding|skilled|skills|expertise|hands-on)\b",
    re.IGNORECASE,
)


def sentences(text: str) -> list[Segment]:
    """Split a document into sentences/lines/bullets with offsets into ``text``."""
    return _pieces(text, 0, len(text), _SENTENCE_BREAK)


def is_header(sentence: str) -> bool:
    """A section header on a line of its own ("Kualifikasi:", "Tanggung Jawab:",
    "Requirements:"): at most three words before a final colon. It names no skill."""
    body = sentence.strip()
    return body.endswith(":") and 0 < len(tokens(body[:-1])) <= HEADER_WORDS


def skill_cue(sentence: str) -> bool:
    """Whether a sentence has a word that asks for or states an ability ("mampu", "menguasai",
    "berpengalaman", "experience" ...): a feature of the sentence gate, learnt with the rest."""
    return _SKILL_CUES.search(sentence) is not None


def is_header_line(text: str, sentence: Segment) -> bool:
    """Whether ``sentence`` is a whole line of ``text`` that is a section header (``is_header``:
    the colon that ends it is left out of the sentence)."""
    start = text.rfind("\n", 0, sentence.start) + 1
    end = text.find("\n", sentence.end)
    line = text[start : len(text) if end < 0 else end]
    return is_header(line) and len(tokens(line)) == len(tokens(sentence.text))


def clauses(sentence: Segment, text: str) -> list[Segment]:
    """Split one sentence of ``text`` into clauses (at commas, conjunctions, slashes, brackets)."""
    return _pieces(text, sentence.start, sentence.end, _CLAUSE_BREAK)


def clip_text(text: str, max_chars: int) -> tuple[str, bool]:
    """``text`` cut to at most ``max_chars`` characters, and whether it was cut.

    The cut falls after the last sentence end (., !, ?, ; or a line break) in the second half
    of the kept part, else after the last space there, else at the limit.
    """
    if len(text) <= max_chars:
        return text, False
    head = text[:max_chars]
    for marks in (("\n", ". ", "! ", "? ", "; "), (" ", "\t")):
        cut = max(head.rfind(mark) for mark in marks)
        if cut >= max_chars // 2:
            return head[: cut + 1].rstrip(), True
    return head, True


def break_long_lines(text: str, max_line: int = 500) -> str:
    """``text`` with a space turned into a line break wherever a sentence would run past
    ``max_line`` characters: the same length and offsets, but no sentence longer than that (one
    200 KB line would otherwise be one 'sentence' and its clauses at once)."""
    if len(text) <= max_line:
        return text
    chars = list(text)
    start = 0  # where the current sentence began
    for position, char in enumerate(chars):
        if char == "\n" or (char.isspace() and position and chars[position - 1] in ".!?;"):
            start = position + 1
        elif position - start >= max_line:
            cut = text.rfind(" ", start, position)
            if cut > start:
                chars[cut] = "\n"
                start = cut + 1
            else:
                start = position  # no space to break at: a single long token
    return "".join(chars)


def clip_sentences(text: str, max_sentences: int) -> tuple[str, bool]:
    """``text`` up to the end of its ``max_sentences``-th sentence, and whether it was cut (the
    linker's time and memory grow with the number of sentences, short ones too)."""
    found = sentences(text)
    if len(found) <= max_sentences:
        return text, False
    return text[: found[max_sentences].start].rstrip(), True  # with the last one's full stop


def encodable(text: str) -> str:
    """``text`` with lone surrogates ('\\ud800', which no encoder or cache key can encode) as
    U+FFFD: one character for one, so offsets into ``text`` stay valid."""
    return _SURROGATE.sub("\ufffd", text)
