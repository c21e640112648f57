"""The platform's skill vocabulary: ESCO ICT subset, O*NET tools and the Indonesian layer.

``load_vocabulary()`` reads the shipped files under ``matching/data/``; the build
(``python -m matching.lab.vocab build``) regenerates them from ``../shared/data``.
"""

from .loader import load_vocabulary
from .model import Alias, Occupation, Programme, Skill, Vocabulary

__all__ = ["Alias", "Occupation", "Programme", "Skill", "Vocabulary", "load_vocabulary"]
