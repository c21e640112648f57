"""Every regular expression that runs on user text stays linear: 100 KB of adversarial text each.

The patterns are collected from the modules that read uploads and free text (module-level
compiled patterns, also inside lists and tuples), and the functions that use inline patterns are
called directly. Each input must finish in under a second.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator

import pytest

import curricula.assemble
import curricula.fields
import curricula.limits
import curricula.text
import curricula.titles
import matching.importance
import matching.linking.text
from curricula import parse_text
from curricula.fields import clean_outcome, parse_int, parse_level, parse_phase, split_unit_header
from curricula.titles import TitleInfo
from matching.linking.text import (
    break_long_lines,
    clauses,
    clip_sentences,
    clip_text,
    sentences,
    tokens,
)

MODULES = (
    curricula.assemble,
    curricula.fields,
    curricula.limits,
    curricula.text,
    curricula.titles,
    matching.importance,
    matching.linking.text,
)
SIZE = 100_000
# Runs of one character and repeated short motifs, each closed by a character that makes a
# match fail late ('!'), which is what exposes backtracking.
MOTIFS = (
    " ",
    "\t",
    "\n",
    "1",
    "A",
    ".",
    "-",
    ",",
    "(",
    "•",
    "a ",
    "A1",
    "1.",
    " - ",
    "a, ",
    "TI1",
    "kelas ",
    "cpmk-1",
    '"\\',
    "## TI",
)


def adversarial() -> Iterator[tuple[str, str]]:
    """(name, text) of every adversarial input."""
    for motif in MOTIFS:
        body = motif * (SIZE // len(motif))
        yield f"{motif!r}*n+!", body + "!"
        yield f"!+{motif!r}*n", "!" + body


def patterns() -> Iterator[tuple[str, re.Pattern[str]]]:
    """Every compiled pattern held by the modules above."""
    for module in MODULES:
        for name, value in vars(module).items():
            items = value if isinstance(value, list | tuple) else [value]
            for item in items:
                for part in item if isinstance(item, tuple) else (item,):
                    if isinstance(part, re.Pattern):
                        yield f"{module.__name__}.{name}", part


def timed(call: Callable[[], object]) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


PATTERNS = list(patterns())
# A backtracking pattern takes minutes on 100 kB; a linear one well under a second even on a busy
# 2-core machine. The bound separates the two; it is not a speed target.
LINEAR_BOUND_S = 5.0


@pytest.mark.parametrize(("name", "pattern"), PATTERNS, ids=[n for n, _ in PATTERNS])
def test_each_pattern_is_linear_on_100_kb(name: str, pattern: re.Pattern[str]) -> None:
    for label, text in adversarial():
        for how in (pattern.match, pattern.search, pattern.split):
            took = timed(lambda text=text, how=how: how(text))  # type: ignore[misc]
            assert took < LINEAR_BOUND_S, f"{name} {how.__name__} on {label}: {took:.2f}s"


FUNCTIONS: dict[str, Callable[[str], object]] = {
    "split_unit_header": split_unit_header,
    "clean_outcome": clean_outcome,
    "parse_int": lambda t: _quiet(parse_int, t, "hours"),
    "parse_phase": lambda t: _quiet(parse_phase, t),
    "parse_level": lambda t: _quiet(parse_level, t),
    "title_line": lambda t: TitleInfo().read_line(t),
    "parse_text": lambda t: _quiet(parse_text, "# K\n\n## Unit\n\n- " + t),
    "sentences": sentences,
    "clauses": lambda t: [clauses(s, t) for s in sentences(t)],
    "tokens": tokens,
    "clip_text": lambda t: clip_text(t, 20_000),
    "break_long_lines": lambda t: break_long_lines(t, 500),
    "clip_sentences": lambda t: clip_sentences(t, 400),
}


def _quiet(function: Callable[..., object], *args: object) -> object:
    try:
        return function(*args)
    except ValueError:  # FieldError, CurriculumParseError: an answer, not a hang
        return None


@pytest.mark.parametrize("name", list(FUNCTIONS))
def test_each_text_function_is_linear_on_100_kb(name: str) -> None:
    function = FUNCTIONS[name]
    for label, text in adversarial():
        took = timed(lambda text=text: function(text))  # type: ignore[misc]
        assert took < LINEAR_BOUND_S, f"{name} on {label}: {took:.2f}s"
