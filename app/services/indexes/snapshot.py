"""A snapshot of an index's main part on disk, shared by the processes of one machine.

The process that builds a main part from the database writes it (``save``: NumPy ``.npy``
files and a ``meta.json`` with the high-water mark, i.e. the largest ``updated_at`` the build
saw, and the rows seen near it); other processes memory-map it (``load``: the vectors and the
keyword arrays are read-only mappings of the same files, so two workers share their pages) and
then catch up from the database for the rows changed after the mark (``live.py``). A snapshot
belongs to one database, embedding model and centring mean: another one is never read.

Folder: ``INDEX_SNAPSHOT_DIR/<fingerprint>/<kind>-<stamp>/``, named by ``<kind>.json``, which is
replaced atomically; one writer at a time (a file lock). After a write the newest
``INDEX_SNAPSHOT_KEEP`` folders of the kind stay (never the one ``<kind>.json`` names, nor the one
the writing process serves from) and older ones are removed: processes that mapped them keep
their mappings, and one that read the pointer just before the switch still finds its folder.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import os
import shutil
import time
from datetime import datetime
from pathlib import Path

import numpy as np
from flask import current_app

from app.services.indexes.parts import SeekerPart, VacancyPart
from matching.keywords import TermIndex
from matching.scoring import SeekerIndex, SeekerSkills, VacancyIndex, VacancyRequirements
from matching.scoring.table import Codes
from matching.search_query import NAME_FORMS

log = logging.getLogger(__name__)
FORMAT = 3  # snapshots of another format are not read (3: the employer's name in the terms)


def folder(key: tuple[object, ...], mean: np.ndarray) -> Path | None:
    """This database's, model's and mean's snapshot folder; None when snapshots are off."""
    root = current_app.config.get("INDEX_SNAPSHOT_DIR")
    if not root:
        return None
    url = str(key[0]).split("@")[-1]  # never a password in a file name or a hash input
    # the employer names' short forms are in the stored terms: another table, another folder
    forms = sorted(NAME_FORMS.items())
    digest = hashlib.sha256(repr((FORMAT, forms, url, *key[1:])).encode())
    digest.update(np.ascontiguousarray(mean, dtype=np.float64).tobytes())
    return Path(root) / digest.hexdigest()[:20]


def _codes(codes: Codes) -> tuple[np.ndarray, list[str | None]]:
    return codes.codes, list(codes.names)


def _values(codes: np.ndarray, names: list[str | None]) -> list[str | None]:
    table = [*names, None]  # code -1: unknown
    return [table[c] for c in codes.tolist()]


def _sets(indptr: np.ndarray, indices: np.ndarray, skills: list[str]) -> list[frozenset[str]]:
    flat = [skills[j] for j in indices.tolist()]
    bounds = indptr.tolist()
    return [frozenset(flat[a:b]) for a, b in zip(bounds, bounds[1:], strict=False)]


def _arrays(kind: str, part: VacancyPart | SeekerPart) -> tuple[dict[str, np.ndarray], dict]:
    """The part's arrays and the lists ``meta.json`` keeps."""
    index = part.index
    table = index.table
    arrays = {"ids": part.ids, "vectors": table.text, "updated": part.updated}
    meta: dict = {"skills": list(index.skill_ids)}
    meta["regions"], meta["educations"] = list(table.regions.names), list(table.educations.names)
    arrays["regions"], arrays["educations"] = table.regions.codes, table.educations.codes
    if kind == "vacancy":
        assert isinstance(part, VacancyPart)
        arrays["employment"], meta["employment"] = _codes(part.index.employment)
        for name in ("required", "preferred"):
            matrix = getattr(part.index, name)
            arrays[f"{name}_indptr"], arrays[f"{name}_indices"] = matrix.indptr, matrix.indices
        arrays.update(salary_max=part.salary_max, posted=part.posted, closing=part.closing)
        for name in ("terms", "titles"):
            terms: TermIndex = getattr(part, name)
            meta[name] = list(terms.vocabulary)
            arrays.update({f"{name}_{k}": v for k, v in terms.arrays().items()})
    else:
        matrix = part.index.by_seeker  # type: ignore[union-attr]
        arrays["skills_indptr"], arrays["skills_indices"] = matrix.indptr, matrix.indices
    return {k: v for k, v in arrays.items() if v is not None}, meta


def save(
    kind: str, key: tuple[object, ...], mean: np.ndarray, part, mark, seen, force=False, in_use=None
) -> Path | None:  # type: ignore[no-untyped-def]  # noqa: E501
    """Write ``part`` (just built from the database, every row active) with its high-water
    ``mark`` and ``seen`` rows, unless snapshots are off, another process is writing, or the
    snapshot there is as new already (and not ``force``). The part's vectors are then read from
    the written file (mapped, shared with the processes that load it). Older folders beyond
    ``INDEX_SNAPSHOT_KEEP`` are removed, except ``in_use`` (the folder name the writing process
    serves from). Returns the folder."""
    base = folder(key, mean)
    if base is None or part is None:
        return None
    base.mkdir(parents=True, exist_ok=True)
    with open(base / f"{kind}.lock", "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return None  # another process writes it
        current = _pointer(base, kind)
        newer = current is not None and mark is not None and current.get("mark")
        if not force and newer and datetime.fromisoformat(current["mark"]) >= mark:  # type: ignore[index]
            return None
        started = time.perf_counter()
        name = f"{kind}-{time.time_ns()}-{os.getpid()}"
        target = base / name
        target.mkdir()
        arrays, meta = _arrays(kind, part)
        for array_name, array in arrays.items():
            np.save(target / f"{array_name}.npy", np.ascontiguousarray(array))
        no_vector = part.ids[~part.index.table.has_text].tolist()
        meta.update(
            format=FORMAT,
            rows=len(part),
            mark=None if mark is None else mark.isoformat(),
            seen=[[row_id, at.isoformat()] for row_id, at in seen.items()],
            no_vector=no_vector,
        )
        (target / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
        pointer = base / f"{kind}.json.tmp-{os.getpid()}"
        pointer.write_text(json.dumps({"folder": name, "mark": meta["mark"]}), encoding="utf-8")
        os.replace(pointer, base / f"{kind}.json")
        if (target / "vectors.npy").exists():  # this process shares the mapped pages too
            part.index.table.text = np.load(target / "vectors.npy", mmap_mode="r")
        prune(base, kind, current_app.config["INDEX_SNAPSHOT_KEEP"], {name, in_use})
        log.info(
            "%s index snapshot written (%d rows, %.1f s)",
            kind,
            len(part),
            time.perf_counter() - started,
        )
        return target


def _stamp(path: Path) -> int:
    """When a snapshot folder was written (``<kind>-<time_ns>-<pid>``; -1 when not so named)."""
    parts = path.name.split("-")
    return int(parts[1]) if len(parts) == 3 and parts[1].isdigit() else -1


def prune(base: Path, kind: str, keep: int, spare: set[str | None]) -> list[str]:
    """Remove the snapshot folders of ``kind`` older than the newest ``keep`` (at least one),
    never one named in ``spare`` nor the one the pointer names; the names removed."""
    current = (_pointer(base, kind) or {}).get("folder")
    folders = sorted((p for p in base.glob(f"{kind}-*") if p.is_dir()), key=_stamp, reverse=True)
    removed = []
    for old in folders[max(1, keep) :]:
        if old.name not in spare and old.name != current:
            shutil.rmtree(old, ignore_errors=True)
            removed.append(old.name)
    return removed


def current(kind: str, key: tuple[object, ...], mean: np.ndarray) -> str | None:
    """The folder name of the snapshot the pointer names now (None: none, or snapshots off)."""
    base = folder(key, mean)
    pointer = None if base is None else _pointer(base, kind)
    return None if pointer is None else pointer.get("folder")


def _pointer(base: Path, kind: str) -> dict | None:
    try:
        return json.loads((base / f"{kind}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def load(kind: str, key: tuple[object, ...], neighbours, mean: np.ndarray):  # type: ignore[no-untyped-def]
    """``(folder name, part, mark, seen, recheck)`` from this database's snapshot, or None when
    there is none (or it cannot be read). The pointer is read once: the name is the folder the
    part came from, even when a writer replaces the pointer meanwhile. ``recheck``: rows stored
    without a vector, to be read again."""
    base = folder(key, mean)
    pointer = None if base is None else _pointer(base, kind)
    if pointer is None:
        return None
    name = pointer["folder"]
    target = base / name  # type: ignore[operator]
    try:
        meta = json.loads((target / "meta.json").read_text(encoding="utf-8"))
        if meta.get("format") != FORMAT:
            return None
        arrays = {p.stem: np.load(p, mmap_mode="r") for p in target.glob("*.npy")}
        part = (_vacancy_part if kind == "vacancy" else _seeker_part)(arrays, meta, neighbours)
    except (OSError, ValueError, KeyError) as error:
        log.warning("%s index snapshot %s not read: %s", kind, target, error)
        return None
    mark = None if meta["mark"] is None else datetime.fromisoformat(meta["mark"])
    seen = {row_id: datetime.fromisoformat(at) for row_id, at in meta["seen"]}
    return name, part, mark, seen, set(meta["no_vector"])


def _vacancy_part(arrays: dict, meta: dict, neighbours) -> VacancyPart:  # type: ignore[no-untyped-def,type-arg]
    ids = np.array(arrays["ids"])
    regions = _values(arrays["regions"], meta["regions"])
    educations = _values(arrays["educations"], meta["educations"])
    employment = _values(arrays["employment"], meta["employment"])
    required = _sets(arrays["required_indptr"], arrays["required_indices"], meta["skills"])
    preferred = _sets(arrays["preferred_indptr"], arrays["preferred_indices"], meta["skills"])
    values = [
        VacancyRequirements(
            str(i), required[row], preferred[row], regions[row], educations[row], employment[row]
        )
        for row, i in enumerate(ids.tolist())
    ]
    terms = {
        name: TermIndex.from_arrays(
            len(ids), meta[name], {k: arrays[f"{name}_{k}"] for k in TermIndex.ARRAYS}
        )
        for name in ("terms", "titles")
    }
    return VacancyPart(
        ids=ids,
        index=VacancyIndex(values, neighbours, arrays.get("vectors")),
        salary_max=np.array(arrays["salary_max"]),
        posted=np.array(arrays["posted"]),
        closing=np.array(arrays["closing"]),
        terms=terms["terms"],
        titles=terms["titles"],
        updated=np.array(arrays["updated"]),
    )


def _seeker_part(arrays: dict, meta: dict, neighbours) -> SeekerPart:  # type: ignore[no-untyped-def,type-arg]
    ids = np.array(arrays["ids"])
    regions = _values(arrays["regions"], meta["regions"])
    educations = _values(arrays["educations"], meta["educations"])
    skills = _sets(arrays["skills_indptr"], arrays["skills_indices"], meta["skills"])
    values = [
        SeekerSkills(
            seeker_id=str(i), skills=skills[row], region=regions[row], education=educations[row]
        )
        for row, i in enumerate(ids.tolist())
    ]
    index = SeekerIndex(values, neighbours, arrays.get("vectors"))
    return SeekerPart(ids=ids, index=index, updated=np.array(arrays["updated"]))
