"""Lab: the scoring indexes' benchmark."""
