"""Politeness across sources: sources on one host share one download slot, and an article
that several sources list is downloaded once per crawl (the summary counts the copies)."""

from __future__ import annotations

import pytest
from fixtures.crawl_site.server import FAST_SETTINGS, serve_fixture_site

from crawlers.sources import Source
from rivalscope.crawl import crawl

pytestmark = pytest.mark.e2e


def test_sources_on_one_host_share_a_slot_and_download_each_article_once(tmp_path) -> None:
    with serve_fixture_site() as site:
        site.article_delay = 0.2  # downloads that overlap if two slots run side by side
        site.custom_links = [site.url(f"/stories/shared-story-{n}.html") for n in range(4)]
        sources = [Source(name=f"fx-copy-{n}", kind="feed", language="en",
                          urls=[site.url(f"/custom-feed.xml?copy={n}")],
                          allow_hosts=[site.host]) for n in range(3)]
        summary = crawl(tmp_path / "copies.db", sources,
                        settings={**FAST_SETTINGS, "CONCURRENT_REQUESTS_PER_DOMAIN": 1},
                        progress=False)
        hits = {p: n for p, n in site.hits.items() if p.startswith("/stories/")}
        most_at_once = site.max_in_flight
    assert hits == {f"/stories/shared-story-{n}.html": 1 for n in range(4)}
    assert summary["new"] == 4 and summary["copies"] == 8
    assert most_at_once == 1


def test_retry_after_is_honoured_per_url_and_a_long_wait_is_left_for_a_later_crawl(
        tmp_path) -> None:
    with serve_fixture_site() as site:
        site.custom_links = [site.url("/limited/long-wait-story.html?ra=3600"),
                             site.url("/limited/short-wait-story.html?ra=1"),
                             *[site.url(f"/stories/other-story-{n}.html") for n in range(3)]]
        source = Source(name="fx-limited", kind="feed", language="en",
                        urls=[site.url("/custom-feed.xml")], allow_hosts=[site.host])
        # A site delay as long as the old code would set from 'Retry-After: 3600' would hold
        # the other URLs past the test's timeout.
        summary = crawl(tmp_path / "limited.db", [source],
                        settings={**FAST_SETTINGS, "AUTOTHROTTLE_MAX_DELAY": 3600,
                                  "RETRY_AFTER_MAX": 30},
                        progress=False)
        times = [t for t, p in site.hit_times if p == "/limited/short-wait-story.html"]
        hits = dict(site.hits)
    counts = summary["sources"]["fx-limited"]
    assert counts["new"] == 4 and counts["error_kinds"] == {"retry_later": 1}, counts
    assert hits["/limited/long-wait-story.html"] == 1  # not retried in this crawl
    assert len(times) == 2 and times[1] - times[0] >= 1.0  # the asked wait, for this URL
    assert all(hits[f"/stories/other-story-{n}.html"] == 1 for n in range(3))
