"""JSON (de)serialisation of vocabulary records: stable field order, UTF-8, one object a line."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from .model import Alias, Occupation, Programme, Skill


def dumps(record: Skill | Occupation | Programme) -> str:
    """Return one record as a compact JSON line (no trailing newline)."""
    return json.dumps(asdict(record), ensure_ascii=False, separators=(",", ":"))


def skill_from(data: dict[str, Any]) -> Skill:
    """Rebuild a :class:`Skill` from its JSON object."""
    return Skill(
        id=data["id"],
        uri=data.get("uri"),
        label_en=data["label_en"],
        label_id=data["label_id"],
        type=data["type"],
        group=data.get("group", ""),
        description=data.get("description", ""),
        aliases=tuple(Alias(**a) for a in data.get("aliases", ())),
        parent=data.get("parent"),
        skkni=tuple(data.get("skkni", ())),
        kbji=tuple(data.get("kbji", ())),
    )


def occupation_from(data: dict[str, Any]) -> Occupation:
    """Rebuild an :class:`Occupation` from its JSON object."""
    return Occupation(**{**data, "skills": tuple(data.get("skills", ()))})


def programme_from(data: dict[str, Any]) -> Programme:
    """Rebuild a :class:`Programme` from its JSON object."""
    return Programme(
        code=data["code"],
        name_id=data["name_id"],
        aliases=tuple(data.get("aliases", ())),
        skills=tuple(data.get("skills", ())),
        concentrations=tuple(data.get("concentrations", ())),
    )
