"""Curriculum documents: parsing programmes, units and learning outcomes, and building gap reports.

A pure library: it never imports Flask or the ``app`` package.
"""
