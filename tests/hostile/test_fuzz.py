"""Properties of every guarded entry: any input gives a parsed value or the project's own error,
within the time budget (Hypothesis; ``tests/hostile/fuzzing.py`` sets the examples and seed).

Inputs are raw bytes, and bytes shaped like each format (curriculum-like text in several
encodings, DOCX and PDF wrappers around fuzzed text, JSON trees, CSV rows), since raw bytes
rarely get past the type sniffing.
"""

from __future__ import annotations

import contextlib
import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.services import vacancy_import, vacancy_rows
from app.services.cv import cv_text
from app.services.errors import ValidationError
from app.services.vacancy_files import ValueProblemError, read_amount, read_date
from curricula import CurriculumParseError, parse_document
from curricula.limits import InputLimitError, load_json
from matching.linking.text import clip_text, sentences, tokens
from tests.hostile import make_files as files
from tests.hostile.fuzzing import FUZZ, within_budget

CURRICULUM_NAMES = ("k.md", "k.txt", "k.csv", "k.json", "k.pdf", "k.docx", "k.exe")
# Pieces of curricula and vacancy files, so that generated text reaches the parsers' inner rules.
PIECES = (
    "# ",
    "## ",
    "### ",
    "TI",
    "PPLG-E01",
    "1",
    "2000",
    "a",
    " ",
    "\n",
    "\r",
    "\t",
    ".",
    ",",
    ";",
    ":",
    "-",
    "|",
    "(",
    ")",
    '"',
    "\\",
    "3 SKS",
    "Semester 2",
    "Fase E",
    "Kelas XI",
    "72 JP",
    "CPMK-1:",
    "Mata Kuliah:",
    "Elemen:",
    "Peserta didik mampu ",
    "- ",
    "1. ",
    "Program Keahlian: ",
    "unit_code,unit_name,phase,semester,hours,credits,outcome\n",
    "²",
    "\ud800",
    "é",
    "•",
    "Rp ",
    "4.500.000",
    "juta",
)
fragments = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=8)), max_size=60).map(
    "".join
)
jsonish = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | fragments
    | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(fragments, inner, max_size=5),
    max_leaves=30,
)


def encoded(text: str, encoding: str) -> bytes:
    return text.encode(encoding, errors="replace" if encoding == "cp1252" else "surrogatepass")


document_bytes = st.one_of(
    st.binary(max_size=4000),
    st.builds(encoded, fragments, st.sampled_from(["utf-8", "utf-16", "cp1252", "utf-8-sig"])),
    jsonish.map(lambda tree: json.dumps(tree).encode("utf-8", "surrogatepass")),
    fragments.map(
        lambda text: files.docx(files.paragraph(text, "Heading2") + files.paragraph(text))
    ),
    st.binary(max_size=300).map(lambda content: files._pdf(files._page_objects(content))),
)


@FUZZ
@given(data=document_bytes, filename=st.sampled_from(CURRICULUM_NAMES))
def test_any_curriculum_file_is_parsed_or_refused(data: bytes, filename: str) -> None:
    try:
        result = within_budget(lambda: parse_document(data, filename))
    except CurriculumParseError as error:
        assert error.issues and all(issue.message for issue in error.issues)
    else:
        assert result.curriculum.units


@FUZZ
@given(data=document_bytes, filename=st.sampled_from(["cv.pdf", "cv.docx", "cv.txt", "cv"]))
def test_any_cv_is_read_or_refused(app, data: bytes, filename: str) -> None:  # type: ignore[no-untyped-def]
    with app.test_request_context():
        try:
            text = within_budget(lambda: cv_text(data, filename))
        except ValidationError as error:
            assert error.field == "file" and error.message
        else:
            assert text.strip()


vacancy_cells = st.one_of(fragments, st.sampled_from(["", "Kota Serang", "full_time", "sma_smk"]))
vacancy_csv = st.lists(
    st.lists(vacancy_cells, min_size=1, max_size=10).map(lambda cells: ",".join(cells)),
    max_size=8,
).map(lambda rows: "\n".join([files.VACANCY_HEADER, *rows]))
vacancy_json = st.lists(
    st.dictionaries(st.sampled_from([*vacancy_import.COLUMNS, "other"]), jsonish, max_size=10),
    max_size=5,
).map(lambda items: json.dumps(items))


@FUZZ
@given(
    data=st.one_of(
        st.binary(max_size=3000),
        vacancy_csv.map(lambda t: t.encode("utf-8", "surrogatepass")),
        vacancy_json.map(lambda t: t.encode("utf-8", "surrogatepass")),
    ),
    filename=st.sampled_from(["v.csv", "v.json", "v.txt"]),
)
def test_any_vacancy_file_gives_rows_with_errors_or_a_refusal(
    app, data: bytes, filename: str
) -> None:  # type: ignore[no-untyped-def]
    with app.test_request_context():
        try:
            rows = within_budget(lambda: vacancy_import.read_rows(data, filename))
        except ValidationError as error:
            assert error.field == "file" and error.message
            return
        checker = vacancy_rows._RowChecker({"kota serang": 1})
        for line, raw in rows:
            checked, errors = checker.check(line, raw)
            assert (checked is None) == bool(errors)
            for error in errors:
                assert error.line == line and error.message


@FUZZ
@given(value=st.one_of(jsonish, fragments))
def test_any_amount_or_date_is_read_or_refused(app, value: Any) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    with app.test_request_context():
        for read in (
            lambda: read_amount(value, 10**9),
            lambda: read_date(value, date(2000, 1, 1), date(2030, 1, 1)),
        ):
            try:
                result = read()
            except ValueProblemError as problem:
                assert problem.message
            else:
                assert result is None or isinstance(result, int | date)


@FUZZ
@given(amount=st.integers(min_value=0, max_value=10**9), prefix=st.sampled_from(["", "Rp ", "Rp"]))
def test_amounts_written_the_indonesian_way_read_back_exactly(
    app, amount: int, prefix: str
) -> None:  # type: ignore[no-untyped-def]
    dotted = f"{amount:,}".replace(",", ".")
    with app.test_request_context():
        assert read_amount(prefix + dotted, 10**9) == amount
        assert read_amount(str(amount), 10**9) == amount
        if amount % 100_000 == 0:
            millions = f"{amount / 1_000_000:g}".replace(".", ",")
            assert read_amount(f"{millions} juta", 10**9) == amount


@FUZZ
@given(text=st.one_of(fragments, st.text()), depth=st.integers(0, 60))
def test_any_json_is_loaded_or_refused(text: str, depth: int) -> None:
    for candidate in (text, "[" * depth + text + "]" * depth):
        with contextlib.suppress(InputLimitError, json.JSONDecodeError):
            load_json(candidate)


@FUZZ
@given(text=st.one_of(fragments, st.text(max_size=3000)), limit=st.integers(1, 2000))
def test_linker_text_is_clipped_and_segmented_safely(text: str, limit: int) -> None:
    kept, cut = clip_text(text, limit)
    assert len(kept) <= limit and text.startswith(kept) and cut == (len(text) > limit)
    for sentence in sentences(kept):
        assert kept[sentence.start : sentence.end] == sentence.text
    for token in tokens(kept):
        assert 0 <= token.start < token.end <= len(kept)


@pytest.fixture(scope="module")
def skill_index():  # type: ignore[no-untyped-def]
    from matching.linking.runtime import build_vocabulary_index

    return build_vocabulary_index("e5")


@FUZZ
@given(texts=st.lists(st.one_of(fragments, st.text(max_size=300)), min_size=1, max_size=4))
def test_linker_finds_mentions_in_any_text(skill_index, texts: list[str]) -> None:  # type: ignore[no-untyped-def]
    from matching.mentions import extract_many_with_names

    found = within_budget(lambda: extract_many_with_names(skill_index, texts))
    for text, mentions in zip(texts, found, strict=True):
        for mention in mentions:
            assert text[mention.start : mention.end] == mention.evidence
