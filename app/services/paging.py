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


def page_window(page: int, pages: int, around: int = 2) -> list[int | None]:
    """The page numbers to link: the first, the last and ``around`` either side of ``page``;
    ``None`` where numbers are left out (a search may have thousands of pages)."""
    keep = {1, pages, *range(max(1, page - around), min(pages, page + around) + 1)}
    window: list[int | None] = []
    for number in sorted(keep):
        gap = number - (window[-1] or 0) if window else 1
        if gap == 2:  # one page left out: show it rather than "…"
            window.append(number - 1)
        elif gap > 2:
            window.append(None)
        window.append(number)
    return window
