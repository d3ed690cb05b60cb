"""Link syndicated copies: an article whose text is a near-duplicate (MinHash LSH over word
shingles) of an article already stored gets `duplicate_of` = that article's id."""

from __future__ import annotations

from typing import Any

from scrapy.exceptions import DropItem

import store
from crawlers.near_duplicates import THRESHOLD, WINDOW_DAYS, DuplicateIndex, minhash

__all__ = ["DuplicateIndex", "NearDuplicatePipeline", "minhash"]


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
