"""The shared PDF builder: text survives escaping, newlines become breaks only when asked,
tables repeat their header, the page is A4 with the document's title."""

from __future__ import annotations

import io

from pypdf import PdfReader

from app.services.pdf import PdfDocument, percent


def _read(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


def test_percent() -> None:
    assert percent(None) == "—"
    assert percent(0.1234) == "12.3%"
    assert percent(1) == "100.0%"


def test_markup_in_text_is_shown_not_interpreted() -> None:
    doc = PdfDocument()
    data = doc.render([doc.p("Gaji <b>5 & 6</b> juta")], "Judul")
    reader = _read(data)
    assert "Gaji <b>5 & 6</b> juta" in reader.pages[0].extract_text()
    assert reader.metadata.title == "Judul"
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == (595, 842)  # A4 in points


def test_line_breaks_only_when_asked() -> None:
    plain, broken = PdfDocument(), PdfDocument(line_breaks=True)
    one = _read(plain.render([plain.p("baris satu\nbaris dua")], "t")).pages[0].extract_text()
    two = _read(broken.render([broken.p("baris satu\nbaris dua")], "t")).pages[0].extract_text()
    assert "baris satu baris dua" in one
    assert "baris satu\nbaris dua" in two


def test_table_header_repeats_on_every_page() -> None:
    doc = PdfDocument()
    rows = [[f"keahlian {n}", n] for n in range(150)]
    reader = _read(doc.render([doc.table(["Keahlian", "Jumlah"], rows, [8, 3])], "t"))
    assert len(reader.pages) > 1
    for page in reader.pages:
        assert page.extract_text().startswith("Keahlian")
    assert "keahlian 149" in reader.pages[-1].extract_text()
