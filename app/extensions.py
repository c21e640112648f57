"""Flask extensions, created once and initialised in ``create_app``."""

from __future__ import annotations

from flask import Flask
from flask_babel import Babel
from flask_bootstrap import Bootstrap5
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_mailman import Mail
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_talisman import Talisman
from flask_wtf import CSRFProtect
from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base with a naming convention so migrations name constraints."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


db = SQLAlchemy(model_class=Base)
migrate = Migrate()
login_manager = LoginManager()
csrf = CSRFProtect()
babel = Babel()
bootstrap = Bootstrap5()
mail = Mail()
# no default limits: each throttled view names its own (app/auth/throttle.py)
limiter = Limiter(key_func=get_remote_address)


def init_security_headers(app: Flask) -> Talisman:
    """Security headers from the app's config (Content-Security-Policy, X-Frame-Options DENY,
    nosniff, Referrer-Policy, Permissions-Policy; HTTPS redirect and HSTS when configured).
    Talisman keeps its options on the instance, so each app gets its own (tests build apps with
    different configs in one process)."""
    config = app.config
    talisman = Talisman()
    talisman.init_app(
        app,
        content_security_policy=config["CONTENT_SECURITY_POLICY"],
        frame_options="DENY",
        referrer_policy=config["REFERRER_POLICY"],
        permissions_policy=config["PERMISSIONS_POLICY"],
        x_content_type_options=True,
        force_https=config["FORCE_HTTPS"],
        strict_transport_security=config["HSTS"],
        # Talisman would otherwise overwrite the cookie settings: keep the config's own.
        session_cookie_secure=config["SESSION_COOKIE_SECURE"],
        session_cookie_samesite=config["SESSION_COOKIE_SAMESITE"],
        session_cookie_http_only=config["SESSION_COOKIE_HTTPONLY"],
    )
    app.extensions["talisman"] = talisman
    return talisman


def enable_sqlite_foreign_keys() -> None:
    """SQLite checks foreign keys (and runs ON DELETE CASCADE) only when asked, per connection."""
    import sqlite3

    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    @event.listens_for(Engine, "connect")
    def _on_connect(dbapi_connection: object, _record: object) -> None:
        if isinstance(dbapi_connection, sqlite3.Connection):
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()


enable_sqlite_foreign_keys()
