"""Build the shipped vocabulary from ``../shared/data`` and the project's Indonesian layer.

``python -m matching.lab.vocab build [--source DIR] [--out DIR]``; output is deterministic
(records sorted by id, fixed field order), so re-running gives byte-identical files.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from dataclasses import asdict
from pathlib import Path

from matching.vocab.loader import DATA_DIR, OCCUPATIONS_FILE, PROGRAMMES_FILE, SKILLS_FILE
from matching.vocab.model import Vocabulary
from matching.vocab.serialise import dumps

from .idlayer import merge_aliases, merge_descriptions, merge_labels, read_layer
from .linking import build_occupations, build_programmes, merge_skkni
from .project import add_project_skills
from .subset import build_subset
from .tools import add_tools

REPO_ROOT = DATA_DIR.parent.parent
DEFAULT_SOURCE = REPO_ROOT.parent / "shared" / "data"
LAYER_DIR = DATA_DIR / "id_layer"


def assemble(source: Path, layer_dir: Path = LAYER_DIR) -> Vocabulary:
    """Assemble the vocabulary in memory from the sources and the hand-written layer."""
    if not (source / "esco").is_dir():
        raise FileNotFoundError(
            f"source data not found at {source} (expected esco/, onet/, indonesia/)"
        )
    drafts, pairs = build_subset(source, read_layer(layer_dir / "extra_esco.csv"))
    add_tools(source, layer_dir, drafts)
    add_project_skills(layer_dir, drafts)
    merge_labels(drafts, layer_dir)
    merge_aliases(drafts, layer_dir)
    merge_descriptions(drafts, layer_dir)
    occupations = build_occupations(source, layer_dir, drafts, pairs)
    merge_skkni(source, layer_dir, drafts)
    programmes = build_programmes(layer_dir, drafts)
    missing = [d.id for d in drafts.values() if not d.label_id]
    if missing:
        print(
            f"warning: {len(missing)} skills have no Indonesian label, e.g. {missing[:5]}",
            file=sys.stderr,
        )
    skills = [drafts[k].freeze() for k in sorted(drafts)]
    return Vocabulary(skills=skills, occupations=occupations, programmes=programmes)


def write(vocabulary: Vocabulary, out_dir: Path) -> list[Path]:
    """Write the vocabulary files into ``out_dir``; return their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    files = {
        SKILLS_FILE: "".join(dumps(s) + "\n" for s in vocabulary.skills),
        OCCUPATIONS_FILE: "".join(dumps(o) + "\n" for o in vocabulary.occupations),
        PROGRAMMES_FILE: json.dumps(
            [asdict(p) for p in vocabulary.programmes], ensure_ascii=False, indent=1
        )
        + "\n",
    }
    paths = []
    for name, text in files.items():
        path = out_dir / name
        path.write_text(text, encoding="utf-8", newline="\n")
        paths.append(path)
    return paths


def stats(vocabulary: Vocabulary) -> dict[str, object]:
    """Counts worth reporting: skills by type, Indonesian aliases, tools, occupations."""
    by_type = Counter(s.type for s in vocabulary.skills)
    return {
        "skills": len(vocabulary.skills),
        "by_type": dict(sorted(by_type.items())),
        "esco": sum(1 for s in vocabulary.skills if s.uri),
        "with_id_aliases": sum(
            1 for s in vocabulary.skills if any(a.lang == "id" for a in s.aliases)
        ),
        "tool_aliases_on_esco": sum(
            1 for s in vocabulary.skills if s.uri and any(a.kind == "tool" for a in s.aliases)
        ),
        "tools_with_parent": sum(1 for s in vocabulary.skills if s.type == "tool" and s.parent),
        "with_skkni": sum(1 for s in vocabulary.skills if s.skkni),
        "with_kbji": sum(1 for s in vocabulary.skills if s.kbji),
        "occupations": len(vocabulary.occupations),
        "programmes": [p.code for p in vocabulary.programmes],
    }


def build(
    source: Path = DEFAULT_SOURCE, out_dir: Path = DATA_DIR, layer_dir: Path = LAYER_DIR
) -> Vocabulary:
    """Assemble and write the vocabulary; return it."""
    vocabulary = assemble(source, layer_dir)
    write(vocabulary, out_dir)
    return vocabulary
