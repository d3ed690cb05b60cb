"""Ids and hashes the store keys its rows by: deterministic, so re-runs find the same rows."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import UTC, datetime


def now() -> str:
    """The current UTC time as an ISO 8601 string (seconds)."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def stable_id(*parts: object) -> str:
    """A short deterministic id from the parts (the same input always gives the same id)."""
    digest = hashlib.sha1("\x1f".join(map(str, parts)).encode(), usedforsecurity=False)
    return digest.hexdigest()[:16]


def slugify(name: str) -> str:
    """A company id from its name: ascii, lower case, hyphens ("VW AG" -> "vw-ag")."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return slug or stable_id(name)


def article_id(canonical_url: str) -> str:
    """An article's id: a hash of its canonical URL."""
    return stable_id(canonical_url)


def content_hash(text: str) -> str:
    """A hash of the article text with white space folded (same words, same hash)."""
    folded = " ".join(text.split())
    return hashlib.sha256(folded.encode()).hexdigest()
