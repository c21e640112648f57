"""How a page shows what a form or a service refused: under the field the refusal names (a page
that renders the form again), or as flashed lines "Label: message" (a page that redirects)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import flash
from flask_wtf import FlaskForm

from app.services.errors import ValidationError


def show_under_field(form: FlaskForm, error: ValidationError, fallback: str = "") -> None:
    """Put a service's refusal under the form's field it names (``fallback``: the field to use
    when the form has no field of that name). Works on a form not validated yet, whose fields'
    errors are still a tuple."""
    name = error.field if not fallback or hasattr(form, error.field) else fallback
    field = getattr(form, name)
    field.errors = [*field.errors, error.message]


def accepted(form: FlaskForm, action: Callable[[], Any]) -> bool:
    """Run ``action`` (one service call): True when it went through; False when the service
    refused, its message then shown under the field it names."""
    try:
        action()
    except ValidationError as error:
        show_under_field(form, error)
        return False
    return True


def _label(form: FlaskForm, name: str) -> str | None:
    if name == "csrf_token":
        return "CSRF"
    field = getattr(form, name, None)
    return None if field is None else str(field.label.text)


def flash_refusal(form: FlaskForm, error: ValidationError) -> None:
    """Flash a service's refusal as "Label: message" (the message alone when the form has no
    field of that name)."""
    label = _label(form, error.field)
    flash(f"{label}: {error.message}" if label else error.message, "danger")


def flash_form_errors(form: FlaskForm) -> None:
    """Flash every field the form refused, one line a field: "Label: messages"."""
    for name, errors in form.errors.items():
        flash(f"{_label(form, name) or name}: {' '.join(map(str, errors))}", "danger")
