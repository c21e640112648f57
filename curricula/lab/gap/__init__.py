"""Lab: the gap report's benchmark and unit-advice evaluation."""
