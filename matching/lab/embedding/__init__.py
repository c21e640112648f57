"""Lab: the embedding model's benchmark (load time, phrases per second)."""
