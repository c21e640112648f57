"""What a job seeker's search box text asks for: the topic, and the places named in it.

"lowongan kerja cilegon" is a place and filler words, not a topic: the filler goes, the place
becomes a district filter, and what is left ("" here) is matched against the vacancies. Places are
recognised by their names (with or without "kota"/"kab."/"kabupaten") and a few well-known
other names (a sub-district or a common abbreviation such as "tangsel").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from matching.keywords import terms

# Words that say "I am looking for a job", not what job: dropped from the topic (Indonesian and
# English). Stop words such as "di"/"in" are dropped by the keyword tokenizer already.
FILLER_WORDS = frozenset(
    """
    lowongan loker lowker kerja pekerjaan kerjaan info cari mencari dicari dibutuhkan butuh
    terbaru daerah wilayah sekitar dekat area kawasan di ke dari untuk yang
    job jobs vacancy vacancies hiring opening openings work career careers in near at around
    """.split()  # noqa: SIM905 - a word list reads better as text
)
# "kota"/"kab." in front of a name choose the kota or the kabupaten of that name.
KIND_WORDS = {"kota": "kota", "kab": "kabupaten", "kabupaten": "kabupaten", "city": "kota"}


@dataclass(frozen=True)
class Region:
    """A district the search can filter by: BPS code, name as shown, and kind."""

    code: str
    name: str
    kind: str  # "kota" or "kabupaten"


@dataclass(frozen=True)
class ParsedQuery:
    """A search text read: the topic words left, the districts named, the place words found."""

    topic: str
    region_codes: tuple[str, ...] = ()
    place_words: tuple[str, ...] = ()

    @property
    def has_topic(self) -> bool:
        """Whether anything besides places and filler was asked for."""
        return bool(self.topic)


def _base_name(name: str) -> list[str]:
    """The words of a district name without its "Kota"/"Kab." prefix."""
    words = terms(name)
    return words[1:] if words and words[0] in KIND_WORDS else words


def place_forms(
    regions: list[Region], aliases: Mapping[str, Sequence[str]] | None = None
) -> dict[tuple[str, ...], tuple[str, ...]]:
    """Word sequences that name districts -> the district codes they name (a bare name may name
    a kota and a kabupaten: "serang"; "kota serang" names one). ``aliases``: BPS code -> other
    names people use for the district (a sub-district, an abbreviation: the deployment
    profile's local terms)."""
    aliases = aliases or {}
    forms: dict[tuple[str, ...], set[str]] = {}
    for region in regions:
        base = tuple(_base_name(region.name))
        if not base:
            continue
        forms.setdefault(base, set()).add(region.code)
        for word, kind in KIND_WORDS.items():
            if kind == region.kind:
                forms.setdefault((word, *base), set()).add(region.code)
        for alias in aliases.get(region.code, ()):
            forms.setdefault(tuple(terms(alias)), set()).add(region.code)
    return {form: tuple(sorted(codes)) for form, codes in forms.items()}


def parse_query(text: str, forms: Mapping[tuple[str, ...], tuple[str, ...]]) -> ParsedQuery:
    """Split ``text`` into topic and places (longest place name first at each word)."""
    words = terms(text)
    longest = max((len(f) for f in forms), default=0)
    topic: list[str] = []
    codes: list[str] = []
    places: list[str] = []
    i = 0
    while i < len(words):
        for size in range(min(longest, len(words) - i), 0, -1):
            found = forms.get(tuple(words[i : i + size]))
            if found is not None:
                codes += [c for c in found if c not in codes]
                places.append(" ".join(words[i : i + size]))
                i += size
                break
        else:
            if words[i] not in FILLER_WORDS:
                topic.append(words[i])
            i += 1
    return ParsedQuery(" ".join(topic), tuple(codes), tuple(places))


# What short forms in Indonesian organisation names stand for, so that the search "rumah sakit"
# finds "RS Amanah Lebak Husada" and "RSU Citra Tigaraksa", and "bank" "PT BPR Serang Makmur".
# Only distinctive words: "umum", "daerah" or "kerja" would bring every RSUD or BLK to "staf
# umum" or "lowongan kerja".
NAME_FORMS = {
    "rs": "rumah sakit",
    "rsu": "rumah sakit",
    "rsud": "rumah sakit",
    "rsia": "rumah sakit",
    "bpr": "bank perkreditan rakyat",
}


def employer_words(name: str | None) -> list[str]:
    """The words of an employer's name in their order, each short form followed by what it
    stands for ("rs harapan sehat" -> rs rumah sakit harapan sehat)."""
    out: list[str] = []
    for word in terms(name or ""):
        out.append(word)
        out += NAME_FORMS.get(word, "").split()
    return out


def row_terms(stored: str | None, employer: str | None) -> str:
    """A vacancy's stored terms and its employer's (``employer_words``), each once, sorted (what
    ``matching.keywords.TermIndex`` reads: a term twice in a row would count it twice)."""
    return " ".join(sorted(set((stored or "").split()) | set(employer_words(employer))))


def phrases(wanted: list[str], text: list[str]) -> list[str]:
    """The query words ``text`` holds, joined where they follow each other there as in the query
    ("data analyst" in "Data Analyst"), else apart: "programmer smk" is not quoted from the title
    "Magang Programmer (Siswa SMK RPL)", "programmer" and "smk" are."""
    held = set(text)
    follows = set(zip(text, text[1:], strict=False))
    out: list[list[str]] = []
    previous = None
    for word in wanted:
        if word not in held:
            previous = None
            continue
        if previous is not None and (previous, word) in follows:
            out[-1].append(word)
        else:
            out.append([word])
        previous = word
    return [" ".join(run) for run in out]


def employer_phrases(wanted: list[str], employer: str) -> list[str]:
    """The query words an employer's name holds (``phrases``), and those of what a short form of
    it stands for ("rumah sakit" of "RS Harapan Sehat", "bank" of "PT BPR Serang Makmur")."""
    words = terms(employer)
    found = phrases(wanted, words)
    for short in dict.fromkeys(w for w in words if w in NAME_FORMS):
        found += [p for p in phrases(wanted, NAME_FORMS[short].split()) if p not in found]
    return found
