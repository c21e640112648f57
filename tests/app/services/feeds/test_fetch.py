"""The bounded fetch: http(s) from a local server (private hosts allowed), files under the local
feed directory, a size cap, other schemes, local and private addresses and files elsewhere
refused."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest

from app.services.feeds.fetch import FeedError, fetch

BODY = b'<script type="application/ld+json">{"@type": "JobPosting"}</script>'


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - the http.server name
        if self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", f"http://127.0.0.1:{self.server.server_address[1]}/feed")
            self.end_headers()
            return
        if self.path == "/missing":
            self.send_error(404)
            return
        body = BODY * (100 if self.path == "/big" else 1)
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    """A local HTTP server (the tests never reach the internet)."""
    httpd = HTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_http(server: str) -> None:
    assert fetch(f"{server}/feed", 10_000, 5, allow_private=True) == BODY
    assert fetch(f"{server}/redirect", 10_000, 5, allow_private=True) == BODY


@pytest.mark.parametrize(("path", "words"), [("/big", "larger than"), ("/missing", "HTTP 404")])
def test_http_refusals(server: str, path: str, words: str) -> None:
    with pytest.raises(FeedError, match=words):
        fetch(f"{server}{path}", 1_000, 5, allow_private=True)


def test_files(tmp_path: Path) -> None:
    feed = tmp_path / "lowongan.html"
    feed.write_bytes(BODY)

    assert fetch(str(feed), 1_000, 5, local_dir=tmp_path) == BODY
    assert fetch(feed.as_uri(), 1_000, 5, local_dir=tmp_path) == BODY
    with pytest.raises(FeedError, match="larger than"):
        fetch(str(feed), 10, 5, local_dir=tmp_path)


def test_files_outside_the_local_directory_are_refused(tmp_path: Path) -> None:
    inside = tmp_path / "feeds"
    inside.mkdir()
    outside = tmp_path / "rahasia.txt"
    outside.write_bytes(BODY)
    for url in (str(outside), outside.as_uri(), str(inside / ".." / "rahasia.txt"), "/etc/passwd"):
        with pytest.raises(FeedError, match="only from"):
            fetch(url, 1_000, 5, local_dir=inside)
    with pytest.raises(FeedError, match="only from"):
        fetch(str(outside), 1_000, 5)  # no local directory: no local file


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1/feed", "http://localhost/feed", "http://10.0.0.5/", "http://169.254.169.254/",
     "http://[::1]/", "http://[::ffff:127.0.0.1]/", "http://0.0.0.0/", "http://224.0.0.1/"],
)  # fmt: skip
def test_local_and_private_hosts_are_refused(url: str) -> None:
    with pytest.raises(FeedError, match="public addresses only"):
        fetch(url, 1_000, 5)


def test_a_redirect_to_a_private_host_is_refused(server: str, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from app.services.feeds import fetch as module

    # the first host passes the check (as a public name would), the redirect's does not
    checked: list[str] = []
    real = module.check_host

    def first_passes(url: str) -> None:
        checked.append(url)
        if len(checked) > 1:
            real(url)

    monkeypatch.setattr(module, "check_host", first_passes)
    with pytest.raises(FeedError, match="public addresses only"):
        fetch(f"{server}/redirect", 1_000, 5)
    assert checked[1].endswith("/feed")


@pytest.mark.parametrize("url", ["ftp://example.com/feed.json", "gopher://x/", "data:,{}"])
def test_other_schemes_are_refused(url: str) -> None:
    with pytest.raises(FeedError, match="Only http"):
        fetch(url, 1_000, 5)
