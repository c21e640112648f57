"""The demo scene and history for a province other than Banten: the project's hand-written
Banten data moved onto the deployment profile's kabupaten/kota (codes, names and place words),
so the same seed and history generator serve every profile (``demo = "generated"``)."""

from __future__ import annotations

import csv
import json
import re
from typing import Any

from flask import has_app_context

from app.profile import BASE_DIR, Profile, current_profile, load_profile

BANTEN_REGIONS = BASE_DIR / "profiles" / "banten" / "regions.csv"
# the Banten districts by the weight the history gives them (most vacancies first)
BANTEN_ORDER = ("3671", "3674", "3603", "3672", "3604", "3673", "3602", "3601")
# place words of the Banten scene that name no kabupaten/kota (towns, kecamatan)
TOWNS = {"Rangkasbitung": "3602", "Cikupa": "3603", "Serpong": "3674", "Pamulang": "3674"}


def _names(path: object) -> dict[str, str]:
    with open(str(path), encoding="utf-8", newline="") as handle:
        return {row["code"]: row["name"] for row in csv.DictReader(handle)}


def _bare(name: str) -> str:
    for prefix in ("Kabupaten ", "Kab. ", "Kota "):
        name = name.removeprefix(prefix)
    return name


# keys and email addresses: one lower-case token, no spaces ("blk-serang", "x@example.com")
TOKEN_RE = re.compile(r'"[a-z0-9][a-z0-9.+@_-]*"')


def _replace_all(text: str, pairs: list[tuple[str, str]]) -> str:
    for old, new in pairs:
        text = text.replace(old, new)
    return text


def district_map(profile: Profile) -> dict[str, str]:
    """Banten district code -> the profile's district code (``demo_districts`` of the profile,
    else its first kabupaten/kota, in the order of the Banten weights)."""
    wanted = [c.strip() for c in profile.extra.get("demo_districts", "").split(",") if c.strip()]
    codes = wanted or list(_names(profile.regions_file))
    return {old: codes[i % len(codes)] for i, old in enumerate(BANTEN_ORDER)}


def word_map(profile: Profile) -> list[tuple[str, str]]:
    """(Banten words, the profile's words), longest first, for names and texts."""
    old_names, new_names = _names(BANTEN_REGIONS), _names(profile.regions_file)
    codes = district_map(profile)
    pairs: dict[str, str] = {}
    for old, new in codes.items():
        old_name, new_name = old_names[old], new_names[new]
        kind = "Kota " if old_name.startswith("Kota") else "Kabupaten "
        pairs[old_name] = new_name
        pairs[kind + _bare(old_name)] = new_name.replace("Kab. ", "Kabupaten ")
        pairs.setdefault(_bare(old_name), _bare(new_name))
    for town, code in TOWNS.items():
        pairs[town] = _bare(new_names[codes[code]])
    pairs["Banten"] = profile.province_name
    pairs["banten"] = profile.name
    return sorted(pairs.items(), key=lambda pair: -len(pair[0]))


def _profile(profile: Profile | None) -> Profile:
    if profile is None:  # outside an app (a list of the demo logins): LINKMATCH_PROFILE
        profile = current_profile() if has_app_context() else load_profile()
    return profile


_WORDS: dict[str, list[tuple[str, str]]] = {}


def regional_text(text: str, profile: Profile | None = None) -> str:
    """A text written for Banten (the scale generator's intros, names and summaries) with its
    place words moved onto the profile's; unchanged for the Banten profile."""
    profile = _profile(profile)
    if profile.demo == "handwritten":
        return text
    key = str(profile.folder)
    if key not in _WORDS:
        _WORDS[key] = word_map(profile)
    return _replace_all(text, _WORDS[key])


def regional(data: dict[str, Any], profile: Profile | None = None) -> dict[str, Any]:
    """``data`` (the demo scene or the history plan) moved onto the profile's districts; the
    Banten profile (``demo = "handwritten"``) gets it unchanged."""
    profile = _profile(profile)
    if profile.demo == "handwritten":
        return data
    codes = district_map(profile)
    text = json.dumps(data, ensure_ascii=False)
    for old, new in codes.items():
        text = text.replace(f'"{old}"', f'"\\u0000{new}"')
    for old, new in word_map(profile):
        text = text.replace(old, new)
    lowered = [(old.lower(), new.lower().replace(" ", "")) for old, new in word_map(profile)]
    text = TOKEN_RE.sub(lambda found: _replace_all(found.group(0), lowered), text)
    moved = json.loads(text.replace("\\u0000", ""))
    if "districts" in moved:  # the history: codes that fell on one district add up
        districts: dict[str, dict[str, int]] = {}
        for code, weights in data["districts"].items():
            target = districts.setdefault(codes[code], dict(weights))
            if target is not weights and target != weights:
                for key in ("vacancies", "seekers"):
                    target[key] = target.get(key, 0) + weights.get(key, 0)
        moved["districts"] = districts
    return moved
