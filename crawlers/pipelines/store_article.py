"""Write extracted articles into the store, one transaction each."""

from __future__ import annotations

import sqlite3
from dataclasses import asdict

import store


class StoreArticlePipeline:
    """Saves ArticleItems; counts new/updated/unchanged/failed in the crawl stats."""

    def __init__(self, db_path: str | None, stats) -> None:
        self.db_path = db_path
        self.stats = stats
        self.db = None

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.settings.get("RIVALSCOPE_DB"), crawler.stats)

    def open_spider(self, spider=None) -> None:
        if self.db_path:
            self.db = store.open_db(self.db_path)

    def close_spider(self, spider=None) -> None:
        if self.db is not None:
            self.db.close()

    def process_item(self, item, spider=None):
        if self.db is None:
            return item  # exporting only (e.g. a Scrapyd node writing a feed)
        try:
            outcome = store.save_article(self.db, asdict(item))
        except ValueError as error:
            self.stats.inc_value("rivalscope/article/rejected")
            if spider is not None:
                spider.logger.warning("article not stored: %s", error)
            return item
        except sqlite3.Error as error:
            # A locked or full disk must not end the crawl; the article is fetched next time.
            self.stats.inc_value("rivalscope/error/store")
            if spider is not None:
                spider.logger.error("article %s not stored: %s", item.url, error)
            return item
        self.stats.inc_value(f"rivalscope/article/{outcome}")
        return item
