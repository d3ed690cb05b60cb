"""The base news spider: a source in, ArticleItems out. Concrete spiders only say how to
find article links (feed entries, sitemap locations, listing links)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import scrapy
from scrapy.http import Response

from crawlers.extraction import NotAnArticle, extract_article
from crawlers.items import ArticleItem
from crawlers.sources import Source, load_sources
from crawlers.urls import is_http_url, normalize_url


class NewsSpider(scrapy.Spider):
    """Crawl one source: `-a source=NAME` (from sources.toml) or `-a source_json=...`."""

    kind = ""

    def __init__(self, source: str | None = None, source_json: str | None = None,
                 since: str | None = None, known_urls_file: str | None = None,
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if source_json:
            self.source = Source.from_dict(json.loads(source_json))
        elif source:
            matches = [s for s in load_sources() if s.name == source]
            if not matches:
                raise ValueError(f"no source named {source!r} in sources.toml")
            self.source = matches[0]
        else:
            raise ValueError("give a source: -a source=NAME")
        if self.source.kind != self.kind:
            raise ValueError(f"source {self.source.name!r} is a {self.source.kind}, "
                             f"not a {self.kind}")
        self.since = since
        self.allowed_domains = list(self.source.allowed_domains)
        self.allow = [re.compile(p) for p in self.source.allow]
        self.deny = [re.compile(p) for p in self.source.deny]
        self.known_urls: set[str] = set()
        if known_urls_file:
            with open(known_urls_file, encoding="utf-8") as handle:
                self.known_urls = {line.strip() for line in handle if line.strip()}

    async def start(self):
        for url in self.source.urls:
            yield scrapy.Request(url, callback=self.parse, dont_filter=True)

    def wants(self, url: str) -> bool:
        """Follow this article link? (http(s), allowed by the patterns, not yet stored)."""
        if not is_http_url(url):
            return False
        if self.allow and not any(p.search(url) for p in self.allow):
            return False
        if any(p.search(url) for p in self.deny):
            return False
        if url in self.known_urls or normalize_url(url) in self.known_urls:
            self.crawler.stats.inc_value("rivalscope/article/known_skipped")
            return False
        return True

    def article_request(self, url: str) -> scrapy.Request:
        return scrapy.Request(url, callback=self.parse_article)

    def parse_article(self, response: Response) -> Iterator[ArticleItem]:
        stats = self.crawler.stats
        if not hasattr(response, "text"):
            stats.inc_value("rivalscope/article/not_html")
            self.logger.warning("not an HTML page: %s", response.url)
            return
        try:
            article = extract_article(response.body, response.url)
        except NotAnArticle as error:
            stats.inc_value("rivalscope/article/no_text")
            self.logger.warning("no article at %s: %s", response.url, error)
            return
        canonical = article.canonical_url if is_http_url(article.canonical_url) else None
        stats.inc_value("rivalscope/article/extracted")
        yield ArticleItem(
            url=normalize_url(response.url),
            canonical_url=normalize_url(canonical or response.url),
            source=self.source.name, title=article.title, text=article.text,
            published=article.published, author=article.author, language=article.language,
            published_raw=getattr(article, "published_raw", None),
            published_how=getattr(article, "published_how", None),
            updated=getattr(article, "updated", None),
        )
