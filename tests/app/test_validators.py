"""Request values read safely (``app.validators``) and page numbers (``services.paging``)."""

from __future__ import annotations

import pytest

from app.services.paging import Paging, page_window
from app.validators import normalise_phone, optional_between, whole_number


@pytest.mark.parametrize(
    ("raw", "phone"),
    [
        ("0812 3456 7890", "+6281234567890"),
        ("0812-3456-789", "+628123456789"),
        ("(0254) 123.4567", "+622541234567"),
        ("62 812 3456 7890", "+6281234567890"),
        ("+62 812-3456-7890", "+6281234567890"),
        ("", ""),
        ("   ", ""),
        (None, ""),
    ],
)
def test_indonesian_numbers_become_plus_62(raw: str | None, phone: str) -> None:
    assert normalise_phone(raw) == phone  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "raw",
    [
        "812 3456 7890",  # no leading 0 or country code
        "0812 345",  # too short
        "0812 3456 7890 123",  # too long
        "+1 415 555 0100",  # another country
        "+620812345678",  # a 0 after the country code
        "0812-3456-789x",
        "０８１２３４５６７８９０",  # full-width digits
    ],
)
def test_other_numbers_are_refused(raw: str) -> None:
    assert normalise_phone(raw) is None


@pytest.mark.parametrize(
    ("text", "number"),
    [("0", 0), ("7", 7), ("000123", 123), ("999999999", 999_999_999)],
)
def test_whole_numbers(text: str, number: int) -> None:
    assert whole_number(text) == number


@pytest.mark.parametrize(
    "text", [None, "", "-1", "1.5", " 1", "1e3", "²", "١٢", "1234567890", "abc", "0x10"]
)
def test_what_is_not_a_short_ascii_whole_number_is_none(text: str | None) -> None:
    assert whole_number(text) is None


def test_the_digit_limit_is_a_parameter() -> None:
    assert whole_number("123456", 6) == 123456
    assert whole_number("1234567", 6) is None


@pytest.mark.parametrize(
    ("total", "per_page", "pages"), [(0, 10, 1), (1, 10, 1), (10, 10, 1), (11, 10, 2), (101, 50, 3)]
)
def test_page_counts(total: int, per_page: int, pages: int) -> None:
    assert Paging(total=total, page=1, per_page=per_page).pages == pages


@pytest.mark.parametrize(
    ("page", "pages", "window"),
    [
        (1, 1, [1]),
        (1, 3, [1, 2, 3]),
        (1, 10, [1, 2, 3, None, 10]),
        (5, 10, [1, 2, 3, 4, 5, 6, 7, None, 10]),
        (6, 10, [1, None, 4, 5, 6, 7, 8, 9, 10]),
        (10, 10, [1, None, 8, 9, 10]),
        (4, 7, [1, 2, 3, 4, 5, 6, 7]),
        (500, 1000, [1, None, 498, 499, 500, 501, 502, None, 1000]),
    ],
)
def test_page_windows_keep_the_ends_and_show_a_single_gap_page(
    page: int, pages: int, window: list[int | None]
) -> None:
    assert page_window(page, pages) == window


def test_the_window_width_is_a_parameter() -> None:
    assert page_window(5, 9, around=0) == [1, None, 5, None, 9]
    assert page_window(5, 9, around=1) == [1, None, 4, 5, 6, None, 9]


@pytest.mark.parametrize(
    ("value", "ok"), [(None, True), (1999, False), (2000, True), (2100, True), (2101, False)]
)
def test_optional_between_takes_a_blank_or_a_number_in_the_range(app, value, ok) -> None:  # type: ignore[no-untyped-def]
    from flask_wtf import FlaskForm
    from wtforms import IntegerField

    class YearForm(FlaskForm):
        year = IntegerField("Year", validators=optional_between(2000, 2100, "Enter a year."))

    with app.test_request_context(
        "/", method="POST", data={"year": "" if value is None else str(value)}
    ):
        form = YearForm(meta={"csrf": False})
        assert form.validate() is ok
        assert form.year.errors == ([] if ok else ["Enter a year."])
