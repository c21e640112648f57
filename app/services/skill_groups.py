"""Display names of the skill groups. The vocabulary keys each skill's group by its English name
(ESCO's skill groups, the project's tool groups); searches and filters compare that key. The
Indonesian names are the project's own, in ``matching/data/id_layer/group_labels.csv``."""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

from app.language import current_language

GROUP_LABELS_FILE = (
    Path(__file__).resolve().parents[2] / "matching" / "data" / "id_layer" / "group_labels.csv"
)


@lru_cache(maxsize=1)
def indonesian_group_labels() -> dict[str, str]:
    """English group name -> Indonesian label, read once per process."""
    with GROUP_LABELS_FILE.open(encoding="utf-8", newline="") as handle:
        return {row["group"]: row["label_id"] for row in csv.DictReader(handle) if row["label_id"]}


def group_label(group: str | None, locale: str | None = None) -> str:
    """The name of ``group`` to show in ``locale`` (the request's language when not given): the
    Indonesian label in ``"id"``, the English name otherwise; a name without a label (a group
    the file does not know, or "Other" already in the report's language) is shown as it is."""
    if not group:
        return ""
    if (locale or current_language()) != "id":
        return group
    return indonesian_group_labels().get(group, group)
