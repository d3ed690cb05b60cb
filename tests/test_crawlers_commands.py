"""`rivalscope crawl`, `rivalscope sources`, and Scrapy's own `scrapy list/check/crawl`
working from the checkout."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from fixtures.crawl_site.server import FAST_SETTINGS, serve_fixture_site

import store
from rivalscope.cli import main

ROOT = Path(__file__).parent.parent
SCRAPY = [sys.executable, "-m", "scrapy.cmdline"]


def sources_toml(base: str) -> str:
    return f"""
[[source]]
name = "fx-rss1"
kind = "feed"
urls = ["{base}/rss1.xml"]
allowed_domains = ["127.0.0.1"]
language = "en"
allow_hosts = ["{base[7:]}"]

[[source]]
name = "fx-listing"
kind = "listing"
urls = ["{base}/news/"]
allowed_domains = ["127.0.0.1"]
allow = ['/articles/[\\w-]+\\.html$']
enabled = false
allow_hosts = ["{base[7:]}"]
"""


def test_sources_lists_the_shipped_sources_with_health(runner, db_path) -> None:
    result = runner.invoke(main, ["sources", "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    assert "electrek" in result.output and "never crawled" in result.output


def test_crawl_rejects_an_unknown_source(runner, db_path) -> None:
    result = runner.invoke(main, ["crawl", "--db", str(db_path), "--source", "nope"])
    assert result.exit_code != 0 and "no source named nope" in result.output


@pytest.mark.e2e
def test_crawl_command_crawls_enabled_sources_and_sources_shows_health(runner, tmp_path):
    db_path = tmp_path / "rivalscope.db"
    with serve_fixture_site() as site:
        path = tmp_path / "sources.toml"
        path.write_text(sources_toml(site.base))
        overrides = [f"--set={k}={json.dumps(v)}" for k, v in FAST_SETTINGS.items()]
        result = runner.invoke(main, ["crawl", "--db", str(db_path), "--sources-file",
                                      str(path), "--quiet", *overrides])
        assert result.exit_code == 0, result.output
        assert "fx-rss1: 1 new" in result.output
        assert "fx-listing" not in result.output  # disabled
        assert site.hits["/news/"] == 0
    result = runner.invoke(main, ["sources", "--db", str(db_path), "--sources-file", str(path),
                                  "--json"])
    health = {row["name"]: row for row in json.loads(result.output)}
    assert health["fx-rss1"]["health"] == "ok" and health["fx-rss1"]["articles"] == 1
    assert health["fx-listing"]["health"] == "disabled"


def run_scrapy(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*SCRAPY, *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, env={**os.environ, **(env or {})}, check=False)


def test_scrapy_list_and_check_work_from_the_checkout() -> None:
    listed = run_scrapy("list")
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.split() == ["feed", "listing", "sitemap"]
    checked = run_scrapy("check")
    assert checked.returncode == 0, checked.stderr


@pytest.mark.e2e
def test_scrapy_crawl_reads_the_source_by_name(tmp_path) -> None:
    db_path = tmp_path / "scrapy.db"
    with serve_fixture_site() as site:
        path = tmp_path / "sources.toml"
        path.write_text(sources_toml(site.base))
        # Extraction in the crawl process here; the other crawls use the worker pool.
        settings = [f"-s{k}={v}" for k, v in FAST_SETTINGS.items()]
        settings.append("-sRIVALSCOPE_EXTRACT_PROCESSES=0")
        # Scrapy's own overrides name the sources file and the store; the environment does not.
        stray = {"RIVALSCOPE_SOURCES": str(tmp_path / "absent.toml"),
                 "RIVALSCOPE_DB": str(tmp_path / "absent.db")}
        where = ["-a", f"sources_file={path}", f"-sRIVALSCOPE_DB={db_path}"]
        result = run_scrapy("crawl", "feed", "-a", "source=fx-rss1", *where, *settings,
                            env=stray)
        assert result.returncode == 0, result.stderr[-2000:]
        wrong_kind = run_scrapy("crawl", "sitemap", "-a", "source=fx-rss1", *where, env=stray)
    assert "is a feed, not a sitemap" in wrong_kind.stderr
    titles = [r["title"] for r in store.open_db(db_path).query("select title from articles")]
    assert titles == ["Rivian van deliveries pass a milestone"]
    assert not (tmp_path / "absent.db").exists()
