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
from curricula.model import (
    CurriculumParseError,
    ParsedCurriculum,
    ParseIssue,
    make_issue,
)
from curricula.text import SourceLine, lines_from_text, read_lines

Parsed = tuple[ParsedCurriculum, tuple[ParseIssue, ...]]


def pdf_lines(data: bytes) -> list[SourceLine]:
    """Numbered lines of a PDF's text layer, page by page."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise CurriculumParseError([make_issue("encrypted_pdf")])
        pages = [page.extract_text() or "" for page in reader.pages]
    except CurriculumParseError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as error:
        detail = str(error) or type(error).__name__
        raise CurriculumParseError([make_issue("unreadable_pdf", detail=detail)]) from error
    if not any(text.strip() for text in pages):
        raise CurriculumParseError([make_issue("pdf_without_text", pages=len(pages))])
    lines: list[SourceLine] = []
    for number, text in enumerate(pages, start=1):
        lines += lines_from_text(text, page=number)
    return lines


def parse_pdf(data: bytes) -> Parsed:
    """Parse a PDF curriculum; locations are 'page P, line L'."""
    units, titles, issues = read_lines(pdf_lines(data))
    return finish(units, issues, **vars(titles))


def _style_prefix(paragraph: Any) -> str:
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    lowered = style.lower()
    if lowered == "title":
        return "# "
    if lowered.startswith("heading "):
        level = lowered.removeprefix("heading ").strip()
        return "#" * min(int(level), 6) + " " if level.isdigit() else "## "
    if lowered.startswith("list number"):
        return "1. "
    numbered = paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None
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


def parse_docx(data: bytes) -> Parsed:
    """Parse a DOCX curriculum; locations are paragraph numbers or 'table T, row R'."""
    import docx
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises many kinds on a damaged package
        detail = str(error) or type(error).__name__
        raise CurriculumParseError([make_issue("unreadable_docx", detail=detail)]) from error
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
            lines.append(SourceLine(_style_prefix(block) + part if part.strip() else "", number))
    units, titles, issues = read_lines(lines)
    issues = [_as_paragraph(issue) for issue in issues] + table_issues
    units = sorted(units + table_units, key=lambda unit: unit.line or 0)
    return finish(units, issues, where={"paragraph": True}, **vars(titles))


def _as_paragraph(issue: ParseIssue) -> ParseIssue:
    if issue.line is None or "table" in issue.params:
        return issue
    params = {**issue.params, "paragraph": True}
    return make_issue(issue.code, issue.line, issue.field, **params)
