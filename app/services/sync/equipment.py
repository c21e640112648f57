"""The equipment a unit needs to teach a skill, from the project's data file
(``app/data/equipment.json``: skill id -> items named in Indonesian and English)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

EQUIPMENT_FILE = Path(__file__).resolve().parents[2] / "data" / "equipment.json"


@cache
def _table(path: Path = EQUIPMENT_FILE) -> dict[str, list[dict[str, str]]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return {key: items for key, items in data.items() if not key.startswith("_")}


def skill_key(skill_id: str) -> str:
    """The key of a skill in the data file: an ESCO URI is reduced to its id."""
    return skill_id.rstrip("/").rsplit("/", 1)[-1]


def equipment_for(skill_id: str, locale: str = "id") -> list[str]:
    """The equipment for a skill, named in ``locale`` (Indonesian unless 'en'); [] if none."""
    lang = "en" if locale.startswith("en") else "id"
    return [item[lang] for item in _table().get(skill_key(skill_id), [])]


def known_skills() -> frozenset[str]:
    """The skill ids the data file lists."""
    return frozenset(_table())
