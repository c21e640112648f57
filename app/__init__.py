"""The Link & Match Flask application factory."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from flask import Flask, has_request_context, request, session
from flask_login import current_user
from werkzeug.routing import IntegerConverter

from app import database, request_log
from app.config import Config, ProductionConfig, config_from_env
from app.error_pages import register_errorhandlers
from app.extensions import (
    babel,
    bootstrap,
    csrf,
    db,
    init_security_headers,
    limiter,
    login_manager,
    mail,
    migrate,
)
from app.jobs import daily
from app.language import current_language
from app.profile import apply_profile
from matching import settings as matching_settings
from matching.embedding.paths import set_offline_env


def configure_matching(config: Mapping[str, Any]) -> None:
    """Hand matching/ its model folder, caches and threads from the app's config."""
    matching_settings.configure(
        matching_settings.make_settings(
            config.get("MATCHING_MODEL_DIR"),
            config.get("MATCHING_CACHE_DIR"),
            config.get("MATCHING_INDEX_CACHE_DIR"),
            config.get("MATCHING_THREADS"),
        )
    )


def create_app(config_class: type[Config] | None = None, **overrides: object) -> Flask:
    """Build the application from a config class (default: from LINKMATCH_ENV)."""
    config_class = config_class or config_from_env()
    set_offline_env()
    app = Flask(__name__, instance_relative_config=False)
    app.config.from_object(config_class)
    apply_profile(app.config, overrides)
    app.config.update(overrides)
    app.url_map.converters["int"] = DatabaseIdConverter
    database.engine_options(app)
    configure_matching(app.config)
    production = issubclass(config_class, ProductionConfig)
    if production:
        ProductionConfig.validate(app.config)
    os.makedirs(app.instance_path, exist_ok=True)
    if app.config.get("TRUSTED_PROXY_COUNT"):
        from werkzeug.middleware.proxy_fix import ProxyFix

        hops = app.config["TRUSTED_PROXY_COUNT"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)  # type: ignore[method-assign]
    register_extensions(app)
    request_log.init_app(app)
    database.init_app(app)
    daily.init_app(app)
    if production:
        refuse_demo_accounts(app)
    register_blueprints(app)
    register_errorhandlers(app)
    register_template_context(app)
    register_commands(app)
    return app


class DatabaseIdConverter(IntegerConverter):
    """``<int:...>`` in every route: ids beyond a database integer are a 404, never a 500."""

    def __init__(self, url_map: object, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("max", 2**31 - 1)
        super().__init__(url_map, *args, **kwargs)  # type: ignore[arg-type]


def refuse_demo_accounts(app: Flask) -> None:
    """Raise RuntimeError when the database holds demo logins (their password is public).
    A database without tables yet (before ``flask db upgrade``) holds none; one that cannot be
    reached is logged and left to fail on first use."""
    from sqlalchemy.exc import OperationalError

    from app.services.demo import demo_accounts_present

    with app.app_context():
        try:
            found = demo_accounts_present()
        except OperationalError as error:
            app.logger.warning("Could not check the database for demo accounts: %s", error)
            return
        finally:
            db.session.remove()
    if found:
        raise RuntimeError(
            f"Refusing to start in production: the database holds demo accounts "
            f"({', '.join(found)}; the demo scene's logins, whose password is published). "
            f"Delete these accounts, or use a database never seeded with `flask seed demo`, "
            f"before starting with LINKMATCH_ENV=production"
        )


def select_locale() -> str:
    """The UI language: the user's choice in the session, else Indonesian."""
    languages = _languages()
    if not has_request_context():
        return languages[0]
    if request.path.startswith("/api/v1/"):  # API clients say so in Accept-Language
        return request.accept_languages.best_match(languages) or languages[0]
    chosen = session.get("locale")
    if chosen in languages:
        return chosen
    if getattr(current_user, "is_authenticated", False) and current_user.locale in languages:
        return current_user.locale
    return languages[0]


def _languages() -> tuple[str, ...]:
    from flask import current_app

    return tuple(current_app.config["LANGUAGES"])


def register_extensions(app: Flask) -> None:
    """Initialise the extensions on the app."""
    from app import models  # noqa: F401 - register the models on the metadata
    from app.services.accounts import load_user

    db.init_app(app)
    from app.services import demand

    demand.register(db.session)
    from app.services import seeker_supply

    seeker_supply.register(db.session)
    migrate.init_app(app, db, render_as_batch=True)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    bootstrap.init_app(app)
    mail.init_app(app)
    init_security_headers(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message_category = "warning"
    login_manager.user_loader(load_user)
    from flask_babel import lazy_gettext as _l

    login_manager.login_message = _l("Please log in to open this page.")

    @app.teardown_request
    def forget_request_caches(_error: BaseException | None) -> None:
        """Locale, signed-in user and CSRF token are cached on the app context; drop them with
        the request (an app context can outlive a request, as in tests and CLI commands)."""
        from flask import g
        from flask_babel import refresh

        refresh()
        g.pop("_login_user", None)
        g.pop(app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token"), None)  # per session


def register_blueprints(app: Flask) -> None:
    """Attach one blueprint per feature."""
    from app.admin.accounts import bp as admin_accounts_bp
    from app.admin.outbox import bp as admin_outbox_bp
    from app.admin.views import bp as admin_bp
    from app.api.views import bp as api_bp
    from app.auth.account import bp as account_bp
    from app.auth.views import bp as auth_bp
    from app.employers.sync import bp as partner_sync_bp
    from app.employers.views import bp as employers_bp
    from app.invitations.views import bp as invitations_bp
    from app.jobs.views import bp as jobs_bp
    from app.main.views import bp as main_bp
    from app.notifications.views import bp as notifications_bp
    from app.opendata.views import bp as opendata_bp
    from app.organisations.api_tokens import bp as api_tokens_bp
    from app.organisations.views import bp as organisations_bp
    from app.planner.views import bp as planner_bp
    from app.schools.bkk import bp as bkk_bp
    from app.schools.graduates import bp as graduates_bp
    from app.schools.sync import bp as sync_bp
    from app.schools.teachers import bp as teachers_bp
    from app.schools.tracer import bp as tracer_bp
    from app.schools.views import bp as schools_bp
    from app.seekers.views import bp as seekers_bp
    from app.trainings.views import bp as trainings_bp
    from app.vacancies.views import bp as vacancies_bp

    app.register_blueprint(main_bp)
    app.register_blueprint(auth_bp, url_prefix="/auth")
    app.register_blueprint(account_bp, url_prefix="/account")
    app.register_blueprint(seekers_bp, url_prefix="/seeker")
    app.register_blueprint(employers_bp, url_prefix="/employer")
    app.register_blueprint(organisations_bp, url_prefix="/organisation")
    app.register_blueprint(jobs_bp, url_prefix="/jobs")
    app.register_blueprint(schools_bp, url_prefix="/school")
    app.register_blueprint(graduates_bp, url_prefix="/school/curricula")
    app.register_blueprint(sync_bp, url_prefix="/school/sync")
    app.register_blueprint(partner_sync_bp, url_prefix="/employer/sync")
    app.register_blueprint(bkk_bp, url_prefix="/school/bkk")
    app.register_blueprint(teachers_bp, url_prefix="/school/curricula")
    app.register_blueprint(tracer_bp, url_prefix="/school/curricula")
    app.register_blueprint(invitations_bp, url_prefix="/i")
    app.register_blueprint(admin_bp, url_prefix="/admin")
    app.register_blueprint(planner_bp, url_prefix="/planner")
    app.register_blueprint(admin_accounts_bp, url_prefix="/admin/accounts")
    app.register_blueprint(admin_outbox_bp, url_prefix="/admin/outbox")
    app.register_blueprint(api_bp, url_prefix="/api")
    app.register_blueprint(vacancies_bp, url_prefix="/vacancies")
    app.register_blueprint(trainings_bp, url_prefix="/school/trainings")
    app.register_blueprint(notifications_bp, url_prefix="/notifications")
    app.register_blueprint(opendata_bp, url_prefix="/data")
    app.register_blueprint(api_tokens_bp)
    from app.api import init_api

    init_api(app)


def register_template_context(app: Flask) -> None:
    """Values every template may use."""
    from flask_babel import format_percent

    from app.auth import policy
    from app.labels import highlight, label, occupation_title, rupiah, salary_range
    from app.services.clock import today as local_today
    from app.services.paging import page_window
    from app.services.skill_groups import group_label

    app.jinja_env.globals["deployment"] = app.config["PROFILE"]  # the region's profile
    app.jinja_env.globals["label"] = label
    app.jinja_env.globals["policy"] = policy
    app.jinja_env.globals["salary_range"] = salary_range
    app.jinja_env.globals["occupation_title"] = occupation_title
    app.jinja_env.globals["group_label"] = group_label  # skill groups, keyed in English
    app.jinja_env.globals["format_percent"] = format_percent
    app.jinja_env.globals["today"] = local_today
    app.jinja_env.globals["page_window"] = page_window
    app.jinja_env.filters["highlight"] = highlight
    app.jinja_env.filters["rupiah"] = rupiah

    @app.context_processor
    def inject_locale() -> dict[str, object]:
        return {"current_locale": current_language(), "languages": _languages()}


def register_commands(app: Flask) -> None:
    """Click command groups: users, seed, vocab."""
    from app.cli import register

    register(app)
