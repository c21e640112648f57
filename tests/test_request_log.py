"""Request ids and JSON log lines."""

from __future__ import annotations

import json
import logging

from app.request_log import JsonFormatter


def test_request_id_is_echoed_or_made(client) -> None:  # type: ignore[no-untyped-def]
    assert (
        client.get("/healthz", headers={"X-Request-ID": "lb-42"}).headers["X-Request-ID"] == "lb-42"
    )
    made = client.get("/healthz", headers={"X-Request-ID": "bad id <script>"})
    assert len(made.headers["X-Request-ID"]) == 32 and "<" not in made.headers["X-Request-ID"]


def test_log_lines_are_json_with_the_request_id_and_traceback(app) -> None:  # type: ignore[no-untyped-def]
    formatter = JsonFormatter()
    with app.test_request_context("/"):
        from flask import g

        g.request_id = "abc123"
        try:
            raise ValueError("boom")
        except ValueError:
            record = logging.getLogger("t").makeRecord(
                "t", logging.ERROR, __file__, 1, "failed %s", ("x",), exc_info=True
            )
            import sys

            record.exc_info = sys.exc_info()
        line = json.loads(formatter.format(record))
    assert line["request_id"] == "abc123" and line["message"] == "failed x"
    assert "ValueError: boom" in line["traceback"]
