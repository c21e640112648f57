"""Notification forms: buttons that change state (CSRF-protected POSTs)."""

from __future__ import annotations

from flask_wtf import FlaskForm


class MarkAllReadForm(FlaskForm):
    """Mark every notification read."""


class UnsubscribeForm(FlaskForm):
    """Confirm stopping the digest emails."""
