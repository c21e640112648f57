"""The project's hand-written layer (``matching/data/id_layer/*.csv``) and how it is merged.

Files (all UTF-8 CSV with a header; lines starting with ``#`` are comments):

- ``labels_*.csv``: ``id,label_en,label_id`` -- the Indonesian preferred label of each skill.
- ``aliases_*.csv``: ``id,label_en,alias_id,shorthand_id,abbr,alias_en,typo`` -- ``|``-separated
  Indonesian aliases, job-ad shorthand, abbreviations (prefix ``id:`` for Indonesian ones such
  as ``id:PBO``), extra English aliases and common misspellings.
- ``tools.csv``, ``commodity_parents.csv``: see :mod:`matching.lab.vocab.tools`.
- ``descriptions.csv``: ``id,label_en,description_en,description_id,source`` -- the project's
  definitions of skills and tools the sources leave without one (the build reads the English
  sentence into ``description``; the Indonesian one stays in the CSV, unread by the build).
- ``skkni.csv``: ``unit_code,id,label_en`` -- SKKNI units linked to skills.
- ``programmes.csv``, ``programme_skills.csv``: SMK programmes and their skills.
- ``occupations_id.csv``, ``isco_titles.csv``: Indonesian occupation labels, English ISCO titles.

``label_en`` columns are for the reader; the build keys on ``id`` and warns when the label differs.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from .draft import Draft

ALIAS_COLUMNS = {
    "alias_id": ("id", "label_id"),
    "shorthand_id": ("id", "shorthand"),
    "abbr": ("en", "abbr"),
    "alias_en": ("en", "alt"),
    "typo": ("id", "typo"),
}


def read_layer(path: Path) -> list[dict[str, str]]:
    """Read one layer CSV into stripped rows; a missing file reads as no rows."""
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if line.strip() and not line.lstrip().startswith("#")]
    return [{k: (v or "").strip() for k, v in row.items() if k} for row in csv.DictReader(lines)]


def split_multi(value: str) -> list[str]:
    """Split a ``|``-separated cell into its non-empty parts."""
    return [part.strip() for part in value.split("|") if part.strip()]


def read_glob(layer_dir: Path, pattern: str) -> list[dict[str, str]]:
    """Read every layer file matching ``pattern``, in file-name order."""
    rows: list[dict[str, str]] = []
    for path in sorted(layer_dir.glob(pattern)):
        rows.extend(read_layer(path))
    return rows


def _target(drafts: dict[str, Draft], row: dict[str, str], where: str) -> Draft | None:
    draft = drafts.get(row.get("id", ""))
    if draft is None:
        print(
            f"warning: {where}: unknown skill id {row.get('id')!r} ({row.get('label_en')})",
            file=sys.stderr,
        )
        return None
    label = row.get("label_en", "")
    if label and label.casefold() != draft.label_en.casefold():
        print(
            f"warning: {where}: {draft.id} is {draft.label_en!r}, layer says {label!r}",
            file=sys.stderr,
        )
    return draft


def merge_labels(drafts: dict[str, Draft], layer_dir: Path) -> None:
    """Set each skill's Indonesian preferred label from ``labels_*.csv``."""
    for row in read_glob(layer_dir, "labels_*.csv") + read_layer(layer_dir / "extra_esco.csv"):
        draft = _target(drafts, row, "labels")
        if draft and row.get("label_id"):
            draft.label_id = row["label_id"]


def merge_descriptions(drafts: dict[str, Draft], layer_dir: Path) -> None:
    """Give each skill without a description the project's English one (``descriptions.csv``);
    a description from ESCO is never replaced."""
    for row in read_layer(layer_dir / "descriptions.csv"):
        draft = _target(drafts, row, "descriptions")
        if draft and not draft.description and row.get("description_en"):
            draft.description = " ".join(row["description_en"].split())


def alias_cells(row: dict[str, str]) -> list[tuple[str, str, str]]:
    """(text, language, kind) of every alias in one ``aliases_*.csv`` row (an ``id:`` prefix marks
    an Indonesian text in an English column)."""
    out = []
    for column, (lang, kind) in ALIAS_COLUMNS.items():
        for text in split_multi(row.get(column, "")):
            out.append((text[3:], "id", kind) if text.startswith("id:") else (text, lang, kind))
    return out


def merge_aliases(drafts: dict[str, Draft], layer_dir: Path) -> None:
    """Add the Indonesian aliases, shorthand, abbreviations and typos from ``aliases_*.csv``."""
    for row in read_glob(layer_dir, "aliases_*.csv"):
        draft = _target(drafts, row, "aliases")
        if draft is None:
            continue
        for text, lang, kind in alias_cells(row):
            draft.add_alias(text, lang, kind)
