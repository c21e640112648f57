"""The matching lab: benchmarks, evaluations, calibration, fitting and vocabulary authoring.

Nothing in ``app/`` or in the runtime modules of ``matching/`` imports this package
(``tests/test_purity.py``); its commands write the shipped data files the runtime reads
(``matching/data/``). Each command is its old name with ``lab.`` after ``matching``:
``python -m matching.lab.linking.calibrate``, ``python -m matching.lab.vocab build``...
"""
