"""Lab: vocabulary authoring. ``python -m matching.lab.vocab build|rekey|stats`` regenerates the
shipped vocabulary files that :mod:`matching.vocab` reads from ``../shared/data`` and the
Indonesian layer (``matching/data/id_layer/``)."""
