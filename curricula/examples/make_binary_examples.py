"""Write the binary example curricula: smk_dkv.docx (python-docx) and d3_sistem_informasi.pdf.

The PDF is written by hand (Helvetica text objects, one per page) so no PDF-writing package is
needed; pypdf reads its text back. Run from the repository root:

    .venv/bin/python curricula/examples/make_binary_examples.py
"""

from __future__ import annotations

import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent

DKV_TITLE = "Capaian Pembelajaran Konsentrasi Keahlian Desain Komunikasi Visual"
DKV_INTRO = [
    "Program Keahlian: Desain Komunikasi Visual",
    "Konsentrasi Keahlian: Desain Komunikasi Visual",
    "Tahun 2025",
    "Dokumen ini dipakai guru produktif DKV sebagai acuan penyusunan modul ajar.",
]
DKV_FASE_E = [
    (
        "Elemen: Dasar-dasar Seni Rupa dan Nirmana (DKV-E01, 72 JP)",
        "Pada akhir fase E, peserta didik mampu menerapkan unsur dan prinsip seni rupa, nirmana "
        "dwimatra dan trimatra, serta teori warna dalam membuat karya visual sederhana.",
        [],
    ),
    (
        "Elemen: Tipografi dan Tata Letak (DKV-E02, 72 JP)",
        "Peserta didik mampu:",
        [
            "memilih jenis huruf yang sesuai dengan pesan dan sasaran komunikasi;",
            "menyusun tata letak media cetak dengan sistem grid;",
            "menyiapkan berkas siap cetak dengan mode warna CMYK.",
        ],
    ),
    (
        "Elemen: Perangkat Lunak Desain Grafis (DKV-E03, 108 JP)",
        "Pada akhir fase E, peserta didik mampu mengoperasikan perangkat lunak desain berbasis "
        "vektor dan bitmap, seperti Adobe Illustrator, Adobe Photoshop, Inkscape, atau GIMP, untuk "
        "membuat ilustrasi dan mengolah foto.",
        [],
    ),
]
DKV_TABLE = [
    ("unit_code", "unit_name", "phase", "hours", "outcome"),
    (
        "DKV-F01",
        "Desain Grafis Percetakan",
        "F",
        "144",
        "Peserta didik mampu merancang identitas visual merek, termasuk logo dan panduan merek.",
    ),
    (
        "DKV-F01",
        "Desain Grafis Percetakan",
        "F",
        "144",
        "Peserta didik mampu membuat kemasan produk dan menyiapkan berkas untuk percetakan.",
    ),
    (
        "DKV-F02",
        "Desain Media Interaktif",
        "F",
        "144",
        "Peserta didik mampu merancang antarmuka aplikasi dan situs web dengan Figma.",
    ),
    (
        "DKV-F03",
        "Animasi dan Video",
        "F",
        "180",
        "Peserta didik mampu membuat animasi 2D dan menyunting video promosi dengan perangkat "
        "lunak penyunting video.",
    ),
]

SI_PAGES = [
    [
        "KURIKULUM PROGRAM STUDI",
        "Program Studi D3 Sistem Informasi",
        "Tahun Kurikulum 2024",
        "",
        "Mata Kuliah: SI1103 Pengantar Sistem Informasi (2 SKS, Semester 1)",
        "Deskripsi: Mata kuliah ini membahas komponen, jenis, dan peran sistem informasi",
        "dalam organisasi.",
        "Capaian Pembelajaran Mata Kuliah (CPMK):",
        "CPMK-1 Mahasiswa mampu menjelaskan komponen sistem informasi dan perannya dalam",
        "proses bisnis organisasi.",
        "CPMK-2 Mahasiswa mampu mengidentifikasi jenis sistem informasi pada perusahaan",
        "dan instansi pemerintah.",
        "",
        "Mata Kuliah: SI1205 Pemrograman Web (3 SKS, Semester 2)",
        "Capaian Pembelajaran Mata Kuliah (CPMK):",
        "CPMK-1 Mahasiswa mampu membuat halaman web responsif dengan HTML, CSS, dan",
        "JavaScript.",
        "CPMK-2 Mahasiswa mampu membangun aplikasi web dinamis dengan PHP dan MySQL.",
    ],
    [
        "Mata Kuliah: SI2301 Analisis dan Perancangan Sistem (3 SKS, Semester 3)",
        "Capaian Pembelajaran Mata Kuliah (CPMK):",
        "CPMK-1 Mahasiswa mampu mengumpulkan kebutuhan pengguna melalui wawancara dan",
        "observasi.",
        "CPMK-2 Mahasiswa mampu memodelkan sistem dengan diagram UML dan BPMN.",
        "",
        "Mata Kuliah: SI2404 Manajemen Basis Data (3 SKS, Semester 4)",
        "Capaian Pembelajaran Mata Kuliah (CPMK):",
        "CPMK-1 Mahasiswa mampu merancang basis data relasional dan menulis kueri SQL.",
        "CPMK-2 Mahasiswa mampu mengelola pengguna, cadangan, dan pemulihan basis data.",
        "",
        "Pustaka:",
        "1. Connolly, T. dan Begg, C. Database Systems. Pearson.",
    ],
]


def _pdf_string(text: str) -> bytes:
    raw = text.encode("cp1252", errors="replace")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def minimal_pdf(pages: list[list[str]], font_size: int = 10) -> bytes:
    """A valid PDF with one text line per entry (an empty entry is a blank line)."""
    objects: list[bytes] = [b"", b""]  # 1: catalog, 2: page tree (filled in below)
    font_id = 3
    objects.append(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    )
    page_ids = []
    for lines in pages:
        ops = [f"BT /F1 {font_size} Tf {font_size + 4} TL 50 800 Td".encode()]
        for line in lines:
            ops.append((_pdf_string(line) + b" Tj T*") if line else b"T*")
        ops.append(b"ET")
        stream = zlib.compress(b"\n".join(ops))
        objects.append(
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream)
            + stream
            + b"\nendstream"
        )
        content_id = len(objects)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
            b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (content_id, font_id)
        )
        page_ids.append(len(objects))
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    kids = b" ".join(b"%d 0 R" % pid for pid in page_ids)
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(page_ids))
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def dkv_docx(path: Path) -> None:
    """The SMK DKV example: headings, a numbered list and a template table."""
    import docx

    document = docx.Document()
    document.core_properties.author = "Link & Match"
    document.add_heading(DKV_TITLE, level=1)
    for line in DKV_INTRO:
        document.add_paragraph(line)
    document.add_heading("Fase E (Kelas X)", level=2)
    for heading, statement, items in DKV_FASE_E:
        document.add_heading(heading, level=3)
        document.add_paragraph(statement)
        for item in items:
            document.add_paragraph(item, style="List Number")
    document.add_heading("Fase F (Kelas XI dan XII)", level=2)
    table = document.add_table(rows=0, cols=len(DKV_TABLE[0]))
    for row in DKV_TABLE:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = value
    document.save(path)


def main() -> None:
    """Write both files next to this script."""
    dkv_docx(HERE / "smk_dkv.docx")
    (HERE / "d3_sistem_informasi.pdf").write_bytes(minimal_pdf(SI_PAGES))
    print("wrote smk_dkv.docx and d3_sistem_informasi.pdf")


if __name__ == "__main__":
    main()
