"""Skill group names (``app.services.skill_groups``): every group of the shipped vocabulary has
an Indonesian label of its own, and the lookup gives it in Indonesian, the key in English."""

from __future__ import annotations

import csv

from flask import Flask
from flask_babel import force_locale

from app.services.skill_groups import GROUP_LABELS_FILE, group_label, indonesian_group_labels
from matching.vocab import load_vocabulary


def test_every_group_of_the_vocabulary_has_an_indonesian_label() -> None:
    with GROUP_LABELS_FILE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and list(rows[0]) == ["group", "label_id", "source"]
    keys = [row["group"] for row in rows]
    assert len(keys) == len(set(keys))
    groups = {skill.group for skill in load_vocabulary().skills if skill.group}
    assert groups <= set(keys), sorted(groups - set(keys))[:10]
    assert set(keys) <= groups, sorted(set(keys) - groups)[:10]  # no label for a gone group
    for row in rows:
        label = row["label_id"].strip()
        assert label, row
        assert label == row["label_id"], row  # no stray spaces
        assert label.casefold() != row["group"].casefold(), row  # written, not copied
        assert row["source"] == "project", row


def test_group_label_in_each_language(app: Flask) -> None:
    key = "database and network design and administration"
    assert indonesian_group_labels()[key] == "Desain dan administrasi basis data dan jaringan"
    assert group_label(key, "id") == "Desain dan administrasi basis data dan jaringan"
    assert group_label(key, "en") == key
    assert group_label("a group nobody labelled", "id") == "a group nobody labelled"
    assert group_label(None, "id") == group_label("", "en") == ""
    with app.test_request_context():
        with force_locale("id"):
            assert group_label("computer use") == "Penggunaan komputer"
        with force_locale("en"):
            assert group_label("computer use") == "computer use"
