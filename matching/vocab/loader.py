"""Load the shipped vocabulary (``matching/data/``); needs nothing outside the package."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from .model import Vocabulary
from .serialise import occupation_from, programme_from, skill_from

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
SKILLS_FILE = "vocabulary.jsonl"
OCCUPATIONS_FILE = "occupations.jsonl"
PROGRAMMES_FILE = "programmes.json"


def _jsonl(path: Path) -> list[dict]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


@lru_cache(maxsize=8)
def _load(path: Path) -> Vocabulary:
    directory = path if path.is_dir() else path.parent
    skills_path = path if path.is_file() else directory / SKILLS_FILE
    if not skills_path.exists():
        raise FileNotFoundError(f"no vocabulary file at {skills_path}")
    programmes_path = directory / PROGRAMMES_FILE
    programmes = (
        json.loads(programmes_path.read_text(encoding="utf-8")) if programmes_path.exists() else []
    )
    return Vocabulary(
        skills=[skill_from(d) for d in _jsonl(skills_path)],
        occupations=[occupation_from(d) for d in _jsonl(directory / OCCUPATIONS_FILE)],
        programmes=[programme_from(d) for d in programmes],
    )


def load_vocabulary(path: str | Path | None = None) -> Vocabulary:
    """Load a vocabulary from a ``vocabulary.jsonl`` file or its directory (default: shipped).

    Cached per path: repeated calls return the same object, so treat it as read-only.
    """
    return _load(Path(path).resolve() if path is not None else DATA_DIR)
