"""The one guarded entry for a feed's bytes: an http(s) URL fetched with a timeout and a size cap,
or a local file (a path or a ``file:`` URL) under the feeds' local directory, read with the same
cap. Hosts that resolve to loopback, private, link-local, reserved or multicast addresses are
refused (and so is a redirect to one) unless the caller allows private hosts. Any other scheme,
a failed fetch or a body over the cap raises :class:`FeedError`."""

from __future__ import annotations

import ipaddress
import socket
import urllib.error
import urllib.request
from email.message import Message
from pathlib import Path
from typing import IO
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


def blocked_address(address: str) -> bool:
    """An address a feed may not reach: loopback, private, link-local, reserved, multicast or
    unspecified (an IPv4-mapped IPv6 address is judged as its IPv4 address)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return (
        ip.is_loopback
        or ip.is_private
        or ip.is_link_local
        or ip.is_reserved
        or ip.is_multicast
        or ip.is_unspecified
    )


def check_host(url: str) -> None:
    """Refuse an http(s) URL whose host resolves to an address a feed may not reach."""
    parsed = urlparse(url)
    if parsed.scheme.lower() not in ("http", "https"):
        raise FeedError(_l("The source redirected to an unsupported address."))
    host = parsed.hostname or ""
    try:
        port = parsed.port
        infos = socket.getaddrinfo(host, port or 80, type=socket.SOCK_STREAM)
    except (OSError, ValueError, UnicodeError) as error:
        raise FeedError(_l("The host %(host)s cannot be resolved.", host=host[:100])) from error
    for info in infos:
        if blocked_address(str(info[4][0])):
            raise FeedError(
                _l(
                    "The host %(host)s is a local or private address (%(ip)s): feeds are read "
                    "from public addresses only.",
                    host=host[:100],
                    ip=info[4][0],
                )
            )


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only to an http(s) address a feed may reach."""

    def __init__(self, allow_private: bool) -> None:
        self.allow_private = allow_private

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: Message,
        newurl: str,
    ) -> urllib.request.Request | None:
        if urlparse(newurl).scheme.lower() not in ("http", "https"):
            raise FeedError(_l("The source redirected to an unsupported address."))
        if not self.allow_private:
            check_host(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch(
    url: str,
    max_bytes: int,
    timeout: float,
    *,
    local_dir: Path | None = None,
    allow_private: bool = False,
) -> bytes:
    """The bytes of a source, at most ``max_bytes`` of them, within ``timeout`` seconds. A
    local file is read only under ``local_dir`` (none without it); private and local hosts are
    refused unless ``allow_private`` (tests serving a feed on 127.0.0.1)."""
    check_source(url)
    if is_local(url):
        return _read_file(url, max_bytes, local_dir)
    if not allow_private:
        check_host(url)
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})  # noqa: S310
    opener = urllib.request.build_opener(_CheckedRedirects(allow_private))
    try:
        with opener.open(request, timeout=timeout) as response:
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
        if isinstance(reason, FeedError):
            raise reason from error
        raise FeedError(
            _l("The source cannot be fetched: %(why)s.", why=str(reason)[:200])
        ) from error


def _read_file(url: str, max_bytes: int, local_dir: Path | None) -> bytes:
    path = Path(unquote(urlparse(url).path) if url.lower().startswith("file:") else url)
    if local_dir is None or not path.resolve().is_relative_to(Path(local_dir).resolve()):
        raise FeedError(
            _l(
                "Local feed files are read only from %(dir)s (not %(path)s).",
                dir=str(local_dir or "-"),
                path=str(path)[:200],
            )
        )
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
