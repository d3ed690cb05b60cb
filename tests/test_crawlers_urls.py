"""URL normalisation, link patterns, canonical links, sitemaps and listing pagination."""

from __future__ import annotations

import gzip

import pytest
from scrapy.http import HtmlResponse

from crawlers.middlewares.address_guard import is_public
from crawlers.sitemap_reader import sitemap_entries
from crawlers.spiders.base import canonical_link
from crawlers.spiders.listings import ListingSpider
from crawlers.urls import LinkFilter, normalize_url


@pytest.mark.parametrize("url, expected", [
    ("HTTPS://Example.COM:443/a?utm_source=x&id=3&fbclid=y#frag", "https://example.com/a?id=3"),
    ("http://example.com", "http://example.com/"),
    ("http://example.com:8080/x?gclid=1", "http://example.com:8080/x"),
    ("https://example.com/a?b=&c=2", "https://example.com/a?b=&c=2"),
])
def test_normalize_url_drops_tracking_and_fragments(url: str, expected: str) -> None:
    assert normalize_url(url) == expected


def test_link_filter_needs_an_allow_match_and_no_deny_match() -> None:
    links = LinkFilter([r"/news/"], [r"/news/video/"])
    assert links.allows("https://a.example/news/story")
    assert not links.allows("https://a.example/about")
    assert not links.allows("https://a.example/news/video/clip")
    assert LinkFilter([], []).allows("https://a.example/anything")


def page(body: str, url: str = "https://a.example/news/x?utm_source=y") -> HtmlResponse:
    return HtmlResponse(url=url, body=body.encode(), encoding="utf-8")


def test_canonical_link_is_read_from_the_page_and_made_absolute() -> None:
    assert canonical_link(page('<link rel="canonical" href="/news/x">')) == \
        "https://a.example/news/x"
    assert canonical_link(page("<p>none</p>")) is None


def test_listing_next_page_by_rel_or_by_text() -> None:
    assert ListingSpider.next_page(page('<a rel="next" href="?page=2">2</a>')) == \
        "https://a.example/news/x?page=2"
    assert ListingSpider.next_page(page('<a href="/news/p/3">Older posts</a>')) == \
        "https://a.example/news/p/3"
    assert ListingSpider.next_page(page('<a href="/about">About</a>')) is None


NEWS_SITEMAP = b"""<?xml version="1.0"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://a.example/1</loc><news:news><news:publication_date>2026-11-01T10:00:00Z
</news:publication_date></news:news></url>
<url><loc>https://a.example/2</loc><lastmod>2026-10-01</lastmod></url>
</urlset>"""


def test_sitemap_entries_read_news_dates_and_gzip() -> None:
    expected = ("urlset", [{"loc": "https://a.example/1", "lastmod": "2026-11-01T10:00:00Z"},
                           {"loc": "https://a.example/2", "lastmod": "2026-10-01"}])
    assert sitemap_entries(NEWS_SITEMAP) == expected
    assert sitemap_entries(gzip.compress(NEWS_SITEMAP)) == expected


def test_sitemap_entries_ignore_entities_and_garbage() -> None:
    evil = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
            b'<urlset><url><loc>&e;</loc></url></urlset>')
    kind, entries = sitemap_entries(evil)
    assert all("root:" not in e["loc"] for e in entries)
    assert sitemap_entries(b"<html>not a sitemap") [0] in ("html", "")


@pytest.mark.parametrize("address, public", [
    ("127.0.0.1", False), ("10.1.2.3", False), ("192.168.0.1", False), ("169.254.169.254", False),
    ("::1", False), ("fd00::1", False), ("::ffff:127.0.0.1", False), ("100.64.0.1", False),
    ("93.184.216.34", True), ("2606:4700::1111", True),
])
def test_address_guard_knows_private_addresses(address: str, public: bool) -> None:
    assert is_public(address) is public
