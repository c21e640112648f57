"""CSV exports whose text cells cannot start a spreadsheet formula (one rule for every export)."""

from __future__ import annotations

import csv
import io

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """A text cell that a spreadsheet would run as a formula gets a leading apostrophe (exports
    hold other organisations' names and vacancy sentences)."""
    if not isinstance(value, str):
        return value
    if "\r" in value:  # the writer quotes cells with "\n" only: a bare CR would split the row
        value = value.replace("\r\n", "\n").replace("\r", "\n")
        if value.startswith("\n"):
            return "'" + value
    return "'" + value if value.startswith(FORMULA_START) else value


class SafeWriter:
    """``csv.writer`` whose text cells cannot start a formula."""

    def __init__(self, buffer: io.StringIO) -> None:
        self._writer = csv.writer(buffer, lineterminator="\n")

    def writerow(self, row: list[object]) -> None:
        self._writer.writerow([safe_cell(value) for value in row])
