"""The planners' pages that are only figures: each registers the function that computes its
figures from the filters, and the generic view (``app.planner.views.page``) and downloads
serve it. A page module registers itself on import: ``load_pages`` imports every module of
``app.services.planner`` (``app.planner.views`` calls it), so a new page needs no other edit."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass

from app.services.planner import Figure, Filters

FigureFunction = Callable[[Filters], list[Figure]]


@dataclass(frozen=True)
class Page:
    """A page: its URL name, its heading and introduction (lazy strings, translated when
    shown), its place in the planners' menu and the function computing its figures."""

    name: str
    title: object
    intro: object
    order: int
    figures: FigureFunction | None
    endpoint: str | None = None  # a page with its own view (e.g. the what-if) instead


PAGES: dict[str, Page] = {}


def register_page(
    name: str, title: object, intro: object = "", order: int = 50
) -> Callable[[FigureFunction], FigureFunction]:
    """Register ``figures(filters) -> list[Figure]`` as the page ``/planner/<name>``."""

    def decorator(figures: FigureFunction) -> FigureFunction:
        PAGES[name] = Page(name=name, title=title, intro=intro, order=order, figures=figures)
        return figures

    return decorator


def register_view(name: str, title: object, endpoint: str, order: int = 50) -> None:
    """Put a page that has its own view (``endpoint``, no figures of its own) in the menu."""
    PAGES[name] = Page(name=name, title=title, intro="", order=order, figures=None,
                       endpoint=endpoint)  # fmt: skip


def menu() -> list[Page]:
    """The registered pages in menu order."""
    return sorted(PAGES.values(), key=lambda page: (page.order, page.name))


def find_figure(page: str, name: str, filters: Filters) -> Figure | None:
    """One figure of a page for the filters (None when the page or figure is unknown)."""
    registered = PAGES.get(page)
    if registered is None or registered.figures is None:
        return None
    return next((f for f in registered.figures(filters) if f.name == name), None)


def load_pages() -> dict[str, Page]:
    """Import every module of ``app.services.planner`` (each registers its pages on import) and
    return the registry."""
    import app.services.planner as package

    for module in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"{package.__name__}.{module.name}")
    return PAGES
