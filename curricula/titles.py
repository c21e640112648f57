"""Recognising the kinds of lines teachers and lecturers write in curriculum documents.

Title lines ('Program Keahlian: ...', 'Program Studi D3 ...', 'Tahun 2025'), unit keywords
('Mata Pelajaran:', 'Mata Kuliah:', 'Elemen:'), context lines ('Fase E', 'Semester 3'), labels
that introduce outcomes ('Capaian Pembelajaran:', 'CPMK') or other material ('Deskripsi:').
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from curricula.fields import FieldError, parse_level

# keyword -> rank: 0 context, 1 subject or course, 2 element inside a subject
UNIT_KEYWORDS = re.compile(
    r"^(?P<key>mata\s+pelajaran|mapel|mata\s+kuliah|elemen|unit\s+kompetensi|unit|modul"
    r"|kompetensi|fase|semester|kelas)\b\s*(?P<colon>[:.\-–]\s*)?(?P<value>.*)$",
    re.IGNORECASE,
)
NEEDS_COLON = {"unit", "modul", "kompetensi"}
# 'Mata pelajaran ini mengenalkan ...', 'Elemen yang ...': prose about the unit, not a unit line
PROSE_AFTER_KEYWORD = re.compile(
    r"^(?:ini|itu|tersebut|yang|dan|atau|akan|adalah|merupakan|dapat|juga|pada|di|dalam|untuk"
    r"|dengan|ke|dari|bertujuan|membekali|mengenalkan|memperkenalkan|membahas|mempelajari)\b",
    re.IGNORECASE,
)
RANKS = {"fase": 0, "semester": 0, "kelas": 0, "elemen": 2}
ATTRIBUTE_LINE = re.compile(
    r"^(?P<key>kode(?:\s+(?:mk|mata\s+kuliah|mata\s+pelajaran|unit))?|sks|bobot(?:\s+sks)?"
    r"|alokasi\s+waktu|jumlah\s+jp|jp)\s*:\s*(?P<value>\S.*)$",
    re.IGNORECASE,
)
TITLE_LINE = re.compile(
    r"^(?P<key>program\s+keahlian|bidang\s+keahlian|konsentrasi\s+keahlian|kompetensi\s+keahlian"
    r"|program\s+studi|prodi|jenjang|tahun(?:\s+(?:ajaran|kurikulum|berlaku))?|berlaku\s+mulai"
    r"|versi\s+kurikulum)\b\s*:?\s*(?P<value>\S.*)$",
    re.IGNORECASE,
)
TITLE_IN_HEADING = re.compile(
    r"(?P<key>program\s+keahlian|konsentrasi\s+keahlian|program\s+studi)\s*:?\s*(?P<value>\S.*)$",
    re.IGNORECASE,
)
PROGRAMME_OUTCOMES = re.compile(
    r"^(?:capaian\s+pembelajaran\s+lulusan|cpl\b|profil\s+lulusan)", re.IGNORECASE
)
OUTCOME_LABEL = re.compile(
    r"^(?:capaian\s+pembelajaran(?:\s+(?:mata\s+kuliah|elemen|per\s+elemen|fase\s+[a-f]))?"
    r"|(?:sub-?)?cpmk|tujuan\s+pembelajaran|alur\s+tujuan\s+pembelajaran|atp|learning\s+outcomes?"
    r"|kompetensi\s+dasar|kemampuan\s+akhir(?:\s+yang\s+diharapkan)?)\b[^:]{0,40}(?::\s*(?P<value>.*))?$",
    re.IGNORECASE,
)
OTHER_LABEL = re.compile(
    r"^(?:deskripsi(?:\s+singkat)?(?:\s+mata\s+kuliah)?|pustaka|daftar\s+pustaka|referensi"
    r"|bahan\s+kajian|materi(?:\s+pokok)?|lingkup\s+materi|metode(?:\s+pembelajaran)?|penilaian"
    r"|prasyarat|dosen(?:\s+pengampu)?|media(?:\s+pembelajaran)?|catatan|keterangan|rasional"
    r"|tujuan\s+mata\s+pelajaran|karakteristik(?:\s+mata\s+pelajaran)?|pendahuluan"
    r"|latar\s+belakang|kata\s+pengantar|daftar\s+isi|lampiran|penutup|struktur\s+kurikulum"
    r"|sebaran\s+mata\s+kuliah|gambaran(?:\s+(?:umum|singkat|program))?|konteks(?:\s+sekolah)?"
    r"|ringkasan|visi(?:\s+dan\s+misi)?|misi|sumber\s+belajar|alat\s+dan\s+bahan|glosarium"
    r"|sarana(?:\s+dan\s+prasarana)?|strategi\s+pembelajaran|kegiatan\s+pembelajaran"
    r"|kriteria\s+ketercapaian(?:\s+tujuan\s+pembelajaran)?|kktp"
    # words that also open a unit's name ("Evaluasi Kinerja Jaringan"): only on their own
    r"|(?:asesmen(?:\s+(?:formatif|sumatif|diagnostik))?|evaluasi(?:\s+pembelajaran)?"
    r"|rubrik(?:\s+penilaian)?|jadwal(?:\s+pembelajaran)?)(?=\s*(?::|$)))"
    r"\b[^:]{0,40}(?::\s*(?P<value>.*))?$",
    re.IGNORECASE,
)
OUTCOME_TRIGGER = re.compile(
    r"\b(?:mampu|(?:peserta\s+didik|siswa|mahasiswa|peserta|lulusan)\s+(?:dapat|memiliki|"
    r"menguasai)|able\s+to|students?\s+(?:can|will))\b",
    re.IGNORECASE,
)
CPMK_ITEM = re.compile(r"^\s*(?:sub-?)?cpmk\b", re.IGNORECASE)
PHASE_IN_OUTCOME = re.compile(r"\bakhir\s+fase\s+([A-F])\b", re.IGNORECASE)
_LEVEL_PREFIX = re.compile(
    r"^(?P<level>d-?iii|d-?iv|d3|d4|s-?1|sarjana\s+terapan|sarjana|diploma\s+(?:tiga|iii|3|empat"
    r"|iv|4))\b\s*",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(19[9]\d|20\d\d)\b")
_EMPHASIS = re.compile(r"\*\*|__|`")


def strip_markup(text: str) -> str:
    """Text without Markdown emphasis, quote marks or surrounding spaces."""
    text = _EMPHASIS.sub("", text).strip()
    return text.lstrip(">").strip() if text.startswith(">") else text


def keyword_rank(key: str) -> int:
    """The nesting rank of a unit keyword (0 context, 1 subject or course, 2 element)."""
    return RANKS.get(key.split()[0].lower(), 1)


@dataclass
class TitleInfo:
    """Programme-level facts found in title lines."""

    programme: str = ""
    concentration: str = ""
    level: str | None = None
    version_year: int | None = None

    def read_line(self, text: str) -> bool:
        """Take a title line ('Program Keahlian: ...', 'Tahun 2025'); False if it is not one."""
        match = TITLE_LINE.match(text)
        if not match:
            return False
        key = " ".join(match.group("key").lower().split())
        value = match.group("value").strip(" :.")
        if key.startswith(("tahun", "berlaku", "versi")):
            year = _YEAR.search(value)
            if not year:
                return False
            self.version_year = self.version_year or int(year.group(1))
        elif key == "jenjang":
            self._set_level(value)
        else:
            self._take(key, value)
        return True

    def read_heading(self, text: str) -> None:
        """Take programme facts written inside a title heading."""
        if match := TITLE_IN_HEADING.search(text):
            key = " ".join(match.group("key").lower().split())
            self._take(key, match.group("value"))
        if (year := re.search(r"\btahun\s+(\d{4})\b", text, re.IGNORECASE)) and not (
            self.version_year
        ):
            self.version_year = int(year.group(1))

    def _take(self, key: str, value: str) -> None:
        value = re.split(r"\s+(?:tahun\s+\d{4}|[-–—|])\s*", value, flags=re.IGNORECASE)[0]
        value = value.strip(" :.,")
        if key in ("program keahlian", "bidang keahlian"):
            self.level = self.level or "smk"
            if key == "program keahlian":
                self.programme = self.programme or value
        elif key in ("konsentrasi keahlian", "kompetensi keahlian"):
            self.level = self.level or "smk"
            self.concentration = self.concentration or value
        else:
            if match := _LEVEL_PREFIX.match(value):
                self._set_level(match.group("level"))
                value = value[match.end() :]
            self.programme = self.programme or value.strip(" :.,")

    def _set_level(self, value: str) -> None:
        try:
            self.level = self.level or parse_level(value.replace("-", "").strip())
        except FieldError:
            return


HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
RULE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,}|={3,})\s*$")
LIST_ITEM = re.compile(
    r"^\s*(?:\d{1,2}(?:\.\d{1,2})*[.)]|\d{1,2}\.\d{1,2}|\(\d{1,2}\)|\(?[a-z][.)]|[-*+•▪◦●○■–]"
    r"|(?:sub-?)?cpmk[\s.-]*\d+(?:\.\d+)*\s*[:.)]?)\s+(?P<text>\S.*)$",
    re.IGNORECASE,
)
CONTEXT_PREFIX = re.compile(
    r"^(fase\s+[a-f]|semester\s+(?:\d{1,2}|[ivx]{1,4})|kelas\s+(?:xiii|xii|xi|x|1[0-3]))\b"
    r"\s*[:\-–—]?\s*(.*)$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class SourceLine:
    """One line of text with the line (and page) number the user sees."""

    text: str
    line: int
    page: int | None = None


def lines_from_text(text: str, page: int | None = None) -> list[SourceLine]:
    """Split text into numbered lines (1-based)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return [SourceLine(t, number, page) for number, t in enumerate(lines, start=1)]
