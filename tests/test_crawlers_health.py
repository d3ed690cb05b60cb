"""`rivalscope sources` tells the truth: a listing that finds no article links, a robots.txt
that forbids the start URLs, redirect loops and repeated refusals are not "ok"."""

from __future__ import annotations

import json

import pytest
from fixtures.crawl_site.server import FAST_SETTINGS, serve_fixture_site

from rivalscope.cli import main

pytestmark = pytest.mark.e2e


def sources_toml(site) -> str:
    def source(name: str, kind: str, path: str) -> str:
        return (f'[[source]]\nname = "{name}"\nkind = "{kind}"\nurls = ["{site.url(path)}"]\n'
                f'allow_hosts = ["{site.host}"]\n\n')

    return (source("fx-numbered", "listing", "/numbered/")
            + source("fx-forbidden", "listing", "/private/news/")
            + source("fx-refused", "feed", "/custom-feed.xml")
            + source("fx-good", "feed", "/rss1.xml"))


def test_sources_shows_warnings_for_what_a_crawl_found_wrong(runner, tmp_path) -> None:
    db_path, toml = tmp_path / "health.db", tmp_path / "sources.toml"
    with serve_fixture_site() as site:
        site.custom_links = [site.url(f"/private/story-{n}.html") for n in range(3)]
        site.custom_links.append(site.url("/fault/cycle-a.html"))
        toml.write_text(sources_toml(site))
        overrides = [f"--set={k}={json.dumps(v)}" for k, v in FAST_SETTINGS.items()]
        result = runner.invoke(main, ["crawl", "--db", str(db_path), "--sources-file",
                                      str(toml), "--quiet", *overrides])
        assert result.exit_code == 0, result.output
        cycle_hits = site.hits["/fault/cycle-a.html"]
    listed = runner.invoke(main, ["sources", "--db", str(db_path), "--sources-file", str(toml),
                                  "--json"])
    health = {row["name"]: row for row in json.loads(listed.output)}
    assert health["fx-good"]["health"] == "ok" and not health["fx-good"]["warnings"]
    assert health["fx-numbered"]["health"] == "warnings"
    assert "no article links" in health["fx-numbered"]["warnings"]
    assert health["fx-forbidden"]["health"] == "warnings"
    assert "robots.txt forbids the start URLs" in health["fx-forbidden"]["warnings"]
    refused = health["fx-refused"]
    assert refused["health"] == "errors" and "redirect_loop: 1" in refused["last_error"]
    assert "1 redirect loop" in refused["warnings"]
    assert "3 requests refused" in refused["warnings"]
    assert cycle_hits == 1  # the cycle ended at its first repeat
    table = runner.invoke(main, ["sources", "--db", str(db_path), "--sources-file", str(toml)])
    assert "warnings: robots.txt forbids the start URLs" in table.output
