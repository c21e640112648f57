"""Benchmarks that run through the app and its database (the lab beside the runtime)."""
