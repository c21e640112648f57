"""Planners and administrators: overview, moderation, taxonomy upkeep."""
