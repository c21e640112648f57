"""Reading single values: whole numbers, phases, levels, unit headings and outcome sentences.

One rule per value, shared by every format. Bad values raise ``FieldError`` with an issue code
and params; the caller adds the location.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from curricula.model import LEVELS, UnitAttributes

RANGES: dict[str, tuple[int, int]] = {
    "semester": (1, 14),
    "hours": (0, 5000),
    "credits": (0, 60),
    "version_year": (1990, 2100),
}
ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8}
GRADE_PHASE = {
    "X": "E",
    "XI": "F",
    "XII": "F",
    "XIII": "F",
    "10": "E",
    "11": "F",
    "12": "F",
    "13": "F",
}
LEVEL_ALIASES = {
    "smk": "smk",
    "smk/mak": "smk",
    "d3": "d3",
    "d-iii": "d3",
    "diii": "d3",
    "diploma 3": "d3",
    "diploma iii": "d3",
    "diploma tiga": "d3",
    "d4": "d4",
    "d-iv": "d4",
    "div": "d4",
    "diploma 4": "d4",
    "diploma iv": "d4",
    "diploma empat": "d4",
    "sarjana terapan": "d4",
    "s1": "s1",
    "s-1": "s1",
    "sarjana": "s1",
    "training": "training",
    "pelatihan": "training",
    "blk": "training",
    "lpk": "training",
}
# At most 9 digits: a longer run is refused before int() sees it (Python refuses 4,301+ digits).
_NUMBER = re.compile(
    r"^\s*([0-9]{1,9})(?:[.,]0{1,9})?\s*(?:sks|jp|jam|credits?|kredit)?\s*$", re.IGNORECASE
)
_PHASE = re.compile(r"^\s*(?:fase\s+|phase\s+)?([a-f])\s*(?:\(.*\))?\s*$", re.IGNORECASE)
_GRADE = re.compile(r"^\s*kelas\s+(xiii|xii|xi|x|1[0-3])\b", re.IGNORECASE)
# A unit code is one run of code characters (checked by ``is_code``, not by a regex: the old
# pattern nested quantifiers over the same characters and backtracked cubically).
_CODE_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")
_CODE_SEPARATORS = frozenset("._-")
_CODE_RUN = r"[A-Z0-9._-]+"
_AFTER_CODE = re.compile(r"^\s?[-–—:.|]?\s+(?P<rest>\S.*)$")
_GRADES = r"(?:XIII|XII|XI|X|1[0-3])"
_ATTRIBUTES = [
    ("credits", re.compile(r"^(?:bobot\s*:?\s*)?(\d+)\s*(?:sks|kredit|credits?)$", re.I)),
    (
        "hours",
        re.compile(r"^(?:alokasi\s+waktu\s*:?\s*)?(\d+)\s*(?:jp|jam(?:\s+pelajaran)?)$", re.I),
    ),
    ("semester", re.compile(r"^(?:semester|smt\.?)\s*:?\s*(\d{1,2}|[IVX]{1,4})$", re.I)),
    ("phase", re.compile(r"^fase\s*:?\s*([A-F])$", re.I)),
    (
        "grade",
        re.compile(rf"^kelas\s*:?\s*({_GRADES})(?:\s*(?:dan|-|–|s\.?d\.?)\s*{_GRADES})?$", re.I),
    ),
    ("code", re.compile(rf"^(?:kode\s*:?\s*)?({_CODE_RUN})$")),
]
# A whitespace run is tried from its first character only (the look-behind), so a long run
# costs its length once, not its length squared.
_TRAILING_SEP = re.compile(r"(?<!\s)\s+[-–—|]\s+|,\s+")
_LABEL_PREFIX = re.compile(
    r"^(?:(?:sub-?)?cpmk|cpl|cp|tp|atp|lo|clo)(?:[\s.-]*\d+(?:[.-]\d+)*\s*[:.)\-–]?|\s*:)\s+",
    re.I,
)


class FieldError(ValueError):
    """A value that breaks a rule; ``code`` and ``params`` make the issue."""

    def __init__(self, code: str, **params: Any) -> None:
        self.code = code
        self.params = params
        super().__init__(code)


def shown(value: object, limit: int = 40) -> object:
    """``value`` as echoed in a message: long text is cut to ``limit`` characters."""
    if isinstance(value, str) and len(value) > limit:
        return value[:limit] + "…"
    return value


def parse_int(value: object, name: str) -> int | None:
    """A whole number (or None when blank), checked against the range for ``name``."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise FieldError("bad_integer", value=value)
    if isinstance(value, float) and value.is_integer():
        number = int(value)
    elif isinstance(value, int):
        number = value
    elif isinstance(value, str) and (match := _NUMBER.match(value)):
        number = int(match.group(1))
    else:
        raise FieldError("bad_integer", value=shown(value))
    low, high = RANGES.get(name, (0, 10**6))
    if not low <= number <= high:
        raise FieldError("out_of_range", value=number, min=low, max=high)
    return number


def parse_phase(value: object) -> str | None:
    """A phase letter A-F from 'E', 'fase f' or 'Kelas XI' (None when blank)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    text = str(value)
    if match := _PHASE.match(text):
        return match.group(1).upper()
    if match := _GRADE.match(text):
        return GRADE_PHASE[match.group(1).upper()]
    raise FieldError("bad_phase", value=shown(value))


def parse_level(value: object) -> str | None:
    """One of ``LEVELS`` from 'SMK', 'D3', 'Diploma Tiga', 'S1', 'pelatihan' (None when blank)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    key = re.sub(r"\s+", " ", str(value).strip().lower())
    if key in LEVEL_ALIASES:
        return LEVEL_ALIASES[key]
    raise FieldError("bad_level", value=shown(value), allowed=", ".join(LEVELS))


def is_code(text: str) -> bool:
    """True for unit codes like 'TI1203', 'PPLG-E01' or 'RPL.F.03'; linear in ``text``.

    Two capital letters, then capitals, digits and ``. _ -``, ending in a capital or digit, with
    at least two digits after the leading letters and a digit after the last separator.
    """
    if len(text) < 4 or not set(text) <= _CODE_CHARS or not text[:2].isalpha():
        return False
    rest = text[2:]
    last_separator = max(rest.rfind(mark) for mark in _CODE_SEPARATORS)
    tail = rest[last_separator + 1 :]
    return sum(char.isdigit() for char in rest) >= 2 and any(char.isdigit() for char in tail)


def _leading_code(text: str) -> tuple[str, str] | None:
    """(code, rest) when ``text`` starts with a unit code, a separator and more words."""
    end = 0
    while end < len(text) and text[end] in _CODE_CHARS:
        end += 1
    token, after = text[:end], text[end:]
    # The code may hand one trailing '.' or '-' to the separator ('TI1203. Basis Data').
    for code, given in ((token, ""), (token[:-1], token[-1:])):
        if is_code(code) and (match := _AFTER_CODE.match(given + after)):
            return code, match.group("rest")
    return None


@dataclass(frozen=True)
class UnitHeader(UnitAttributes):
    """What a unit heading says: name, code and the numbers written next to it."""

    def absorb(self, text: str) -> UnitHeader | None:
        """The header with the attribute tokens of ``text`` read ('3 SKS, Semester 2', 'Fase E',
        '72 JP'); ``None`` if not all are."""
        parts = [part.strip() for part in re.split(r"[,;/]|\s+[-–—|]\s+", text) if part.strip()]
        found: list[tuple[str, str]] = []
        for part in parts:
            for name, pattern in _ATTRIBUTES:
                if (match := pattern.match(part)) and (name != "code" or is_code(match.group(1))):
                    found.append((name, match.group(1)))
                    break
            else:
                return None
        header = self
        for name, raw in found:
            header = header._with(name, raw)
        return header if found else None

    def _with(self, name: str, raw: str) -> UnitHeader:
        if name == "code":
            return replace(self, code=self.code or raw)
        if name == "phase":
            return replace(self, phase=raw.upper())
        if name == "grade":
            return replace(self, phase=GRADE_PHASE[raw.upper()])
        if name == "semester":
            number = int(raw) if raw.isdigit() else ROMAN.get(raw.upper(), 0)
            return replace(self, semester=number if 1 <= number <= 14 else self.semester)
        return replace(self, **{name: int(raw)})


def split_unit_header(text: str) -> UnitHeader:
    """Split 'TI1203 Basis Data (3 SKS, Semester 2)' into name, code, credits and semester."""
    header = UnitHeader(name="")
    text = " ".join(text.split())  # one space between words: the patterns below stay linear
    text = re.sub(r"^\d+(?:\.\d+)*[.)]?\s+", "", text.strip())
    kept: list[str] = []
    for piece in re.split(r"(\([^()]*\))", text):
        if piece.startswith("(") and (absorbed := header.absorb(piece[1:-1])):
            header = absorbed
            continue
        kept.append(piece)
    text = " ".join("".join(kept).split())
    while True:
        parts = _TRAILING_SEP.split(text)
        if len(parts) < 2 or not (absorbed := header.absorb(parts[-1])):
            break
        header = absorbed
        text = text[: text.rstrip().rfind(parts[-1])].rstrip(" ,-–—|")
    if leading := _leading_code(text):
        header = replace(header, code=header.code or leading[0])
        text = leading[1]
    return replace(header, name=text.strip(" :-–—|,"))


def clean_outcome(text: str) -> str:
    """Outcome text without list labels ('CPMK-1:'), extra spaces or a trailing '; dan'."""
    text = " ".join(text.split())
    text = _LABEL_PREFIX.sub("", text)
    text = re.sub(r"\s*[;,]\s*(?:dan|atau|and|or)?\s*$", "", text)
    return text.strip()
