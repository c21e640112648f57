"""Title lines, unit keywords and list items of text curricula (``curricula.titles``)."""

from __future__ import annotations

import pytest

from curricula.titles import (
    ATTRIBUTE_LINE,
    CONTEXT_PREFIX,
    CPMK_ITEM,
    LIST_ITEM,
    OTHER_LABEL,
    OUTCOME_LABEL,
    OUTCOME_TRIGGER,
    PROGRAMME_OUTCOMES,
    UNIT_KEYWORDS,
    SourceLine,
    TitleInfo,
    keyword_rank,
    lines_from_text,
    strip_markup,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("**Mata Pelajaran:** Dasar Pemrograman", "Mata Pelajaran: Dasar Pemrograman"),
        ("__CPMK__", "CPMK"),
        ("`kode`  ", "kode"),
        ("> Capaian Pembelajaran", "Capaian Pembelajaran"),
        (">> kutipan bertingkat", "kutipan bertingkat"),
        ("  biasa  ", "biasa"),
    ],
)
def test_strip_markup(text: str, expected: str) -> None:
    assert strip_markup(text) == expected


@pytest.mark.parametrize(
    ("key", "rank"),
    [
        ("Fase", 0),
        ("semester", 0),
        ("KELAS", 0),
        ("Elemen", 2),
        ("Mata Pelajaran", 1),
        ("mata  kuliah", 1),
        ("Unit", 1),
        ("modul", 1),
    ],
)
def test_keyword_rank(key: str, rank: int) -> None:
    assert keyword_rank(key) == rank


@pytest.mark.parametrize(
    ("line", "key", "value"),
    [
        ("Mata Pelajaran: Dasar-Dasar TJKT", "Mata Pelajaran", "Dasar-Dasar TJKT"),
        ("Mapel - Informatika", "Mapel", "Informatika"),
        ("mata kuliah. Basis Data", "mata kuliah", "Basis Data"),
        ("Elemen: Jaringan Dasar", "Elemen", "Jaringan Dasar"),
        ("Fase E", "Fase", "E"),
        ("Semester 3", "Semester", "3"),
    ],
)
def test_unit_keywords_split_the_key_from_the_value(line: str, key: str, value: str) -> None:
    match = UNIT_KEYWORDS.match(line)
    assert match is not None
    assert match.group("key") == key and match.group("value") == value


def test_a_keyword_must_be_a_whole_word() -> None:
    assert UNIT_KEYWORDS.match("Modular design of networks") is None
    assert UNIT_KEYWORDS.match("Kelasnya bersih") is None
    assert UNIT_KEYWORDS.match("Kompetensi: Merakit komputer").group("colon")


@pytest.mark.parametrize(
    ("line", "key", "value"),
    [
        ("Kode MK: TI1203", "Kode MK", "TI1203"),
        ("Kode Mata Kuliah : RPL.F.03", "Kode Mata Kuliah", "RPL.F.03"),
        ("SKS: 3", "SKS", "3"),
        ("Bobot SKS: 2", "Bobot SKS", "2"),
        ("Alokasi Waktu: 72 JP", "Alokasi Waktu", "72 JP"),
        ("JP: 36", "JP", "36"),
    ],
)
def test_attribute_lines(line: str, key: str, value: str) -> None:
    match = ATTRIBUTE_LINE.match(line)
    assert match is not None
    assert (match.group("key"), match.group("value")) == (key, value)


def test_an_attribute_line_needs_a_colon_and_a_value() -> None:
    assert ATTRIBUTE_LINE.match("SKS 3") is None
    assert ATTRIBUTE_LINE.match("Kode MK:   ") is None


def test_outcome_labels_and_their_inline_value() -> None:
    match = OUTCOME_LABEL.match("Capaian Pembelajaran Mata Kuliah: Mahasiswa mampu merancang")
    assert match is not None and match.group("value") == "Mahasiswa mampu merancang"
    assert OUTCOME_LABEL.match("CPMK") is not None
    assert OUTCOME_LABEL.match("Sub-CPMK 2").group("value") is None
    assert OUTCOME_LABEL.match("Tujuan Pembelajaran:") is not None
    assert OUTCOME_LABEL.match("Kemampuan akhir yang diharapkan: membuat") is not None
    assert OUTCOME_LABEL.match("Deskripsi: mata kuliah ini") is None


def test_other_labels_are_not_outcome_labels() -> None:
    for line in (
        "Deskripsi Singkat Mata Kuliah:",
        "Daftar Pustaka",
        "Metode Pembelajaran: diskusi",
    ):
        assert OTHER_LABEL.match(line) is not None, line
        assert OUTCOME_LABEL.match(line) is None, line
    assert OTHER_LABEL.match("Pustaka: Tanenbaum").group("value") == "Tanenbaum"


def test_programme_outcomes_heading() -> None:
    assert PROGRAMME_OUTCOMES.match("Capaian Pembelajaran Lulusan (CPL)")
    assert PROGRAMME_OUTCOMES.match("CPL 1")
    assert PROGRAMME_OUTCOMES.match("Profil Lulusan")
    assert PROGRAMME_OUTCOMES.match("CPLX") is None
    assert PROGRAMME_OUTCOMES.match("Capaian Pembelajaran Mata Kuliah") is None


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Peserta didik mampu mengonfigurasi router", True),
        ("Mahasiswa dapat menjelaskan model OSI", True),
        ("Lulusan memiliki etos kerja", True),
        ("Students will design a database", True),
        ("Able to install Linux", True),
        ("Router dan switch", False),
        ("Kemampuan dasar", False),
    ],
)
def test_outcome_trigger(text: str, found: bool) -> None:
    assert (OUTCOME_TRIGGER.search(text) is not None) is found


@pytest.mark.parametrize(
    ("line", "text"),
    [
        ("1. Menginstal sistem operasi", "Menginstal sistem operasi"),
        ("2) Mengonfigurasi DHCP", "Mengonfigurasi DHCP"),
        ("3.1 Membuat VLAN", "Membuat VLAN"),
        ("(4) Menguji kabel", "Menguji kabel"),
        ("a. Menjelaskan topologi", "Menjelaskan topologi"),
        ("- Merakit komputer", "Merakit komputer"),
        ("• Memasang kabel UTP", "Memasang kabel UTP"),
        ("CPMK-1: Merancang basis data", "Merancang basis data"),
        ("Sub-CPMK 2.1 Menulis query", "Menulis query"),
    ],
)
def test_list_items_give_their_text(line: str, text: str) -> None:
    match = LIST_ITEM.match(line)
    assert match is not None, line
    assert match.group("text") == text


def test_a_year_or_a_long_number_is_not_a_list_item() -> None:
    assert LIST_ITEM.match("2025. Tahun ajaran baru") is None
    assert LIST_ITEM.match("Menginstal sistem operasi") is None
    assert LIST_ITEM.match("-") is None


def test_cpmk_items() -> None:
    assert CPMK_ITEM.match("  CPMK 3")
    assert CPMK_ITEM.match("subcpmk1") is None  # no word boundary after "cpmk"
    assert CPMK_ITEM.match("sub-CPMK 1")


@pytest.mark.parametrize(
    ("line", "context", "rest"),
    [
        ("Fase E: Dasar-dasar", "Fase E", "Dasar-dasar"),
        ("Semester IV - Jaringan", "Semester IV", "Jaringan"),
        ("Kelas XI", "Kelas XI", ""),
        ("kelas 12 – Produktif", "kelas 12", "Produktif"),
    ],
)
def test_context_prefix(line: str, context: str, rest: str) -> None:
    match = CONTEXT_PREFIX.match(line)
    assert match is not None
    assert (match.group(1), match.group(2)) == (context, rest)


def test_context_prefix_refuses_unknown_phases_and_classes() -> None:
    assert CONTEXT_PREFIX.match("Fase G") is None
    assert CONTEXT_PREFIX.match("Kelas 9") is None
    assert CONTEXT_PREFIX.match("Semester 123") is None


def test_lines_from_text_numbers_lines_from_one_for_any_line_break() -> None:
    lines = lines_from_text("satu\r\ndua\rtiga\nempat", page=3)
    assert lines == [
        SourceLine("satu", 1, 3),
        SourceLine("dua", 2, 3),
        SourceLine("tiga", 3, 3),
        SourceLine("empat", 4, 3),
    ]
    assert lines_from_text("") == [SourceLine("", 1, None)]


def test_title_lines_give_programme_concentration_and_level() -> None:
    info = TitleInfo()
    assert info.read_line("Program Keahlian: Teknik Jaringan Komputer dan Telekomunikasi")
    assert info.read_line("Konsentrasi Keahlian: Teknik Komputer dan Jaringan.")
    assert info.programme == "Teknik Jaringan Komputer dan Telekomunikasi"
    assert info.concentration == "Teknik Komputer dan Jaringan"
    assert info.level == "smk"


def test_the_first_value_of_a_title_wins() -> None:
    info = TitleInfo()
    info.read_line("Program Keahlian: Pertama")
    info.read_line("Program Keahlian: Kedua")
    info.read_line("Tahun Ajaran 2024/2025")
    info.read_line("Tahun 2026")
    assert info.programme == "Pertama"
    assert info.version_year == 2024


def test_a_year_line_without_a_year_is_not_a_title() -> None:
    info = TitleInfo()
    assert info.read_line("Tahun ajaran baru") is False
    assert info.version_year is None
    assert info.read_line("Sebuah kalimat biasa") is False


def test_a_study_programme_reads_its_level_prefix() -> None:
    info = TitleInfo()
    assert info.read_line("Program Studi: D3 Teknik Informatika")
    assert (info.level, info.programme) == ("d3", "Teknik Informatika")
    other = TitleInfo()
    other.read_line("Prodi: Diploma Empat Teknologi Rekayasa Perangkat Lunak")
    assert (other.level, other.programme) == ("d4", "Teknologi Rekayasa Perangkat Lunak")


def test_jenjang_sets_the_level_and_an_unknown_one_is_ignored() -> None:
    info = TitleInfo()
    assert info.read_line("Jenjang: D-III")
    assert info.level == "d3"
    unknown = TitleInfo()
    assert unknown.read_line("Jenjang: Magister")
    assert unknown.level is None


def test_a_heading_names_the_programme_and_the_year() -> None:
    info = TitleInfo()
    info.read_heading("Kurikulum Program Keahlian Akuntansi - Tahun 2025")
    assert info.programme == "Akuntansi"
    assert info.version_year == 2025
    assert info.level == "smk"
    info.read_heading("Struktur Tahun 2030")
    assert info.version_year == 2025  # a year already read is kept


@pytest.mark.parametrize(
    ("line", "level"),
    [
        ("Program Studi: Diploma IV Teknik Elektro", "d4"),
        ("Program Studi: Diploma Empat Teknik Elektro", "d4"),
        ("Program Studi: Diploma III Teknik Elektro", "d3"),
        ("Program Studi: D-IV Teknik Elektro", "d4"),
        ("Program Studi: S-1 Teknik Elektro", "s1"),
        ("Program Studi: Sarjana Terapan Teknik Elektro", "d4"),
    ],
)
def test_every_level_prefix_the_title_reader_strips_is_a_known_level(line: str, level: str) -> None:
    """The prefix is cut from the programme name, so its level must not be lost (it was for
    'Diploma IV' and 'Diploma Empat', which ``parse_level`` did not know)."""
    info = TitleInfo()
    info.read_line(line)
    assert (info.level, info.programme) == (level, "Teknik Elektro")
