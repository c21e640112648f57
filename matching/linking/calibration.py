"""Calibrated fusion weights and extraction thresholds, stored per embedding model id."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from matching.linking.params import ExtractParams, RankGate, Weights

CALIBRATION_FILE = Path(__file__).resolve().parents[1] / "data" / "calibration.json"


@dataclass(frozen=True)
class Calibration:
    """Weights and thresholds of one model."""

    model_id: str
    weights: Weights
    extract: ExtractParams
    calibrated: bool  # False when no stored entry exists for this model
    # Fusion weights of the shipped vocabulary's index, tuned on its own (rank and extract there);
    # None: the benchmark weights serve both.
    vocabulary_weights: Weights | None = None
    # Rank's e5 gate for the benchmark weights (``weights``); None: e5 ranks every sentence.
    rank_gate: RankGate | None = None

    @property
    def product_weights(self) -> Weights:
        """The weights of the shipped vocabulary's index."""
        return self.vocabulary_weights or self.weights


def stored_entry(model_id: str, path: str | Path = CALIBRATION_FILE) -> dict | None:
    """The stored entry of ``model_id`` (weights, extract parameters and notes), or None."""
    data = json.loads(Path(path).read_text(encoding="utf-8")) if Path(path).exists() else {}
    return data.get("models", {}).get(model_id)


def load_calibration(model_id: str, path: str | Path = CALIBRATION_FILE) -> Calibration:
    """The stored calibration of ``model_id``; defaults (``calibrated=False``) if it has none."""
    entry = stored_entry(model_id, path)
    if entry is None:
        return Calibration(model_id, Weights(), ExtractParams(), calibrated=False)
    extract = {
        k: v for k, v in entry.get("extract", {}).items() if k in ExtractParams.__dataclass_fields__
    }
    vocabulary = entry.get("vocabulary_weights")
    gate = entry.get("rank_gate")
    return Calibration(
        model_id,
        Weights.from_dict(entry.get("weights", {})),
        ExtractParams(**extract),
        True,
        Weights.from_dict(vocabulary) if vocabulary is not None else None,
        RankGate.from_dict(gate) if gate is not None else None,
    )


def save_calibration(cal: Calibration, notes: dict, path: str | Path = CALIBRATION_FILE) -> None:
    """Store (or replace) one model's calibration, keeping the other models' entries."""
    p = Path(path)
    data = json.loads(p.read_text(encoding="utf-8")) if p.exists() else {}
    data.setdefault(
        "about",
        "Fusion weights and extract thresholds per embedding model id; "
        "written by `python -m matching.lab.linking.calibrate` (see its docstring for what each "
        "part is fitted on).",
    )
    entry = {"weights": asdict(cal.weights), "extract": asdict(cal.extract)}
    if cal.vocabulary_weights is not None:
        entry["vocabulary_weights"] = asdict(cal.vocabulary_weights)
    if cal.rank_gate is not None:
        entry["rank_gate"] = asdict(cal.rank_gate)
    data.setdefault("models", {})[cal.model_id] = {**entry, **notes}
    p.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")
