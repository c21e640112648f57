"""The app's lab: evaluations of the site's rules on the project's labelled data.

Nothing in the runtime of ``app/`` imports this package (``tests/test_purity.py``), as with
``matching/lab/``: ``python -m app.lab.feeds.evaluate_dedup``.
"""
