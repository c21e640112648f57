"""Pages of a long list: the rows of one page and what the page links need."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Paging:
    """Where one page stands in the whole list."""

    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        """How many pages there are."""
        return max(1, -(-self.total // self.per_page))
