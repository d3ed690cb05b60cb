"""Load Scrapy feed exports (JSON Lines of crawled articles) into the store, idempotently.

A crawl node (Scrapyd) writes each article item as one JSON object per line, with the
store's column names (crawlers.items.ArticleItem). Loading the same feed twice changes
nothing: store.save_article answers "unchanged" for an article it already holds.
"""

from __future__ import annotations

import json
import os
import urllib.request
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from sqlite_utils import Database

import store
from crawlers.near_duplicates import DuplicateIndex, minhash

# The fields of an exported item that go into the store; anything else is ignored.
FIELDS = ("url", "canonical_url", "source", "title", "text", "published", "published_raw",
          "published_how", "updated", "author", "language", "etag", "last_modified",
          "duplicate_of")


class FeedError(ValueError):
    """A feed that cannot be read; the message names it."""


def read_lines(feed: str | os.PathLike[str]) -> Iterator[str]:
    """The lines of a feed file, or of an http(s) URL (a Scrapyd node serving its items)."""
    name = str(feed)
    if name.startswith(("http://", "https://")):
        # The operator names the node; it is not a URL taken from crawled content.
        with urllib.request.urlopen(name, timeout=60) as response:  # noqa: S310
            for raw in response:
                yield raw.decode("utf-8")
        return
    path = Path(name.removeprefix("file://"))
    if not path.is_file():
        raise FeedError(f"no feed file at {path}")
    with path.open(encoding="utf-8") as handle:
        yield from handle


def items(lines: Iterable[str], feed: str = "") -> Iterator[dict[str, Any]]:
    """The article items of JSON Lines (blank lines skipped); FeedError on a bad line."""
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as error:
            # A node killed mid-write leaves a cut last line: the article comes next crawl.
            raise FeedError(f"{feed}:{number}: not JSON ({error.msg})") from None
        if not isinstance(item, dict):
            raise FeedError(f"{feed}:{number}: not an object")
        yield item


def ingest(db: Database, feeds: Iterable[str | os.PathLike[str]], *,
           duplicates: LazyIndex | None = None) -> dict[str, Any]:
    """Store every article of the feeds; returns counts per outcome and per source.

    Crawl nodes have no store to compare with, so syndicated copies are linked here: a new
    article whose text is a near-duplicate of a recent one gets its duplicate_of (pass one
    index to several calls to compare across them).
    """
    index = duplicates or LazyIndex(db, None)
    totals: Counter[str] = Counter()
    per_source: dict[str, Counter[str]] = {}
    problems: list[str] = []
    for feed in feeds:
        try:
            for item in items(read_lines(feed), str(feed)):
                article = {key: item.get(key) for key in FIELDS if item.get(key) is not None}
                source = article.get("source") or "?"
                counts = per_source.setdefault(source, Counter())
                try:
                    link_copy(db, index, article)
                    outcome = store.save_article(db, article)
                except (KeyError, ValueError) as error:
                    outcome = "rejected"
                    problems.append(f"{feed}: {error!r}")
                totals[outcome] += 1
                counts[outcome] += 1
        except (FeedError, OSError) as error:
            totals["bad_feeds"] += 1
            problems.append(str(error))
    return {
        "new": totals["new"], "updated": totals["updated"], "unchanged": totals["unchanged"],
        "rejected": totals["rejected"], "bad_feeds": totals["bad_feeds"],
        "sources": {name: {k: c[k] for k in ("new", "updated", "unchanged", "rejected")}
                    for name, c in per_source.items()},
        "problems": problems,
    }


class LazyIndex:
    """The near-duplicate index, built on first use: a feed of known articles needs none."""

    def __init__(self, db: Database, index: DuplicateIndex | None) -> None:
        self.db = db
        self.index = index

    def get(self) -> DuplicateIndex:
        if self.index is None:
            self.index = DuplicateIndex.of_recent_articles(self.db)
        return self.index


def link_copy(db: Database, index: LazyIndex, article: dict[str, Any]) -> None:
    """Set duplicate_of when a new article copies a recent one; else index it as an original."""
    if article.get("duplicate_of") or not article.get("text"):
        return
    article_id = store.article_id(article.get("canonical_url") or article["url"])
    if store.has_article(db, article_id):
        return  # stored before: loading it again leaves it as it was linked then
    original = index.get().link(article_id, article.get("source") or "?", article["text"],
                                minhash(article["text"]))
    if original is not None:
        article["duplicate_of"] = original
