"""Collection that cannot be turned against itself: the project's settings wherever a crawl
starts, the address guard always on, canonical links that cannot claim another site, and
one bad link that cannot end a feed. Real crawls of real servers on 127.0.0.1."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from fixtures.crawl_site.server import FAST_SETTINGS, serve_fixture_site

import store
from crawlers.sources import Source, SourceError
from rivalscope.crawl import crawl

RIVALSCOPE = Path(sys.executable).parent / "rivalscope"
UNSAFE_EXTENSIONS = {"scrapy.extensions.telnet.TelnetConsole",
                     "scrapy.extensions.remote_control.RemoteControl"}


def custom_source(site, name: str = "fx-custom", **extra) -> Source:
    return Source(name=name, kind="feed", urls=[site.url("/custom-feed.xml")], language="en",
                  allow_hosts=[site.host], **extra)


def test_allow_private_is_replaced_by_exact_hosts() -> None:
    base = {"name": "x", "kind": "feed", "urls": ["http://127.0.0.1:8000/feed.xml"]}
    with pytest.raises(SourceError, match="allow_hosts"):
        Source.from_dict({**base, "allow_private": True})
    for bad in ("127.0.0.1", "10.0.0.0/8", "http://127.0.0.1:8000", "*:8000", "h:99999"):
        with pytest.raises(SourceError, match="host:port"):
            Source.from_dict({**base, "allow_hosts": [bad]})
    assert Source.from_dict({**base, "allow_hosts": ["127.0.0.1:8000"]}).allow_hosts == [
        "127.0.0.1:8000"]


@pytest.mark.e2e
def test_crawl_started_outside_the_checkout_runs_with_the_project_settings(tmp_path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    db_path = tmp_path / "store.db"
    with serve_fixture_site() as site:
        port = site.host.split(":")[1]
        site.custom_links = [site.url("/stories/fleet-story-outside.html"),
                             site.url("/private/secret-story.html"),  # robots.txt: Disallow
                             f"http://localhost:{port}/stories/via-localhost.html"]
        sources = outside / "sources.toml"
        sources.write_text(f'[[source]]\nname = "fx-custom"\nkind = "feed"\n'
                           f'urls = ["{site.url("/custom-feed.xml")}"]\nlanguage = "en"\n'
                           f'allow_hosts = ["{site.host}"]\n')
        overrides = [f"--set={k}={json.dumps(v)}" for k, v in FAST_SETTINGS.items()]
        env = {k: v for k, v in os.environ.items() if not k.startswith("SCRAPY_")}
        result = subprocess.run(  # noqa: S603 (our own console script)
            [str(RIVALSCOPE), "crawl", "--sources-file", str(sources), "--db", str(db_path),
             "--json", "--quiet", *overrides],
            cwd=outside, capture_output=True, text=True, timeout=180, env=env, check=False)
        assert result.returncode == 0, result.stderr[-3000:]
        hits = dict(site.hits)
    summary = json.loads(result.stdout)
    counts = summary["sources"]["fx-custom"]
    titles = [r["title"] for r in store.open_db(db_path).query("select title from articles")]
    assert titles == ["Story fleet story outside"] and counts["new"] == 1
    # robots.txt was read and obeyed; the guard refused the other private host.
    assert hits["/robots.txt"] >= 1 and hits.get("/private/secret-story.html", 0) == 0
    assert counts["robots_forbidden"] == 1
    assert counts["error_kinds"] == {"refused_address": 1}
    assert hits.get("/stories/via-localhost.html", 0) == 0
    components = summary["components"]
    assert components["settings_module"] == "crawlers.settings"
    assert "crawlers.pipelines.store_article.StoreArticlePipeline" in components["item_pipelines"]
    assert {"crawlers.middlewares.address_guard.PrivateAddressGuard",
            "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware"} <= set(
                components["downloader_middlewares"])
    assert components["ROBOTSTXT_OBEY"] is True


@pytest.mark.e2e
def test_a_real_crawl_runs_without_remote_control_or_telnet(tmp_path) -> None:
    with serve_fixture_site() as site:
        site.custom_links = [site.url("/stories/one-more-story.html")]
        summary = crawl(tmp_path / "x.db", [custom_source(site)], settings=FAST_SETTINGS,
                        progress=False)
    components = summary["components"]
    assert summary["new"] == 1
    assert "scrapy.extensions.corestats.CoreStats" in components["extensions"]
    assert not UNSAFE_EXTENSIONS & set(components["extensions"])
    assert components["TELNETCONSOLE_ENABLED"] is False
    assert components["REMOTE_CONTROL_ENABLED"] is False


@pytest.mark.e2e
def test_the_guard_allows_only_the_named_host_and_checks_every_link_and_redirect(
        tmp_path) -> None:
    with serve_fixture_site() as site:
        port = site.host.split(":")[1]
        site.custom_links = [
            site.url("/stories/the-allowed-story.html"),
            # The same server under another name is another host: refused.
            f"http://localhost:{port}/stories/via-localhost.html",
            "http://169.254.169.254/latest/meta-data/iam-credentials-story",
            "http://10.0.0.1/internal/admin-panel-story.html",
            # A redirect from the allowed host to a private one: refused at the redirect.
            site.url(f"/redirect?to=http://localhost:{port}/stories/redirected-story.html"),
        ]
        summary = crawl(tmp_path / "guard.db", [custom_source(site)],
                        settings=FAST_SETTINGS, progress=False)
        hits = dict(site.hits)
    counts = summary["sources"]["fx-custom"]
    assert counts["new"] == 1
    assert counts["error_kinds"] == {"refused_address": 4}, counts
    assert hits.get("/stories/via-localhost.html", 0) == 0
    assert hits.get("/stories/redirected-story.html", 0) == 0
    assert hits["/redirect"] == 1


@pytest.mark.e2e
def test_a_source_without_allow_hosts_reaches_no_private_address(tmp_path) -> None:
    with serve_fixture_site() as site:
        site.custom_links = [site.url("/stories/never-fetched.html")]
        source = Source(name="fx-none", kind="feed", urls=[site.url("/custom-feed.xml")])
        summary = crawl(tmp_path / "none.db", [source], settings=FAST_SETTINGS, progress=False)
        hits = dict(site.hits)
    assert summary["sources"]["fx-none"]["error_kinds"] == {"refused_address": 1}
    assert not hits  # not even robots.txt


@pytest.mark.e2e
def test_a_canonical_link_to_another_site_cannot_claim_its_article(tmp_path) -> None:
    db_path = tmp_path / "hijack.db"
    with serve_fixture_site() as victim, serve_fixture_site() as attacker:
        attacker.victim = victim.base
        attacker.custom_links = [attacker.url("/hijack/canonical.html"),
                                 attacker.url("/hijack/base.html")]
        first = crawl(db_path, [custom_source(attacker, "attacker")], settings=FAST_SETTINGS,
                      progress=False)
        victim_source = Source(name="victim", kind="feed", urls=[victim.url("/rss1.xml")],
                               language="en", allow_hosts=[victim.host])
        second = crawl(db_path, [victim_source], settings=FAST_SETTINGS, progress=False)
    assert first["new"] == 2 and first["sources"]["attacker"]["canonical_offsite"] == 2
    rows = {r["url"]: r for r in store.open_db(db_path).query("select * from articles")}
    # The attacker's pages keep their own URLs ...
    for how in ("canonical", "base"):
        url = attacker.url(f"/hijack/{how}.html")
        assert rows[url]["canonical_url"] == url
    # ... and the victim's own crawl stores its real article.
    assert second["new"] == 1 and second["sources"]["victim"]["known_skipped"] == 0
    real = rows[victim.url("/articles/rivian-van-deliveries.html")]
    assert real["source"] == "victim" and real["title"].startswith("Rivian")


@pytest.mark.e2e
def test_a_bad_url_in_a_feed_is_one_counted_skip(tmp_path) -> None:
    with serve_fixture_site() as site:
        links = [site.url(f"/stories/feed-story-{n}.html") for n in range(5)]
        site.custom_links = [links[0], "http://127.0.0.1:99999/x", *links[1:]]
        summary = crawl(tmp_path / "bad.db", [custom_source(site)], settings=FAST_SETTINGS,
                        progress=False)
    counts = summary["sources"]["fx-custom"]
    assert counts["new"] == 5 and counts["bad_urls"] == 1
