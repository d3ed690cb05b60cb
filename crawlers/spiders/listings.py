"""Section (listing) pages: follow article links matching the source's patterns, and the
section's "next page" links up to RIVALSCOPE_LISTING_MAX_PAGES pages."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cached_property

import scrapy
from scrapy.http import Response, TextResponse
from scrapy.linkextractors import LinkExtractor

from crawlers.spiders.base import NewsSpider

NEXT_TEXT = re.compile(r"^\s*(next|older|more|next page|older posts|›|»|>)\s*[›»>]?\s*$",
                       re.IGNORECASE)
# Without allow patterns, an article link is one whose last path segment is a slug of
# at least three words (nav, tag and author pages rarely are).
SLUG = re.compile(r"/[^/?#]*[a-z0-9]+-[a-z0-9]+-[a-z0-9]+[^/?#]*/?(?:\?.*)?$", re.IGNORECASE)


class ListingSpider(NewsSpider):
    """Article links of a section page, then the next pages of the section (bounded)."""

    name = "listing"
    kind = "listing"

    @cached_property
    def extractor(self) -> LinkExtractor:
        """Scrapy's LinkExtractor over the source's patterns (story slugs without them)."""
        return LinkExtractor(allow=self.source.allow or [SLUG], deny=self.source.deny)

    def parse(self, response: Response, **kwargs) -> Iterator[scrapy.Request]:
        if not isinstance(response, TextResponse):
            self.crawler.stats.inc_value("rivalscope/error/not_html")
            return
        page = response.meta.get("listing_page", 1)
        self.crawler.stats.inc_value("rivalscope/listing/pages")
        for link in self.extractor.extract_links(response):
            self.crawler.stats.inc_value("rivalscope/listing/article_links")
            if self.wants(link.url):
                yield self.article_request(link.url)
        max_pages = self.crawler.settings.getint("RIVALSCOPE_LISTING_MAX_PAGES", 5)
        next_url = self.next_page(response)
        if next_url and page < max_pages:
            yield scrapy.Request(next_url, callback=self.parse, errback=self.on_error,
                                 meta={"listing_page": page + 1})

    @staticmethod
    def next_page(response: TextResponse) -> str | None:
        href = response.css("link[rel~=next]::attr(href), a[rel~=next]::attr(href)").get()
        if not href:
            for link in response.css("a"):
                if NEXT_TEXT.match(" ".join(link.css("::text").getall())):
                    href = link.attrib.get("href")
                    break
        return response.urljoin(href) if href else None
