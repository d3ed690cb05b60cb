"""Articles: stored once per canonical URL, changes recorded, read back for analysis."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from sqlite_utils import Database

from store.ids import article_id, content_hash, now, stable_id
from store.rows import get
from store.schema import SCHEMA


def save_article(db: Database, article: Mapping[str, Any]) -> str:
    """Insert or update one article; returns "new", "updated" or "unchanged".

    The article needs at least url and text; canonical_url defaults to url. A changed text
    is recorded in article_changes and clears analyzed_with so the article is analysed again.
    """
    text = article.get("text") or ""
    if not text.strip():
        raise ValueError(f"article {article.get('url')!r} has no text")
    canonical = article.get("canonical_url") or article["url"]
    row = {key: article.get(key) for key in SCHEMA["articles"][0] if key in article}
    row.update(
        id=article_id(canonical), canonical_url=canonical, content_hash=content_hash(text),
        fetched_at=article.get("fetched_at") or now(),
    )
    row.pop("analyzed_with", None)
    with db.conn:
        existing = get(db, "articles", row["id"])
        if existing is None:
            db["articles"].insert(row)
            return "new"
        if existing["content_hash"] == row["content_hash"]:
            db["articles"].update(row["id"], {"fetched_at": row["fetched_at"]})
            return "unchanged"
        changed_at = now()
        db["article_changes"].insert(
            {"id": stable_id(row["id"], existing["content_hash"], row["content_hash"]),
             "article_id": row["id"], "changed_at": changed_at,
             "old_hash": existing["content_hash"], "new_hash": row["content_hash"]},
            replace=True,
        )
        db["articles"].update(row["id"], {**row, "changed_at": changed_at,
                                          "analyzed_with": None})
        return "updated"


def known_article_urls(db: Database) -> set[str]:
    """Every stored url and canonical url (the crawlers skip these)."""
    urls: set[str] = set()
    for row in db.execute("select url, canonical_url from articles").fetchall():
        urls.update(u for u in row if u)
    return urls


def article_fetch_times(db: Database) -> dict[str, str]:
    """Every stored url, canonical url and url alias -> when its article was last fetched
    (ISO 8601)."""
    times: dict[str, str] = {}
    for url, fetched_at in db.execute(
            "select u.url, a.fetched_at from url_aliases u "
            "join articles a on a.id = u.article_id").fetchall():
        times[url] = fetched_at or ""
    for url, canonical, fetched_at in db.execute(
            "select url, canonical_url, fetched_at from articles").fetchall():
        for key in (url, canonical):
            if key:
                times[key] = fetched_at or ""
    return times


def record_url_alias(db: Database, url: str, article_id: str) -> None:
    """Remember that url is another page of a stored article (article_fetch_times lists it)."""
    with db.conn:
        db["url_aliases"].upsert({"url": url, "article_id": article_id, "seen_at": now()},
                                 pk="url")


def articles_to_analyze(db: Database, version: str, page: int = 200) -> Iterator[dict[str, Any]]:
    """Articles not yet analysed with this pipeline version (duplicates are skipped).

    Rows are read a page at a time and no cursor stays open while the caller writes.
    """
    last_id = ""
    while True:
        rows = list(db.query(
            "select id, title, text, published, language from articles "
            "where (analyzed_with is null or analyzed_with != ?) and duplicate_of is null "
            "and id > ? order by id limit ?",
            [version, last_id, page],
        ))
        if not rows:
            return
        yield from rows
        last_id = rows[-1]["id"]


def record_language(db: Database, article_id: str, language: str | None, how: str) -> None:
    """Store an article's language and how it was found (declared | detected | unknown)."""
    with db.conn:
        db["articles"].update(article_id, {"language": language, "language_how": how,
                                           "skipped": None})


def record_relevance(db: Database, article_id: str, relevance: float) -> None:
    """Store nlp's score that the article is automotive, fleet or mobility news."""
    with db.conn:
        db["articles"].update(article_id, {"relevance": relevance})


def skip_article(db: Database, article_id: str, language: str | None, how: str,
                 version: str) -> None:
    """An article in a language the pipeline does not analyse: stored, counted, not analysed
    until a pipeline version that may support it."""
    with db.conn:
        db["articles"].update(article_id, {"language": language, "language_how": how,
                                           "skipped": f"language:{language}",
                                           "analyzed_with": version})


def skipped_per_source(db: Database) -> dict[str, int]:
    """Source name -> how many of its articles were skipped (a language not analysed)."""
    return dict(db.execute("select source, count(*) from articles where skipped is not null "
                           "group by source").fetchall())


def count_to_analyze(db: Database, version: str) -> int:
    """How many articles articles_to_analyze would give."""
    return db.execute(
        "select count(*) from articles where (analyzed_with is null or analyzed_with != ?) "
        "and duplicate_of is null", [version]).fetchone()[0]


def has_article(db: Database, article_id: str) -> bool:
    """Whether the store holds the article with this id."""
    return db.execute("select 1 from articles where id = ?", [article_id]).fetchone() is not None


def recent_originals(db: Database, since: str) -> Iterator[dict[str, Any]]:
    """id, source and text of the articles fetched since (ISO 8601) that copy no other."""
    yield from db.query("select id, source, text from articles "
                        "where duplicate_of is null and fetched_at >= ?", [since])


def articles_per_source(db: Database) -> dict[str, int]:
    """Source name -> how many articles the store holds from it."""
    return dict(db.execute("select source, count(*) from articles group by source").fetchall())
