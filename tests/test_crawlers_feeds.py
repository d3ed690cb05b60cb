"""Feed parsing on saved responses: every feed dialect, relative links, hostile XML."""

from __future__ import annotations

import json

import pytest
from scrapy.http import TextResponse, XmlResponse
from scrapy.utils.test import get_crawler

from crawlers.sources import Source
from crawlers.spiders.feeds import FeedSpider

FEED_URL = "https://news.example/feed"


def spider(since: str | None = None) -> FeedSpider:
    source = Source(name="ex", kind="feed", urls=[FEED_URL], allowed_domains=["news.example"])
    crawler = get_crawler(FeedSpider)
    created = FeedSpider.from_crawler(crawler, source_json=json.dumps(source.to_dict()),
                                      since=since)
    crawler.spider = created
    crawler.stats.open_spider()
    return created


def links(body: str, since: str | None = None, cls=XmlResponse) -> tuple[list[str], dict]:
    feed_spider = spider(since)
    response = cls(url=FEED_URL, body=body.encode(), encoding="utf-8")
    urls = [request.url for request in feed_spider.parse(response)]
    return urls, feed_spider.crawler.stats.get_stats()


RSS091 = """<?xml version="1.0"?><rss version="0.91"><channel><title>x</title>
<item><title>a</title><link>https://news.example/a?utm_source=rss</link></item></channel></rss>"""
RSS2 = """<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>
<item><title>new</title><link>https://news.example/new</link>
<pubDate>Mon, 02 Nov 2026 10:00:00 +0100</pubDate></item>
<item><title>old</title><link>https://news.example/old</link>
<pubDate>Tue, 01 Jan 2019 10:00:00 GMT</pubDate></item></channel></rss>"""
RSS1 = """<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
xmlns="http://purl.org/rss/1.0/"><channel rdf:about="https://news.example/"><title>x</title>
</channel><item rdf:about="https://news.example/r1"><title>r</title>
<link>https://news.example/r1</link></item></rdf:RDF>"""
ATOM = """<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"
xml:base="https://news.example/section/"><title>x</title><id>x</id><updated>2026-11-01T00:00:00Z</updated>
<entry><title>t</title><id>t</id><link rel="alternate" href="story.html"/>
<updated>2026-11-01T00:00:00Z</updated></entry></feed>"""
XXE = """<?xml version="1.0"?><!DOCTYPE r [<!ENTITY e SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>&e;</title><item><title>a</title>
<link>https://news.example/&e;x</link></item></channel></rss>"""


@pytest.mark.parametrize("body, expected", [
    (RSS091, ["https://news.example/a"]),
    (RSS1, ["https://news.example/r1"]),
    (ATOM, ["https://news.example/section/story.html"]),
    (RSS2, ["https://news.example/new", "https://news.example/old"]),
])
def test_every_feed_dialect_gives_its_article_links(body: str, expected: list[str]) -> None:
    assert links(body)[0] == expected


def test_since_skips_older_entries() -> None:
    urls, stats = links(RSS2, since="2026-01-01")
    assert urls == ["https://news.example/new"]
    assert stats["rivalscope/article/too_old"] == 1


def test_external_entities_are_not_expanded() -> None:
    urls, _ = links(XXE)
    assert urls == ["https://news.example/x"]


def test_html_instead_of_a_feed_is_counted() -> None:
    urls, stats = links("<html><body><p>Moved", cls=TextResponse)
    assert urls == [] and stats["rivalscope/error/not_a_feed"] == 1


def updated_feed(first: str, second: str) -> str:
    return f"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>x</title>
<id>x</id><updated>{first}</updated>
<entry><title>a</title><id>a</id><link href="https://news.example/a"/><updated>{first}</updated>
</entry><entry><title>b</title><id>b</id><link href="https://news.example/b"/>
<updated>{second}</updated></entry></feed>"""


@pytest.mark.parametrize("first, second, expected", [
    # b was updated after we fetched it: downloaded again; a was not.
    ("2026-11-01T00:00:00Z", "2026-11-20T00:00:00Z", ["https://news.example/b"]),
    # Every entry stamped with the feed's build time: nothing is taken as changed.
    ("2026-11-20T00:00:00Z", "2026-11-20T00:00:00Z", []),
])
def test_known_articles_are_fetched_again_only_when_their_entry_changed(
        first: str, second: str, expected: list[str]) -> None:
    feed_spider = spider()
    feed_spider.known = {"https://news.example/a": "2026-11-10T00:00:00+00:00",
                         "https://news.example/b": "2026-11-10T00:00:00+00:00"}
    response = XmlResponse(url=FEED_URL, body=updated_feed(first, second).encode())
    assert [r.url for r in feed_spider.parse(response)] == expected
