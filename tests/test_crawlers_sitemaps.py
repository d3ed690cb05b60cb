"""Sitemaps that cannot hold a crawl: nesting depth, a request budget, unchanged children
skipped, a streamed parse in bounded memory, and a URL cap that counts distinct URLs.
Real crawls of generated sitemaps served on 127.0.0.1."""

from __future__ import annotations

import pytest
from fixtures.crawl_site.server import FAST_SETTINGS, serve_fixture_site

from crawlers.sources import Source
from rivalscope.crawl import crawl

pytestmark = pytest.mark.e2e


def sitemap_source(site, path: str) -> Source:
    return Source(name="fx-sitemaps", kind="sitemap", urls=[site.url(path)], language="en",
                  allow_hosts=[site.host])


def fetched(site, prefix: str) -> dict[str, int]:
    return {path: n for path, n in site.hits.items() if path.startswith(prefix)}


def test_a_chain_of_sitemap_indexes_ends_at_the_depth_limit(tmp_path) -> None:
    with serve_fixture_site() as site:
        summary = crawl(tmp_path / "deep.db", [sitemap_source(site, "/deep/index-0.xml")],
                        settings={**FAST_SETTINGS, "RIVALSCOPE_SITEMAP_MAX_DEPTH": 3},
                        progress=False)
        hits = fetched(site, "/deep/")
    assert sorted(hits) == [f"/deep/index-{n}.xml" for n in range(4)]
    assert summary["sources"]["fx-sitemaps"]["sitemaps_too_deep"] == 1


def test_sitemap_requests_stay_within_the_crawl_budget(tmp_path) -> None:
    with serve_fixture_site() as site:
        summary = crawl(tmp_path / "budget.db", [sitemap_source(site, "/wide/index.xml")],
                        settings={**FAST_SETTINGS, "RIVALSCOPE_SITEMAP_MAX_REQUESTS": 5},
                        progress=False)
        children = fetched(site, "/wide/child-")
    counts = summary["sources"]["fx-sitemaps"]
    assert len(children) == 5 and counts["sitemaps_over_budget"] == 15
    assert counts["new"] == 5


def test_child_sitemaps_with_an_unchanged_lastmod_are_not_fetched_again(tmp_path) -> None:
    db_path = tmp_path / "lastmod.db"
    with serve_fixture_site() as site:
        source = sitemap_source(site, "/wide/index.xml")
        first = crawl(db_path, [source], settings=FAST_SETTINGS, progress=False)
        assert len(fetched(site, "/wide/child-")) == 20 and first["new"] == 20
        before = dict(site.hits)
        second = crawl(db_path, [source], settings=FAST_SETTINGS, progress=False)
        assert fetched(site, "/wide/child-") == fetched_before(before, "/wide/child-")
        assert second["sources"]["fx-sitemaps"]["sitemaps_unchanged"] == 20
        site.wide_lastmods[7] = "2026-11-20"
        before = dict(site.hits)
        crawl(db_path, [source], settings=FAST_SETTINGS, progress=False)
        again = {p for p, n in site.hits.items() if n > before.get(p, 0)}
    assert again == {"/robots.txt", "/wide/index.xml", "/wide/child-7.xml"}


def fetched_before(hits: dict[str, int], prefix: str) -> dict[str, int]:
    return {path: n for path, n in hits.items() if path.startswith(prefix)}


def test_the_url_cap_counts_distinct_urls(tmp_path) -> None:
    with serve_fixture_site() as site:
        summary = crawl(tmp_path / "repeats.db", [sitemap_source(site, "/repeats.xml")],
                        settings={**FAST_SETTINGS, "RIVALSCOPE_MAX_ARTICLES_PER_CRAWL": 10},
                        progress=False)
    counts = summary["sources"]["fx-sitemaps"]
    assert counts["new"] == 10 and counts["over_limit"] == 0 and counts["repeated"] == 40


def test_a_huge_gzipped_sitemap_is_read_in_bounded_memory(tmp_path) -> None:
    with serve_fixture_site() as site:
        small = crawl(tmp_path / "small.db", [sitemap_source(site, "/wide/child-0.xml")],
                      settings=FAST_SETTINGS, progress=False)
        summary = crawl(tmp_path / "huge.db", [sitemap_source(site, "/huge.xml.gz")],
                        settings=FAST_SETTINGS, progress=False)
        assert len(site.huge_sitemap()) < 1024 * 1024  # 3 million entries in under 1 MB
    counts = summary["sources"]["fx-sitemaps"]
    assert counts["new"] == 1 and counts["errors"] == 0
    # Parsing the whole file into one tree took the crawl process to 740 MB (a one-entry
    # sitemap: ~150 MB); streamed, it stays near what a small sitemap costs.
    print("peak memory of the crawl process:", small["peak_memory_mb"], "MB (small),",
          summary["peak_memory_mb"], "MB (huge)")
    assert summary["peak_memory_mb"] < small["peak_memory_mb"] + 150
