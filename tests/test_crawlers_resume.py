"""A crawl killed with SIGKILL half-way and started again stores every article exactly once."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing

import pytest
from fixtures.crawl_site.server import FAST_SETTINGS, serve_fixture_site
from process_watch import running_with, wait_for

import store
from crawlers.sources import Source
from rivalscope.crawl import crawl

pytestmark = pytest.mark.e2e
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def stored(db_path) -> int:
    with closing(sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)) as db:
        return db.execute("select count(*) from articles").fetchone()[0]


def test_killed_crawl_resumes_without_duplicates_or_losses(tmp_path) -> None:
    db_path = tmp_path / "rivalscope.db"
    store.open_db(db_path)
    with serve_fixture_site() as site:
        site.bulk_count = 40
        site.article_delay = 0.1
        source = Source(name="bulk", kind="feed", urls=[site.url("/bulk/feed.xml")],
                        allowed_domains=["127.0.0.1"], allow_hosts=[site.host])
        sources_file = tmp_path / "sources.json"
        sources_file.write_text(json.dumps([source.to_dict()]))
        settings = {**FAST_SETTINGS, "CONCURRENT_REQUESTS_PER_DOMAIN": 2, "LOG_LEVEL": "ERROR"}
        child = subprocess.Popen(
            [sys.executable, "-m", "crawlers.run", "--db", str(db_path), "--sources-json",
             str(sources_file), "--summary", str(tmp_path / "summary.json"),
             "--settings-json", json.dumps(settings)], cwd=ROOT)
        try:
            deadline = time.monotonic() + 30
            while stored(db_path) < 10 and time.monotonic() < deadline:
                time.sleep(0.05)
            os.kill(child.pid, signal.SIGKILL)
        finally:
            child.wait(timeout=10)
        assert child.returncode == -signal.SIGKILL
        before = stored(db_path)
        assert 10 <= before < 40, "the crawl was not killed half-way"
        stored_before = {path_of(url) for url in stored_urls(db_path)}
        fetched_before = dict(site.hits)

        summary = crawl(db_path, [source], settings=FAST_SETTINGS, progress=False)

        db = store.open_db(db_path)
        rows = list(db.query("select url, title from articles"))
        assert len(rows) == 40 == len({r["url"] for r in rows}) == len({r["title"] for r in rows})
        assert summary["new"] == 40 - before
        assert summary["sources"]["bulk"]["known_skipped"] >= before
        # Articles stored before the kill are not downloaded again. Pages that were downloaded
        # but not yet extracted and stored when the kill came are (how many depends on how
        # far extraction lagged behind the downloads on a busy machine).
        refetched = [p for p in stored_before if site.hits[p] > fetched_before[p]]
        assert refetched == []


def stored_urls(db_path) -> list[str]:
    with closing(sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)) as db:
        return [url for (url,) in db.execute("select url from articles")]


def path_of(url: str) -> str:
    return "/" + url.split(":", 2)[2].split("/", 1)[1]


PARENT = """
import json, sys
from crawlers.sources import Source
from rivalscope.crawl import crawl
crawl(sys.argv[1], [Source.from_dict(json.loads(sys.argv[2]))],
      settings=json.loads(sys.argv[3]), progress=False)
"""


def test_killing_the_application_also_ends_its_crawl_process(tmp_path) -> None:
    db_path = tmp_path / "rivalscope.db"
    store.open_db(db_path)
    with serve_fixture_site() as site:
        site.bulk_count = 40
        site.article_delay = 0.2  # 8 s of downloads: the kill comes well before their end
        source = Source(name="bulk", kind="feed", urls=[site.url("/bulk/feed.xml")],
                        allowed_domains=["127.0.0.1"], allow_hosts=[site.host])
        settings = {**FAST_SETTINGS, "CONCURRENT_REQUESTS_PER_DOMAIN": 1}
        parent = subprocess.Popen([sys.executable, "-c", PARENT, str(db_path),
                                   json.dumps(source.to_dict()), json.dumps(settings)], cwd=ROOT)
        # Kill on downloads, not on stored articles: on a busy machine the extraction
        # workers can start after most pages are downloaded.
        deadline = time.monotonic() + 30
        while sum(site.hits.values()) < 10 and time.monotonic() < deadline:
            time.sleep(0.05)
        crawler = running_with("crawlers.run", str(db_path))
        assert len(crawler) == 1, crawler
        parent.kill()
        parent.wait(timeout=10)
        # The crawl process notices within a second; the bound is generous for busy machines.
        wait_for(lambda: not running_with("crawlers.run", str(db_path)), 60,
                 "the end of the orphaned crawl process")
        assert stored(db_path) < 40

        crawl(db_path, [source], settings=FAST_SETTINGS, progress=False)
        assert stored(db_path) == 40


def test_a_big_source_is_collected_over_several_crawls(tmp_path) -> None:
    db_path = tmp_path / "rivalscope.db"
    with serve_fixture_site() as site:
        site.bulk_count = 25
        source = Source(name="bulk", kind="feed", urls=[site.url("/bulk/feed.xml")],
                        allowed_domains=["127.0.0.1"], allow_hosts=[site.host])
        settings = {**FAST_SETTINGS, "RIVALSCOPE_MAX_ARTICLES_PER_CRAWL": 10,
                    "RIVALSCOPE_EXTRACT_PROCESSES": 0}
        news = [crawl(db_path, [source], settings=settings, progress=False)["new"]
                for _ in range(3)]
    assert news == [10, 10, 5]
    assert stored(db_path) == 25
