"""Page metadata trafilatura does not give us: dates with how they were found, canonical URL,
language, and the author from structured data (JSON-LD, meta tags, <time>).

Kept beside htmldate/trafilatura's metadata for a measured reason (benchmarks/
extraction_dates.py, 123 real pages): htmldate gives a day but not where it came from, no
modified date apart from the published one, and trafilatura's canonical URL is not checked
against the page's own domain (the hijack of issue 14). On days the two agree: this reader
dates 102 pages, 94 the same as htmldate; the 8 others are UTC timestamps one day after the
publisher's day, and extract_article takes htmldate's day there and where this finds none, so
what is stored matches htmldate on all 123 pages and the URL's date on 32 of 32."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml.html import HtmlElement

ARTICLE_TYPES = {"article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle",
                 "blogposting", "posting", "socialmediaposting", "techarticle", "report",
                 "opinionnewsarticle", "backgroundnewsarticle", "webpage", "liveblogposting"}
# <meta> names and properties, best first; the value is how the date was found.
PUBLISHED_META = ("article:published_time", "og:published_time", "og:article:published_time",
                  "datepublished", "pubdate", "publishdate", "publish-date", "publish_date",
                  "date", "dc.date.issued", "dc.date", "dcterms.issued", "dcterms.created",
                  "dc.date.created", "sailthru.date", "parsely-pub-date",
                  "citation_publication_date", "article.published")
UPDATED_META = ("article:modified_time", "og:updated_time", "og:article:modified_time",
                "datemodified", "last-modified", "dcterms.modified", "dc.date.modified",
                "article.updated", "lastmod")
MAX_JSON_LD = 500_000  # characters of one script; bigger ones are not article metadata
_ISO_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_COMPACT_DAY = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:$|T|\d)")


@dataclass(frozen=True)
class FoundDate:
    day: str  # YYYY-MM-DD
    raw: str
    how: str


@dataclass(frozen=True)
class PageMeta:
    published: FoundDate | None
    updated: FoundDate | None
    canonical_url: str | None
    language: str | None
    author: str | None
    title: str | None


def page_meta(tree: HtmlElement, url: str | None) -> PageMeta:
    """What the page says about itself, from one pass over its head and structured data."""
    metas = _meta_values(tree)
    ld = list(_json_ld_articles(tree))
    published = (_from_json_ld(ld, "datePublished") or _from_meta(metas, PUBLISHED_META)
                 or _from_itemprop(tree, "datePublished") or _from_time_element(tree))
    updated = (_from_json_ld(ld, "dateModified") or _from_meta(metas, UPDATED_META)
               or _from_itemprop(tree, "dateModified"))
    return PageMeta(published=published, updated=updated,
                    canonical_url=_canonical(tree, metas, url), language=_language(tree, metas),
                    author=_author(ld, metas), title=metas.get("og:title") or None)


def parse_day(raw: str) -> str | None:
    """YYYY-MM-DD from an ISO 8601, compact (20260418) or RFC 2822 date; None if implausible."""
    raw = raw.strip()
    if not raw:
        return None
    day: date | None = None
    try:
        day = datetime.fromisoformat(raw.replace("Z", "+00:00")).date()
    except ValueError:
        if match := _ISO_DAY.search(raw) or _COMPACT_DAY.match(raw):
            try:
                day = date(*(int(part) for part in match.groups()))
            except ValueError:
                return None
        else:
            try:
                day = parsedate_to_datetime(raw).date()
            except (TypeError, ValueError, IndexError):
                return None
    tomorrow = (datetime.now(UTC) + timedelta(days=1)).date()
    return day.isoformat() if date(1990, 1, 1) <= day <= tomorrow else None


def _meta_values(tree: HtmlElement) -> dict[str, str]:
    """First content of each <meta> name/property/itemprop/http-equiv, keys lower-cased."""
    values: dict[str, str] = {}
    for meta in tree.iter("meta"):
        content = (meta.get("content") or "").strip()
        if not content:
            continue
        for attribute in ("property", "name", "itemprop", "http-equiv"):
            key = (meta.get(attribute) or "").strip().lower()
            if key:
                values.setdefault(key, content)
    return values


def _from_meta(metas: dict[str, str], keys: tuple[str, ...]) -> FoundDate | None:
    for key in keys:
        raw = metas.get(key)
        if raw and (day := parse_day(raw)):
            return FoundDate(day, raw, f"meta {key}")
    return None


def _json_ld_articles(tree: HtmlElement) -> Iterator[dict[str, Any]]:
    """The JSON-LD objects that describe an article (NewsArticle, BlogPosting, ...)."""
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        source = script.text or ""
        if len(source) > MAX_JSON_LD:
            continue
        try:
            data = json.loads(source)
        except ValueError:
            continue
        for node in _walk(data, depth=0):
            kinds = node.get("@type")
            kinds = kinds if isinstance(kinds, list) else [kinds]
            if any(isinstance(kind, str) and kind.lower() in ARTICLE_TYPES for kind in kinds):
                yield node


def _walk(data: Any, depth: int) -> Iterator[dict[str, Any]]:
    if depth > 4:
        return
    if isinstance(data, list):
        for item in data[:50]:
            yield from _walk(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        for key in ("@graph", "mainEntity", "mainEntityOfPage"):
            if key in data:
                yield from _walk(data[key], depth + 1)


def _from_json_ld(nodes: list[dict[str, Any]], key: str) -> FoundDate | None:
    # Articles before generic WebPage nodes: a page's own date is not always the story's.
    for node in sorted(nodes, key=lambda n: str(n.get("@type")).lower() == "webpage"):
        raw = node.get(key)
        if isinstance(raw, str) and (day := parse_day(raw)):
            return FoundDate(day, raw, f"json-ld {key}")
    return None


def _from_itemprop(tree: HtmlElement, prop: str) -> FoundDate | None:
    for element in tree.xpath(f"//*[@itemprop='{prop}'][not(self::meta)]"):
        raw = element.get("datetime") or element.get("content") or element.text_content()
        if raw and (day := parse_day(raw)):
            return FoundDate(day, raw.strip(), f"itemprop {prop}")
    return None


def _from_time_element(tree: HtmlElement) -> FoundDate | None:
    """A <time datetime> marked as the publication date, else the first one in the article
    (unless the page lists several stories)."""
    times = tree.xpath("//time[@datetime]")
    marked = [t for t in times if t.get("pubdate") is not None
              or "publish" in (t.get("class") or "").lower()]
    in_article = [t for t in times if t.xpath("ancestor::article or ancestor::main")]
    if len(tree.xpath("//article")) > 1 or len(in_article) > 2:
        in_article = []  # a listing: each teaser carries its own story's date
    for element in marked + in_article[:1]:
        raw = element.get("datetime") or ""
        if day := parse_day(raw):
            return FoundDate(day, raw, "time element")
    return None


def _canonical(tree: HtmlElement, metas: dict[str, str], url: str | None) -> str | None:
    candidates = [link.get("href") or "" for link in tree.xpath(
        "//link[@href][contains(concat(' ', normalize-space(translate(@rel, "
        "'CANONICAL', 'canonical')), ' '), ' canonical ')]")]
    og_url = (metas.get("og:url") or "").strip()
    candidates.append(og_url)
    # Without the page's own URL a relative canonical link is resolved against og:url.
    base = url or (og_url if _is_http(og_url) else None)
    for candidate in candidates:
        absolute = urljoin(base, candidate.strip()) if base else candidate.strip()
        if _is_http(absolute):
            return absolute
    return None


def _is_http(url: str) -> bool:
    try:
        parts = urlsplit(url)
        return parts.scheme in ("http", "https") and bool(parts.hostname)
    except ValueError:  # e.g. a malformed IPv6 host
        return False


def _language(tree: HtmlElement, metas: dict[str, str]) -> str | None:
    html = tree if tree.tag == "html" else next(iter(tree.xpath("//html")), None)
    for raw in ((html.get("lang") if html is not None else None),
                metas.get("content-language"), metas.get("og:locale"), metas.get("language")):
        if raw and (code := re.match(r"\s*([a-zA-Z]{2,3})(?:[-_]|\s*$|,)", raw)):
            return code.group(1).lower()
    return None


def _author(nodes: list[dict[str, Any]], metas: dict[str, str]) -> str | None:
    for node in nodes:
        names = [_name(person) for person in _as_list(node.get("author"))]
        names = [name for name in names if name]
        if names:
            return "; ".join(dict.fromkeys(names))
    for key in ("author", "article:author", "dc.creator", "parsely-author", "sailthru.author"):
        value = metas.get(key, "").strip()
        if value and not value.startswith(("http://", "https://")):
            return value
    return None


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _name(person: Any) -> str | None:
    if isinstance(person, str):
        return None if person.startswith(("http://", "https://")) else person.strip() or None
    if isinstance(person, dict) and isinstance(person.get("name"), str):
        return person["name"].strip() or None
    return None
