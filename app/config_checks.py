"""The settings a production process refuses to start without (``ProductionConfig.validate``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.config import DEFAULT_SECRET_KEY


def refuse_unsafe_production(config: Mapping[str, Any]) -> None:
    """Raise RuntimeError, naming the fix, when a production setting is unsafe."""
    if not config.get("SECRET_KEY") or config["SECRET_KEY"] == DEFAULT_SECRET_KEY:
        raise RuntimeError(
            "Refusing to start in production with the default SECRET_KEY: set the SECRET_KEY "
            "environment variable to a long random value, e.g. the output of "
            "`python -c 'import secrets; print(secrets.token_hex(32))'`"
        )
    unsafe = [
        name
        for name in ("SESSION_COOKIE_SECURE", "REMEMBER_COOKIE_SECURE")
        if config.get(name) is not True
    ]
    if unsafe:
        raise RuntimeError(
            f"Refusing to start in production without HTTPS-only cookies: set "
            f"{' and '.join(unsafe)} to True and serve the site over HTTPS"
        )
    if config.get("ALLOW_DEMO_DATA"):
        raise RuntimeError("Refusing to start in production with ALLOW_DEMO_DATA: set it to False")
    if not str(config.get("SITE_URL", "")).startswith("https://"):
        raise RuntimeError(
            "Refusing to start in production without the site's public HTTPS address: set "
            f"LINKMATCH_SITE_URL (e.g. https://{_domain_example(config)}); links in emails "
            "(password reset, verification) start with it"
        )
    if not config.get("MAIL_SERVER"):
        raise RuntimeError(
            "Refusing to start in production without a mail server: set MAIL_SERVER (and "
            "MAIL_USERNAME, MAIL_PASSWORD); password resets and verification go by email"
        )


def _domain_example(config: Mapping[str, Any]) -> str:
    """The deployment profile's example address (production error messages)."""
    return getattr(config.get("PROFILE"), "domain_example", "linkmatch.example.go.id")
