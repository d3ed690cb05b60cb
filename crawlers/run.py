"""Run one crawl of several sources in this process: `python -m crawlers.run ...`.

Twisted's reactor starts once per process, so the application runs each crawl through this
module in a child process and reads the summary it writes. Every article is stored in its own
transaction as it arrives, so a crawl killed half-way loses nothing it stored, and the next
crawl skips what is already known.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler, CrawlerProcess
from scrapy.settings import Settings

import store
from crawlers import extract_pool
from crawlers.sources import Source
from crawlers.spiders.feeds import FeedSpider
from crawlers.spiders.listings import ListingSpider
from crawlers.spiders.sitemaps import SitemapSpider

SPIDERS = {"feed": FeedSpider, "sitemap": SitemapSpider, "listing": ListingSpider}
ERROR = "rivalscope/error/"
SETTINGS_MODULE = "crawlers.settings"


def project_settings() -> Settings:
    """The project's settings, loaded by module name: a crawl started outside the checkout
    (no scrapy.cfg) or beside someone else's scrapy.cfg still runs with our pipelines,
    address guard, robots.txt and safety settings."""
    settings = Settings()
    settings.setmodule(SETTINGS_MODULE, priority="project")
    return settings


def _class_names(components: list[Any]) -> list[str]:
    return sorted(f"{type(c).__module__}.{type(c).__qualname__}" for c in components)


def running_components(crawler: Crawler) -> dict[str, Any]:
    """What a started crawler really runs: its extensions, middlewares and pipelines, and the
    safety settings (the crawl summary carries them, so tests and operators can check)."""
    engine = crawler.engine
    assert engine is not None
    return {
        "settings_module": SETTINGS_MODULE,
        "extensions": _class_names(crawler.extensions.middlewares),
        "downloader_middlewares": _class_names(engine.downloader.middleware.middlewares),
        "item_pipelines": _class_names(engine.scraper.itemproc.middlewares),
        **{key: crawler.settings.get(key) for key in (
            "ROBOTSTXT_OBEY", "TELNETCONSOLE_ENABLED", "REMOTE_CONTROL_ENABLED",
            "DOWNLOAD_MAXSIZE")},
    }


def stats_summary(stats: dict[str, Any]) -> dict[str, Any]:
    """The counts a person wants from one source's crawl stats."""
    error_kinds = {k[len(ERROR):]: v for k, v in stats.items() if k.startswith(ERROR)}
    return {
        "new": stats.get("rivalscope/article/new", 0),
        "updated": stats.get("rivalscope/article/updated", 0),
        "unchanged": stats.get("rivalscope/article/unchanged", 0),
        "near_duplicates": stats.get("rivalscope/article/near_duplicate", 0),
        "known_skipped": stats.get("rivalscope/article/known_skipped", 0),
        "too_old": stats.get("rivalscope/article/too_old", 0),
        "over_limit": stats.get("rivalscope/article/over_limit", 0),
        "no_text": stats.get("rivalscope/article/no_text", 0),
        "bad_urls": stats.get("rivalscope/article/bad_url", 0),
        "canonical_offsite": stats.get("rivalscope/article/canonical_offsite", 0),
        "not_modified": stats.get("rivalscope/start/not_modified", 0),
        "retries": stats.get("retry/count", 0),
        "slowed_down": stats.get("rivalscope/request/slowed_down", 0),
        "offsite": stats.get("offsite/filtered", 0),
        "repeated": stats.get("rivalscope/article/repeated", 0),
        # listed by this source too, downloaded once for the source that listed it first
        "copies": stats.get("rivalscope/article/copy_of_other_source", 0),
        "sitemaps_unchanged": stats.get("rivalscope/sitemap/unchanged", 0),
        "sitemaps_too_deep": stats.get("rivalscope/sitemap/too_deep", 0),
        "sitemaps_over_budget": stats.get("rivalscope/sitemap/over_budget", 0),
        "robots_forbidden": stats.get("rivalscope/request/robots_forbidden", 0),
        "pages": stats.get("response_received_count", 0),
        "seconds": round(stats.get("elapsed_time_seconds", 0.0), 2),
        "errors": sum(error_kinds.values()),
        "error_kinds": error_kinds,
    }


# This many refused requests in one crawl of a source are worth a warning.
REFUSALS_WARNING = 3
REFUSED = ("rivalscope/request/robots_forbidden", f"{ERROR}refused_address", f"{ERROR}http_401",
           f"{ERROR}http_403", f"{ERROR}http_429", f"{ERROR}http_451")


def source_warnings(kind: str, stats: dict[str, Any]) -> list[str]:
    """What a crawl of a source found wrong although it may have stored articles: the things
    `rivalscope sources` must not call healthy."""
    warnings = []
    if stats.get("rivalscope/start/robots_forbidden"):
        warnings.append("robots.txt forbids the start URLs")
    if (kind == "listing" and stats.get("rivalscope/listing/pages")
            and not stats.get("rivalscope/listing/article_links")):
        warnings.append("no article links on the listing pages (give allow patterns)")
    if loops := stats.get(f"{ERROR}redirect_loop"):
        warnings.append(f"{loops} redirect loop{'s' if loops > 1 else ''}")
    refused = sum(stats.get(key, 0) for key in REFUSED)
    if refused >= REFUSALS_WARNING:
        warnings.append(f"{refused} requests refused (robots.txt, private addresses, 401/403/"
                        "429/451 answers)")
    return warnings


def write_state(db_path: str, sources: list[Source], folder: Path) -> Path:
    """What the store knows, for the spiders: article fetch times and page validators."""
    db = store.open_db(db_path)
    store.upsert_sources(db, [{"name": s.name, "kind": s.kind, "url": " ".join(s.urls),
                               "enabled": s.enabled, "language": s.language} for s in sources])
    state = {"known": store.article_fetch_times(db),
             "validators": {s.name: store.page_validators(db, s.name) for s in sources},
             "sitemaps": {s.name: store.sitemap_lastmods(db, s.name) for s in sources
                          if s.kind == "sitemap"}}
    db.close()
    path = folder / "state.json"
    path.write_text(json.dumps(state), encoding="utf-8")
    return path


def run(db_path: str, sources: list[Source], since: str | None,
        overrides: dict[str, Any]) -> dict[str, Any]:
    """Crawl the sources into the store at db_path; returns the summary."""
    settings = project_settings()
    settings.set("RIVALSCOPE_DB", db_path, priority="cmdline")
    for key, value in overrides.items():
        settings.set(key, value, priority="cmdline")
    process = CrawlerProcess(settings)
    crawlers = {}
    components: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="rivalscope-state-") as tmp:
        state_file = write_state(db_path, sources, Path(tmp))
        for source in sources:
            spider = SPIDERS[source.kind]
            crawler = process.create_crawler(spider)
            crawlers[source.name] = crawler
            if not components:
                def record(spider: Any, crawler: Crawler = crawler) -> None:
                    components.update(running_components(crawler))

                crawler.signals.connect(record, signal=signals.spider_opened, weak=False)
            process.crawl(crawler, source_json=json.dumps(source.to_dict()), since=since,
                          state_file=str(state_file))
        process.start()
        extract_pool.shutdown()
    summary: dict[str, Any] = {"sources": {}, "components": components}
    db = store.open_db(db_path)
    for name, crawler in crawlers.items():
        counts = stats_summary(crawler.stats.get_stats())
        summary["sources"][name] = counts
        spider = crawler.spider
        # A source with failures is re-read in full next time, so nothing it missed is lost
        # behind a 304.
        if spider is not None and not counts["errors"] and spider.new_validators:
            store.record_page_validators(db, name, spider.new_validators)
        if spider is not None and not counts["errors"] and getattr(
                spider, "new_sitemap_lastmods", None):
            store.record_sitemap_lastmods(db, name, spider.new_sitemap_lastmods)
        last_error = ", ".join(f"{k}: {v}" for k, v in sorted(counts["error_kinds"].items()))
        store.record_source_crawl(db, name, found=counts["new"] + counts["updated"],
                                  errors=counts["errors"], last_error=last_error or None)
        kind = spider.source.kind if spider is not None else ""
        counts["warnings"] = source_warnings(kind, crawler.stats.get_stats())
        store.record_source_warnings(db, name, counts["warnings"])
    db.close()
    for key in ("new", "updated", "unchanged", "near_duplicates", "errors", "copies"):
        summary[key] = sum(s[key] for s in summary["sources"].values())
    # The crawl process's peak resident memory (extraction workers not included), in MB.
    summary["peak_memory_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return summary


def exit_with_parent(parent: int) -> None:
    """End this process when the parent that started it is gone (killed or crashed): an
    orphaned crawl must not run on beside the next one."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(1)  # like SIGKILL, which a crawl survives: every stored article is complete

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", required=True)
    parser.add_argument("--sources-json", required=True, help="a file with a JSON list of sources")
    parser.add_argument("--summary", required=True, help="where to write the JSON summary")
    parser.add_argument("--since")
    parser.add_argument("--settings-json", default="{}")
    parser.add_argument("--parent-pid", type=int, help="exit when this process is gone")
    args = parser.parse_args(argv)
    if args.parent_pid:
        exit_with_parent(args.parent_pid)
    sources = [Source.from_dict(s) for s in json.loads(Path(args.sources_json).read_text())]
    summary = run(args.db, sources, args.since, json.loads(args.settings_json))
    Path(args.summary).write_text(json.dumps(summary), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
