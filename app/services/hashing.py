"""The stored form of a random secret (an API token's secret, a one-time link's token): its
SHA-256 in hex. The secrets are long and random, so no slow key-derivation function is needed."""

from __future__ import annotations

import hashlib


def hash_secret(secret: str) -> str:
    """The SHA-256 (hex) of a secret, as stored (text that is not valid UTF-8, as a made-up
    link may hold, is hashed with replacement characters rather than refused)."""
    return hashlib.sha256(secret.encode("utf-8", "replace")).hexdigest()
