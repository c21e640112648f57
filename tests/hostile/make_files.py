"""The hostile files of issue 18, built at test time (never committed as binaries).

Each builder returns the bytes of one file; ``HOSTILE`` lists them with the entry that reads
them and the file name they are uploaded as. ``python -m tests.hostile.make_files DIR`` writes
them all to DIR (to try them by hand on a running site).
"""

from __future__ import annotations

import hashlib
import io
import json
import sys
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

MB = 1024 * 1024
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.styles+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)
_DOC_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/styles" Target="styles.xml"/></Relationships>'
)


def _styles(names: dict[str, str]) -> str:
    styles = "".join(
        f'<w:style w:type="paragraph" w:styleId="{sid}"><w:name w:val="{escape(name)}"/></w:style>'
        for sid, name in names.items()
    )
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="{W}">{styles}</w:styles>'


def paragraph(text: str, style: str = "") -> str:
    """One ``w:p`` element."""
    props = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{props}<w:r><w:t>{escape(text)}</w:t></w:r></w:p>"


def docx(body: str, styles: dict[str, str] | None = None, padding: int = 0) -> bytes:
    """A minimal DOCX around ``body`` (``w:p`` elements); ``padding`` spaces inflate it."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("word/_rels/document.xml.rels", _DOC_RELS)
        archive.writestr("word/styles.xml", _styles(styles or {"Heading2": "heading 2"}))
        head = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}"><w:body>'
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(head.encode())
            chunk = b" " * MB
            for _ in range(padding // MB):
                part.write(chunk)
            part.write((body + "</w:body></w:document>").encode("utf-8", "surrogatepass"))
    return buffer.getvalue()


def curriculum_docx(units: int = 2) -> bytes:
    """A small valid DOCX curriculum."""
    body = paragraph("Program Keahlian: Teknik Jaringan", "Heading1")
    for i in range(units):
        body += paragraph(f"TI{1000 + i} Jaringan Dasar {i}", "Heading2")
        body += paragraph("Peserta didik mampu mengonfigurasi router MikroTik.")
    return docx(body, {"Heading1": "heading 1", "Heading2": "heading 2"})


def docx_heading_superscript() -> bytes:
    """A paragraph style named 'Heading ²' (int('²') raised ValueError)."""
    body = paragraph("Jaringan Dasar", "Odd") + paragraph("Mampu memasang kabel LAN.")
    return docx(body, {"Odd": "Heading ²"})


def docx_many_paragraphs(count: int = 100_000) -> bytes:
    """100,000 short paragraphs."""
    return docx("".join(paragraph(f"Baris {i}") for i in range(count)))


def docx_zip_bomb(unpacked: int = 1536 * MB) -> bytes:
    """A DOCX whose document.xml unpacks to ``unpacked`` bytes of spaces."""
    return docx(paragraph("x"), padding=unpacked)


def docx_lying_sizes() -> bytes:
    """A DOCX whose central directory understates document.xml's size (zipfile stops there)."""
    data = bytearray(docx(paragraph("Jaringan Dasar", "Heading2"), padding=8 * MB))
    marker = data.rfind(b"PK\x01\x02")
    while marker != -1:
        name_length = int.from_bytes(data[marker + 28 : marker + 30], "little")
        name = bytes(data[marker + 46 : marker + 46 + name_length])
        if name == b"word/document.xml":
            data[marker + 24 : marker + 28] = (1000).to_bytes(4, "little")
        marker = data.rfind(b"PK\x01\x02", 0, marker)
    return bytes(data)


def _pdf(objects: list[bytes], trailer_extra: bytes = b"") -> bytes:
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        trailer_extra,
        xref,
    )
    return bytes(out)


def _page_objects(content: bytes, filters: bytes = b"") -> list[bytes]:
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>",
        b"<< /Length %d %s>>\nstream\n" % (len(content), filters) + content + b"\nendstream",
    ]


def pdf_stream_bomb(unpacked: int = 400 * MB) -> bytes:
    """A page whose Flate content stream unpacks to ``unpacked`` bytes."""
    packer = zlib.compressobj(9)
    chunk = b" " * MB
    content = b"".join(packer.compress(chunk) for _ in range(unpacked // MB)) + packer.flush()
    return _pdf(_page_objects(content, b"/Filter /FlateDecode "))


def pdf_aes_empty_password() -> bytes:
    """AES-256 (R5) encryption whose empty user password checks out (pypdf then needs AES)."""
    validation, key_salt = b"v" * 8, b"k" * 8
    user = hashlib.sha256(validation).digest() + validation + key_salt
    hexed = user.hex().encode()
    encrypt = (
        b"<< /Filter /Standard /V 5 /R 5 /Length 256 /P -4 "
        b"/CF << /StdCF << /CFM /AESV3 /AuthEvent /DocOpen /Length 32 >> >> "
        b"/StmF /StdCF /StrF /StdCF "
        b"/O <" + hexed + b"> /U <" + hexed + b"> "
        b"/OE <" + b"00" * 32 + b"> /UE <" + b"00" * 32 + b"> /Perms <" + b"00" * 16 + b"> >>"
    )
    content = b"BT /F1 12 Tf 72 720 Td (Jaringan Dasar) Tj ET"
    objects = [*_page_objects(content), encrypt]
    return _pdf(objects, b"/Encrypt 5 0 R /ID [<00112233445566778899aabbccddeeff> <00>] ")


def unit_code_backtrack(digits: int = 2000) -> bytes:
    """A unit heading '## TI' + digits + a letter (cubic backtracking before the fix)."""
    return f"# Kurikulum\n\n## TI{'1' * digits}a\n\n- Mampu memasang kabel LAN.\n".encode()


def nested_json(depth: int = 10_000) -> bytes:
    """Brackets nested ``depth`` deep."""
    return ("[" * depth + "]" * depth).encode()


def curriculum_long_integer_json(digits: int = 4301) -> bytes:
    """A curriculum JSON whose semester has ``digits`` digits."""
    unit = {"name": "Jaringan", "semester": 0, "outcomes": ["Mampu memasang kabel LAN."]}
    text = json.dumps({"programme": "TKJ", "units": [unit]})
    return text.replace('"semester": 0', '"semester": ' + "1" * digits).encode()


def curriculum_long_integer_csv(digits: int = 4301) -> bytes:
    """A curriculum CSV whose semester has ``digits`` digits."""
    return (
        "unit_code,unit_name,phase,semester,hours,credits,outcome\n"
        f"TI1001,Jaringan,E,{'1' * digits},,,Mampu memasang kabel LAN.\n"
    ).encode()


VACANCY_HEADER = (
    "title,description,region,employment_type,min_education,salary_min,salary_max,closing_date"
)


def vacancy_row(title: str = "Teknisi Jaringan", salary: str = "4500000") -> str:
    """One valid vacancy CSV row."""
    return (
        f'{title},"Instalasi jaringan LAN dan konfigurasi router MikroTik.",Kota Serang,'
        f"full_time,sma_smk,{salary},5500000,2027-01-31"
    )


def vacancy_csv(rows: list[str], header: str = VACANCY_HEADER) -> bytes:
    """A vacancy CSV of ``rows`` under ``header``."""
    return ("\n".join([header, *rows]) + "\n").encode()


def vacancy_json(items: list[object]) -> bytes:
    """A vacancy JSON list."""
    return json.dumps(items).encode()


def vacancy_item(**changes: object) -> dict[str, object]:
    """One valid vacancy as a JSON object, with ``changes``."""
    item: dict[str, object] = {
        "title": "Teknisi Jaringan",
        "description": "Instalasi jaringan LAN dan konfigurasi router MikroTik.",
        "region": "Kota Serang",
        "employment_type": "full_time",
        "min_education": "sma_smk",
        "salary_min": 4500000,
        "salary_max": 5500000,
        "closing_date": "2027-01-31",
    }
    item.update(changes)
    return item


def docx_at_limits(paragraphs: int = 19_000) -> bytes:
    """A DOCX just under the limits: 19,000 paragraphs of about 2,000 characters (38 MB)."""
    sentence = "Peserta didik mampu mengonfigurasi jaringan dan server dengan aman. " * 30
    body = "".join(
        paragraph(f"TI{1000 + i} Unit {i}", "Heading2")
        if i % 20 == 0
        else paragraph(f"- {i} {sentence}")
        for i in range(paragraphs)
    )
    return docx(body)


def pdf_many_pages(pages: int = 500) -> bytes:
    """A PDF of ``pages`` pages, each with a unit heading and 40 lines of outcomes."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]
    kids = []
    font = b"<< /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>"
    for page in range(pages):
        lines = [f"(## TI{1000 + page} Unit {page}) Tj 0 -14 Td"]
        lines += [f"(- Mampu memasang kabel LAN nomor {n}.) Tj 0 -14 Td" for n in range(40)]
        content = ("BT /F1 10 Tf 40 780 Td " + " ".join(lines) + " ET").encode()
        page_number = len(objects) + 1
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
            b"/Resources %s >>" % (page_number + 1, font)
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        kids.append(b"%d 0 R" % page_number)
    objects[1] = b"<< /Type /Pages /Kids [" + b" ".join(kids) + b"] /Count %d >>" % pages
    return _pdf(objects)


def markdown_at_limit(size: int = 10 * MB - 1000) -> bytes:
    """A Markdown curriculum just under the limits (10 MB, 200,000 lines)."""
    out, unit = [], 0
    total = 0
    while total < size - 200 and len(out) < 199_000:
        line = (
            f"## TI{1000 + unit} Unit {unit}\n"
            if len(out) % 20 == 0
            else ("- Peserta didik mampu memasang kabel LAN dengan rapi.\n")
        )
        unit += line.startswith("##")
        out.append(line)
        total += len(line)
    return "".join(out).encode()


def curriculum_at_outcomes(units: int = 50, outcomes: int = 20) -> bytes:
    """A Markdown curriculum of ``units`` x ``outcomes`` distinct learning outcomes."""
    lines = ["# Program Keahlian: Teknik Jaringan", ""]
    for unit in range(units):
        lines += [f"## TI{1000 + unit} Jaringan {unit}", ""]
        lines += [
            f"- Peserta didik mampu mengonfigurasi router dan SQL server nomor {unit}-{n}."
            for n in range(outcomes)
        ]
        lines.append("")
    return "\n".join(lines).encode()


def vacancies_long(rows: int = 50, chars: int = 10_000) -> bytes:
    """``rows`` vacancies whose descriptions hold ``chars`` characters each."""
    text = "".join(f"Menguasai Python, SQL dan Laravel versi {n}. " for n in range(chars // 30))
    return vacancy_csv(
        [
            vacancy_row(f"Programmer {i}").replace(
                "Instalasi jaringan LAN dan konfigurasi router MikroTik.", f"{i} {text[:chars]}"
            )
            for i in range(rows)
        ]
    )


def cv_at_limit() -> bytes:
    """A 2 MB CV of text."""
    text = "".join(f"Saya menguasai Python, SQL dan Laravel sejak {i}. " for i in range(45_000))
    return text.encode()[: 2 * MB - 100_000]


@dataclass(frozen=True)
class Hostile:
    """One hostile file: what it is, the entry that reads it, its upload name and builder."""

    name: str
    entry: str  # curriculum | cv | vacancies | linker
    filename: str
    build: Callable[[], bytes]


HOSTILE: tuple[Hostile, ...] = (
    Hostile("unit code backtracking (md)", "curriculum", "k.md", unit_code_backtrack),
    Hostile("nested JSON", "curriculum", "k.json", nested_json),
    Hostile("4,301-digit integer (json)", "curriculum", "k.json", curriculum_long_integer_json),
    Hostile("4,301-digit integer (csv)", "curriculum", "k.csv", curriculum_long_integer_csv),
    Hostile("style 'Heading ²' (docx)", "curriculum", "k.docx", docx_heading_superscript),
    Hostile("AES, empty password (pdf)", "curriculum", "k.pdf", pdf_aes_empty_password),
    Hostile("stream bomb (pdf)", "curriculum", "k.pdf", pdf_stream_bomb),
    Hostile("ZIP bomb 1.5 GB (docx)", "curriculum", "k.docx", docx_zip_bomb),
    Hostile("ZIP bomb 1.5 GB (CV docx)", "cv", "cv.docx", docx_zip_bomb),
    Hostile("lying ZIP sizes (docx)", "curriculum", "k.docx", docx_lying_sizes),
    Hostile("100,000 paragraphs (docx)", "curriculum", "k.docx", docx_many_paragraphs),
    Hostile("100,000 paragraphs (CV docx)", "cv", "cv.docx", docx_many_paragraphs),
    Hostile(
        "bare CR in header (csv)",
        "vacancies",
        "v.csv",
        lambda: vacancy_csv([vacancy_row()], VACANCY_HEADER.replace(",region", ",reg\rion")),
    ),
    Hostile(
        "field over 131,072 characters (csv)",
        "vacancies",
        "v.csv",
        lambda: vacancy_csv([vacancy_row(title='"' + "a" * 200_000 + '"')]),
    ),
    Hostile("nested JSON (vacancies)", "vacancies", "v.json", nested_json),
    Hostile(
        "4,301-digit number (vacancies)",
        "vacancies",
        "v.json",
        lambda: vacancy_json([vacancy_item(salary_min=0)]).replace(b": 0", b": " + b"1" * 4301),
    ),
    Hostile(
        "100,000 rows (csv)",
        "vacancies",
        "v.csv",
        lambda: vacancy_csv([vacancy_row(f"Teknisi {i}") for i in range(100_000)]),
    ),
    Hostile(
        "60,000 bad rows (csv)",
        "vacancies",
        "v.csv",
        lambda: vacancy_csv([vacancy_row(salary="empat juta") for _ in range(60_000)]),
    ),
    Hostile(
        "1 MB of text",
        "linker",
        "t.txt",
        lambda: "".join(f"Saya bisa Python dan SQL versi {i}. " for i in range(31_000)).encode(),
    ),
    Hostile(
        "200 KB on one line",
        "linker",
        "t.txt",
        lambda: " ".join(f"python sql {i}" for i in range(15_000)).encode(),
    ),
    Hostile(
        "20,000 characters of tiny sentences",
        "linker",
        "t.txt",
        lambda: "".join(f"Bisa {i}. " for i in range(2_000)).replace("Bisa 1.", "SQL.").encode(),
    ),
)


def main(folder: str) -> None:
    """Write every hostile file into ``folder``."""
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    for number, item in enumerate(HOSTILE, start=1):
        path = target / f"{number:02d}_{item.entry}_{item.filename}"
        path.write_bytes(item.build())
        print(path, path.stat().st_size)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "hostile-files")
