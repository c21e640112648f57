"""PDF (pypdf) and DOCX (python-docx) curricula: text is extracted, then read like Markdown.

PDF text is taken page by page; issues and outcomes carry the page and the line on that page.
DOCX paragraphs become lines (Heading 1-3 and Title -> headings, List Number / List Bullet and
numbered paragraphs -> list items); issues name the paragraph. Tables whose header matches the CSV
template are read row by row; other tables are read as text.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from typing import Any

from curricula.assemble import UnitRows, finish, map_columns
from curricula.limits import (
    DEFAULT_LIMITS,
    InputLimitError,
    InputLimits,
    check_zip,
    without_surrogates,
)
from curricula.model import (
    CurriculumParseError,
    ParsedCurriculum,
    ParseIssue,
    limit_error,
    make_issue,
)
from curricula.text import SourceLine, lines_from_text, read_lines

Parsed = tuple[ParsedCurriculum, tuple[ParseIssue, ...]]


def _detail(error: BaseException) -> str:
    """What a library said about a broken file, short enough for a message."""
    detail = str(error) or type(error).__name__
    return detail if len(detail) <= 200 else detail[:200] + "…"


def pdf_pages(data: bytes, limits: InputLimits = DEFAULT_LIMITS) -> list[str]:
    """The text of each page of a PDF (at most ``limits.max_pdf_pages``); no pypdf error escapes."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, PyPdfError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise CurriculumParseError([make_issue("encrypted_pdf")])
        if len(reader.pages) > limits.max_pdf_pages:
            raise CurriculumParseError(
                [make_issue("too_many_pages", pages=len(reader.pages), limit=limits.max_pdf_pages)]
            )
        pages = [without_surrogates(page.extract_text() or "") for page in reader.pages]
    except CurriculumParseError:
        raise
    except DependencyError as error:  # AES needs a package the platform does not install
        raise CurriculumParseError([make_issue("encrypted_pdf")]) from error
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, AttributeError) as error:
        raise CurriculumParseError([make_issue("unreadable_pdf", detail=_detail(error))]) from error
    except (RecursionError, ZeroDivisionError, IndexError, AssertionError) as error:
        # pypdf's own slips on a damaged file
        raise CurriculumParseError([make_issue("unreadable_pdf", detail=_detail(error))]) from error
    return pages


def pdf_lines(data: bytes, limits: InputLimits = DEFAULT_LIMITS) -> list[SourceLine]:
    """Numbered lines of a PDF's text layer, page by page."""
    pages = pdf_pages(data, limits)
    if not any(text.strip() for text in pages):
        raise CurriculumParseError([make_issue("pdf_without_text", pages=len(pages))])
    lines: list[SourceLine] = []
    for number, text in enumerate(pages, start=1):
        lines += lines_from_text(text, page=number)
    return lines


def parse_pdf(data: bytes, limits: InputLimits = DEFAULT_LIMITS) -> Parsed:
    """Parse a PDF curriculum; locations are 'page P, line L'."""
    units, titles, issues = read_lines(pdf_lines(data, limits))
    return finish(units, issues, **vars(titles))


def style_names(document: Any) -> dict[str, str]:
    """Paragraph style id -> lower-cased style name, read once (python-docx looks each up)."""
    from docx.oxml.ns import qn

    names = {}
    for style in document.styles.element.iterchildren(qn("w:style")):
        name = style.find(qn("w:name"))
        names[style.get(qn("w:styleId")) or ""] = (
            (name.get(qn("w:val")) or "") if name is not None else ""
        ).lower()
    return names


def _style_prefix(paragraph: Any, names: dict[str, str]) -> str:
    properties = paragraph._p.pPr
    style_id = (
        properties.pStyle.val if properties is not None and properties.pStyle is not None else ""
    )
    lowered = names.get(style_id or "", "")
    if lowered == "title":
        return "# "
    if lowered.startswith("heading "):
        level = lowered.removeprefix("heading ").strip()
        digit = level.isascii() and level.isdigit()  # 'Heading ²' is no level
        return "#" * min(int(level), 6) + " " if digit else "## "
    if lowered.startswith("list number"):
        return "1. "
    numbered = properties is not None and properties.numPr is not None
    if lowered.startswith(("list bullet", "list paragraph")) or numbered:
        return "- "
    return ""


def _cell_text(cell: Any) -> str:
    return " ".join(cell.text.split())


def _blocks(document: Any) -> Iterator[Any]:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            yield Paragraph(child, document)
        elif tag == "tbl":
            yield Table(child, document)


def open_docx(data: bytes, limits: InputLimits = DEFAULT_LIMITS) -> Any:
    """A python-docx Document, after the ZIP and paragraph-count limits are checked."""
    import docx

    try:
        check_zip(data, limits)
        document = docx.Document(io.BytesIO(data))
        from docx.oxml.ns import qn

        count = sum(1 for _ in document.element.body.iter(qn("w:p"), qn("w:tr")))
    except InputLimitError as error:
        raise limit_error(error) from error
    except Exception as error:  # python-docx and lxml raise many kinds on a damaged package
        raise CurriculumParseError(
            [make_issue("unreadable_docx", detail=_detail(error))]
        ) from error
    if count > limits.max_paragraphs:
        raise CurriculumParseError(
            [make_issue("too_many_paragraphs", count=count, limit=limits.max_paragraphs)]
        )
    return document


def parse_docx(data: bytes, limits: InputLimits = DEFAULT_LIMITS) -> Parsed:
    """Parse a DOCX curriculum; locations are paragraph numbers or 'table T, row R'."""
    from docx.table import Table

    document = open_docx(data, limits)
    names = style_names(document)
    lines: list[SourceLine] = []
    table_issues: list[ParseIssue] = []
    table_units: list = []
    number = tables = 0
    for block in _blocks(document):
        if isinstance(block, Table):
            tables += 1
            rows = [[_cell_text(cell) for cell in row.cells] for row in block.rows]
            if not rows:
                continue
            where = {"table": tables, "row": 1}
            probe: list[ParseIssue] = []
            columns = map_columns(rows[0], number + 1, where, probe)
            if columns is None:
                for row in rows:
                    number += 1
                    cells = [cell for cell in dict.fromkeys(row) if cell]
                    lines.append(
                        SourceLine(": ".join(cells) if len(cells) == 2 else " ".join(cells), number)
                    )
                continue
            table_issues += probe
            collector = UnitRows(table_issues)
            for index, row in enumerate(rows[1:], start=2):
                number += 1
                values = {name: row[i] if i < len(row) else "" for name, i in columns.items()}
                collector.add(values, number, {"table": tables, "row": index})
            table_units += collector.units()
            continue
        text = block.text.strip()
        for part in text.split("\n") or [""]:
            number += 1
            lines.append(
                SourceLine(_style_prefix(block, names) + part if part.strip() else "", number)
            )
    units, titles, issues = read_lines(lines)
    issues = [_as_paragraph(issue) for issue in issues] + table_issues
    units = sorted(units + table_units, key=lambda unit: unit.line or 0)
    return finish(units, issues, where={"paragraph": True}, **vars(titles))


def _as_paragraph(issue: ParseIssue) -> ParseIssue:
    if issue.line is None or "table" in issue.params:
        return issue
    params = {**issue.params, "paragraph": True}
    return make_issue(issue.code, issue.line, issue.field, **params)
