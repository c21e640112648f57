"""Tests of the curricula package."""
