"""Structured request logs: every request gets an id (the caller's ``X-Request-ID`` or a new
one), echoed in the response, and one JSON line when it ends; errors are logged with their
traceback and the same id."""

from __future__ import annotations

import json
import logging
import re
import time
import uuid

from flask import Flask, Response, g, has_request_context, request

REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
log = logging.getLogger("linkmatch.request")


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time, level, logger, message, request id, traceback."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if has_request_context() and "request_id" in g:
            entry["request_id"] = g.request_id
        entry.update(getattr(record, "fields", {}))
        if record.exc_info:
            entry["traceback"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def init_app(app: Flask) -> None:
    """Attach request ids, and JSON log lines when ``LOG_JSON`` is on (production)."""
    if app.config.get("LOG_JSON") and not app.testing:
        handler = logging.StreamHandler()
        handler.setFormatter(JsonFormatter())
        root = logging.getLogger()
        if not any(isinstance(h.formatter, JsonFormatter) for h in root.handlers):
            root.addHandler(handler)
        root.setLevel(app.config.get("LOG_LEVEL", "INFO"))
        app.logger.handlers.clear()
        app.logger.propagate = True

    @app.before_request
    def start() -> None:
        given = request.headers.get("X-Request-ID", "")
        g.request_id = given if REQUEST_ID.fullmatch(given) else uuid.uuid4().hex
        g.request_started = time.perf_counter()

    @app.after_request
    def finish(response: Response) -> Response:
        response.headers["X-Request-ID"] = g.get("request_id", "")
        elapsed = (time.perf_counter() - g.get("request_started", time.perf_counter())) * 1000
        log.info(
            "request",
            extra={
                "fields": {
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "ms": round(elapsed, 1),
                }
            },
        )
        return response
