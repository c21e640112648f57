"""Write ``matching/data/documents/index.csv`` from the document files.

Title (vacancies and curricula: the first line without Markdown marks) and word count
(whitespace-separated tokens that contain a letter or digit) are read from the files;
domain, language and the CV titles are declared here, as the authors assigned them.
Run: ``python matching/lab/build_document_index.py``.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "data" / "documents"
KINDS = {"vacancies": "vacancy", "cvs": "cv", "curricula": "curriculum"}

VACANCY_DOMAINS = [
    ("it_support", 6),
    ("networking_ftth", 7),
    ("sysadmin_devops", 5),
    ("web_dev", 7),
    ("mobile_dev", 4),
    ("data", 5),
    ("design", 5),
    ("digital_marketing", 4),
    ("qa_testing", 3),
    ("security", 3),
    ("erp", 3),
    ("industrial_automation", 4),
    ("ecommerce_admin", 4),
    ("smk_internship", 4),
]

CV_META = {
    "c001": (
        "networking_ftth",
        "id",
        "SMK TJKT graduate, MikroTik and PKL at a local ISP (Cilegon)",
    ),
    "c002": ("web_dev", "id", "SMK RPL graduate, Laravel PKL (Kota Serang)"),
    "c003": ("design", "id", "SMK DKV graduate, freelance graphic designer (Pandeglang)"),
    "c004": ("it_support", "id", "D3 Teknik Komputer, IT support 3 years (Kota Tangerang)"),
    "c005": (
        "web_dev",
        "mixed",
        "S1 Informatika, full-stack Laravel/Vue developer (Tangerang Selatan)",
    ),
    "c006": ("data", "id", "S1 Sistem Informasi fresh graduate, data analyst (Kota Serang)"),
    "c007": (
        "it_support",
        "id",
        "Career changer: production operator to IT support via BLK (Kab. Tangerang)",
    ),
    "c008": ("digital_marketing", "id", "Career changer: shop admin to digital marketing (Lebak)"),
    "c009": ("networking_ftth", "id", "SMK graduate, FTTH team leader (Cilegon)"),
    "c010": (
        "industrial_automation",
        "id",
        "D3 Teknik Elektronika, PLC and instrument technician (Cilegon)",
    ),
    "c011": ("erp", "en", "S1 Teknik Industri, SAP MM consultant (Kab. Tangerang)"),
    "c012": ("qa_testing", "id", "D3 Manajemen Informatika, QA engineer (Tangerang Selatan)"),
    "c013": ("security", "mixed", "S1 Informatika, SOC analyst tier 1 (Kota Tangerang)"),
    "c014": ("mobile_dev", "id", "D3 Teknik Informatika, Flutter developer (Kota Serang)"),
    "c015": (
        "sysadmin_devops",
        "en",
        "D3 Teknik Komputer, sysadmin turned DevOps engineer (Tangerang Selatan)",
    ),
    "c016": ("design", "id", "SMK Multimedia graduate, video editor and designer (Kab. Serang)"),
    "c017": (
        "ecommerce_admin",
        "id",
        "SMK Bisnis Daring graduate, online shop admin (Kab. Tangerang)",
    ),
    "c018": (
        "it_support",
        "id",
        "S1 Teknik Informatika, school operator (Dapodik) and IT staff (Lebak)",
    ),
    "c019": (
        "networking_ftth",
        "mixed",
        "S1 Teknik Elektro, CCNA network engineer (Kota Tangerang)",
    ),
    "c020": ("data", "id", "Career changer: accountant to data analyst (Cilegon)"),
}

CURRICULUM_DOMAINS = {
    "k001": "networking_ftth",
    "k002": "networking_ftth",
    "k003": "networking_ftth",
    "k004": "web_dev",
    "k005": "web_dev",
    "k006": "web_dev",
    "k007": "design",
    "k008": "design",
    "k009": "web_dev",
    "k010": "mobile_dev",
    "k011": "erp",
    "k012": "data",
    "k013": "security",
    "k014": "networking_ftth",
    "k015": "industrial_automation",
}

VACANCY_EN = {"v010", "v015", "v024", "v029", "v031", "v038", "v045", "v047", "v051", "v054"}
VACANCY_MIXED = {"v005", "v009", "v016", "v020", "v033", "v036", "v042", "v059"}

WORD = re.compile(r"\w", re.UNICODE)


def count_words(text: str) -> int:
    """Count whitespace-separated tokens that contain at least one letter or digit."""
    return sum(1 for token in text.split() if WORD.search(token))


def first_line_title(text: str) -> str:
    """Return the first non-empty line without Markdown marks, emoji or outer punctuation."""
    line = next(raw for raw in text.splitlines() if raw.strip())
    line = re.sub(r"[#*_]", "", line)
    line = "".join(ch for ch in line if ord(ch) < 0x2600)
    return line.strip(" -–:")


def vacancy_domain(number: int) -> str:
    """Map a vacancy number (1-based) to its domain by the declared block sizes."""
    upper = 0
    for domain, size in VACANCY_DOMAINS:
        upper += size
        if number <= upper:
            return domain
    raise ValueError(f"vacancy number {number} beyond the declared blocks")


def row_for(path: Path, kind: str) -> dict[str, str | int]:
    """Build the index row of one document file."""
    doc_id = path.stem
    text = path.read_text(encoding="utf-8")
    if kind == "vacancy":
        domain = vacancy_domain(int(doc_id[1:]))
        language = "en" if doc_id in VACANCY_EN else "mixed" if doc_id in VACANCY_MIXED else "id"
        title = first_line_title(text)
    elif kind == "cv":
        domain, language, title = CV_META[doc_id]
    else:
        domain, language, title = CURRICULUM_DOMAINS[doc_id], "id", first_line_title(text)
    return {
        "id": doc_id,
        "kind": kind,
        "domain": domain,
        "language": language,
        "title": title,
        "words": count_words(text),
    }


def main() -> None:
    """Write index.csv and print the number of rows per kind."""
    rows = [
        row_for(path, kind)
        for folder, kind in KINDS.items()
        for path in sorted((ROOT / folder).glob("*.md"))
    ]
    with (ROOT / "index.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(
            handle, fieldnames=["id", "kind", "domain", "language", "title", "words"]
        )
        writer.writeheader()
        writer.writerows(rows)
    for kind in KINDS.values():
        print(kind, sum(1 for row in rows if row["kind"] == kind))


if __name__ == "__main__":
    main()
