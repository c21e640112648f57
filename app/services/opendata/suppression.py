"""Small-cell suppression for open data (UU 27/2022): a pure function, no Flask, no database.

Rule (``docs/open_data.md``):

1. Primary: a count of people between 1 and ``threshold - 1`` (default 5) is suppressed.
2. Secondary: cells are grouped; a group whose total is published (a total row of the group)
   must not let a suppressed cell be recovered by subtraction. When exactly one cell of such a
   group is suppressed (and the total is not), the smallest other non-zero cell of the group
   (ties: the first in order) is suppressed too. A suppressed total needs nothing more (all its
   non-zero cells are then below the threshold too).

Zero cells are published (a zero describes nobody) and never picked as the second cell: absent
rows already mean zero, so a suppressed zero would protect nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Sequence
from typing import Any

THRESHOLD = 5


def is_small(value: int, threshold: int = THRESHOLD) -> bool:
    """A count that describes too few people to publish (1 to threshold - 1)."""
    return 0 < value < threshold


def suppress_group(
    values: Sequence[int], total: int | None = None, threshold: int = THRESHOLD
) -> list[bool]:
    """Which cells of one group to suppress. ``total`` is the group's published total (``None``:
    no total is published, so only primary suppression applies)."""
    flags = [is_small(value, threshold) for value in values]
    total_published = total is not None and not is_small(total, threshold)
    if total_published and sum(flags) == 1:
        others = [i for i, value in enumerate(values) if not flags[i] and value > 0]
        if others:
            flags[min(others, key=lambda i: (values[i], i))] = True
    return flags


def suppress_rows(
    rows: Sequence[dict[str, Any]],
    value_key: str,
    group_of: Callable[[dict[str, Any]], Hashable],
    is_total: Callable[[dict[str, Any]], bool],
    threshold: int = THRESHOLD,
) -> list[dict[str, Any]]:
    """Copies of ``rows`` with ``value_key`` set to ``None`` and ``suppressed`` to ``True`` where
    the rule says so (``False`` elsewhere). Rows of one group share ``group_of(row)``; the row
    for which ``is_total(row)`` holds is the group's published total (at most one per group)."""
    out = [dict(row, suppressed=False) for row in rows]
    groups: dict[Hashable, list[int]] = defaultdict(list)
    totals: dict[Hashable, int] = {}
    for index, row in enumerate(out):
        key = group_of(row)
        if is_total(row):
            totals[key] = index
        else:
            groups[key].append(index)
    for key in set(groups) | set(totals):
        members = groups.get(key, [])
        total_index = totals.get(key)
        total = None if total_index is None else out[total_index][value_key]
        flags = suppress_group([out[i][value_key] for i in members], total, threshold)
        hidden = [i for i, flag in zip(members, flags, strict=True) if flag]
        if total_index is not None and is_small(total, threshold):
            hidden.append(total_index)
        for index in hidden:
            out[index][value_key] = None
            out[index]["suppressed"] = True
    return out
