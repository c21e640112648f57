"""The curricula lab: the gap report's benchmark and the evaluation of its unit advice.

Nothing in ``app/`` or in the runtime modules of ``curricula/`` imports this package
(``tests/test_purity.py``). Each command is its old name with ``lab.`` after ``curricula``.
"""
