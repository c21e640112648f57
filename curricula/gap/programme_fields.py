"""A programme's field: which occupations (KBJI 2014 unit groups) its graduates go to, so a gap
report compares a programme with the vacancies of its own field by default.

The fields and their occupations are data (``curricula/gap/data/programme_fields.json``); a
programme is recognised by its name or concentration (SMK programme keahlian and their old
names, D3/S1 study programmes).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

FIELDS_FILE = Path(__file__).resolve().parent / "data" / "programme_fields.json"


@dataclass(frozen=True, slots=True)
class ProgrammeField:
    """A field of study and the occupations its graduates go to."""

    code: str
    name_id: str
    names: tuple[str, ...]
    occupations: tuple[str, ...]


def _words(text: str) -> str:
    """Lower-cased words separated by single spaces (brackets and punctuation dropped)."""
    return " ".join(re.findall(r"[0-9a-z]+", text.casefold()))


@lru_cache(maxsize=4)
def load_fields(path: Path = FIELDS_FILE) -> tuple[ProgrammeField, ...]:
    """The fields of a JSON file (default: the shipped one); a field without a code or an
    occupation is an error naming it."""
    fields = []
    for number, item in enumerate(json.loads(path.read_text(encoding="utf-8")), start=1):
        code, occupations = item.get("code"), tuple(item.get("occupations") or ())
        if not code or not occupations:
            raise ValueError(f"{path.name}: field {number}: needs a code and occupations")
        if any(len(o) != 4 or not o.isdigit() for o in occupations):
            raise ValueError(f"{path.name}: field {code}: occupations are 4-digit KBJI codes")
        names = tuple(item.get("names") or ()) + (item.get("name_id", ""), code)
        fields.append(ProgrammeField(code, item.get("name_id", code), names, occupations))
    return tuple(fields)


def field_of(
    programme: str, concentration: str = "", fields: tuple[ProgrammeField, ...] | None = None
) -> ProgrammeField | None:
    """The field a programme belongs to: the longest field name found as whole words in its
    concentration, else in its programme name; ``None`` when no name is found."""
    fields = load_fields() if fields is None else fields
    for text in (concentration, programme):
        words = f" {_words(text)} "
        best: tuple[int, ProgrammeField] | None = None
        for field in fields:
            for name in field.names:
                key = _words(name)
                if key and f" {key} " in words and (best is None or len(key) > best[0]):
                    best = (len(key), field)
        if best is not None:
            return best[1]
    return None
