"""Home page, dashboard redirect, language switch, health check, about the data."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    redirect,
    render_template,
    send_file,
    session,
    url_for,
)
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from app.auth import policy
from app.main.forms import LanguageForm
from app.profile import current_profile, profile_stylesheet
from app.services import accounts
from app.services.health import check_alive, check_ready
from app.urls import safe_next

bp = Blueprint("main", __name__)


@bp.route("/")
def index() -> str:
    """What each kind of user can do here."""
    return render_template("main/index.html")


@bp.route("/dashboard")
@login_required
def dashboard() -> Response:
    """Send each role to its own dashboard."""
    return redirect(url_for(policy.home_endpoint(current_user)))


@bp.route("/language", methods=["POST"])
def set_language() -> Response:
    """Remember the chosen UI language and go back where the user was."""
    form = LanguageForm()
    target = url_for("main.index")
    if form.validate_on_submit():
        locale = form.locale.data
        if locale in current_app.config["LANGUAGES"]:
            session["locale"] = locale
            if current_user.is_authenticated:
                accounts.set_locale(current_user, locale)
        target = safe_next(form.next.data) or target
    return redirect(target)


@bp.route("/healthz")
def healthz() -> tuple[dict[str, str], int]:
    """Liveness for a load balancer or supervisor: 200 while this process answers, with the
    database's state for information (a database outage is ``/readyz``'s concern: restarting
    the web process would not mend it)."""
    return check_alive(), 200


@bp.route("/readyz")
def readyz() -> tuple[dict[str, str], int]:
    """JSON readiness: database, Redis (when used), model and skill index loaded."""
    ready, report = check_ready()
    return report, 200 if ready else 503


# Flask-Talisman's per-view options (what its decorator sets): a load balancer's probe speaks
# plain HTTP to the app, so the health check answers it instead of redirecting to HTTPS.
healthz.talisman_view_options = {"force_https": False}  # type: ignore[attr-defined]
readyz.talisman_view_options = {"force_https": False}  # type: ignore[attr-defined]


@bp.route("/about/data")
def about_data() -> str:
    """Sources of the skill vocabulary and classifications, with their attributions."""
    return render_template("main/about_data.html")


@bp.route("/profile.css")
def profile_css() -> Response:
    """The deployment profile's colours (linked from every page when the profile sets one)."""
    return Response(profile_stylesheet(current_profile()), mimetype="text/css")


@bp.route("/profile/logo")
def profile_logo() -> Response:
    """The deployment profile's logo (404 when it has none)."""
    logo = current_profile().logo_file
    if logo is None:
        abort(404)
    return send_file(logo, max_age=3600)


@bp.route("/about/privacy")
def privacy() -> str:
    """The privacy notice: what is processed, and the profile's data controller and contact."""
    return render_template("main/privacy.html")
