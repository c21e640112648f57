"""Curriculum documents: parsing programmes, units and learning outcomes, and building gap reports.

A pure library: it never imports Flask or the ``app`` package.

Parsing: ``parse_document(data, filename)`` reads CSV, JSON, Markdown, plain text, PDF and DOCX
files into a ``ParseResult`` (a ``ParsedCurriculum`` tree plus warnings) or raises
``CurriculumParseError`` whose ``issues`` say why and where. Issue codes and their English
templates are in ``ISSUE_CODES``; ``format_issue`` renders them with translated templates.
The limits a document is held to before and while it is parsed are given as ``InputLimits``
(``curricula.limits``, shared with the app's other upload readers).
"""

from curricula.documents import SUPPORTED_EXTENSIONS, parse_document, parse_text, sniff
from curricula.limits import InputLimitError, InputLimits
from curricula.model import (
    CONTENT_KINDS,
    ISSUE_CODES,
    LOCATION_TEMPLATES,
    MAX_DOCUMENT_BYTES,
    WARNING_CODES,
    CurriculumParseError,
    ParsedCurriculum,
    ParsedOutcome,
    ParsedUnit,
    ParseIssue,
    ParseResult,
    format_issue,
    make_issue,
)
from curricula.templates import (
    TEMPLATE_COLUMNS,
    curriculum_from_mapping,
    curriculum_to_csv,
    curriculum_to_mapping,
)

__all__ = [
    "CONTENT_KINDS",
    "ISSUE_CODES",
    "LOCATION_TEMPLATES",
    "MAX_DOCUMENT_BYTES",
    "SUPPORTED_EXTENSIONS",
    "TEMPLATE_COLUMNS",
    "WARNING_CODES",
    "CurriculumParseError",
    "InputLimitError",
    "InputLimits",
    "ParseIssue",
    "ParseResult",
    "ParsedCurriculum",
    "ParsedOutcome",
    "ParsedUnit",
    "curriculum_from_mapping",
    "curriculum_to_csv",
    "curriculum_to_mapping",
    "format_issue",
    "make_issue",
    "parse_document",
    "parse_text",
    "sniff",
]
