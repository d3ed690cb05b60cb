"""Run one crawl of several sources in this process: `python -m crawlers.run ...`.

Twisted's reactor starts once per process, so the application runs each crawl through this
module in a child process and reads the summary it writes.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from scrapy.crawler import CrawlerProcess
from scrapy.utils.project import get_project_settings

from crawlers.sources import Source
from crawlers.spiders.feeds import FeedSpider
from rivalscope import store

SPIDERS = {"feed": FeedSpider}


def stats_summary(stats: dict[str, Any]) -> dict[str, int]:
    """The counts a person wants from one source's crawl stats."""
    errors = sum(v for k, v in stats.items()
                 if k.startswith(("downloader/exception_count", "spider_exceptions/"))
                 and isinstance(v, int))
    return {
        "new": stats.get("rivalscope/article/new", 0),
        "updated": stats.get("rivalscope/article/updated", 0),
        "unchanged": stats.get("rivalscope/article/unchanged", 0),
        "known_skipped": stats.get("rivalscope/article/known_skipped", 0),
        "no_text": stats.get("rivalscope/article/no_text", 0),
        "pages": stats.get("response_received_count", 0),
        "http_errors": stats.get("httperror/response_ignored_count", 0),
        "refused": stats.get("rivalscope/request/refused_address", 0),
        "errors": errors + stats.get("rivalscope/feed/not_a_feed", 0),
    }


def run(db_path: str, sources: list[Source], since: str | None,
        overrides: dict[str, Any]) -> dict[str, Any]:
    settings = get_project_settings()
    settings.set("RIVALSCOPE_DB", db_path, priority="cmdline")
    for key, value in overrides.items():
        settings.set(key, value, priority="cmdline")
    db = store.open_db(db_path)
    store.upsert_sources(db, [{"name": s.name, "kind": s.kind, "url": " ".join(s.urls),
                               "enabled": s.enabled, "language": s.language} for s in sources])
    known = Path(db_path).with_suffix(".known-urls.txt")
    known.write_text("\n".join(sorted(store.known_article_urls(db))), encoding="utf-8")
    db.close()
    process = CrawlerProcess(settings)
    crawlers = {}
    for source in sources:
        spider = SPIDERS.get(source.kind)
        if spider is None:
            raise SystemExit(f"no spider for sources of kind {source.kind!r}")
        crawler = process.create_crawler(spider)
        crawlers[source.name] = crawler
        process.crawl(crawler, source_json=json.dumps(source.to_dict()), since=since,
                      known_urls_file=str(known))
    process.start()
    known.unlink(missing_ok=True)
    summary: dict[str, Any] = {"sources": {}}
    db = store.open_db(db_path)
    for name, crawler in crawlers.items():
        counts = stats_summary(crawler.stats.get_stats())
        summary["sources"][name] = counts
        store.record_source_crawl(db, name, found=counts["new"] + counts["updated"],
                                  errors=counts["errors"])
    for key in ("new", "updated", "unchanged", "errors"):
        summary[key] = sum(s[key] for s in summary["sources"].values())
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", required=True)
    parser.add_argument("--sources-json", required=True, help="a JSON list of sources")
    parser.add_argument("--summary", required=True, help="where to write the JSON summary")
    parser.add_argument("--since")
    parser.add_argument("--settings-json", default="{}")
    args = parser.parse_args(argv)
    sources = [Source.from_dict(s) for s in json.loads(Path(args.sources_json).read_text())]
    summary = run(args.db, sources, args.since, json.loads(args.settings_json))
    Path(args.summary).write_text(json.dumps(summary), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
