"""Tests of deployment profiles."""
