"""Occupations (ESCO ICT occupations, KBJI 2014 unit groups), SKKNI units and SMK programmes."""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

from matching.vocab.model import Occupation, Programme

from . import sources
from .draft import Draft
from .idlayer import read_layer, split_multi
from .sources import uuid_of


def build_occupations(
    source: Path, layer_dir: Path, drafts: dict[str, Draft], pairs: list[tuple[str, str]]
) -> list[Occupation]:
    """Return ESCO ICT occupations and KBJI unit groups; set each skill's ``kbji`` codes."""
    kbji_titles = {r["kode"]: r["judul"] for r in sources.read_kbji(source) if r["digit"] == "4"}
    isco_en = {r["code"]: r["title_en"] for r in read_layer(layer_dir / "isco_titles.csv")}
    occ_id = {r["id"]: r["label_id"] for r in read_layer(layer_dir / "occupations_id.csv")}
    skills_of: dict[str, set[str]] = defaultdict(set)
    for occupation_uri, skill_id in pairs:
        skills_of[occupation_uri].add(skill_id)

    occupations: list[Occupation] = []
    group_skills: dict[str, set[str]] = defaultdict(set)
    for row in sources.read_occupations(source):
        uri = row["conceptUri"].strip()
        code = row["iscoGroup"].strip()
        skill_ids = skills_of.get(uri, set())
        if code in kbji_titles:
            for skill_id in skill_ids:
                drafts[skill_id].kbji.add(code)
        group_skills[code] |= skill_ids
        occupations.append(
            Occupation(
                id=uuid_of(uri),
                uri=uri,
                code=code,
                label_en=" ".join(row["preferredLabel"].split()),
                label_id=occ_id.get(uuid_of(uri)) or kbji_titles.get(code, ""),
                skills=tuple(sorted(skill_ids)),
            )
        )
    for code, title in kbji_titles.items():
        occupations.append(
            Occupation(
                id=f"kbji-{code}",
                uri=None,
                code=code,
                label_en=isco_en.get(code, ""),
                label_id=title,
                skills=tuple(sorted(group_skills.get(code, set()))),
            )
        )
    return sorted(occupations, key=lambda o: o.id)


def merge_skkni(source: Path, layer_dir: Path, drafts: dict[str, Draft]) -> None:
    """Attach SKKNI unit codes to skills from the hand-written ``skkni.csv`` mapping."""
    known = {r["unit_code"].strip() for r in sources.read_skkni(source)}
    for row in read_layer(layer_dir / "skkni.csv"):
        code = row["unit_code"]
        if code not in known:
            print(f"warning: skkni: unit {code} is not in the source list", file=sys.stderr)
        for skill_id in split_multi(row["id"]):
            if skill_id in drafts:
                drafts[skill_id].skkni.add(code)
            else:
                print(f"warning: skkni: unknown skill id {skill_id!r} for {code}", file=sys.stderr)


def build_programmes(layer_dir: Path, drafts: dict[str, Draft]) -> list[Programme]:
    """Return the SMK programmes with their old names, concentrations and skills."""
    skills: dict[str, set[str]] = defaultdict(set)
    for row in read_layer(layer_dir / "programme_skills.csv"):
        if row["id"] in drafts:
            skills[row["code"]].add(row["id"])
        else:
            print(f"warning: programme {row['code']}: unknown skill {row['id']!r}", file=sys.stderr)
    return [
        Programme(
            code=row["code"],
            name_id=row["name_id"],
            aliases=tuple(split_multi(row["aliases"])),
            skills=tuple(sorted(skills.get(row["code"], set()))),
            concentrations=tuple(split_multi(row.get("concentrations", ""))),
        )
        for row in read_layer(layer_dir / "programmes.csv")
    ]
