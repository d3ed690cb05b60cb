"""Items the spiders yield."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class ArticleItem:
    """One extracted article, ready for the store (field names are the store's columns)."""

    url: str
    canonical_url: str
    source: str
    title: str | None
    text: str
    published: str | None
    author: str | None
    language: str | None
    published_raw: str | None = None
    published_how: str | None = None
    updated: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    charset: str | None = None  # the page's charset as decided (crawlers.charset)
    charset_how: str | None = None  # how: "header", "meta", "bytes: UTF-8, the header said ..."
    duplicate_of: str | None = None  # set by the near-duplicate pipeline
