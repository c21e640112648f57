"""Fixtures for curriculum parsing tests: the shipped examples and the example PDF writer."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "curricula" / "examples"


@pytest.fixture(scope="session")
def examples() -> Path:
    """The folder of example curricula shipped in the repo."""
    return EXAMPLES


@pytest.fixture(scope="session")
def example_writer() -> ModuleType:
    """``curricula/examples/make_binary_examples.py`` loaded as a module (for ``minimal_pdf``)."""
    spec = importlib.util.spec_from_file_location(
        "make_binary_examples", EXAMPLES / "make_binary_examples.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
