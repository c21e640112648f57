"""Display names of stored codes (``app.labels``): every code the models store has a name in
both languages, unknown codes show as themselves, and amounts, salary ranges and highlighted
evidence are written the Indonesian way and escaped."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from flask import Flask
from flask_babel import force_locale

from app.labels import LABELS, choices, highlight, label, rupiah, salary_range
from app.models import application, curriculum, seeker, sync, tracer, training, user, vacancy

STORED = {
    "role": user.ROLES,
    "employment_type": vacancy.EMPLOYMENT_TYPES,
    "education_level": vacancy.EDUCATION_LEVELS,
    "vacancy_status": vacancy.VACANCY_STATUSES,
    "organisation_kind": user.ORGANISATION_KINDS,
    "verification_status": user.VERIFICATION_STATUSES,
    "moderation_status": vacancy.MODERATION_STATUSES,
    "report_reason": vacancy.REPORT_REASONS,
    "importance": vacancy.IMPORTANCE,
    "visibility": seeker.VISIBILITY,
    "application_status": application.APPLICATION_STATUSES,
    "rejection_reason": application.REJECTION_REASONS,
    "training_mode": training.TRAINING_MODES,
    "training_audience": training.TRAINING_AUDIENCES,
    "tracer_status": tracer.TRACER_STATUSES,
    "curriculum_status": curriculum.CURRICULUM_STATUSES,
    "curriculum_level": curriculum.CURRICULUM_LEVELS,
    "sync_action_kind": sync.ACTION_KINDS,
    "sync_action_status": sync.ACTION_STATUSES,
}


@pytest.mark.parametrize("kind", sorted(STORED))
def test_every_stored_code_has_a_label(kind: str) -> None:
    assert set(LABELS[kind]) == set(STORED[kind])


@pytest.mark.parametrize("locale", ["id", "en"])
def test_labels_are_words_not_codes_in_both_languages(app: Flask, locale: str) -> None:
    with app.test_request_context(), force_locale(locale):
        for kind, codes in STORED.items():
            for code in codes:
                shown = label(kind, code)
                assert shown and shown != code, (kind, code, locale)


def test_indonesian_and_english_labels_differ(app: Flask) -> None:
    with app.test_request_context():
        with force_locale("id"):
            indonesian = label("application_status", "rejected")
        with force_locale("en"):
            english = label("application_status", "rejected")
    assert (indonesian, english) == ("Ditolak", "Rejected")


def test_unknown_codes_and_kinds_show_as_themselves() -> None:
    assert label("role", "astronaut") == "astronaut"
    assert label("no_such_kind", "x") == "x"
    assert label("role", None) == "—"


def test_choices_keep_the_declared_order(app: Flask) -> None:
    with app.test_request_context(), force_locale("en"):
        assert [code for code, _name in choices("employment_type")] == list(
            vacancy.EMPLOYMENT_TYPES
        )
        assert dict(choices("importance")) == {"required": "Required", "preferred": "Nice to have"}
    with pytest.raises(KeyError):
        choices("no_such_kind")


@pytest.mark.parametrize(
    ("amount", "shown"),
    [
        (None, "—"),
        (0, "Rp 0"),
        (999, "Rp 999"),
        (4_500_000, "Rp 4.500.000"),
        (10**9, "Rp 1.000.000.000"),
    ],
)
def test_rupiah(amount: int | None, shown: str) -> None:
    assert rupiah(amount) == shown


@pytest.mark.parametrize(
    ("low", "high", "shown"),
    [
        (4_500_000, 6_000_000, "Rp 4.500.000 – Rp 6.000.000"),
        (5_000_000, 5_000_000, "Rp 5.000.000"),
        (5_000_000, None, "Rp 5.000.000"),
        (None, 6_000_000, "Rp 6.000.000"),
    ],
)
def test_salary_ranges(low: int | None, high: int | None, shown: str) -> None:
    assert salary_range(SimpleNamespace(salary_min=low, salary_max=high)) == shown


def test_an_unstated_salary_says_so(app: Flask) -> None:
    with app.test_request_context(), force_locale("en"):
        assert salary_range(SimpleNamespace(salary_min=None, salary_max=None)) == (
            "Salary not stated"
        )


def test_highlights_are_escaped_and_skip_overlapping_or_outside_spans() -> None:
    text = "Bayar <b>biaya</b> & transfer"
    marked = highlight(text, [(21, 29), (6, 18), (10, 12), (25, 99)])
    assert str(marked) == (
        "Bayar <mark>&lt;b&gt;biaya&lt;/b&gt;</mark> &amp; <mark>transfer</mark>"
    )
    assert str(highlight("<i>", [])) == "&lt;i&gt;"
