"""The OpenAPI document: valid OpenAPI 3, every /api/v1 route and method in it, schemas for
requests and answers; the documentation page served by the app under its CSP."""

from __future__ import annotations

import re

from openapi_spec_validator import validate


def test_document_is_valid_and_lists_every_route(app, client) -> None:  # type: ignore[no-untyped-def]
    spec = client.get("/api/v1/openapi.json").json
    validate(spec)
    documented = {
        (path, method.upper())
        for path, item in spec["paths"].items()
        for method in item
        if method in ("get", "post", "put", "delete")
    }
    routes = {
        (re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule), method)
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/api/v1/") and rule.endpoint != "api-docs.openapi_json"
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    assert routes and routes == documented
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if method not in ("get", "post", "put", "delete"):
                continue
            assert "200" in operation["responses"], (path, method)
            if method in ("post", "put"):
                assert "requestBody" in operation, (path, method)
    writes = spec["paths"]["/api/v1/vacancies"]["post"]
    assert writes["security"] == [{"bearerAuth": []}]


def test_docs_page_is_served_without_a_cdn(client) -> None:  # type: ignore[no-untyped-def]
    page = client.get("/api/docs/")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "<script>" not in html  # CSP: no inline script
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert len(sources) == 4
    for src in sources:
        assert src.startswith("/"), src  # served by the app, no CDN
        assert client.get(src).status_code == 200, src
    assert "script-src 'self'" in page.headers["Content-Security-Policy"]
