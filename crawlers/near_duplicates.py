"""Near-duplicate detection: MinHash LSH over word shingles of the recent stored originals.

A plain module (no Scrapy): the crawl pipeline (crawlers.pipelines.near_duplicates) and the
ingest of Scrapyd feeds (rivalscope.ingest) link syndicated copies with the same index.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from datasketch import MinHash, MinHashLSH

import store

NUM_PERM = 128
THRESHOLD = 0.7  # estimated Jaccard similarity of shingles above which a text is a copy
WINDOW_DAYS = 30  # copies are looked for among the articles fetched this recently
SHINGLE = 4  # words per shingle
WORD = re.compile(r"\w+", re.UNICODE)


def minhash(text: str) -> MinHash:
    """The MinHash of a text's word 4-grams (case and punctuation folded)."""
    words = WORD.findall(text.lower())
    shingles = {" ".join(words[i:i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}
    signature = MinHash(num_perm=NUM_PERM)
    signature.update_batch([s.encode() for s in shingles])
    return signature


class DuplicateIndex:
    """The LSH index of one store's recent articles; shared by every spider of a crawl."""

    _by_db: dict[str, DuplicateIndex] = {}

    def __init__(self, threshold: float) -> None:
        self.lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self.sources: dict[str, str] = {}  # article id -> source
        self.claimed: dict[str, str] = {}  # article id -> the page that gave it, this crawl

    @classmethod
    def for_store(cls, db_path: str, threshold: float, window_days: int) -> DuplicateIndex:
        if db_path not in cls._by_db:
            db = store.open_db(db_path)
            cls._by_db[db_path] = cls.of_recent_articles(db, threshold, window_days)
            db.close()
        return cls._by_db[db_path]

    @classmethod
    def of_recent_articles(cls, db, threshold: float = THRESHOLD,
                           window_days: int = WINDOW_DAYS) -> DuplicateIndex:
        """The index of the originals (not copies) the store fetched in the last days."""
        index = cls(threshold)
        since = (datetime.now(UTC) - timedelta(days=window_days)).isoformat()
        for row in store.recent_originals(db, since):
            index.add(row["id"], row["source"], row["text"] or "")
        return index

    def add(self, article_id: str, source: str, text: str, signature: MinHash | None = None):
        if article_id in self.sources:
            return
        self.lsh.insert(article_id, signature or minhash(text))
        self.sources[article_id] = source

    def original_of(self, article_id: str, signature: MinHash) -> str | None:
        """The id of an earlier article this one copies, else None."""
        matches = sorted(m for m in self.lsh.query(signature) if m != article_id)
        return matches[0] if matches else None

    def link(self, article_id: str, source: str, text: str, signature: MinHash) -> str | None:
        """The original this article copies; else None, and the article is indexed as an
        original for the ones that come after it."""
        original = self.original_of(article_id, signature)
        if original is None:
            self.add(article_id, source, text, signature)
        return original
