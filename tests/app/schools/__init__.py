"""Tests of the school pages: curricula and gap reports."""
