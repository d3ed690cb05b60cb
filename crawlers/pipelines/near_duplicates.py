"""Link syndicated copies: an article whose text is a near-duplicate (MinHash LSH over word
shingles) of an article already stored gets `duplicate_of` = that article's id."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

from datasketch import MinHash, MinHashLSH
from scrapy.exceptions import DropItem

from rivalscope import store

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
        for row in db.query("select id, source, text from articles "
                            "where duplicate_of is null and fetched_at >= ?", [since]):
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


class NearDuplicatePipeline:
    """Sets item.duplicate_of for syndicated copies; a page whose canonical URL is another
    source's article is dropped when it is a copy of it, else kept under its own URL."""

    def __init__(self, db_path: str | None, threshold: float, window_days: int, stats) -> None:
        self.db_path = db_path
        self.threshold = threshold
        self.window_days = window_days
        self.stats = stats
        self.index: DuplicateIndex | None = None
        self.db = None  # opened on the first URL alias to record

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        return cls(settings.get("RIVALSCOPE_DB"),
                   settings.getfloat("RIVALSCOPE_NEAR_DUPLICATE_THRESHOLD", THRESHOLD),
                   settings.getint("RIVALSCOPE_NEAR_DUPLICATE_WINDOW_DAYS", WINDOW_DAYS),
                   crawler.stats)

    def remember(self, url: str, article_id: str) -> None:
        if self.db is None:
            self.db = store.open_db(self.db_path)
        store.record_url_alias(self.db, url, article_id)

    def close_spider(self, spider=None) -> None:
        if self.db is not None:
            self.db.close()

    def process_item(self, item: Any, spider=None) -> Any:
        if not self.db_path:
            return item
        if self.index is None:
            # Built on the first new article, not when the spider opens: hashing a month of
            # stored articles (~4 s for 10,000) is wasted on a crawl that finds nothing new.
            self.index = DuplicateIndex.for_store(self.db_path, self.threshold,
                                                  self.window_days)
        article_id = store.article_id(item.canonical_url)
        signature = minhash(item.text)
        owner = self.index.sources.get(article_id)
        if owner is not None:
            same_text = article_id in self.index.lsh.query(signature)
            other_page = self.index.claimed.get(article_id, item.url) != item.url
            if same_text and owner != item.source:
                # Another source's copy of the same page (AMP, syndication): stored once,
                # and its URL remembered so that the next crawl does not download it again.
                self.stats.inc_value("rivalscope/article/same_canonical")
                self.remember(item.url, article_id)
                raise DropItem(f"{item.url} is {item.canonical_url}, already stored",
                               log_level="DEBUG")
            if not same_text and (owner != item.source or other_page):
                # A page naming another article as its canonical URL but saying something
                # else (a site that points every page at its home page, or another source's
                # article): it must not overwrite that article, so it keeps its own URL.
                item.canonical_url = item.url
                article_id = store.article_id(item.url)
                self.stats.inc_value("rivalscope/article/foreign_canonical")
        self.index.claimed[article_id] = item.url
        original = self.index.link(article_id, item.source, item.text, signature)
        if original is not None:
            item.duplicate_of = original
            self.stats.inc_value("rivalscope/article/near_duplicate")
        return item
