"""Authoring helper: fill blank id columns of the hand-written layer from English labels.

People write ``label_en`` (easy to read and review); ``python -m matching.lab.vocab rekey`` looks
the label up in the ESCO subset built from the sources and writes the stable id next to it.
The build itself only ever keys on ids.
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

from .draft import Draft
from .idlayer import read_layer
from .subset import build_subset
from .tools import add_tools

# (id column, label column) pairs that rekey fills
KEY_COLUMNS = (("id", "label_en"), ("parent_id", "parent_label"), ("same_as", "same_as_label"))


def label_index(drafts: dict[str, Draft]) -> dict[str, str]:
    """Map case-folded preferred labels, then unambiguous ESCO alternative labels, to ids."""
    index = {d.label_en.casefold(): d.id for d in sorted(drafts.values(), key=lambda d: d.id)}
    seen: dict[str, set[str]] = {}
    for draft in drafts.values():
        for alias in draft.aliases:
            seen.setdefault(alias.text.casefold(), set()).add(draft.id)
    for key, ids in seen.items():
        if key not in index and len(ids) == 1:
            index[key] = next(iter(ids))
    return index


def _rekey_file(path: Path, index: dict[str, str], drafts: dict[str, Draft]) -> int:
    text = path.read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    if not rows:
        return 0
    fields = list(rows[0].keys())
    unresolved = 0
    for row in rows:
        for id_col, label_col in KEY_COLUMNS:
            if id_col not in row or label_col not in row or not row[label_col]:
                continue
            labels = [part.strip() for part in row[label_col].split("|")]
            ids = [i for i in (row[id_col] or "").split("|") if i]
            if len(ids) == len(labels) and all(i in drafts for i in ids):
                continue
            found = [index.get(label.casefold(), "") for label in labels]
            for label, skill_id in zip(labels, found, strict=True):
                if not skill_id:
                    unresolved += 1
                    print(f"{path.name}: no skill labelled {label!r}", file=sys.stderr)
            row[id_col] = "|".join(i for i in found if i)
            row[label_col] = "|".join(drafts[i].label_en for i in found if i) or row[label_col]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8", newline="\n")
    return unresolved


def rekey(source: Path, layer_dir: Path) -> int:
    """Fill blank or stale ids in every layer CSV; return the number of unresolved labels."""
    drafts, _ = build_subset(source, read_layer(layer_dir / "extra_esco.csv"))
    add_tools(source, layer_dir, drafts)
    index = label_index(drafts)
    total = 0
    for path in sorted(layer_dir.glob("*.csv")):
        total += _rekey_file(path, index, drafts)
    print(f"rekey: {total} unresolved labels", file=sys.stderr)
    return total
