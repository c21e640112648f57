"""How a page shows what a form or a service refused (``app.form_errors``)."""

from __future__ import annotations

from flask import Flask, get_flashed_messages
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired

from app.form_errors import accepted, flash_form_errors, flash_refusal, show_under_field
from app.services.errors import ValidationError


class _Form(FlaskForm):
    name = StringField("Name", validators=[DataRequired(message="Fill in the name.")])
    scopes = StringField("Scopes")


def _refuse(field: str) -> None:
    raise ValidationError(field, "Taken.")


def test_a_refusal_goes_under_its_field_also_on_a_form_not_validated(app: Flask) -> None:
    with app.test_request_context("/"):
        form = _Form(meta={"csrf": False})  # fields' errors are still a tuple here
        show_under_field(form, ValidationError("name", "Taken."))
        show_under_field(form, ValidationError("unknown", "Pick a scope."), fallback="scopes")
        assert (form.name.errors, form.scopes.errors) == (["Taken."], ["Pick a scope."])


def test_accepted_says_whether_the_service_went_through(app: Flask) -> None:
    with app.test_request_context("/"):
        form = _Form(meta={"csrf": False})
        assert accepted(form, lambda: None) is True
        assert form.name.errors == ()
        assert accepted(form, lambda: _refuse("name")) is False
        assert form.name.errors == ["Taken."]


def test_flashed_lines_name_the_field_and_csrf(app: Flask) -> None:
    with app.test_request_context("/", method="POST", data={}):
        form = _Form()
        assert not form.validate()
        flash_form_errors(form)
        flash_refusal(form, ValidationError("name", "Taken."))
        flash_refusal(form, ValidationError("not_on_the_form", "Refused."))
        lines = get_flashed_messages(with_categories=True)
    assert {category for category, _line in lines} == {"danger"}
    assert [line for _category, line in lines][-2:] == ["Name: Taken.", "Refused."]
    refused = sorted(line.split(":")[0] for _category, line in lines[:-2])
    assert refused == ["CSRF", "Name"]
