"""Select the ESCO ICT-focused subset: the v1.2 collections plus the skills of ICT occupations."""

from __future__ import annotations

import re
from pathlib import Path

from . import sources
from .draft import Draft
from .sources import ESCO_SKILL_PREFIX, EscoConcept, V111Label, uuid_of


def _type_of(concept: EscoConcept) -> str:
    if "transversal" in concept.collections or concept.reuse_level == "transversal":
        return "transversal"
    return "knowledge" if concept.skill_type == "knowledge" else "skill"


def _group_of(concept: EscoConcept, hierarchy: dict[str, str]) -> str:
    for uri, term in concept.broader:
        if uri.startswith(ESCO_SKILL_PREFIX) and term:
            return term
    for uri, _ in concept.broader:
        if uri in hierarchy:
            return hierarchy[uri]
    return ""


def _v111_group(entry: V111Label, by_code: dict[str, str]) -> str:
    for path in entry.levels:
        codes = [c for c in path if c]
        for code in reversed(codes):
            if code in by_code:
                return by_code[code]
    return ""


def _v111_type(entry: V111Label | None, pair_type: str) -> str:
    if entry and entry.levels and all(p and p[0] == "T" for p in entry.levels):
        return "transversal"
    return "knowledge" if pair_type == "knowledge" else "skill"


def label_key(label: str) -> str:
    """Normalise a label for the no-URI join: case, hyphens, spacing, 'utilise' vs 'use'."""
    key = " ".join(label.replace("-", " ").split()).casefold()
    return re.sub(r"^utilise ", "use ", key)


def _resolve_unlinked(
    label: str, by_label: dict[str, str], v111_by_label: dict[str, str]
) -> str | None:
    """Find the URI of a pair that has a label but no URI: exact label, v1.2 then v1.1.1."""
    key = label_key(label)
    if key in by_label:
        return by_label[key]
    if key in v111_by_label:
        return ESCO_SKILL_PREFIX + v111_by_label[key]
    return None


def build_subset(
    source: Path, extra: list[dict[str, str]] | None = None
) -> tuple[dict[str, Draft], list[tuple[str, str]]]:
    """Return ESCO skill drafts keyed by id and the (occupation URI, skill id) pairs.

    ``extra`` rows (``id``, ``type``) add further ESCO v1.1.1 skills by UUID: skills outside
    the ICT collections that Indonesian IT/SMK texts use (e.g. "create storyboards").
    """
    concepts = sources.read_collections(source)
    hierarchy, by_code = sources.read_hierarchy(source)
    v111 = sources.read_v111_labels(source)
    drafts: dict[str, Draft] = {}
    for concept in concepts.values():
        draft = Draft(
            id=uuid_of(concept.uri),
            uri=concept.uri,
            label_en=concept.label,
            type=_type_of(concept),
            group=_group_of(concept, hierarchy),
            description=concept.description,
        )
        for alt in concept.alt_labels:
            draft.add_alias(alt, "en", "alt")
        drafts[draft.id] = draft

    by_label = {label_key(c.label): c.uri for c in concepts.values()}
    v111_by_label = {
        label_key(e.label): e.uuid for e in sorted(v111.values(), key=lambda e: e.uuid)
    }
    pairs: list[tuple[str, str]] = []
    for row in sources.read_pairs(source):
        uri = row["skill_uri"].strip() or _resolve_unlinked(
            row["skill_label"], by_label, v111_by_label
        )
        if not uri:
            continue
        skill_id = uuid_of(uri)
        if skill_id not in drafts:
            entry = v111.get(skill_id)
            draft = Draft(
                id=skill_id,
                uri=uri,
                label_en=entry.label
                if entry and entry.label
                else " ".join(row["skill_label"].split()),
                type=_v111_type(entry, row["skill_type"].strip()),
                group=_v111_group(entry, by_code) if entry else "",
            )
            for alt in entry.alt_labels if entry else []:
                draft.add_alias(alt, "en", "alt")
            drafts[skill_id] = draft
        drafts[skill_id].add_alias(row["skill_label"], "en", "alt")
        pairs.append((row["occupation_uri"].strip(), skill_id))
    for row in extra or []:
        entry = v111.get(row["id"])
        if entry is None or not entry.label or row["id"] in drafts:
            continue
        draft = Draft(
            id=entry.uuid,
            uri=ESCO_SKILL_PREFIX + entry.uuid,
            label_en=entry.label,
            type=row.get("type") or "skill",
            group=_v111_group(entry, by_code),
        )
        for alt in entry.alt_labels:
            draft.add_alias(alt, "en", "alt")
        drafts[draft.id] = draft
    return drafts, pairs
