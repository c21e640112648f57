"""Whether a job-ad sentence marks a skill as required or only nice to have (Indonesian and English)."""

from __future__ import annotations

import re

PREFERRED_MARKERS = (
    "nilai tambah",
    "nilai plus",
    "menjadi plus",
    "diutamakan",
    "lebih disukai",
    "lebih diutamakan",
    "tidak wajib",
    "opsional",
    "preferred",
    "nice to have",
    "is a plus",
    "a plus",
    "bonus",
)
_PATTERN = re.compile("|".join(re.escape(m) for m in PREFERRED_MARKERS), re.IGNORECASE)


def importance_of(sentence: str) -> str:
    """``"preferred"`` when the sentence marks its skills as optional, else ``"required"``."""
    return "preferred" if _PATTERN.search(sentence) else "required"
