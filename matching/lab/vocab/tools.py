"""Concrete tools from O*NET technology names (plus project-added ones) as skills or aliases.

A tool that ESCO already has (e.g. "JavaScript", "Python (computer programming)") becomes an
alias of the ESCO skill; any other tool becomes a ``tool-<slug>`` skill whose ``parent`` is the
ESCO skill it belongs under (from ``id_layer/tools.csv`` or, failing that, from the O*NET
commodity class in ``id_layer/commodity_parents.csv``).
"""

from __future__ import annotations

import re
from pathlib import Path

from . import sources
from .draft import Draft
from .idlayer import read_layer, split_multi

VENDORS = (
    "Amazon Web Services",
    "Amazon",
    "Apache",
    "Apple",
    "Atlassian",
    "Adobe",
    "Autodesk",
    "Cisco Systems",
    "Cisco",
    "Google",
    "IBM",
    "Microsoft",
    "Oracle",
    "Red Hat",
    "SAP",
    "The MathWorks",
)
GENERIC_TAIL = {"software", "system", "systems", "tools", "sites", "libraries", "language"}


def slug(text: str) -> str:
    """Return a lower-case ASCII slug: ``Node.js`` -> ``node-js``, ``C#`` -> ``c-sharp``."""
    text = text.replace("C#", "c-sharp").replace("C++", "c-plus-plus").replace("+", "-plus")
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def is_generic(name: str) -> bool:
    """True for O*NET category names such as "Database software" rather than products."""
    words = name.split()
    tail = words[-1].lower()
    return tail in GENERIC_TAIL and all(w.islower() for w in words[1:]) and not name.isupper()


def _spells(acronym: str, words: list[str]) -> bool:
    """True if the acronym's letters occur in order in the words, starting at a word's initial."""
    letters = [c for c in acronym.lower() if c.isalnum()]
    text = " ".join(words).lower()
    if not letters or not any(w.lower().startswith(letters[0]) for w in words):
        return False
    pos = 0
    for letter in letters:
        pos = text.find(letter, pos) + 1
        if pos == 0:
            return False
    return True


def derived_aliases(name: str) -> list[tuple[str, str]]:
    """Aliases implied by an O*NET name: a spelled-out acronym, the name without vendor."""
    out: list[tuple[str, str]] = []
    words = name.split()
    if len(words) > 1 and words[-1].lower() == "software":
        words = words[:-1]
        name = " ".join(words)
        out.append((name, "tool"))
    if (
        len(words) > 1
        and re.fullmatch(r"[A-Z][A-Z0-9/.&-]{1,7}", words[-1])
        and _spells(words[-1], words[:-1])
    ):
        out.append((words[-1], "abbr"))
        out.append((" ".join(words[:-1]), "tool"))
    for vendor in VENDORS:
        rest = name[len(vendor) + 1 :]
        if name.startswith(vendor + " ") and not re.fullmatch(r"[A-Z]?[a-z]+", rest):
            out.append((rest, "tool"))
            break
    return out


def select_onet(source: Path, forced: set[str]) -> list[dict[str, str]]:
    """Pick O*NET technologies used by IT occupations (hot or widely listed) and forced ones."""
    picked = []
    for row in sources.read_onet_summary(source):
        name = row["Example"].strip()
        n_it = int(row["n_it_occupations"] or 0)
        hot = row["hot"] == "True" or row["in_demand"] == "True"
        if name in forced or ((n_it >= 4 or (n_it >= 2 and hot)) and not is_generic(name)):
            picked.append(row)
    return picked


def _index(drafts: dict[str, Draft]) -> dict[str, str]:
    """Map ESCO labels, then alternative labels, to skill ids; keys exact and case-folded."""
    index: dict[str, str] = {}
    ordered = sorted(drafts.values(), key=lambda d: d.id)
    for draft in ordered:
        for name in (draft.label_en, re.sub(r" \(computer programming\)$", "", draft.label_en)):
            index[name] = index[name.casefold()] = draft.id
    for draft in ordered:
        for alias in draft.aliases:
            if alias.kind == "alt":
                index.setdefault(alias.text, draft.id)
                index.setdefault(alias.text.casefold(), draft.id)
    return index


def _match(index: dict[str, str], names: list[str]) -> str:
    """The id of the ESCO skill one of ``names`` names; names up to 4 characters match exactly."""
    for name in names:
        skill_id = index.get(name if len(name) <= 4 else name.casefold(), "")
        if skill_id:
            return skill_id
    return ""


def add_tools(source: Path, layer_dir: Path, drafts: dict[str, Draft]) -> dict[str, str]:
    """Add tools to ``drafts`` in place; return {tool name: skill id it resolved to}."""
    curated = read_layer(layer_dir / "tools.csv")
    commodity_parent = {
        r["commodity"]: r["parent_id"] for r in read_layer(layer_dir / "commodity_parents.csv")
    }
    by_onet = {r["onet_name"]: r for r in curated if r["onet_name"]}
    index = _index(drafts)
    resolved: dict[str, str] = {}

    entries: list[tuple[str, str, dict[str, str] | None]] = []
    for row in select_onet(source, set(by_onet)):
        entries.append(
            (row["Example"].strip(), row["commodity"].strip(), by_onet.get(row["Example"].strip()))
        )
    entries += [(r["name"], r["group"], r) for r in curated if not r["onet_name"]]

    for onet_name, commodity, cur in entries:
        name = (cur or {}).get("name") or onet_name
        aliases = [(onet_name, "tool")] + derived_aliases(onet_name)
        aliases += [(a, "tool") for a in split_multi((cur or {}).get("aliases", ""))]
        same_as = (cur or {}).get("same_as", "")
        target = (
            "" if same_as == "-" else same_as or _match(index, [name] + [a for a, _ in aliases])
        )
        if target and target in drafts:
            draft = drafts[target]
            for text, kind in [(name, "tool")] + aliases:
                draft.add_alias(text, "en", kind)
            resolved[name] = target
            continue
        tool_id = "tool-" + slug(name)
        draft = drafts.get(tool_id) or Draft(
            id=tool_id, uri=None, label_en=name, type="tool", group=commodity
        )
        draft.label_id = draft.label_id or name
        draft.parent = (
            (cur or {}).get("parent_id") or draft.parent or commodity_parent.get(commodity) or None
        )
        for text, kind in aliases:
            draft.add_alias(text, "en", kind)
        drafts[tool_id] = draft
        resolved[name] = tool_id
    return resolved
