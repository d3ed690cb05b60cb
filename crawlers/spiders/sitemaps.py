"""Sitemaps: robots.txt `Sitemap:` lines, sitemap indexes, URL sets and news sitemaps.

`lastmod` (or the news sitemap's publication date) skips entries older than --since, or
older than RIVALSCOPE_SITEMAP_MAX_AGE_DAYS when no --since is given: a news site's full
archive is not news. A hostile or careless site cannot make a crawl endless: indexes nest at
most RIVALSCOPE_SITEMAP_MAX_DEPTH deep, a source makes at most RIVALSCOPE_SITEMAP_MAX_REQUESTS
sitemap requests per crawl, each file is read as a stream (crawlers.sitemap_reader), and a
child sitemap whose lastmod has not changed since the last complete crawl is not fetched again.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import scrapy
from scrapy.http import Response
from scrapy.utils.sitemap import sitemap_urls_from_robots

from crawlers.sitemap_reader import KINDS, read_sitemap
from crawlers.spiders.base import NewsSpider, read_state, utc


class SitemapSpider(NewsSpider):
    """Article URLs from the source's sitemaps (indexes followed, old entries skipped)."""

    name = "sitemap"
    kind = "sitemap"

    def __init__(self, *args: Any, state_file: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, state_file=state_file, **kwargs)
        # child sitemap URL -> the lastmod its index gave when it was last read in full
        self.sitemap_lastmods: dict[str, str] = {}
        if state_file:
            self.sitemap_lastmods = read_state(state_file).get("sitemaps", {}).get(
                self.source.name, {})
        self.new_sitemap_lastmods: dict[str, str] = {}
        self.sitemap_requests = 0

    def cutoff(self) -> str | None:
        if self.since:
            return self.since
        days = self.crawler.settings.getint("RIVALSCOPE_SITEMAP_MAX_AGE_DAYS", 0)
        if days <= 0:
            return None
        return (datetime.now(UTC) - timedelta(days=days)).date().isoformat()

    def sitemap_request(self, url: str, depth: int,
                        lastmod: str | None = None) -> scrapy.Request | None:
        """A request for a sitemap found in robots.txt or an index, unless it is too deep,
        over the crawl's budget, or unchanged since it was last read in full."""
        stats, settings = self.crawler.stats, self.crawler.settings
        if depth > settings.getint("RIVALSCOPE_SITEMAP_MAX_DEPTH", 3):
            stats.inc_value("rivalscope/sitemap/too_deep")
            self.logger.warning("sitemap index nested deeper than allowed: %s", url)
            return None
        if lastmod and self.sitemap_lastmods.get(url) == lastmod:
            stats.inc_value("rivalscope/sitemap/unchanged")
            self.new_sitemap_lastmods[url] = lastmod
            return None
        if self.sitemap_requests >= settings.getint("RIVALSCOPE_SITEMAP_MAX_REQUESTS", 100):
            stats.inc_value("rivalscope/sitemap/over_budget")
            return None
        self.sitemap_requests += 1
        return scrapy.Request(url, callback=self.parse, errback=self.on_error,
                              meta={"sitemap_depth": depth, "sitemap_lastmod": lastmod})

    def parse(self, response: Response, **kwargs: Any) -> Iterator[scrapy.Request]:
        depth = response.meta.get("sitemap_depth", 0)
        if response.url.endswith("/robots.txt"):
            for url in sitemap_urls_from_robots(response.body, base_url=response.url):
                if request := self.sitemap_request(url, depth):
                    yield request
            return
        kind, entries = read_sitemap(response.body)
        if kind not in KINDS:
            self.crawler.stats.inc_value("rivalscope/error/not_a_sitemap")
            self.logger.warning("not a sitemap: %s", response.url)
            return
        over_limit_before = self.over_limit
        cutoff = self.cutoff()
        for entry, trust_lastmod in trusted(entries):
            lastmod = utc(entry["lastmod"])
            if cutoff and lastmod and lastmod[:10] < cutoff[:10]:
                self.crawler.stats.inc_value("rivalscope/sitemap/too_old")
                continue
            url = response.urljoin(entry["loc"])
            if kind == "sitemapindex":
                if request := self.sitemap_request(url, depth + 1, lastmod):
                    yield request
            elif self.wants(url, changed=lastmod if trust_lastmod else None):
                yield self.article_request(url)
        # Read in full (nothing left for a later crawl): next time its unchanged lastmod
        # lets the crawl skip it.
        if response.meta.get("sitemap_lastmod") and self.over_limit == over_limit_before:
            listed_as = (response.meta.get("redirect_urls") or [response.url])[0]
            self.new_sitemap_lastmods[listed_as] = response.meta["sitemap_lastmod"]


def trusted(entries: Iterator[dict[str, Any]]) -> Iterator[tuple[dict[str, Any], bool]]:
    """Each entry with whether the file's lastmods mean anything: a sitemap that gives every
    URL the same lastmod (its build time) says nothing about which article changed. Entries
    wait only while every lastmod so far is the same (at most one file's entries)."""
    waiting: list[dict[str, Any]] = []
    first: Any = None
    for entry in entries:
        if not waiting or entry["lastmod"] == first:
            if not waiting:
                first = entry["lastmod"]
            waiting.append(entry)
            continue
        for held in waiting:
            yield held, True
        yield entry, True
        break
    else:
        for held in waiting:
            yield held, len(waiting) < 2
        return
    for entry in entries:
        yield entry, True
