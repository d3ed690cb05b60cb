"""HTML page -> article: the extraction the spiders and `extract-html` share.

trafilatura in precision mode finds the body; extraction_clean drops the boilerplate it still
leaves; extraction_meta reads dates (and how they were found), canonical URL, language and
author from the page's structured data. benchmarks/extraction.py measures each choice.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date

import trafilatura
from lxml import etree
from trafilatura.utils import load_html

from crawlers.extraction_author import clean_author
from crawlers.extraction_clean import clean_text, link_texts, prune_form_blocks
from crawlers.extraction_decode import NotHTML, decode_html
from crawlers.extraction_meta import page_meta, parse_day

# Real news pages have 300-2,000 elements; trafilatura's time grows with the element count
# (300,000 spans took 14 s), so a page far beyond any article is refused instead.
MAX_ELEMENTS = 30_000
# trafilatura's precision mode: F1 0.973 against 0.965 by default on the benchmark's real pages;
# for our NLP a line of clutter costs more than a lost heading.
FAVOR_PRECISION = True


# When precision mode keeps less than this share of the page's visible text, the page is
# read again in recall mode (measured with benchmarks/extraction.py --ablation).
# On the benchmark's 123 pages the fallback fires on 6 at 0.15 (the lowest shares were
# 0.04-0.14); taking recall mode's text whenever it is longer cost 0.002 F1 (0.9805 -> 0.9785,
# clutter on pages that were fine), taking it only when it is at least RECALL_MIN_GAIN times
# longer leaves the benchmark unchanged (0.9805) and recovers a body that precision mode drops
# whole (tests/test_crawlers_extraction.py).
RECALL_FALLBACK_SHARE = 0.15
RECALL_MIN_GAIN = 2.0


# Plain strings (smart_strings=False: no back-reference to the element per text node) and no
# ancestor test per node: 2.7 times faster on the benchmark's real pages (3.4 -> 1.25 ms a
# page), the same counts on all 123.
_BODY_TEXT = etree.XPath("//body//text()", smart_strings=False)
_HIDDEN_TEXT = etree.XPath("//body//*[self::script or self::style or self::noscript "
                           "or self::template]//text()", smart_strings=False)


def visible_chars(tree) -> int:  # type: ignore[no-untyped-def]
    """Characters of the page's visible text (no scripts, styles or templates)."""
    return (sum(len(t.strip()) for t in _BODY_TEXT(tree))
            - sum(len(t.strip()) for t in _HIDDEN_TEXT(tree)))


def one_day_apart(day: str, other: str) -> bool:
    """Two YYYY-MM-DD days exactly one day apart."""
    return abs((date.fromisoformat(day) - date.fromisoformat(other)).days) == 1


class NotAnArticle(ValueError):
    """The page holds no article text we can extract (or is not an HTML page at all)."""


@dataclass(frozen=True)
class ExtractedArticle:
    url: str | None
    title: str | None
    text: str
    published: str | None  # YYYY-MM-DD
    author: str | None
    language: str | None = None
    canonical_url: str | None = None
    published_raw: str | None = None  # the date as the page wrote it
    published_how: str | None = None  # e.g. "json-ld datePublished", "meta article:published_time"
    updated: str | None = None  # YYYY-MM-DD, the page's modified date
    updated_raw: str | None = None
    updated_how: str | None = None
    sitename: str | None = None
    description: str | None = None

    def to_dict(self) -> dict[str, str | None]:
        return asdict(self)


def extract_article(html: str | bytes, url: str | None = None) -> ExtractedArticle:
    """Extract the article (title, dates, author, body) from a page; NotAnArticle if none."""
    try:
        page = decode_html(html)
    except NotHTML as error:
        raise NotAnArticle(str(error)) from None
    tree = load_html(page)
    if tree is None:
        raise NotAnArticle("the input is not HTML (it does not parse as a page)")
    elements = sum(1 for _ in tree.iter())
    if elements > MAX_ELEMENTS:
        raise NotAnArticle(f"the page has {elements:,} elements, more than any article page "
                           f"(limit {MAX_ELEMENTS:,})")
    # Read what we need from the tree before trafilatura prunes it.
    meta = page_meta(tree, url)
    links = link_texts(tree)
    page_chars = visible_chars(tree)
    prune_form_blocks(tree)
    doc = trafilatura.bare_extraction(tree, url=url, include_comments=False,
                                      favor_precision=FAVOR_PRECISION, with_metadata=True)
    raw_text = (doc.text if doc else None) or ""
    # (A page where precision mode finds nothing is no article: recall mode would read menus.)
    if FAVOR_PRECISION and raw_text.strip() and len(raw_text) < RECALL_FALLBACK_SHARE * page_chars:
        # Precision mode kept a fragment (a reprint notice, a caption) of a page with far more
        # text: read the page again in recall mode and take the longer body.
        again = load_html(page)
        prune_form_blocks(again)
        recall = trafilatura.bare_extraction(again, url=url, include_comments=False,
                                             favor_recall=True, with_metadata=True)
        if recall is not None and len(recall.text or "") > RECALL_MIN_GAIN * len(raw_text):
            doc, raw_text = recall, recall.text or ""
    if not raw_text.strip():
        raise NotAnArticle("no article text found on the page")
    title = doc.title or meta.title
    text = clean_text(raw_text, title, links) or raw_text
    published, published_raw, published_how = None, None, None
    if meta.published:
        published, published_raw, published_how = (
            meta.published.day, meta.published.raw, meta.published.how)
        if doc.date and (day := parse_day(doc.date)) and one_day_apart(day, published):
            # A timestamp written in UTC falls on the next day for an evening story in the
            # Americas; htmldate's day (from the URL and the visible dates) is the one the
            # publisher prints. benchmarks/extraction_dates.py: 26 -> 32 of 32 URL dates.
            published, published_how = day, f"{published_how}, day from htmldate"
    elif doc.date and (day := parse_day(doc.date)):
        published, published_raw, published_how = day, doc.date, "htmldate"
    updated = meta.updated
    return ExtractedArticle(
        url=url or meta.canonical_url, title=title, text=text,
        published=published,
        author=clean_author(meta.author) or clean_author(doc.author),
        language=meta.language or doc.language, canonical_url=meta.canonical_url,
        published_raw=published_raw, published_how=published_how,
        updated=updated.day if updated else None, updated_raw=updated.raw if updated else None,
        updated_how=updated.how if updated else None,
        sitename=doc.sitename, description=doc.description,
    )
