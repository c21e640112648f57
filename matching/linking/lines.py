"""What a line of a vacancy, CV or curriculum is for: the lines that never name a skill.

Job ads and CVs hold lines that mention words of the vocabulary without asking for or claiming
the skill: education requirements ("Minimal lulusan SMK TKJ atau D3 Teknik Komputer"),
experience durations ("Pengalaman min. 1 tahun"), benefits, placement, application
instructions, company blurbs, personal data, and headings ("PENGALAMAN", "### Responsibilities").
These rules are linguistic (word lists of the two languages), not fitted on any document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


def _any_of(alternatives: str) -> re.Pattern[str]:
    """A case-blind pattern of any of ``alternatives`` (a regex alternation) as whole words."""
    return re.compile(rf"\b({alternatives})\b", re.IGNORECASE)


# The piece of a line a rule reads: a line, cut at a full stop that is followed by a capital.
_PIECE_BREAK = re.compile(r"(?<=[a-z0-9)\]][.!?])\s+(?=[A-Z*])|\n")

_EDUCATION = _any_of(
    r"lulusan|pendidikan|jurusan|SMK|SMA|STM|SMP|D[1-4]|S[12]|diploma|sarjana|"
    r"bachelor'?s?|degree|IPK|GPA|politeknik|universitas|university|institut|"
    r"fakultas|program studi|prodi|sederajat"
)
# A word that asks for or states an ability: an education line with one still names skills
# ("Lulusan SMK yang menguasai MikroTik").
_ABILITY = _any_of(
    r"mampu|menguasai|memahami|paham|terbiasa|mahir|familiar|proficient|skilled|"
    r"knowledge of|experience (?:in|with)|pengalaman (?:dengan|menggunakan|di bidang \w+ \w+)|"
    r"bisa|dapat menggunakan"
)
_CERTIFICATE = _any_of(r"sertifikat|sertifikasi|certified|certificate|certification")
_DURATION = re.compile(
    r"(\d+\s*\+?\s*(?:[-–]\s*\d+\s*)?(?:tahun|thn|th|bulan|bln|years?|yrs?|months?)\b"
    r"|\bfresh graduate\b)",
    re.IGNORECASE,
)
_EXPERIENCE = _any_of(r"pengalaman|berpengalaman|experience|experienced")
_BENEFIT = _any_of(
    r"gaji|salary|tunjangan|allowance|BPJS|asuransi|insurance|THR|bonus|insentif|"
    r"cuti|paid leave|jenjang karir|jenjang karier|career path|we offer|kami tawarkan|"
    r"benefit|benefits|uang makan|makan siang|mess|UMK|UMR|kontrak|contract|"
    r"waktu kerja|jam kerja|working hours"
)
_APPLICATION = _any_of(
    r"kirim(?:kan)? (?:cv|lamaran|berkas|email|portofolio)|send (?:your|cv|an? )|lamaran|apply|melamar|paling lambat|hubungi|contact us|"
    r"subjek|subject|hanya kandidat|only shortlisted|interested\?"
)
_PLACEMENT = re.compile(
    r"^\W*((penempatan|lokasi|location|alamat|placement|domisili|hiring company)\b|"
    r"(perusahaan|company|client|klien)\W*:)",
    re.IGNORECASE,
)
_COMPANY = re.compile(
    r"\b(PT|CV)\s+[A-Z][\w&.-]*.*\b(adalah|merupakan|is an?|bergerak|based in|berlokasi|"
    r"sedang|membuka|mencari|kami)\b",
)
# Organisation blurbs without "PT"/"CV": "Kami **Sinar Lintas Net**, penyedia internet ...",
# "Workshop *Mandiri Panel Teknik* (pembuatan panel ...) butuh teknisi", "X monitors networks for
# banks ... We are expanding".
_ORGANISATION = re.compile(
    r"(^[^\w*]*(kami|we are|we're)\b|^[^\w*]*(\w+\s+){0,3}(\*\*[^*]+\*\*|\*[^*]+\*)\s*[,(]|"
    r"\b(penyedia|melayani|membuka (?:lowongan|kesempatan)|terima siswa|is an?|provides|"
    r"monitors|we are expanding|kami ingin)\b)",
    re.IGNORECASE,
)
_ORGANISATION_NOUN = _any_of(
    r"kami|perusahaan|company|workshop|studio|pabrik|tim|team|pelanggan|customers|clients|"
    r"banks|sekolah|penyedia|PT|CV"
)
# A vacancy's title (the first line): a job title names a tool at most ("Web Developer (Laravel)"),
# never a skill by its job noun ("Data Engineer", "Penetration Tester", "Staf IT Infrastruktur").
_JOB_TITLE = _any_of(
    r"staf|staff|engineer|developer|designer|desainer|analyst|scientist|tester|specialist|"
    r"teknisi|technician|operator|admin|administrator|officer|consultant|programmer|editor|"
    r"creator|magang|PKL|intern|internship|loker|lowongan|dicari|dibutuhkan|hiring"
)
TITLE_WORDS = 12
_PERSONAL = re.compile(
    r"^\W*(nama|tempat|tanggal lahir|tempat, tanggal lahir|alamat|e-?mail|telepon|telp|"
    r"no\.? hp|hp/wa|telepon/wa|agama|status|jenis kelamin|kewarganegaraan|tinggi badan)\b"
    r"[^:]{0,20}:",
    re.IGNORECASE,
)
HEADING_WORDS = 5
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Piece:
    """A piece of a text (a line or a sentence of a long line) with its offsets."""

    text: str
    start: int
    end: int


def pieces(text: str) -> list[Piece]:
    """The lines of ``text``, long lines cut at a full stop followed by a capital."""
    out: list[Piece] = []
    pos = 0
    for m in _PIECE_BREAK.finditer(text):
        out.append(Piece(text[pos : m.start()], pos, m.start()))
        pos = m.end()
    out.append(Piece(text[pos:], pos, len(text)))
    return [p for p in out if p.text.strip()]


def is_heading(line: str) -> bool:
    """A heading: a Markdown heading, a short bold line, a short line in capitals, or a short
    line ending in a colon ("## PENGALAMAN", "**Responsibilities**", "KEAHLIAN")."""
    body = line.strip()
    words = _WORD.findall(body)
    if not words:
        return True
    if body.startswith("#"):
        return True
    short = len(words) <= HEADING_WORDS
    if short and body.rstrip(":").startswith("**") and body.rstrip(":").endswith("**"):
        return True
    if short and body.endswith(":"):
        return True
    letters = [c for c in body if c.isalpha()]
    return (
        len(words) <= 3
        and len(letters) >= 6
        and all(c.isupper() for c in letters)
        and not any(c.isdigit() or c in ",()/" for c in body)
    )


def no_skill_reason(piece: str) -> str | None:
    """Why a line or sentence names no skill ("heading", "education", "experience",
    "benefit", "application", "placement", "company", "personal"), or None."""
    if is_heading(piece):
        return "heading"
    if _PERSONAL.search(piece):
        return "personal"
    if _PLACEMENT.search(piece):
        return "placement"
    if _EDUCATION.search(piece) and not _ABILITY.search(piece) and not _CERTIFICATE.search(piece):
        return "education"
    if _EXPERIENCE.search(piece) and _DURATION.search(piece) and not _ABILITY.search(piece):
        return "experience"
    if _BENEFIT.search(piece):
        return "benefit"
    if _APPLICATION.search(piece):
        return "application"
    if _COMPANY.search(piece) or (
        _ORGANISATION.search(piece)
        and _ORGANISATION_NOUN.search(piece)
        and not _ABILITY.search(piece)
    ):
        return "company"
    return None


def is_job_title(piece: str) -> bool:
    """A short line that names a job ("Data Engineer", "TERIMA SISWA PKL DKV / MULTIMEDIA")."""
    return len(_WORD.findall(piece)) <= TITLE_WORDS and _JOB_TITLE.search(piece) is not None


def names_no_skill(reason: str, evidence: str, method: str) -> bool:
    """Whether a mention on a line of this ``reason`` is dropped: on an experience line
    ("2 tahun sebagai backend developer Node.js") an exact tool name still counts, the experience
    words themselves ("pengalaman") and whole-sentence guesses do not; on a title only exact names
    count ("Backend Engineer (Golang)"), not guesses from the job noun; any other reason drops
    every mention."""
    if reason == "title":
        return method != "alias" or _JOB_TITLE.search(evidence) is not None
    if reason != "experience":
        return True
    return method != "alias" or bool(_EXPERIENCE.search(evidence) or _DURATION.search(evidence))


def no_skill_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, reason) of every line or sentence of ``text`` that names no skill."""
    out = []
    for i, piece in enumerate(pieces(text)):
        reason = no_skill_reason(piece.text)
        if reason is None and i == 0 and is_job_title(piece.text):
            reason = "title"
        if reason is not None:
            out.append((piece.start, piece.end, reason))
    return out


def dropped_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the lines or sentences of ``text`` whose every mention is dropped
    (``names_no_skill`` is True whatever the mention: not an experience line or a title)."""
    return [
        (s, e) for s, e, reason in no_skill_spans(text) if reason not in ("experience", "title")
    ]
