"""The one guarded entry for a feed's bytes: an http(s) URL fetched with a timeout and a size cap,
or a local file (a path or a ``file:`` URL) read with the same cap. Any other scheme, a failed
fetch or a body over the cap raises :class:`FeedError`."""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import unquote, urlparse

from flask_babel import lazy_gettext as _l

CHUNK = 64 * 1024
USER_AGENT = "LinkMatch-feeds/1.0"


class FeedError(Exception):
    """The feed as a whole cannot be read (unreachable, too large, not a supported source)."""

    def __init__(self, message: object) -> None:
        super().__init__(str(message))
        self.message = str(message)


def is_local(url: str) -> bool:
    """A local file source: a ``file:`` URL or a path (no scheme)."""
    scheme = urlparse(url).scheme.lower()
    return scheme == "file" or scheme == "" or (len(scheme) == 1 and url[1:2] == ":")


def check_source(url: str) -> None:
    """Refuse a source that is neither http(s) nor a local file."""
    scheme = urlparse(url).scheme.lower()
    if not is_local(url) and scheme not in ("http", "https"):
        raise FeedError(
            _l("Only http, https and local file sources are read (got %(s)r).", s=scheme)
        )


def fetch(url: str, max_bytes: int, timeout: float) -> bytes:
    """The bytes of a source, at most ``max_bytes`` of them, within ``timeout`` seconds."""
    check_source(url)
    if is_local(url):
        return _read_file(url, max_bytes)
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            final = urlparse(response.geturl()).scheme.lower()
            if final not in ("http", "https"):  # a redirect to another scheme
                raise FeedError(_l("The source redirected to an unsupported address."))
            return _bounded(response, max_bytes)
    except FeedError:
        raise
    except urllib.error.HTTPError as error:
        raise FeedError(_l("The source answered HTTP %(code)d.", code=error.code)) from error
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        raise FeedError(
            _l("The source cannot be fetched: %(why)s.", why=str(reason)[:200])
        ) from error


def _read_file(url: str, max_bytes: int) -> bytes:
    path = Path(unquote(urlparse(url).path) if url.lower().startswith("file:") else url)
    try:
        with path.open("rb") as handle:
            return _bounded(handle, max_bytes)
    except OSError as error:
        raise FeedError(_l("The file %(path)s cannot be read.", path=str(path))) from error


def _bounded(stream: object, max_bytes: int) -> bytes:
    """Read a stream in chunks and stop as soon as it passes the cap."""
    parts: list[bytes] = []
    size = 0
    while True:
        chunk = stream.read(CHUNK)  # type: ignore[attr-defined]
        if not chunk:
            return b"".join(parts)
        size += len(chunk)
        if size > max_bytes:
            raise FeedError(_l("The source is larger than %(mb)s MB.", mb=f"{max_bytes / 2**20:g}"))
        parts.append(chunk)
