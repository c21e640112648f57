"""Bilingual skill matching: vocabulary, embeddings, skill linking, scoring and evaluation.

A pure library: it never imports Flask or the ``app`` package, and takes and returns
plain values (dataclasses, arrays) so it can run in a worker, a notebook or a batch job.
"""
