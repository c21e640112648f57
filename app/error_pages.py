"""The app's error answers: friendly pages, JSON for API-style requests, an over-limit upload
sent back to its form."""

from __future__ import annotations

from flask import Flask, flash, redirect, render_template, request, url_for

from app import database


def register_errorhandlers(app: Flask) -> None:
    """Friendly pages for 400/403/404/413/500/503; JSON for API-style requests."""
    from flask_wtf.csrf import CSRFError
    from sqlalchemy.exc import DBAPIError

    from app.auth.throttle import too_many_requests
    from app.services.errors import NotFoundError, PermissionDeniedError

    def render_error(error: Exception, code: int):  # type: ignore[no-untyped-def]
        if request.path.startswith("/api/v1/"):  # no route matched, or outside a view
            from app.api.problems import problem

            return problem(code)
        if request.accept_mimetypes.best == "application/json":
            return {"error": code}, code
        return render_template(f"errors/{code}.html", error=error), code

    def database_unavailable(error: DBAPIError):  # type: ignore[no-untyped-def]
        """The database cannot answer (down, restarting, timed out): 503, try again."""
        database.prepare_unavailable_page(error)
        return render_error(error, 503)

    def too_large(error: Exception):  # type: ignore[no-untyped-def]
        """An upload over MAX_CONTENT_LENGTH: back to its form, with the form's limit named."""
        from app.services.uploads import UPLOAD_FORMS, too_large_message

        drain_request_body()
        form = UPLOAD_FORMS.get(request.endpoint or "")
        if form is None or request.accept_mimetypes.best == "application/json":
            return render_error(error, 413)
        flash(too_large_message(form[0]), "danger")
        return redirect(url_for(form[1]), 303)

    def server_error(error: Exception):  # type: ignore[no-untyped-def]
        """A bug: roll back first, so that the page, which reads the signed-in user, does not
        meet a session a failed write left needing it (a bare "Internal Server Error")."""
        from app.extensions import db

        try:
            db.session.rollback()
        except Exception:  # noqa: BLE001 - the connection is gone: the page asks for a new one
            try:
                db.session.remove()  # closes it and returns its connection to the pool
            except Exception:  # noqa: BLE001
                db.session.registry.clear()
        return render_error(error, 500)

    for code in (400, 403, 404):
        app.register_error_handler(code, lambda e, c=code: render_error(e, c))
    app.register_error_handler(500, server_error)
    app.register_error_handler(413, too_large)
    app.register_error_handler(CSRFError, lambda e: render_error(e, 400))
    app.register_error_handler(429, too_many_requests)
    app.register_error_handler(PermissionDeniedError, lambda e: render_error(e, 403))
    app.register_error_handler(NotFoundError, lambda e: render_error(e, 404))
    app.register_error_handler(DBAPIError, database_unavailable)


def drain_request_body() -> None:
    """Read and drop an over-limit request body (up to UPLOAD_DRAIN_MAX_BYTES), so that the
    client gets the answer instead of a connection reset while it is still sending."""
    from flask import current_app

    left = request.content_length or 0
    if left > current_app.config["UPLOAD_DRAIN_MAX_BYTES"]:
        return
    stream = request.environ.get("wsgi.input")
    while stream is not None and left > 0:
        chunk = stream.read(min(left, 65536))
        if not chunk:
            break
        left -= len(chunk)
