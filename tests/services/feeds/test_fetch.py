"""The bounded fetch: http(s) from a local server, files, a size cap, other schemes refused."""

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
    assert fetch(f"{server}/feed", 10_000, 5) == BODY


@pytest.mark.parametrize(("path", "words"), [("/big", "larger than"), ("/missing", "HTTP 404")])
def test_http_refusals(server: str, path: str, words: str) -> None:
    with pytest.raises(FeedError, match=words):
        fetch(f"{server}{path}", 1_000, 5)


def test_files(tmp_path: Path) -> None:
    feed = tmp_path / "lowongan.html"
    feed.write_bytes(BODY)

    assert fetch(str(feed), 1_000, 5) == BODY
    assert fetch(feed.as_uri(), 1_000, 5) == BODY
    with pytest.raises(FeedError, match="larger than"):
        fetch(str(feed), 10, 5)


@pytest.mark.parametrize("url", ["ftp://example.com/feed.json", "gopher://x/", "data:,{}"])
def test_other_schemes_are_refused(url: str) -> None:
    with pytest.raises(FeedError, match="Only http"):
        fetch(url, 1_000, 5)
