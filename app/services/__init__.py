"""Use cases: the only place, with CLI commands, that touches ``db.session`` and commits."""
