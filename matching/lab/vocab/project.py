"""Skills the project defines itself (``id_layer/project_skills.csv``).

Banten's vacancies, CVs and curricula ask for skills that ESCO, O*NET and SKKNI have no entry
for, or reach only through a poor alias (VLAN configuration, hotspot and PPPoE users, OTDR
measurement, HMI screens). Each row is one skill: ``id,label_en,label_id,type,parent_id,source,
description,aliases_id,aliases_en`` (``|``-separated aliases; ``source`` names where the
definition comes from, ``project`` for the project's own).
"""

from __future__ import annotations

import sys
from pathlib import Path

from .draft import Draft
from .idlayer import read_layer, split_multi

PROJECT_SKILLS = "project_skills.csv"
SOURCES = ("project", "ESCO", "O*NET", "SKKNI")


def add_project_skills(layer_dir: Path, drafts: dict[str, Draft]) -> list[str]:
    """Add the project's own skills to ``drafts`` in place; return their ids."""
    added = []
    for row in read_layer(layer_dir / PROJECT_SKILLS):
        if row["source"] not in SOURCES:
            raise ValueError(f"{PROJECT_SKILLS}: {row['id']}: unknown source {row['source']!r}")
        if row["id"] in drafts:
            raise ValueError(f"{PROJECT_SKILLS}: {row['id']} is already in the vocabulary")
        parent = row["parent_id"] or None
        if parent and parent not in drafts:
            print(f"warning: {PROJECT_SKILLS}: unknown parent {parent!r}", file=sys.stderr)
            parent = None
        draft = Draft(
            id=row["id"],
            uri=None,
            label_en=row["label_en"],
            type=row["type"],
            description=row["description"],
            label_id=row["label_id"],
            parent=parent,
        )
        for text in split_multi(row["aliases_id"]):
            draft.add_alias(text, "id", "label_id")
        for text in split_multi(row["aliases_en"]):
            draft.add_alias(text, "en", "alt")
        drafts[draft.id] = draft
        added.append(draft.id)
    return added
