"""The bundled demo news site is well-formed and exercises the extraction for real.

Fast and offline: reads the static files under rivalscope/demo/site/ and runs the crawlers'
own extraction on every article page. The demo pipeline (crawl -> NLP -> PDFs) relies on these
properties: the feed and the sitemap list every story, every page carries the metadata and the
clutter of a real news site, and the extraction keeps the story but drops the clutter.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import lxml.etree
import lxml.html
import pytest

from crawlers.extraction import extract_article
from rivalscope.demo.build_site import PUBLICATIONS
from rivalscope.demo.server import PLACEHOLDER_BASE, SITE_DIR

BASE = PLACEHOLDER_BASE.decode()
BASE_HOST = urlsplit(BASE).hostname
NEWS = SITE_DIR / "news"
DISCLAIMER = "Demo article: invented news for the Rivalscope demo."
ARTICLE_PAGES = sorted(p for p in NEWS.glob("*.html") if p.name != "index.html")
SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
              "news": "http://www.google.com/schemas/sitemap-news/0.9"}
# The clutter every article page carries, outside the story: (what, CSS selector).
CLUTTER = {
    "navigation": "header nav",
    "cookie banner": ".cookie-banner",
    "advert": ".advert",
    "sample form": "form.sample-form",
    "related stories": ".related",
    "newsletter": ".newsletter",
    "footer": "footer",
}
# Texts of clutter that must never reach an extracted article.
CLUTTER_TEXTS = ("cookie", "Advertisement", "SmartFuel", "Download a free sample",
                 "Work email", "Newsletter", "Fleet Briefing", "Related stories",
                 "All stories on this site are invented")


def page_url(path: Path) -> str:
    """The URL the demo site serves a file at (before the server rewrites the base)."""
    return f"{BASE}/{path.relative_to(SITE_DIR).as_posix()}"


def url_path(url: str) -> Path:
    """The site file behind a placeholder-base or root-relative URL."""
    path = urlsplit(url).path
    target = SITE_DIR / path.lstrip("/")
    return target / "index.html" if path.endswith("/") else target


def parse(path: Path) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(path.read_bytes())


def meta(doc: lxml.html.HtmlElement, attribute: str, value: str) -> str:
    found = doc.xpath(f"//head/meta[@{attribute}=$value]/@content", value=value)
    assert len(found) == 1, f"expected one <meta {attribute}={value!r}>, found {len(found)}"
    return found[0]


def story(doc: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    articles = doc.xpath("//article")
    assert len(articles) == 1, "an article page holds exactly one <article>"
    return articles[0]


def body_paragraphs(article: lxml.html.HtmlElement) -> list[str]:
    """The story's own paragraphs (not the kicker, the byline or the disclaimer)."""
    return [" ".join(p.text_content().split()) for p in article.xpath("./p[not(@class)]")]


@pytest.fixture(scope="module")
def extracted() -> dict[Path, object]:
    return {path: extract_article(path.read_bytes(), url=page_url(path))
            for path in ARTICLE_PAGES}


def test_the_site_has_its_pages() -> None:
    for name in ("index.html", "news/index.html", "feed.xml", "sitemap.xml",
                 "static/site.css"):
        assert (SITE_DIR / name).is_file(), name
    assert len(ARTICLE_PAGES) >= 12


@pytest.mark.parametrize("path", ARTICLE_PAGES, ids=lambda p: p.stem)
def test_article_page_metadata(path: Path) -> None:
    doc = parse(path)
    article = story(doc)
    headline = article.xpath(".//h1")
    assert len(headline) == 1 and len(doc.xpath("//h1")) == 1
    title = " ".join(headline[0].text_content().split())
    assert title

    author = " ".join(article.xpath("string(.//*[contains(@class, 'byline')])").split())
    assert author.startswith("By ") and len(author) > len("By ")
    assert meta(doc, "name", "author") in author

    times = article.xpath(".//time/@datetime")
    assert len(times) == 1
    published = datetime.fromisoformat(times[0])
    assert published.tzinfo is not None and 2025 <= published.year <= 2026
    assert meta(doc, "property", "article:published_time") == times[0]
    assert meta(doc, "property", "og:title") == title

    canonical = doc.xpath("//head/link[@rel='canonical']/@href")
    assert len(canonical) == 1
    assert urlsplit(canonical[0]).path == f"/news/{path.name}"
    assert doc.xpath("//head/link[@rel='stylesheet']/@href") == ["/static/site.css"]

    paragraphs = body_paragraphs(article)
    assert len(paragraphs) >= 3
    last = " ".join(article.xpath("./p")[-1].text_content().split())
    assert last == DISCLAIMER, "the disclaimer closes the story"


@pytest.mark.parametrize("path", ARTICLE_PAGES, ids=lambda p: p.stem)
def test_article_page_has_the_clutter_outside_the_story(path: Path) -> None:
    doc = parse(path)
    article = story(doc)
    for what, selector in CLUTTER.items():
        found = doc.cssselect(selector)
        assert found, f"no {what} ({selector})"
        for element in found:
            assert article not in element.iterancestors() and element is not article
            assert element not in article.iterdescendants(), f"the {what} is inside <article>"
    form = doc.cssselect("form.sample-form")[0]
    assert "Download a free sample" in form.text_content()
    assert form.xpath(".//input[@type='email']") and form.xpath(".//button[@type='submit']")
    related = doc.cssselect(".related a")
    assert related and "Related stories" in doc.cssselect(".related")[0].text_content()
    assert all(a.get("href").startswith("/news/") for a in related)
    assert f"/news/{path.name}" not in {a.get("href") for a in related}


def all_html_pages() -> list[Path]:
    return sorted(SITE_DIR.rglob("*.html"))


@pytest.mark.parametrize("path", all_html_pages(), ids=lambda p: p.stem)
def test_pages_link_nowhere_outside_the_site(path: Path) -> None:
    doc = parse(path)
    for element, attribute, link, _ in doc.iterlinks():
        if attribute not in ("href", "src", "action", "content"):
            continue
        if attribute == "content" and not re.match(r"[a-z]+:", link):
            continue  # a <meta content> that is no URL
        parts = urlsplit(link)
        if parts.scheme or parts.netloc:
            # Only the placeholder base (rewritten by the demo server) and its own .invalid
            # names (a stable canonical address): RFC 2606 names that resolve nowhere.
            host = parts.hostname or ""
            assert host == BASE_HOST or host.endswith("." + BASE_HOST), (element.tag, link)
            continue
        assert link.startswith("/"), f"internal links are root-relative: {link}"
        if element.tag == "form":
            continue  # the sample form posts to an endpoint that is not a file
        assert url_path(link).is_file(), f"broken internal link {link}"


def test_the_publications_feeds_list_every_article_once() -> None:
    links = {}
    for name, feed_path in PUBLICATIONS.values():
        feed = feedparser.parse((SITE_DIR / feed_path).read_bytes())
        assert not feed.bozo, feed.get("bozo_exception")
        assert feed.version == "rss20"
        assert feed.feed.title == name
        for entry in feed.entries:
            assert entry.link.startswith(BASE + "/news/")
            assert entry.id == entry.link
            assert entry.published_parsed and entry.title and entry.summary
            assert url_path(entry.link) not in links, "a story in two publications"
            links[url_path(entry.link)] = entry
            assert meta(parse(url_path(entry.link)), "property", "og:site_name") == name
    assert set(links) == set(ARTICLE_PAGES)
    for path, entry in links.items():
        doc = parse(path)
        assert entry.title == meta(doc, "property", "og:title")
        published = datetime.fromisoformat(meta(doc, "property", "article:published_time"))
        assert tuple(entry.published_parsed[:6]) == published.utctimetuple()[:6]


def absolute_urls_in(path: Path) -> list[str]:
    """The URLs an XML file points at (namespace names are no links)."""
    text = re.sub(r'xmlns(:\w+)?="[^"]*"', "", path.read_text(encoding="utf-8"))
    return re.findall(r"[a-z][a-z0-9+.-]*://[^\s<>\"']+", text)


@pytest.mark.parametrize("name", ["feed.xml", "review/feed.xml", "sitemap.xml"])
def test_xml_urls_start_with_the_placeholder_base(name: str) -> None:
    urls = absolute_urls_in(SITE_DIR / name)
    assert urls
    assert all(url.startswith(BASE + "/") for url in urls), urls


def test_sitemap_lists_every_article() -> None:
    root = lxml.etree.parse(str(SITE_DIR / "sitemap.xml")).getroot()
    assert root.tag == f"{{{SITEMAP_NS['sm']}}}urlset"
    listed = {}
    for url in root.findall("sm:url", SITEMAP_NS):
        loc = url.findtext("sm:loc", namespaces=SITEMAP_NS)
        lastmod = url.findtext("sm:lastmod", namespaces=SITEMAP_NS)
        assert loc.startswith(BASE + "/news/") and lastmod
        datetime.fromisoformat(lastmod)
        assert url.findtext("news:news/news:title", namespaces=SITEMAP_NS)
        assert url.findtext("news:news/news:publication_date", namespaces=SITEMAP_NS)
        assert url.findtext("news:news/news:publication/news:name", namespaces=SITEMAP_NS)
        listed[url_path(loc)] = lastmod
    assert set(listed) == set(ARTICLE_PAGES)
    for path, lastmod in listed.items():
        assert meta(parse(path), "property", "article:published_time") == lastmod


@pytest.mark.parametrize("listing", ["news/index.html", "index.html"])
def test_listing_pages_link_the_articles(listing: str) -> None:
    doc = parse(SITE_DIR / listing)
    linked = {url_path(href) for href in doc.xpath("//main//a/@href")}
    assert linked <= set(ARTICLE_PAGES) and linked
    if listing == "news/index.html":
        assert linked == set(ARTICLE_PAGES)


@pytest.mark.parametrize("path", ARTICLE_PAGES, ids=lambda p: p.stem)
def test_extraction_keeps_the_story_and_drops_the_clutter(path: Path, extracted) -> None:
    doc = parse(path)
    article = story(doc)
    result = extracted[path]
    text = " ".join(result.text.split())
    assert result.title == meta(doc, "property", "og:title")
    assert result.author == meta(doc, "name", "author")
    assert result.published == meta(doc, "property", "article:published_time")[:10]
    for paragraph in body_paragraphs(article):
        assert paragraph in text
    for clutter in CLUTTER_TEXTS:
        assert clutter.lower() not in text.lower(), f"clutter kept: {clutter!r}"
    for what in ("cookie banner", "advert", "sample form", "newsletter", "footer"):
        for element in doc.cssselect(CLUTTER[what]):
            for line in element.text_content().splitlines():
                line = " ".join(line.split())
                if len(line) >= 20:
                    assert line not in text, f"{what} kept: {line!r}"


def test_volkswagen_is_the_most_covered_company(extracted) -> None:
    """The demo's profiles need one company with substance: Volkswagen, in several stories."""
    names = {
        "Volkswagen": r"\b(Volkswagen|VW)\b", "Uber": r"\bUber\b", "Ayvens": r"\bAyvens\b",
        "Hertz": r"\bHertz\b", "Amazon": r"\bAmazon\b", "Rivian": r"\bRivian\b",
        "BYD": r"\bBYD\b", "Arval": r"\bArval\b", "Lyft": r"\bLyft\b",
        "Mobileye": r"\bMobileye\b",
    }
    stories = {name: sum(bool(re.search(pattern, r.text)) for r in extracted.values())
               for name, pattern in names.items()}
    assert stories["Volkswagen"] >= 5
    assert stories["Volkswagen"] == max(stories.values()), stories
    assert sum(count >= 3 for count in stories.values()) >= 4, stories


def test_the_demo_refuses_a_store_of_an_older_single_source_demo(tmp_path: Path) -> None:
    """An older demo stored the whole site as one source; its articles are never fetched
    again, so they would stay one publisher's and give no profile: the demo says so."""
    from click.testing import CliRunner

    import store
    from rivalscope.cli import main

    db_path = tmp_path / "demo.db"
    db = store.open_db(db_path)
    store.save_article(db, {"url": "https://fleetwire.rivalscope-demo.invalid/news/a.html",
                            "text": "An old demo story.", "source": "demo"})
    db.close()
    result = CliRunner().invoke(main, ["demo", "--db", str(db_path), "--out",
                                       str(tmp_path / "out"), "--quiet"])
    assert result.exit_code == 1
    assert "holds articles of demo, not of the demo's two publications" in result.output
    assert "delete it" in result.output and not (tmp_path / "out").exists()
