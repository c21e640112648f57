"""Scam signals in a vacancy: fees asked of applicants, personal bank accounts, contact by
WhatsApp only, and pay far outside what the job pays. Pure functions over plain values; every
pattern is linear (bounded windows, no nested quantifiers), so hostile text costs linear time."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

# Monthly pay above which a vacancy for this minimum education is "too good to be true" in
# Banten's IT market (Rp); a reference median from published vacancies can lower the bar.
SALARY_CEILING = {
    "sma_smk": 15_000_000,
    "d1": 15_000_000,
    "d3": 25_000_000,
    "d4": 40_000_000,
    "s1": 40_000_000,
    "s2": 75_000_000,
}
MEDIAN_MULTIPLE = 4  # pay above this multiple of the median for the education level is flagged
MEDIAN_MIN_SAMPLES = 10

_FLAGS = re.IGNORECASE
SEP = r"[\s-]+"  # "biaya pendaftaran", "biaya-pendaftaran"
FEE_PATTERNS = [
    re.compile(
        r"\b(?:biaya|uang|dana|ongkos)" + SEP + r"(?:pendaftaran|administrasi|admin|seragam|"
        r"pelatihan|training|tes|test|psikotes|medical|medis|interview|wawancara|pemberkasan|"
        r"penempatan|materai|registrasi|jaminan|deposit|id\s?card|atribut|kontrak|"
        r"sertifikat\s+kerja|pelamar|lamaran)\b",
        _FLAGS,
    ),
    re.compile(
        r"\b(?:dipungut|dikenakan|membayar|bayar|transfer)\s+(?:biaya|uang|sebesar)\b", _FLAGS
    ),
    re.compile(r"\bwajib\s+(?:membayar|bayar|transfer|setor)\b", _FLAGS),
    re.compile(r"\b(?:deposit|setoran\s+awal|uang\s+muka)\b", _FLAGS),
    re.compile(
        r"\b(?:registration|application|training|processing|uniform|administration|admin)"
        + SEP
        + r"fees?\b",
        _FLAGS,
    ),
    re.compile(r"\bpay\s+(?:a|the|an)?\s?(?:deposit|fee)\b", _FLAGS),
]
# A fee phrase is a "no fee" line only when the negation governs it directly: "tidak dipungut
# biaya", "tanpa biaya pendaftaran", "gratis biaya pelatihan", "biaya pelatihan ditanggung
# perusahaan". A negation elsewhere in the sentence ("Tanpa pengalaman, biaya pendaftaran
# Rp 250.000") does not count.
NEGATION = re.compile(
    r"\b(?:tidak|tak|tanpa|bebas|gratis|no|free\s+of|without|not)\s+"
    r"(?:(?:ada|perlu|akan|pernah|dipungut|dikenakan|membayar|meminta|any)\s+){0,2}$",
    _FLAGS,
)
NEGATION_AFTER = re.compile(
    r"^\s*(?:apa\s?pun\s+|sama\s+sekali\s+)?(?:gratis|free|nol|rp\.?\s?0\b|"
    r"ditanggung\s+(?:perusahaan|kami)|tidak\s+(?:dipungut|dikenakan|ada))",
    _FLAGS,
)
BANK_PATTERNS = [
    re.compile(
        r"\b(?:no\.?\s?rek(?:ening)?|norek|nomor\s+rekening|rekening)\b[^\n]{0,40}?\d[\d .-]{6,22}\d",
        _FLAGS,
    ),
    re.compile(
        r"\b(?:BCA|BRI|BNI|Mandiri|BSI|CIMB(?:\s+Niaga)?|Danamon|BTN|Permata|Jago|SeaBank)\b"
        r"[^\n\d]{0,15}\d[\d .-]{7,22}\d",
        _FLAGS,
    ),
    re.compile(
        r"\b(?:rekening|transfer)\b[^\n]{0,60}?(?:\ba\.?\s?n\.?\s|a/n\b|\batas\s+nama\b)", _FLAGS
    ),
]
PHONE = r"(?:\+62|62|0)\s?8\d{1,3}[\s.-]?\d{3,4}[\s.-]?\d{3,5}"
WHATSAPP = re.compile(
    r"\b(?:wa|whatsapp|whats\s?app|chat|sms|hubungi|telp|hp)\b[^\n\d]{0,20}" + PHONE, _FLAGS
)
OTHER_CONTACT = re.compile(r"[\w.+-]{1,64}@[\w-]{1,63}\.[\w.]{2,20}|\bhttps?://|\bwww\.", _FLAGS)
TOO_GOOD = re.compile(
    r"\b(?:kerja\s+santai\s+gaji|tanpa\s+modal|cuma\s+modal\s+hp|modal\s+hp|penghasilan\s+"
    r"(?:harian|jutaan|puluhan\s+juta)|gaji\s+(?:besar|fantastis|jutaan|puluhan\s+juta)|"
    r"jutaan\s+per\s+hari|easy\s+money)\b",
    _FLAGS,
)


@dataclass(frozen=True)
class Signal:
    """One reason to hold a vacancy for review, with the text that shows it."""

    code: str
    field: str  # "title", "description" or "salary"
    start: int = 0
    end: int = 0
    excerpt: str = ""

    def as_dict(self) -> dict[str, object]:
        """A JSON-friendly form, stored on the vacancy."""
        return asdict(self)


def _negated(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 60) : start]
    after = text[end : end + 40]
    return bool(NEGATION.search(before) or NEGATION_AFTER.search(after))


def _found(code: str, field: str, text: str, match: re.Match[str]) -> Signal:
    return Signal(code, field, match.start(), match.end(), text[match.start() : match.end()])


def text_signals(field: str, text: str) -> list[Signal]:
    """Signals found in one text field."""
    found: list[Signal] = []
    for pattern in FEE_PATTERNS:
        for match in pattern.finditer(text):
            if not _negated(text, match.start(), match.end()):
                found.append(_found("fee", field, text, match))
    for pattern in BANK_PATTERNS:
        found.extend(_found("bank_account", field, text, m) for m in pattern.finditer(text))
    for match in TOO_GOOD.finditer(text):
        found.append(_found("too_good", field, text, match))
    return found


def salary_signal(
    salary_min: int | None,
    salary_max: int | None,
    min_education: str,
    median: float | None = None,
) -> Signal | None:
    """Pay far above what vacancies for this education level offer."""
    offered = max(v for v in (salary_min, salary_max, 0) if v is not None)
    ceiling = SALARY_CEILING.get(min_education, max(SALARY_CEILING.values()))
    if median:
        ceiling = min(ceiling, median * MEDIAN_MULTIPLE)
    if offered > ceiling:
        return Signal("salary_outlier", "salary", excerpt=f"{offered:,}".replace(",", "."))
    return None


def scan(
    title: str,
    description: str,
    salary_min: int | None = None,
    salary_max: int | None = None,
    min_education: str = "s1",
    median: float | None = None,
) -> list[Signal]:
    """Every scam signal of a vacancy, overlapping spans merged per code."""
    signals = text_signals("title", title) + text_signals("description", description)
    whatsapp = [m for m in WHATSAPP.finditer(description)]
    if whatsapp and not OTHER_CONTACT.search(description):
        signals.append(_found("whatsapp_only", "description", description, whatsapp[0]))
    pay = salary_signal(salary_min, salary_max, min_education, median)
    if pay:
        signals.append(pay)
    return _merge(signals)


def _merge(signals: list[Signal]) -> list[Signal]:
    kept: list[Signal] = []
    for signal in sorted(signals, key=lambda s: (s.field, s.start, -s.end)):
        last = kept[-1] if kept else None
        if (
            last
            and last.field == signal.field
            and signal.start < last.end
            and signal.field != "salary"
        ):
            continue
        kept.append(signal)
    return kept


def spans(signals: list[dict[str, object]], field: str) -> list[tuple[int, int]]:
    """The (start, end) spans of stored signals in one field, for highlighting."""
    return sorted(
        (int(s["start"]), int(s["end"]))  # type: ignore[call-overload]
        for s in signals
        if s.get("field") == field and s.get("end")
    )
