"""The configured news sources, their crawl health and their start pages' validators."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlite_utils import Database

from store.ids import now


def upsert_sources(db: Database, sources: Iterable[Mapping[str, Any]]) -> None:
    """Record configured sources (name, kind, url, enabled, language); keeps crawl health."""
    rows = [
        {"name": s["name"], "kind": s["kind"], "url": s["url"],
         "enabled": int(bool(s.get("enabled", True))), "language": s.get("language")}
        for s in sources
    ]
    with db.conn:
        db["sources"].upsert_all(rows, pk="name")


def record_source_crawl(db: Database, name: str, *, found: int, errors: int,
                        last_error: str | None = None) -> None:
    """Store the outcome of one crawl of a source."""
    with db.conn:
        db["sources"].upsert(
            {"name": name, "last_crawl_at": now(), "articles_found": found, "errors": errors,
             "last_error": last_error},
            pk="name",
        )


def record_source_warnings(db: Database, name: str, warnings: list[str]) -> None:
    """Store the warnings of a source's last crawl (none clears them)."""
    with db.conn:
        db["sources"].upsert({"name": name, "warnings": "; ".join(warnings) or None}, pk="name")


def recorded_sources(db: Database) -> dict[str, dict[str, Any]]:
    """Source name -> its row (kind, url, enabled, last crawl, articles found, errors)."""
    return {row["name"]: row for row in db["sources"].rows}


def page_validators(db: Database, source: str) -> dict[str, dict[str, str]]:
    """A source's start URLs -> their last ETag / Last-Modified (for conditional requests)."""
    return {row["url"]: {"etag": row["etag"] or "", "last_modified": row["last_modified"] or ""}
            for row in db["source_pages"].rows_where("source = ?", [source])}


def record_page_validators(db: Database, source: str,
                           validators: Mapping[str, Mapping[str, str]]) -> None:
    """Remember the ETag / Last-Modified each start URL of a source answered with."""
    rows = [{"url": url, "source": source, "etag": v.get("etag") or None,
             "last_modified": v.get("last_modified") or None, "checked_at": now()}
            for url, v in validators.items()]
    with db.conn:
        db["source_pages"].upsert_all(rows, pk="url")


# Sitemap indexes: the lastmod each child sitemap had when a crawl last read it in full, so
# an unchanged child is not fetched again. Self-contained (creates its own table).


def sitemap_lastmods(db: Database, source: str) -> dict[str, str]:
    """A sitemap source's child sitemap URLs -> the lastmod they were last read in full at."""
    if not db["sitemap_lastmods"].exists():
        return {}
    return {row["url"]: row["lastmod"]
            for row in db["sitemap_lastmods"].rows_where("source = ?", [source])}


def record_sitemap_lastmods(db: Database, source: str, lastmods: Mapping[str, str]) -> None:
    """Remember the lastmod of each child sitemap a crawl of source read in full."""
    rows = [{"url": url, "source": source, "lastmod": lastmod, "checked_at": now()}
            for url, lastmod in lastmods.items()]
    if rows:
        with db.conn:
            db["sitemap_lastmods"].upsert_all(rows, pk=("source", "url"))
