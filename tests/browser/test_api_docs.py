"""The API documentation page (Swagger UI served by the app) renders the OpenAPI document in a
real browser under the site's Content-Security-Policy, with no violation and no outside request."""

from __future__ import annotations

from typing import Any

from tests.browser.test_csp import Watch


def test_api_docs_render_under_the_csp(live_server, page: Any) -> None:  # type: ignore[no-untyped-def]
    base = live_server.url
    watch = Watch(page, base)
    outside: list[str] = []
    page.on("request", lambda r: None if r.url.startswith(base) else outside.append(r.url))
    page.goto(base + "/api/docs/")
    page.get_by_text("/api/v1/skills/extract").first.wait_for()
    assert "Link & Match API" in page.locator(".swagger-ui .info").inner_text()
    assert outside == [] and watch.without_csp == []
    assert watch.violations() == [] and watch.errors == []
