"""One entry point for uploaded curriculum files: check size and type, then parse.

The type is decided by the file name's extension AND the content: a PDF must start with
``%PDF``, a DOCX must be a zip holding ``word/document.xml``, and CSV, JSON, Markdown and text
files must be text. A mismatch (a PDF renamed to .docx, a spreadsheet renamed to .csv) is
rejected with ``unsupported_type``.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import PurePath

from curricula.binary import parse_docx, parse_pdf
from curricula.limits import DEFAULT_LIMITS, InputLimitError, InputLimits, check_size
from curricula.model import (
    CurriculumParseError,
    ParsedCurriculum,
    ParseIssue,
    ParseResult,
    limit_error,
    make_issue,
)
from curricula.templates import parse_csv, parse_json
from curricula.text import parse_plain_text

Parser = Callable[[str], tuple[ParsedCurriculum, tuple[ParseIssue, ...]]]
TEXT_FORMATS: dict[str, tuple[str, Parser]] = {
    ".csv": ("csv", parse_csv),
    ".json": ("json", parse_json),
    ".md": ("markdown", parse_plain_text),
    ".markdown": ("markdown", parse_plain_text),
    ".txt": ("text", parse_plain_text),
    ".text": ("text", parse_plain_text),
}
BINARY_FORMATS = {".pdf": "pdf", ".docx": "docx"}
SUPPORTED_EXTENSIONS = (*TEXT_FORMATS, *BINARY_FORMATS)
_CONTROL = {chr(c) for c in range(32)} - {"\t", "\n", "\r", "\f"}


def sniff(data: bytes) -> str:
    """What the bytes look like: 'pdf', 'docx', 'zip', 'binary' or 'text'."""
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            return "binary"
        return "docx" if "word/document.xml" in names else "zip"
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "binary"
    sample = decode_text(data[:8192])[0]
    if sample is None:
        return "binary"
    controls = sum(1 for char in sample if char in _CONTROL)
    return "binary" if controls > max(2, len(sample) // 100) else "text"


def decode_text(data: bytes) -> tuple[str | None, bool]:
    """Text from UTF-8 (with or without BOM), UTF-16 with BOM, or Windows-1252 as a fallback."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), False
        except UnicodeDecodeError:
            return None, False
    try:
        return data.decode("utf-8-sig"), False
    except UnicodeDecodeError as error:
        if error.start >= len(data) - 3 and len(data) >= 8192:
            return data[: error.start].decode("utf-8-sig"), False  # a sample cut mid-character
    try:
        return data.decode("cp1252"), True
    except UnicodeDecodeError:
        return None, False


def parse_document(data: bytes, filename: str, limits: InputLimits = DEFAULT_LIMITS) -> ParseResult:
    """Parse an uploaded curriculum document; raise ``CurriculumParseError`` saying why.

    Every limit of ``limits`` is checked before (or, for the page and paragraph counts, while)
    the file is parsed; no exception of a parsing library escapes.
    """
    try:
        check_size(data, limits)
    except InputLimitError as error:
        raise limit_error(error) from error
    extension = PurePath(filename).suffix.lower()
    if not data.strip():
        raise CurriculumParseError([make_issue("empty_document")])
    detected = sniff(data)
    expected = BINARY_FORMATS.get(extension, "text" if extension in TEXT_FORMATS else None)
    if expected is None or detected != expected:
        raise CurriculumParseError(
            [
                make_issue(
                    "unsupported_type",
                    filename=PurePath(filename).name,
                    extension=extension or "(none)",
                    detected=detected,
                )
            ]
        )
    if detected in ("pdf", "docx"):
        parse = parse_pdf if detected == "pdf" else parse_docx
        curriculum, warnings = parse(data, limits)
        return _counted(ParseResult(curriculum, warnings, detected), limits)
    text, legacy = decode_text(data)
    if text is None or not text.strip():
        raise CurriculumParseError([make_issue("empty_document")])
    lines = text.count("\n") + 1
    if lines > limits.max_lines:
        raise CurriculumParseError(
            [make_issue("too_many_lines", count=lines, limit=limits.max_lines)]
        )
    source_format, parser = TEXT_FORMATS[extension]
    try:
        curriculum, warnings = parse_json(text, limits) if source_format == "json" else parser(text)
    except InputLimitError as error:
        raise limit_error(error) from error
    if legacy:
        warnings = (make_issue("legacy_encoding"), *warnings)
    return _counted(ParseResult(curriculum, warnings, source_format), limits)


def _counted(result: ParseResult, limits: InputLimits) -> ParseResult:
    """``result``, unless it holds more learning outcomes than ``limits.max_outcomes``."""
    count = sum(len(unit.outcomes) for unit in result.curriculum.units)
    if count > limits.max_outcomes:
        raise CurriculumParseError(
            [make_issue("too_many_outcomes", count=count, limit=limits.max_outcomes)]
        )
    return result


def parse_text(text: str, source_format: str = "text") -> ParseResult:
    """Parse Markdown or plain text (e.g. pasted into a form); line numbers refer to ``text``."""
    curriculum, warnings = parse_plain_text(text)
    return ParseResult(curriculum, warnings, source_format)
