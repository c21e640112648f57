"""Skill linking: rank the skills of a vocabulary for a sentence, extract skill mentions from texts.

Lexical signals (labels and aliases in both languages, abbreviations, typos) and semantic ones
(sentence and phrase embeddings against label embeddings) are fused with weights calibrated per
embedding model on the dev splits (``matching/data/calibration.json``).
"""

from matching.linking.calibration import Calibration, load_calibration
from matching.linking.index import SkillIndex
from matching.linking.params import ExtractParams, Weights
from matching.linking.sources import entries_from_vocabulary
from matching.linking.types import RankedSkill, SkillEntry, SkillForm, SkillMention

__all__ = [
    "Calibration",
    "ExtractParams",
    "RankedSkill",
    "SkillEntry",
    "SkillForm",
    "SkillIndex",
    "SkillMention",
    "Weights",
    "entries_from_vocabulary",
    "load_calibration",
]
