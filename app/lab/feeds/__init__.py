"""Evaluations of the feeds' rules (de-duplication)."""
