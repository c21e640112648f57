"""Where a 'next' link may send the browser: only to a path on this site."""

from __future__ import annotations

from urllib.parse import urlsplit


def safe_next(target: str | None) -> str | None:
    """``target`` when it is a relative path on this site, else None.

    Browsers drop tabs and newlines from a URL and read a backslash as a slash, so
    ``/<TAB>/evil.example`` or ``/\\evil.example`` would lead off-site; any such character is
    refused outright, and so is anything with a scheme or a host.
    """
    if not target or not target.startswith("/") or target.startswith("//"):
        return None
    if "\\" in target or any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target


def site_path(endpoint: str, **values: object) -> str:
    """A path on this site, built the same in a request and outside one (CLI, jobs)."""
    from flask import current_app

    return current_app.url_map.bind("localhost").build(endpoint, values)


def absolute_url(path: str) -> str:
    """A link for an email: ``SITE_URL`` + a path on this site. Never built from the request's
    Host header (which a stranger controls)."""
    from flask import current_app

    return current_app.config["SITE_URL"].rstrip("/") + path


def external_url(endpoint: str, **values: object) -> str:
    """An absolute link to an endpoint, for an email."""
    return absolute_url(site_path(endpoint, **values))
