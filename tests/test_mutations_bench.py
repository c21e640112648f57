"""The mutation check (``python -m bench.mutations``) stays runnable: every deliberate bug still
finds the exact text it changes, once, and every test it names exists."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.mutations import MUTANTS, ROOT


@pytest.mark.parametrize("mutant", MUTANTS, ids=lambda m: m.name)
def test_each_mutant_still_applies(mutant) -> None:  # type: ignore[no-untyped-def]
    for file, text, replacement in mutant.edits:
        source = (ROOT / file).read_text(encoding="utf-8")
        assert source.count(text) == 1, f"{file} no longer holds {text!r}"
        assert replacement != text
    for test in mutant.tests:
        path, _, name = test.partition("::")
        assert Path(ROOT / path).is_file()
        if name:
            assert f"def {name}(" in (ROOT / path).read_text(encoding="utf-8")
