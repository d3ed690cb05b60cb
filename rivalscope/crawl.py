"""Crawl sources into the store (each crawl runs Scrapy in a child process)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from crawlers.sources import Source


class CrawlError(RuntimeError):
    """The crawl process failed; the message carries the end of its log."""


def crawl(db_path: str | os.PathLike[str], sources: list[Source], *, since: str | None = None,
          settings: dict[str, Any] | None = None, progress: bool = True) -> dict[str, Any]:
    """Crawl the sources with Scrapy, storing their articles; returns the crawl summary."""
    settings = {"LOG_LEVEL": "INFO" if progress else "WARNING", **(settings or {})}
    with tempfile.TemporaryDirectory(prefix="rivalscope-crawl-") as tmp:
        sources_file = Path(tmp) / "sources.json"
        summary_file = Path(tmp) / "summary.json"
        sources_file.write_text(json.dumps([s.to_dict() for s in sources]), encoding="utf-8")
        command = [sys.executable, "-m", "crawlers.run", "--db", str(db_path),
                   "--sources-json", str(sources_file), "--summary", str(summary_file),
                   "--settings-json", json.dumps(settings), "--parent-pid", str(os.getpid())]
        if since:
            command += ["--since", since]
        result = subprocess.run(command, stderr=None if progress else subprocess.PIPE,  # noqa: S603
                                text=True, check=False)
        if result.returncode != 0 or not summary_file.exists():
            tail = (result.stderr or "")[-2000:]
            raise CrawlError(f"the crawl failed (exit {result.returncode}). {tail}")
        return json.loads(summary_file.read_text(encoding="utf-8"))


def source_health(db_path: str | os.PathLike[str], sources: list[Source]) -> list[dict[str, Any]]:
    """Each source with its health (disabled, never crawled, errors, warnings or ok): last
    crawl, articles stored, errors and warnings of the last crawl."""
    import store

    db = store.open_db(db_path, create=False)
    recorded = store.recorded_sources(db)
    stored = store.articles_per_source(db)
    skipped = store.skipped_per_source(db)
    db.close()
    rows = []
    for source in sources:
        row = recorded.get(source.name, {})
        if not source.enabled:
            health = "disabled"
        elif not row.get("last_crawl_at"):
            health = "never crawled"
        elif row.get("errors"):
            health = "errors"
        elif row.get("warnings"):
            health = "warnings"
        else:
            health = "ok"
        rows.append({
            "name": source.name, "kind": source.kind, "enabled": source.enabled,
            "language": source.language, "health": health,
            "last_crawl": row.get("last_crawl_at"), "last_found": row.get("articles_found"),
            "articles": stored.get(source.name, 0),
            "skipped_language": skipped.get(source.name, 0), "errors": row.get("errors") or 0,
            "last_error": row.get("last_error"), "warnings": row.get("warnings"),
            "url": source.urls[0],
        })
    return rows
