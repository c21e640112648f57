"""Pages where providers and schools keep their training catalogue."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from app.auth import policy
from app.auth.decorators import capability_required
from app.services import training_catalogue as catalogue
from app.services.regions import region_choices
from app.skill_forms import SkillLinkForm, SkillPickForm
from app.trainings.forms import TrainingForm

bp = Blueprint("trainings", __name__)
provider_only = capability_required(policy.manages_curricula)


def _input(form: TrainingForm) -> catalogue.TrainingInput:
    return catalogue.TrainingInput(
        title=form.title.data,
        description=form.description.data,
        mode=form.mode.data,
        audience=form.audience.data or "seekers",
        region_id=form.region_id.data or None,
        duration_hours=form.duration_hours.data,
        cost=form.cost.data or 0,
    )


def _form(obj: object | None = None) -> TrainingForm:
    form = TrainingForm(obj=obj)
    form.region_id.choices = [(0, "—")] + region_choices()
    return form


@bp.route("/")
@provider_only
def index() -> str:
    """The organisation's trainings."""
    return render_template(
        "trainings/index.html", trainings=catalogue.list_for_provider(current_user)
    )


@bp.route("/new", methods=["GET", "POST"])
@provider_only
def new() -> str | Response:
    """Describe a training; its skills are suggested from the text."""
    form = _form()
    if form.validate_on_submit():
        training = catalogue.create_training(current_user, _input(form))
        flash(_("Training saved. Check the suggested skills."), "success")
        return redirect(url_for("trainings.detail", training_id=training.id))
    return render_template("trainings/form.html", form=form, training=None)


@bp.route("/<int:training_id>")
@capability_required(policy.oversees_curricula)
def detail(training_id: int) -> str:
    """One training with its skills."""
    training = catalogue.get_for_provider(training_id, current_user)
    return render_template(
        "trainings/detail.html",
        training=training,
        skills_job=catalogue.skills_job(training),
        add_form=SkillPickForm(),
        link_form=SkillLinkForm(),
    )


@bp.route("/<int:training_id>/edit", methods=["GET", "POST"])
@provider_only
def edit(training_id: int) -> str | Response:
    """Edit a training; a changed text is read again, the provider's skill choices stay."""
    training = catalogue.get_for_provider(training_id, current_user)
    form = _form(training)
    if form.validate_on_submit():
        catalogue.update_training(training, _input(form), current_user)
        flash(_("Training saved."), "success")
        return redirect(url_for("trainings.detail", training_id=training.id))
    return render_template("trainings/form.html", form=form, training=training)


@bp.route("/<int:training_id>/skills", methods=["POST"])
@provider_only
def add_skill(training_id: int) -> Response:
    """Add a skill from the vocabulary."""
    training = catalogue.get_for_provider(training_id, current_user)
    form = SkillPickForm()
    if form.validate_on_submit():
        catalogue.add_skill(training, form.skill_id.data)
        flash(_("Skill added."), "success")
    else:
        flash(_("Choose a skill from the suggestions list."), "danger")
    return redirect(url_for("trainings.detail", training_id=training.id) + "#skills")


@bp.route("/<int:training_id>/skills/<int:link_id>/<action>", methods=["POST"])
@provider_only
def change_skill(training_id: int, link_id: int, action: str) -> Response:
    """Accept or remove a skill."""
    training = catalogue.get_for_provider(training_id, current_user)
    if SkillLinkForm().validate_on_submit():
        if action == "remove":
            catalogue.remove_skill(training, link_id)
        elif action == "importance":
            catalogue.accept_skill(training, link_id)
    return redirect(url_for("trainings.detail", training_id=training.id) + "#skills")
