"""Limits checked before a document is parsed, shared by every reader of uploaded files.

Curricula, CVs and vacancy files are read with the same checks: the bytes, a ZIP's entry count
and unpacked size (DOCX), a PDF's pages, JSON nesting depth and the digits of a number. Each
check raises ``InputLimitError`` with a stable ``code`` and ``params``; callers turn it into
their own error and message. The library is given its limits (``InputLimits``); it reads no
settings of its own.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from dataclasses import dataclass
from itertools import accumulate
from typing import Any

MB = 1024 * 1024


@dataclass(frozen=True)
class InputLimits:
    """The limits one upload is held to (the web app fills them from its settings)."""

    max_bytes: int = 10 * MB
    max_zip_entries: int = 1000
    max_unzipped_bytes: int = 40 * MB
    max_pdf_pages: int = 500
    max_paragraphs: int = 20_000
    max_lines: int = 200_000
    max_outcomes: int = 1_000  # learning outcomes of one curriculum (each is read by the linker)
    max_depth: int = 32
    max_digits: int = 15


DEFAULT_LIMITS = InputLimits()


class InputLimitError(ValueError):
    """A file breaks a limit or cannot be decoded at all; ``code`` and ``params`` say how."""

    def __init__(self, code: str, **params: Any) -> None:
        self.code = code
        self.params = params
        super().__init__(f"{code} {params}")


def check_size(data: bytes, limits: InputLimits = DEFAULT_LIMITS) -> None:
    """Refuse more bytes than ``limits.max_bytes``."""
    if len(data) > limits.max_bytes:
        raise InputLimitError("file_too_large", size=len(data), limit=limits.max_bytes)


def check_zip(data: bytes, limits: InputLimits = DEFAULT_LIMITS) -> None:
    """Refuse a ZIP (DOCX) with too many entries or too many bytes once unpacked.

    The sizes come from the central directory; ``zipfile`` never unpacks more than an entry's
    stated size (and fails its CRC check when the data is longer), so they bound the memory used.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as error:
        raise InputLimitError("bad_zip", detail=str(error) or type(error).__name__) from error
    if len(entries) > limits.max_zip_entries:
        raise InputLimitError(
            "zip_too_many_entries", count=len(entries), limit=limits.max_zip_entries
        )
    unpacked = sum(entry.file_size for entry in entries)
    if unpacked > limits.max_unzipped_bytes:
        raise InputLimitError("zip_too_large", size=unpacked, limit=limits.max_unzipped_bytes)


# A JSON string, possessive so that an unterminated one is consumed once (linear time).
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*+"?', re.DOTALL)
_BRACKETS = str.maketrans({"[": "(", "{": "(", "]": ")", "}": ")"})
_STEP = {"(": 1, ")": -1}


def json_depth(text: str) -> int:
    """How deep arrays and objects nest in ``text`` (brackets inside strings do not count)."""
    outside = _JSON_STRING.sub("", text).translate(_BRACKETS)
    brackets = [char for char in outside if char in _STEP]
    return max(accumulate(map(_STEP.__getitem__, brackets)), default=0)


def load_json(text: str, limits: InputLimits = DEFAULT_LIMITS) -> Any:
    """``json.loads`` after the depth check, refusing long numbers, NaN and Infinity.

    Raises ``InputLimitError`` for a broken limit and ``json.JSONDecodeError`` for bad syntax.
    """
    depth = json_depth(text)
    if depth > limits.max_depth:
        raise InputLimitError("too_deep", depth=depth, limit=limits.max_depth)

    def number(raw: str) -> int | float:
        digits = sum(char.isdigit() for char in raw.split("e")[0].split("E")[0])
        if digits > limits.max_digits:
            raise InputLimitError("number_too_long", digits=digits, limit=limits.max_digits)
        value = float(raw) if any(mark in raw for mark in ".eE") else int(raw)
        if value != value or value in (float("inf"), float("-inf")):
            raise InputLimitError("bad_number", value=raw[:40])
        return value

    def constant(raw: str) -> Any:
        raise InputLimitError("bad_number", value=raw)

    try:
        return json.loads(text, parse_int=number, parse_float=number, parse_constant=constant)
    except RecursionError as error:  # a safety net: the depth check comes first
        raise InputLimitError("too_deep", depth=depth, limit=limits.max_depth) from error


_SURROGATE = re.compile("[\ud800-\udfff]")


def has_surrogates(text: str) -> bool:
    """True when ``text`` holds a lone surrogate ('\\ud800' from a JSON escape or a broken PDF
    font map), which cannot be stored, shown or encoded as UTF-8."""
    return _SURROGATE.search(text) is not None


def without_surrogates(text: str) -> str:
    """``text`` with lone surrogates as U+FFFD (for text extracted from a file, not typed)."""
    return _SURROGATE.sub("\ufffd", text)
