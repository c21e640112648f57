"""Build linker entries from a vocabulary or from a benchmark label space joined to ESCO."""

from __future__ import annotations

import csv
import gzip
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from matching.linking.types import SkillEntry, SkillForm

ESCO_SKILL_URI = "http://data.europa.eu/esco/skill/"


def entry_from_skill(
    skill: Any,
    skill_id: str | None = None,
    label: str | None = None,
    extra: Iterable[SkillForm] = (),
) -> SkillEntry:
    """An entry from a vocabulary ``Skill`` (its aliases, Indonesian label and description)."""
    forms: list[SkillForm] = list(extra)
    if skill.label_id:
        forms.append(SkillForm(skill.label_id, "id", "label_id"))
    forms.extend(SkillForm(a.text, a.lang, a.kind) for a in skill.aliases)
    return SkillEntry(
        skill_id=skill_id or skill.id,
        label=label or skill.label_en,
        forms=_dedup(forms, label or skill.label_en),
        description=skill.description or "",
        kind=skill.type or "",
    )


def entries_from_vocabulary(vocabulary: Any) -> list[SkillEntry]:
    """One entry per skill of a ``matching.vocab.Vocabulary``."""
    return [entry_from_skill(s) for s in vocabulary.skills]


def _dedup(forms: Iterable[SkillForm], label: str) -> tuple[SkillForm, ...]:
    seen = {label.strip().casefold()}
    out = []
    for f in forms:
        key = f.text.strip().casefold()
        if key and key not in seen:
            seen.add(key)
            out.append(SkillForm(f.text.strip(), f.lang, f.kind))
    return tuple(out)


def read_label_file(path: str | Path) -> list[str]:
    """The labels of a label-space file, one a line, in file order, without duplicates."""
    seen: dict[str, None] = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip():
            seen.setdefault(line.strip(), None)
    return list(seen)


def read_esco_label_table(path: str | Path) -> tuple[dict[str, str], dict[str, list[str]]]:
    """Read the ESCO label table (id, description = label text, type).

    Returns preferred label -> UUID and UUID -> alternative labels."""
    opener = gzip.open if str(path).endswith(".gz") else open
    uuid_of: dict[str, str] = {}
    alts: dict[str, list[str]] = defaultdict(list)
    with opener(path, "rt", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            text = (row.get("description") or "").strip()
            if not text:
                continue
            if row["type"] == "preferredLabel":
                uuid_of.setdefault(text, row["id"])
            else:
                alts[row["id"]].append(text)
    return uuid_of, dict(alts)


def benchmark_entries(
    labels: list[str], esco_table: str | Path | None = None, vocabulary: Any = None
) -> list[SkillEntry]:
    """Entries for a benchmark label space: the label is the skill id; forms come from ESCO
    alternative labels (joined by exact preferred label -> UUID) and from the vocabulary (joined
    by ESCO URI, else by exact English label)."""
    uuid_of, alts = read_esco_label_table(esco_table) if esco_table else ({}, {})
    by_uri = {s.uri: s for s in vocabulary.skills if s.uri} if vocabulary is not None else {}
    by_label: dict[str, Any] = {}
    if vocabulary is not None:
        for s in vocabulary.skills:
            by_label.setdefault(s.label_en.strip().casefold(), s)
    out = []
    for label in labels:
        uuid = uuid_of.get(label)
        alt_forms = [SkillForm(t, "en", "alt") for t in alts.get(uuid, [])] if uuid else []
        skill = by_uri.get(ESCO_SKILL_URI + uuid) if uuid else None
        skill = skill or by_label.get(label.casefold())
        if skill is not None:
            entry = entry_from_skill(skill, skill_id=label, label=label, extra=alt_forms)
            out.append(replace(entry, prior=1.0))
        else:
            out.append(SkillEntry(label, label, _dedup(alt_forms, label)))
    return out


def drop_forms_seen_in(
    entries: list[SkillEntry], texts: Iterable[str], max_n: int = 6
) -> list[SkillEntry]:
    """Entries without the project-written forms (any kind but ESCO ``alt``) that occur verbatim
    (as a token n-gram) in ``texts``: a leak check for aliases written with those texts in view."""
    from matching.linking.text import tokens

    seen: set[str] = set()
    for text in texts:
        norms = [t.norm for t in tokens(text)]
        for i in range(len(norms)):
            for n in range(1, max_n + 1):
                if i + n <= len(norms):
                    seen.add(" ".join(norms[i : i + n]))
    from matching.linking.text import norm_key

    return [
        replace(
            e, forms=tuple(f for f in e.forms if f.kind == "alt" or norm_key(f.text) not in seen)
        )
        for e in entries
    ]


def drop_forms(entries: list[SkillEntry], forms: set[tuple[str, str]]) -> list[SkillEntry]:
    """Entries without the given (skill id, normalised text) forms."""
    from matching.linking.text import norm_key

    return [
        replace(e, forms=tuple(f for f in e.forms if (e.skill_id, norm_key(f.text)) not in forms))
        for e in entries
    ]
