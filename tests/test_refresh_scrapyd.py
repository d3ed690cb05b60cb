"""Scale-out for real: a Scrapyd node on 127.0.0.1, the project deployed with scrapyd-deploy,
crawls of the local fixture site scheduled there, their JSON Lines feeds ingested."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fixtures.crawl_site.server import FAST_SETTINGS, fixture_sources, serve_fixture_site

import store
from rivalscope.scrapyd import ScrapydError, api, crawl_on_scrapyd

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).parent.parent
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def scrapyd(tmp_path_factory):
    """A Scrapyd node on 127.0.0.1 with this checkout deployed; yields its URL."""
    tmp = tmp_path_factory.mktemp("scrapyd")
    port = free_port()
    (tmp / "scrapyd.conf").write_text(
        f"[scrapyd]\nbind_address = 127.0.0.1\nhttp_port = {port}\n"
        f"eggs_dir = {tmp / 'eggs'}\nlogs_dir = {tmp / 'logs'}\ndbs_dir = {tmp / 'dbs'}\n"
        "items_dir =\nmax_proc = 4\npoll_interval = 0.5\n")
    node = subprocess.Popen([BIN / "scrapyd"], cwd=tmp, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                api(url, "daemonstatus.json", timeout=2)
                break
            except ScrapydError:
                assert time.monotonic() < deadline, "Scrapyd did not start"
                time.sleep(0.2)
        deploy(tmp / "project", url)
        assert "rivalscope" in api(url, "listprojects.json")["projects"]
        spiders = api(url, "listspiders.json", {"project": "rivalscope"})["spiders"]
        assert {"feed", "sitemap", "listing"} <= set(spiders)
        yield url, tmp
    finally:
        node.terminate()
        node.wait(timeout=10)


def deploy(folder: Path, url: str) -> None:
    """scrapyd-deploy an egg of this checkout's packages (from a copy: the egg build writes
    a setup.py and build files next to scrapy.cfg)."""
    files = subprocess.run(["git", "ls-files", "crawlers", "nlp", "reports", "rivalscope",
                            "store", "scrapy.cfg"], cwd=ROOT, capture_output=True, text=True,
                           check=True).stdout.split()
    for name in files:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, folder / name)
    config = (folder / "scrapy.cfg").read_text()
    (folder / "scrapy.cfg").write_text(
        "\n".join(f"url = {url}" if line.startswith("url") else line
                  for line in config.splitlines()) + "\n")
    result = subprocess.run([BIN / "scrapyd-deploy", "-p", "rivalscope", "-v", "1"],
                            cwd=folder, capture_output=True, text=True, timeout=120,
                            check=False)
    assert result.returncode == 0, result.stderr[-3000:]


def test_crawls_on_scrapyd_are_ingested_into_the_store(scrapyd, tmp_path: Path) -> None:
    url, node_dir = scrapyd
    db_path = tmp_path / "store.db"
    with serve_fixture_site() as site:
        sources = [s for s in fixture_sources(site.base)
                   if s.name in ("fx-feed", "fx-sitemap", "fx-listing")]
        settings = {**FAST_SETTINGS, "RIVALSCOPE_EXTRACT_PROCESSES": 0}
        first = crawl_on_scrapyd(db_path, sources, [url], feed_dir=tmp_path, since="2020-01-01",
                                 settings=settings, timeout=120)
        assert first["failures"] == []
        db = store.open_db(db_path)
        rows = list(db.query("select source, title, text from articles"))
        assert first["new"] == len(rows) >= 10
        assert {r["source"] for r in rows} == {s.name for s in sources}
        assert all(r["text"] for r in rows)
        assert "Arval grows its fleet in southern Europe" in {r["title"] for r in rows}
        hits = dict(site.hits)
        # The second crawl on the node knows the store: no article is downloaded again.
        second = crawl_on_scrapyd(db_path, sources, [url], feed_dir=tmp_path,
                                  since="2020-01-01", settings=settings, timeout=120)
    assert second["new"] == 0 and second["failures"] == []
    again = {p: n - hits.get(p, 0) for p, n in site.hits.items() if p.startswith("/articles/")}
    assert not any(again.values()), again
    assert db.execute("select count(*) from articles").fetchone()[0] == len(rows)
    jobs = api(url, "listjobs.json", {"project": "rivalscope"})
    assert len(jobs["finished"]) == 6


def test_ingest_loads_a_feed_once(runner, db_path: Path, tmp_path: Path) -> None:
    from rivalscope.cli import main

    feed = tmp_path / "items.jl"
    items = [{"url": f"http://news.example/a/{n}", "canonical_url": f"http://news.example/a/{n}",
              "source": "example", "title": f"Story {n}", "text": f"Story {n} text " * 20,
              "published": "2026-11-01", "author": None, "language": "en"} for n in range(3)]
    feed.write_text("\n".join(json.dumps(i) for i in items) + "\n")
    first = runner.invoke(main, ["ingest", str(feed), "--db", str(db_path), "--json"])
    assert first.exit_code == 0, first.output
    assert json.loads(first.output)["new"] == 3
    again = runner.invoke(main, ["ingest", str(feed), "--db", str(db_path), "--json"])
    assert json.loads(again.output)["unchanged"] == 3
    db = store.open_db(db_path)
    assert db.execute("select count(*) from articles").fetchone()[0] == 3
    assert [r["status"] for r in db.query("select status from runs where kind = 'ingest'")] \
        == ["ok", "ok"]
    missing = runner.invoke(main, ["ingest", str(tmp_path / "nope.jl"), "--db", str(db_path)])
    assert missing.exit_code == 1 and "could not be read" in missing.output


STORY = ("Calder Leasing ordered 900 electric vans from Norrvik Motors for its depots in the "
         "north, the lessor said on Monday. Deliveries start in the spring and run for two "
         "years, and the vans will go to parcel firms on three-year contracts with service "
         "and charging included. Calder said demand from small fleets had doubled since last "
         "year as diesel bans spread across city centres.")


def test_ingest_links_a_syndicated_copy_from_another_feed(db_path: Path, tmp_path: Path) -> None:
    from rivalscope.ingest import ingest

    def item(source: str, path: str, text: str) -> dict:
        url = f"http://{source}.example/{path}"
        return {"url": url, "canonical_url": url, "source": source, "title": "Vans",
                "text": text, "published": "2026-11-01"}

    first, second = tmp_path / "a.jl", tmp_path / "b.jl"
    first.write_text(json.dumps(item("wire", "vans", STORY)) + "\n")
    copy = item("daily", "news/vans", STORY.replace("on Monday", "on Monday morning"))
    other = item("daily", "news/buses", "A bus operator in the west renewed its depot leases "
                 "for ten more years and plans to add forty electric buses to its routes.")
    second.write_text(json.dumps(copy) + "\n" + json.dumps(other) + "\n")
    db = store.open_db(db_path)
    assert ingest(db, [first])["new"] == 1
    assert ingest(db, [second])["new"] == 2
    assert ingest(db, [first, second])["unchanged"] == 3
    rows = {r["url"]: r["duplicate_of"] for r in db.query("select url, duplicate_of from articles")}
    original = store.article_id("http://wire.example/vans")
    assert rows == {"http://wire.example/vans": None, copy["url"]: original, other["url"]: None}


def test_refresh_with_scrapyd_crawls_on_the_node(scrapyd, runner, tmp_path: Path) -> None:
    from rivalscope.cli import main

    url, _ = scrapyd
    db_path = tmp_path / "store.db"
    with serve_fixture_site() as site:
        sources = tmp_path / "sources.toml"
        sources.write_text(f'[[source]]\nname = "fx-feed"\nkind = "feed"\n'
                           f'urls = ["{site.base}/feed.xml", "{site.base}/atom.xml"]\n'
                           'allowed_domains = ["127.0.0.1"]\nlanguage = "en"\n'
                           f'allow_hosts = ["{site.host}"]\n')
        settings = [f"--set={k}={json.dumps(v)}" for k, v in FAST_SETTINGS.items()]
        result = runner.invoke(main, [
            "refresh", "--scrapyd", url, "--feed-dir", str(tmp_path), "--db", str(db_path),
            "--out", str(tmp_path / "pdfs"), "--sources-file", str(sources), "--quiet",
            "--json", str(tmp_path / "summary.json"), "--set=RIVALSCOPE_EXTRACT_PROCESSES=0",
            *settings])
    assert result.exit_code == 0, result.output
    summary = json.loads((tmp_path / "summary.json").read_text())
    assert summary["status"] == "ok"
    crawl = summary["counts"]["crawl"]
    assert crawl["sources"]["fx-feed"]["new"] == crawl["new"] >= 4
    assert summary["counts"]["analysis"]["articles"] == crawl["new"]
    assert "fx-feed: " in result.output
