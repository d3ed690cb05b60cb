"""RSS 0.9x/1.0/2.0 and Atom feeds, read with feedparser."""

from __future__ import annotations

import feedparser

from crawlers.spiders.base import NewsSpider


class FeedSpider(NewsSpider):
    name = "feed"
    kind = "feed"

    def parse(self, response):
        feed = feedparser.parse(response.body)
        if feed.bozo and not feed.entries:
            self.crawler.stats.inc_value("rivalscope/feed/not_a_feed")
            self.logger.warning("not a feed: %s (%s)", response.url, feed.get("bozo_exception"))
            return
        for entry in feed.entries:
            url = entry.get("link")
            published = entry.get("published") or entry.get("updated")
            if self.since and published and not self._after_since(entry):
                continue
            if url and self.wants(url):
                yield self.article_request(response.urljoin(url))

    def _after_since(self, entry) -> bool:
        parsed = entry.get("published_parsed") or entry.get("updated_parsed")
        if not parsed:
            return True
        year, month, day = parsed[:3]
        return f"{year:04d}-{month:02d}-{day:02d}" >= self.since[:10]
