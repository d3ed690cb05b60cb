"""RSS 0.9x/1.0/2.0 and Atom feeds, read with feedparser."""

from __future__ import annotations

import time
from collections.abc import Iterator

import feedparser
import scrapy
from scrapy.http import Response

from crawlers.spiders.base import NewsSpider


def entry_date(entry, *keys: str) -> str | None:
    """The first of the entry's parsed dates (UTC, ISO 8601), else None."""
    for key in keys:
        parsed = entry.get(f"{key}_parsed")
        if parsed:
            return time.strftime("%Y-%m-%dT%H:%M:%S", parsed)
    return None


class FeedSpider(NewsSpider):
    """Every entry of the source's feeds (one request per article not yet stored)."""

    name = "feed"
    kind = "feed"

    def parse(self, response: Response, **kwargs) -> Iterator[scrapy.Request]:
        # feedparser gets bytes so it reads the XML encoding declaration itself; it never
        # fetches anything (no URL is passed).
        feed = feedparser.parse(response.body)
        if not feed.entries:
            if feed.bozo:
                self.crawler.stats.inc_value("rivalscope/error/not_a_feed")
                self.logger.warning("not a feed: %s (%s)", response.url,
                                    feed.get("bozo_exception"))
            else:
                self.crawler.stats.inc_value("rivalscope/feed/empty")
            return
        self.crawler.stats.inc_value("rivalscope/feed/entries", len(feed.entries))
        # Feeds that stamp every entry with the build time say nothing about changes.
        updated = [entry_date(e, "updated") for e in feed.entries]
        trust_updated = len(feed.entries) < 2 or len(set(updated)) > 1
        for entry in feed.entries:
            url = entry.get("feedburner_origlink") or entry.get("link")
            if not url:
                continue
            if self.is_old(entry_date(entry, "published", "updated", "created")):
                self.crawler.stats.inc_value("rivalscope/article/too_old")
                continue
            url = response.urljoin(url)
            changed = entry_date(entry, "updated") if trust_updated else None
            if self.wants(url, changed=changed):
                yield self.article_request(url)
