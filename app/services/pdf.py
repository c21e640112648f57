"""A4 PDF documents with reportlab (standard fonts cover Indonesian text, cp1252): the
paragraph, table and page set-up that every PDF export shares."""

from __future__ import annotations

import io
from typing import Any
from xml.sax.saxutils import escape

MARGIN_CM = 1.5


def percent(value: float | None) -> str:
    """A share as a percentage with one decimal, or a dash when there is none."""
    return "—" if value is None else f"{value * 100:.1f}%"


class PdfDocument:
    """Builds one document: ``p`` for a paragraph, ``table`` for a grid with a shaded header
    repeated on every page, ``render`` for the bytes. ``line_breaks`` keeps the text's
    newlines as line breaks."""

    def __init__(self, line_breaks: bool = False) -> None:
        from reportlab.lib.styles import getSampleStyleSheet

        self.styles = getSampleStyleSheet()
        self.small = self.styles["BodyText"].clone("small", fontSize=8, leading=10)
        self.line_breaks = line_breaks

    def p(self, text: object, style: Any = None) -> Any:
        from reportlab.platypus import Paragraph

        markup = escape(str(text))
        if self.line_breaks:
            markup = markup.replace("\n", "<br/>")
        return Paragraph(markup, style or self.small)

    def table(self, header: list[str], rows: list[list[object]], widths: list[float]) -> Any:
        from reportlab.lib import colors
        from reportlab.lib.units import cm
        from reportlab.platypus import Table, TableStyle

        data = [[self.p(h) for h in header]] + [[self.p(c) for c in row] for row in rows]
        grid = Table(data, colWidths=[w * cm for w in widths], repeatRows=1)
        grid.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e9ecef")),
                    ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        return grid

    def render(self, story: list[Any], title: str) -> bytes:
        from reportlab.lib.pagesizes import A4
        from reportlab.lib.units import cm
        from reportlab.platypus import SimpleDocTemplate

        buffer = io.BytesIO()
        margin = MARGIN_CM * cm
        SimpleDocTemplate(
            buffer,
            pagesize=A4,
            leftMargin=margin,
            rightMargin=margin,
            topMargin=margin,
            bottomMargin=margin,
            title=title,
        ).build(story)
        return buffer.getvalue()
