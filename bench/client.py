"""A small HTTP session of one bench user (standard library only): cookies, CSRF tokens read
from forms, redirects not followed (a redirect is an answer: a login or a saved vacancy)."""

from __future__ import annotations

import http.cookiejar
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

CSRF_RE = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
TIMEOUT = 30.0


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None


@dataclass
class Answer:
    """What the server said: status, body, Location, milliseconds (status 0: no answer)."""

    status: int
    body: str
    location: str
    ms: float
    error: str = ""


class Session:
    """One signed-in (or anonymous) user of the site."""

    def __init__(self, base_url: str) -> None:
        self.base = base_url.rstrip("/")
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _NoRedirect()
        )

    def request(self, path: str, form: dict[str, object] | None = None) -> Answer:
        """GET ``path`` (or POST ``form``, encoded; list values repeat the field)."""
        data = urllib.parse.urlencode(form, doseq=True).encode() if form is not None else None
        request = urllib.request.Request(self.base + path, data=data)  # noqa: S310 - http(s) base
        started = time.perf_counter()
        try:
            with self.opener.open(request, timeout=TIMEOUT) as response:
                body = response.read().decode("utf-8", "replace")
                status, location = response.status, response.headers.get("Location", "")
        except urllib.error.HTTPError as error:
            body = error.read().decode("utf-8", "replace")
            status, location = error.code, error.headers.get("Location", "") or ""
        except (OSError, urllib.error.URLError) as error:  # refused, reset, timed out
            return Answer(0, "", "", (time.perf_counter() - started) * 1000, repr(error))
        return Answer(status, body, location, (time.perf_counter() - started) * 1000)

    def csrf(self, path: str) -> str:
        """The CSRF token of the form on ``path`` (empty when the page has none)."""
        found = CSRF_RE.search(self.request(path).body)
        return found.group(1) if found else ""

    def login(self, email: str, password: str) -> bool:
        """Sign in through the login form; True when the site redirected (signed in)."""
        token = self.csrf("/auth/login")
        answer = self.request(
            "/auth/login", {"email": email, "password": password, "csrf_token": token}
        )
        return answer.status in (302, 303)
