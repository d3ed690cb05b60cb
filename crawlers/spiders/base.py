"""The base news spider: a source in, ArticleItems out. Concrete spiders only say how to
find article links (feed entries, sitemap locations, listing links)."""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.http import Response, TextResponse
from twisted.python.failure import Failure

from crawlers import extract_pool
from crawlers.article_length import too_short
from crawlers.charset import decode_page
from crawlers.extraction import NotAnArticle
from crawlers.failures import classify
from crawlers.items import ArticleItem
from crawlers.sources import Source, load_sources
from crawlers.urls import LinkFilter, is_http_url, normalize_url, same_site

# Article URLs requested in this crawl process -> the source that requested them: every
# spider of a crawl shares it (crawlers.run runs one per source), so an article that several
# sources list is downloaded once.
REQUESTED: dict[str, str] = {}


@lru_cache(maxsize=2)
def read_state(path: str) -> dict[str, Any]:
    """The crawl's state file, read once per process (every spider of a crawl shares it)."""
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def utc(date: str | None) -> str | None:
    """An ISO 8601 date or time as UTC 'YYYY-MM-DDTHH:MM:SS' (a bare date stays a date)."""
    if not date:
        return None
    try:
        parsed = datetime.fromisoformat(date.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if len(date.strip()) <= 10:
        return parsed.date().isoformat()
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(UTC).replace(tzinfo=None)
    return parsed.isoformat(timespec="seconds")


def canonical_link(response: TextResponse) -> str | None:
    """The page's own <link rel="canonical">, made absolute, else None."""
    href = response.css('link[rel~="canonical"]::attr(href)').get()
    return response.urljoin(href.strip()) if href and href.strip() else None


class NewsSpider(scrapy.Spider):
    """Crawl one source: `-a source=NAME` (from sources.toml) or `-a source_json=...`.

    `state_file` (written by crawlers.run) holds what the store already knows: article URLs
    with their fetch time (not downloaded again unless the source says they changed) and the
    ETag / Last-Modified of each start URL (feeds and listings are re-read conditionally).
    """

    kind = ""

    def __init__(self, source: str | None = None, source_json: str | None = None,
                 since: str | None = None, state_file: str | None = None,
                 sources_file: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.source = self._find_source(source, source_json, sources_file)
        self.since = since
        self.allowed_domains = list(self.source.allowed_domains)
        self.links = LinkFilter(self.source.allow, self.source.deny)
        self.known: dict[str, str] = {}  # normalised article URL -> fetched_at
        self.validators: dict[str, dict[str, str]] = {}  # start URL -> etag/last_modified
        if state_file:
            state = read_state(state_file)
            self.known = state.get("known", {})
            self.validators = state.get("validators", {}).get(self.source.name, {})
        self.new_validators: dict[str, dict[str, str]] = {}
        self.requested = 0  # article requests made this crawl (distinct URLs)
        self.over_limit = 0  # article links left for a later crawl
        self.wanted: set[str] = set()  # normalised URLs requested this crawl

    def _find_source(self, name: str | None, source_json: str | None,
                     sources_file: str | None) -> Source:
        if source_json:
            found = Source.from_dict(json.loads(source_json))
        else:
            # `-a sources_file=PATH` names another sources.toml (default: the shipped one).
            sources = load_sources(sources_file or None)
            if not name:
                # `scrapy check` builds spiders without arguments: take the first of its kind.
                candidates = [s for s in sources if s.kind == self.kind]
                if not candidates:
                    raise ValueError("give a source: -a source=NAME")
                name = candidates[0].name
            matches = [s for s in sources if s.name == name]
            if not matches:
                raise ValueError(f"no source named {name!r} in the sources file")
            found = matches[0]
        if found.kind != self.kind:
            raise ValueError(f"source {found.name!r} is a {found.kind}, not a {self.kind}: "
                             f"use `scrapy crawl {found.kind} -a source={found.name}`")
        return found

    # --- start URLs, re-read with conditional requests --------------------------------------

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for url in self.source.urls:
            yield self.start_request(url)

    def start_request(self, url: str) -> scrapy.Request:
        headers = {}
        known = self.validators.get(url, {})
        if known.get("etag"):
            headers["If-None-Match"] = known["etag"]
        if known.get("last_modified"):
            headers["If-Modified-Since"] = known["last_modified"]
        return scrapy.Request(url, callback=self._parse_start, errback=self.on_error,
                              headers=headers, dont_filter=True,
                              meta={"handle_httpstatus_list": [304], "start_url": url})

    def _parse_start(self, response: Response) -> Iterator[Any]:
        url = response.meta["start_url"]
        if response.status == 304:
            self.crawler.stats.inc_value("rivalscope/start/not_modified")
            self.new_validators[url] = self.validators.get(url, {})
            return
        validators = {
            "etag": response.headers.get("ETag", b"").decode("latin-1"),
            "last_modified": response.headers.get("Last-Modified", b"").decode("latin-1"),
        }
        if any(validators.values()):
            self.new_validators[url] = validators
        yield from self.parse(response)

    def parse(self, response: Response, **kwargs: Any) -> Iterator[Any]:
        raise NotImplementedError

    # --- article links ----------------------------------------------------------------------

    def wants(self, url: str, changed: str | None = None) -> bool:
        """Follow this article link? (http(s), allowed by the patterns, not yet stored or
        changed since we fetched it: `changed` is the source's own updated date, ISO 8601)."""
        if not url.lower().startswith(("http://", "https://")) or not self.links.allows(url):
            return False
        try:
            key = normalize_url(url)
        except ValueError as error:
            # One bad link (a port out of range, no host) is one skipped entry, not the end
            # of the feed or sitemap it came in.
            self.crawler.stats.inc_value("rivalscope/article/bad_url")
            self.logger.warning("skipped a bad URL %r: %s", url, error)
            return False
        if key in self.wanted:
            # Listed again (a sitemap that repeats itself, a feed in two dialects): one
            # request, and the cap counts it once.
            self.crawler.stats.inc_value("rivalscope/article/repeated")
            return False
        first = REQUESTED.get(key)
        if first is not None and first != self.source.name:
            self.crawler.stats.inc_value("rivalscope/article/copy_of_other_source")
            return False
        fetched_at = self.known.get(key)
        if fetched_at is not None:
            changed, fetched_at = utc(changed), utc(fetched_at)
            if not (changed and fetched_at and changed > fetched_at):
                self.crawler.stats.inc_value("rivalscope/article/known_skipped")
                return False
            self.crawler.stats.inc_value("rivalscope/article/changed_refetch")
        # A first crawl of a big sitemap must not become a crawl of the whole archive: the
        # rest waits for the next crawl (it is not stored, so it is not skipped then).
        limit = self.crawler.settings.getint("RIVALSCOPE_MAX_ARTICLES_PER_CRAWL", 0)
        if limit and self.requested >= limit:
            self.crawler.stats.inc_value("rivalscope/article/over_limit")
            self.over_limit += 1
            return False
        self.requested += 1
        self.wanted.add(key)
        REQUESTED.setdefault(key, self.source.name)
        return True

    def is_old(self, date: str | None) -> bool:
        """True when --since is set and date (ISO 8601) is before it."""
        day = utc(date)
        return bool(self.since and day and day[:10] < self.since[:10])

    @property
    def logger(self) -> logging.LoggerAdapter:
        """Log lines name the source: `crawlers.source.NAME`."""
        source = getattr(self, "source", None)
        name = f"crawlers.source.{source.name}" if source else self.name
        return logging.LoggerAdapter(logging.getLogger(name), {"spider": self})

    def article_request(self, url: str) -> scrapy.Request:
        return scrapy.Request(normalize_url(url), callback=self.parse_article,
                              errback=self.on_error)

    async def parse_article(self, response: Response) -> AsyncIterator[ArticleItem]:
        stats = self.crawler.stats
        if not isinstance(response, TextResponse):
            stats.inc_value("rivalscope/article/not_html")
            self.logger.warning("not an HTML page: %s", response.url)
            return
        processes = self.crawler.settings.getint("RIVALSCOPE_EXTRACT_PROCESSES", -1)
        if processes < 0:
            processes = extract_pool.default_processes()
        # Decoded here, not by Scrapy: a charset header that the bytes contradict is overruled
        # (crawlers.charset), and the article keeps the decision.
        content_type = response.headers.get("Content-Type", b"").decode("latin-1")
        html, charset = decode_page(content_type, response.body)
        if charset.how.startswith("bytes: ") and "said" in charset.how:
            stats.inc_value("rivalscope/article/charset_overruled")
        try:
            article = await extract_pool.extract(html, response.url, processes)
        except NotAnArticle as error:
            stats.inc_value("rivalscope/article/no_text")
            self.logger.warning("no article at %s: %s", response.url, error)
            return
        if short := too_short(article.text):
            stats.inc_value("rivalscope/article/no_text")
            self.logger.warning("no article at %s: %s", response.url, short)
            return
        if self.is_old(article.published):
            # Listings carry no dates: --since is applied to the article's own date.
            stats.inc_value("rivalscope/article/too_old")
            return
        followed = (response.meta.get("redirect_urls") or [response.url])[0]
        canonical = canonical_link(response) or article.canonical_url
        if canonical and not self.own_canonical(canonical, response.url):
            # A page may only speak for its own site: a canonical link (or a <base href>
            # that moves it) to another site would store this page under that site's URL
            # and make that site's own crawl skip its real article as known.
            stats.inc_value("rivalscope/article/canonical_offsite")
            self.logger.warning("canonical link %s of %s is on another site: ignored",
                                canonical, response.url)
            canonical = None
        elif not self.plausible_canonical(canonical):
            stats.inc_value("rivalscope/article/canonical_ignored")
            canonical = None
        stats.inc_value("rivalscope/article/extracted")
        yield ArticleItem(
            url=normalize_url(followed),
            canonical_url=normalize_url(canonical or response.url),
            source=self.source.name, title=article.title, text=article.text,
            published=article.published, author=article.author,
            language=article.language or self.source.language,
            published_raw=getattr(article, "published_raw", None),
            published_how=getattr(article, "published_how", None),
            updated=getattr(article, "updated", None),
            etag=response.headers.get("ETag", b"").decode("latin-1") or None,
            last_modified=response.headers.get("Last-Modified", b"").decode("latin-1") or None,
            charset=charset.encoding, charset_how=charset.how,
        )

    def own_canonical(self, canonical: str, page_url: str) -> bool:
        """The canonical URL is on the page's own registered domain, or on a domain the
        source itself names in allowed_domains (its operator says the site is that one)."""
        if same_site(canonical, page_url):
            return True
        host = (urlsplit(canonical).hostname or "").lower() if is_http_url(canonical) else ""
        return any(host == d or host.endswith("." + d)
                   for d in (d.lower().lstrip(".") for d in self.source.allowed_domains) if d)

    def plausible_canonical(self, canonical: str | None) -> bool:
        """An http(s) URL that is not a home page or one of the source's own start pages
        (sites that point every page there would otherwise become one article); the caller
        has checked that it is on the page's own site."""
        if not is_http_url(canonical):
            return False
        assert canonical is not None
        if urlsplit(canonical).path in ("", "/"):
            return False
        return normalize_url(canonical) not in {normalize_url(u) for u in self.source.urls}

    # --- failures ---------------------------------------------------------------------------

    def on_error(self, failure: Failure) -> None:
        """Count and log a failed request; the rest of the crawl goes on."""
        kind = classify(failure)
        request = getattr(failure, "request", None)
        url = request.url if request is not None else "?"
        if kind == "robots_forbidden":
            self.crawler.stats.inc_value("rivalscope/request/robots_forbidden")
            if request is not None and request.meta.get("start_url"):
                self.crawler.stats.inc_value("rivalscope/start/robots_forbidden")
            self.logger.info("robots.txt forbids %s", url)
            return
        self.crawler.stats.inc_value(f"rivalscope/error/{kind}")
        self.logger.warning("failed %s: %s (%s)", url, kind, failure.getErrorMessage())
