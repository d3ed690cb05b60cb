"""Sitemaps: robots.txt `Sitemap:` lines, sitemap indexes, URL sets and news sitemaps.

`lastmod` (or the news sitemap's publication date) skips entries older than --since, or
older than RIVALSCOPE_SITEMAP_MAX_AGE_DAYS when no --since is given: a news site's full
archive is not news.
"""

from __future__ import annotations

import gzip
import io
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import scrapy
from lxml import etree
from scrapy.http import Response
from scrapy.utils.sitemap import sitemap_urls_from_robots

from crawlers.spiders.base import NewsSpider, utc

MAX_SITEMAP_BYTES = 50 * 1024 * 1024  # the sitemap protocol's own limit, uncompressed
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, recover=True,
                         remove_comments=True, huge_tree=False)


def sitemap_entries(body: bytes) -> tuple[str, list[dict[str, str]]]:
    """('urlset' | 'sitemapindex' | '', [{'loc', 'lastmod'}]) from a sitemap's bytes."""
    if body[:2] == b"\x1f\x8b":
        with gzip.GzipFile(fileobj=io.BytesIO(body)) as handle:
            body = handle.read(MAX_SITEMAP_BYTES + 1)[:MAX_SITEMAP_BYTES]
    try:
        root = etree.fromstring(body, PARSER)  # noqa: S320 (entities and network are off)
    except etree.XMLSyntaxError:
        return "", []
    if root is None:
        return "", []
    kind = etree.QName(root).localname
    entries = []
    for element in root:
        if not isinstance(element.tag, str):
            continue
        values: dict[str, str] = {}
        for child in element.iter():
            if isinstance(child.tag, str) and child.text and child.text.strip():
                values.setdefault(etree.QName(child).localname, child.text.strip())
        if values.get("loc"):
            entries.append({"loc": values["loc"],
                            "lastmod": values.get("lastmod") or values.get("publication_date")})
    return kind, entries


class SitemapSpider(NewsSpider):
    """Article URLs from the source's sitemaps (indexes followed, old entries skipped)."""

    name = "sitemap"
    kind = "sitemap"

    def cutoff(self) -> str | None:
        if self.since:
            return self.since
        days = self.crawler.settings.getint("RIVALSCOPE_SITEMAP_MAX_AGE_DAYS", 0)
        if days <= 0:
            return None
        return (datetime.now(UTC) - timedelta(days=days)).date().isoformat()

    def parse(self, response: Response, **kwargs) -> Iterator[scrapy.Request]:
        if response.url.endswith("/robots.txt"):
            for url in sitemap_urls_from_robots(response.body, base_url=response.url):
                yield scrapy.Request(url, callback=self.parse, errback=self.on_error)
            return
        kind, entries = sitemap_entries(response.body)
        if kind not in ("urlset", "sitemapindex"):
            self.crawler.stats.inc_value("rivalscope/error/not_a_sitemap")
            self.logger.warning("not a sitemap: %s", response.url)
            return
        cutoff = self.cutoff()
        # A sitemap that gives every URL the same lastmod (its build time) says nothing
        # about which article changed.
        trust_lastmod = len(entries) < 2 or len({e["lastmod"] for e in entries}) > 1
        for entry in entries:
            lastmod = utc(entry["lastmod"])
            if cutoff and lastmod and lastmod[:10] < cutoff[:10]:
                self.crawler.stats.inc_value("rivalscope/sitemap/too_old")
                continue
            url = response.urljoin(entry["loc"])
            if kind == "sitemapindex":
                yield scrapy.Request(url, callback=self.parse, errback=self.on_error)
            elif self.wants(url, changed=lastmod if trust_lastmod else None):
                yield self.article_request(url)
