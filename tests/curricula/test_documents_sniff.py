"""What the bytes of an upload look like, and how text is decoded (``curricula.documents``)."""

from __future__ import annotations

import io
import zipfile

import pytest

from curricula import CurriculumParseError, InputLimits, parse_document, sniff
from curricula.documents import SUPPORTED_EXTENSIONS, decode_text

TEXT = "Mata Pelajaran: Jaringan Dasar\n- Peserta didik mampu memasang kabel UTP\n"


def _zip(names: list[str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return buffer.getvalue()


def _codes(excinfo: pytest.ExceptionInfo[CurriculumParseError]) -> list[str]:
    return [issue.code for issue in excinfo.value.issues]


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"%PDF-1.7\n...", "pdf"),
        (b"\n\n  %PDF-1.4 after a few bytes", "pdf"),
        (TEXT.encode(), "text"),
        (b"\xff\xfe" + "Mata Pelajaran".encode("utf-16-le"), "text"),
        (b"\x00\x01\x02\x03binary", "binary"),
        (b"PK\x03\x04 not really a zip", "binary"),
        ("Café; résumé; naïve\n".encode("cp1252"), "text"),
        (b"a\x01b\x02c\x03d\x04e", "binary"),
    ],
)
def test_sniff(data: bytes, kind: str) -> None:
    assert sniff(data) == kind


def test_a_zip_is_a_docx_only_with_its_document_part() -> None:
    assert sniff(_zip(["word/document.xml", "[Content_Types].xml"])) == "docx"
    assert sniff(_zip(["xl/workbook.xml"])) == "zip"


def test_a_few_control_characters_in_long_text_are_still_text() -> None:
    body = ("x" * 99 + "\n") * 10 + "\x07\x07\x07"
    assert sniff(body.encode()) == "text"


def test_decode_text_prefers_utf8_and_drops_the_byte_order_mark() -> None:
    assert decode_text("\ufeffSemester 1".encode()) == ("Semester 1", False)
    assert decode_text("Kompetensi – dasar".encode()) == ("Kompetensi – dasar", False)


def test_decode_text_falls_back_to_windows_1252_and_says_so() -> None:
    assert decode_text("Kompetensi – dasar".encode("cp1252")) == ("Kompetensi – dasar", True)


def test_decode_text_reads_utf16_with_a_byte_order_mark() -> None:
    data = "Fase E".encode("utf-16")
    assert decode_text(data) == ("Fase E", False)
    assert decode_text(b"\xff\xfe\x00\xd8") == (None, False)  # a lone surrogate


def test_a_sample_cut_inside_a_character_is_not_legacy_text() -> None:
    data = ("a" + "é" * 5000).encode()[:8192]  # sniff's sample, ending inside a character
    text, legacy = decode_text(data)
    assert legacy is False and text == "a" + "é" * 4095
    short = data[:102]  # a whole short file ending so is broken, not a cut sample
    assert decode_text(short)[1] is True


def test_bytes_no_encoding_reads() -> None:
    assert decode_text(b"\x81\x8d\x8f\x90\x9d" * 2000) == (None, False)


def test_every_supported_extension_is_listed_once() -> None:
    assert sorted(SUPPORTED_EXTENSIONS) == sorted(
        {".csv", ".json", ".md", ".markdown", ".txt", ".text", ".pdf", ".docx"}
    )


@pytest.mark.parametrize(
    ("data", "filename", "detected"),
    [
        (b"%PDF-1.4 ...", "kurikulum.docx", "pdf"),
        (TEXT.encode(), "kurikulum.pdf", "text"),
        (_zip(["xl/workbook.xml"]), "kurikulum.csv", "zip"),
        (TEXT.encode(), "kurikulum.xlsx", "text"),
        (TEXT.encode(), "kurikulum", "text"),
    ],
)
def test_a_type_mismatch_names_the_file_its_extension_and_what_it_is(
    data: bytes, filename: str, detected: str
) -> None:
    with pytest.raises(CurriculumParseError) as excinfo:
        parse_document(data, filename)
    (issue,) = excinfo.value.issues
    assert issue.code == "unsupported_type"
    assert issue.params["filename"] == filename
    assert issue.params["detected"] == detected
    expected_extension = filename[filename.rfind(".") :] if "." in filename else "(none)"
    assert issue.params["extension"] == expected_extension


def test_the_extension_is_read_in_any_case_and_only_the_name_is_reported() -> None:
    result = parse_document(TEXT.encode(), "Kurikulum.TXT")
    assert result.source_format == "text"
    with pytest.raises(CurriculumParseError) as excinfo:
        parse_document(b"%PDF-1.4", "folder/sub/kurikulum.txt")
    assert excinfo.value.issues[0].params["filename"] == "kurikulum.txt"


@pytest.mark.parametrize("data", [b"", b"   \n\t  ", "\ufeff  \n".encode()])
def test_blank_uploads_are_empty_documents(data: bytes) -> None:
    with pytest.raises(CurriculumParseError) as excinfo:
        parse_document(data, "kurikulum.md")
    assert _codes(excinfo) == ["empty_document"]


def test_too_many_lines_names_the_count_and_the_limit() -> None:
    with pytest.raises(CurriculumParseError) as excinfo:
        parse_document(b"a\n" * 9, "k.txt", InputLimits(max_lines=5))
    (issue,) = excinfo.value.issues
    assert (issue.code, issue.params) == ("too_many_lines", {"count": 10, "limit": 5})


def test_too_many_bytes_is_refused_before_the_type_is_read() -> None:
    with pytest.raises(CurriculumParseError) as excinfo:
        parse_document(b"%PDF" + b"x" * 100, "k.docx", InputLimits(max_bytes=50))
    assert _codes(excinfo) == ["file_too_large"]


def test_too_many_outcomes_are_counted_over_all_units() -> None:
    text = "Mata Pelajaran: A\n- mampu satu\n- mampu dua\nMata Pelajaran: B\n- mampu tiga\n"
    assert sum(len(u.outcomes) for u in parse_document(text.encode(), "k.md").curriculum.units) == 3
    with pytest.raises(CurriculumParseError) as excinfo:
        parse_document(text.encode(), "k.md", InputLimits(max_outcomes=2))
    (issue,) = excinfo.value.issues
    assert (issue.code, issue.params) == ("too_many_outcomes", {"count": 3, "limit": 2})
