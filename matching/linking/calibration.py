"""Calibrated fusion weights and extraction thresholds, stored per embedding model id."""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass
from pathlib import Path

from matching.linking.index import Weights

CALIBRATION_FILE = Path(__file__).resolve().parents[1] / "data" / "calibration.json"


@dataclass(frozen=True)
class ExtractParams:
    """Extraction thresholds: a logistic map of the fused score to a probability, and cut-offs."""

    slope: float = 1.0  # p = sigmoid(slope * fused + intercept)
    intercept: float = -6.0
    semantic_threshold: float = 0.5  # minimum probability of a semantic mention
    alias_score: float = 0.95  # score given to an exact alias hit of weight 1
    fuzzy_cutoff: float = 88.0  # minimum rapidfuzz ratio of a typo hit
    top_per_clause: int = 1  # semantic candidates considered per clause

    def probability(self, fused: float) -> float:
        """The calibrated probability of a fused score."""
        z = self.slope * fused + self.intercept
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))


@dataclass(frozen=True)
class Calibration:
    """Weights and thresholds of one model."""

    model_id: str
    weights: Weights
    extract: ExtractParams
    calibrated: bool  # False when no stored entry exists for this model


def load_calibration(model_id: str, path: str | Path = CALIBRATION_FILE) -> Calibration:
    """The stored calibration of ``model_id``; defaults (``calibrated=False``) if it has none."""
    data = json.loads(Path(path).read_text(encoding="utf-8")) if Path(path).exists() else {}
    entry = data.get("models", {}).get(model_id)
    if entry is None:
        return Calibration(model_id, Weights(), ExtractParams(), calibrated=False)
    extract = {k: v for k, v in entry.get("extract", {}).items() if k in ExtractParams.__dataclass_fields__}
    return Calibration(model_id, Weights.from_dict(entry.get("weights", {})), ExtractParams(**extract), True)


def save_calibration(cal: Calibration, notes: dict, path: str | Path = CALIBRATION_FILE) -> None:
    """Store (or replace) one model's calibration, keeping the other models' entries."""
    p = Path(path)
    data = json.loads(p.read_text(encoding="utf-8")) if p.exists() else {}
    data.setdefault("about", "Fusion weights and extract thresholds per embedding model id; "
                    "written by `python -m matching.linking.calibrate` from the dev splits.")
    data.setdefault("models", {})[cal.model_id] = {
        "weights": asdict(cal.weights), "extract": asdict(cal.extract), **notes,
    }
    p.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")
