"""Refreshes of a local copy of the demo news site (a real HTTP server on 127.0.0.1): real
Scrapy crawls, the real model, real PDFs. A second refresh does only what changed; a refresh
SIGKILLed in any stage is finished by the next one with the same final store."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from contextlib import contextmanager
from email.utils import format_datetime
from functools import partial
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
from process_watch import running_with, wait_for

import store
from reports.eligibility import profiled
from rivalscope.demo.server import SITE_DIR, DemoSiteHandler
from rivalscope.refresh import RefreshLocked, refresh, refresh_lock
from rivalscope.trust import profile_rule

pytestmark = pytest.mark.e2e

FAST = {"AUTOTHROTTLE_ENABLED": False, "DOWNLOAD_DELAY": 0, "RIVALSCOPE_EXTRACT_PROCESSES": 0}
ROOT = Path(__file__).parent.parent


class Site:
    """A copy of the demo site that a test can change, served with its requests counted."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.hits: Counter[str] = Counter()
        self.delay = 0.0  # seconds before each article page (to catch a crawl half-way)
        self.base = ""

    def article_hits(self) -> Counter[str]:
        return Counter({p: n for p, n in self.hits.items() if p.startswith("/news/")
                        and p.endswith(".html") and p != "/news/index.html"})

    def add_article(self, slug: str, title: str, paragraphs: list[str]) -> None:
        """A new story: its page (from an existing one's layout) and an item in the first
        publication's feed (the Lyft story it copies is the other's: two sources)."""
        template = (self.folder / "news" / "lyft-mobileye-robotaxi.html").read_text()
        body = "".join(f"<p>{p}</p>\n" for p in paragraphs)
        page = re.sub(r"(?s)<h1>.*?</h1>", f"<h1>{title}</h1>", template)
        page = re.sub(r"(?s)<title>.*?</title>", f"<title>{title}</title>", page)
        page = re.sub(r'(?s)(<p class="byline">.*?</p>\n).*?(</article>)',
                      lambda m: m.group(1) + body + m.group(2), page)
        page = page.replace("lyft-mobileye-robotaxi", slug)
        (self.folder / "news" / f"{slug}.html").write_text(page)
        link = f"http://rivalscope-demo.invalid/news/{slug}.html"
        item = (f"<item>\n  <title>{title}</title>\n  <link>{link}</link>\n"
                f'  <guid isPermaLink="true">{link}</guid>\n'
                f"  <pubDate>{format_datetime(_now())}</pubDate>\n</item>\n")
        feed = self.folder / "feed.xml"
        feed.write_text(feed.read_text().replace("<item>", item + "<item>", 1))

    def change_article(self, slug: str, paragraph: str) -> None:
        """Add a paragraph to a story and stamp its feed item as updated now."""
        path = self.folder / "news" / f"{slug}.html"
        path.write_text(path.read_text().replace("</article>", f"<p>{paragraph}</p>\n</article>",
                                                 1))
        stamp = _now().isoformat()

        def edit(feed: str) -> str:
            link = f"http://rivalscope-demo.invalid/news/{slug}.html</link>"
            return feed.replace(link, f"{link}\n  <atom:updated>{stamp}</atom:updated>", 1)

        self._edit_feed(edit)

    def _edit_feed(self, edit) -> None:
        """Edit both publications' feeds: an edit that finds nothing changes nothing."""
        for feed in (self.folder / "feed.xml", self.folder / "review" / "feed.xml"):
            feed.write_text(edit(feed.read_text()))


def _now():
    from datetime import UTC, datetime

    return datetime.now(UTC).replace(microsecond=0)


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        """A killed crawl leaves broken connections behind: expected, not worth a trace."""


@contextmanager
def serve_site(folder: Path):
    """Serve a copy of the demo site on 127.0.0.1 (a free port), counting requests."""
    shutil.copytree(SITE_DIR, folder)
    site = Site(folder)
    holder: dict[str, bytes] = {}

    class Counting(DemoSiteHandler):
        def send_head(self):  # type: ignore[override]
            path = self.path.split("?")[0]
            site.hits[path] += 1
            if path.startswith("/news/") and path.endswith(".html") and site.delay:
                time.sleep(site.delay)
            return super().send_head()

    def handler(*args, **kwargs):
        return Counting(*args, base_url=holder["base"], directory=str(folder), **kwargs)

    server = QuietServer(("127.0.0.1", 0), partial(handler))
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    holder["base"] = site.base.encode()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()


def demo_sources(base: str):
    from rivalscope.demo.pipeline import demo_sources

    return demo_sources(base)


def sources_toml(base: str, path: Path) -> Path:
    """The demo's sources (its two publications) as a sources.toml."""
    path.write_text("".join(
        f'[[source]]\nname = "{source.name}"\nkind = "feed"\nurls = ["{source.urls[0]}"]\n'
        'allowed_domains = ["127.0.0.1", "rivalscope-demo.invalid"]\n'
        'language = "en"\n'
        f'allow_hosts = ["{base.split("//")[1]}"]\n' for source in demo_sources(base)))
    return path


def run_refresh(db_path: Path, site: Site, out: Path, **kwargs) -> dict:
    return refresh(db_path, demo_sources(site.base), out_dir=out, settings=FAST,
                   progress=False, **kwargs)


def final_state(db_path: Path, out: Path) -> dict:
    """What a refresh leaves behind, without times: articles, facts, latest editions, PDFs."""
    db = store.open_db(db_path)

    def rows(sql: str) -> list[tuple]:
        return sorted(tuple(r) for r in db.execute(sql).fetchall())

    state = {
        # Not the url: each test's server has its own port; the canonical URL is the site's.
        "articles": rows("select id, canonical_url, source, title, content_hash, "
                         "duplicate_of, analyzed_with from articles"),
        "companies": rows("select id, name, kind, country, parent_id from companies"),
        "aliases": rows("select alias, company_id from company_aliases"),
        "mentions": rows("select id, article_id, company_id, start, end from mentions"),
        "deals": rows("select id, type, status, date, value, quantity from deals"),
        "deal_parties": rows("select * from deal_parties"),
        "deal_evidence": rows("select id, deal_id, article_id, status from deal_evidence"),
        "fleet_figures": rows("select id, company_id, count, article_id from fleet_figures"),
        "people": rows("select id, name, role, company_id, article_id from people"),
        "editions": rows("select company_id, edition, data_hash, count(*) from editions "
                         "group by company_id, edition"),
        "pdfs": sorted(p.name for p in out.glob("*.pdf")),
    }
    db.close()
    return state


# --- two refreshes: the second does only what changed -----------------------------------


def test_second_refresh_does_only_what_changed(tmp_path: Path) -> None:
    db_path, out = tmp_path / "store.db", tmp_path / "pdfs"
    with serve_site(tmp_path / "site") as site:
        first = run_refresh(db_path, site, out, json_path=tmp_path / "first.json")
        assert first["status"] == "ok", first["errors"]
        assert first["counts"]["crawl"]["new"] == 14
        assert first["counts"]["analysis"]["articles"] == 14
        rendered_first = first["counts"]["render"]["rendered"]
        assert rendered_first >= 10 and first["counts"]["render"]["skipped"] == 0
        assert json.loads((tmp_path / "first.json").read_text())["id"] == first["id"]
        assert max(site.article_hits().values()) == 1

        site.hits.clear()
        site.add_article("lyft-grows-driver-fleet", "Lyft grows its rental fleet for drivers", [
            "Lyft said it now operates a fleet of about 4,000 rental cars for its drivers in "
            "Chicago and Denver, up from 2,500 a year ago.",
            "Drivers can rent the cars by the week through the Lyft app, the company said.",
            '"Drivers without a car of their own are our fastest-growing group," said Ethan '
            "Brooks, chief executive of Lyft.",
        ])
        site.change_article("hertz-sells-electric-cars",
                            "Hertz later said it had agreed to sell 2,000 of the cars to a "
                            "leasing company in Florida.")
        second = run_refresh(db_path, site, out)

    assert second["status"] == "ok", second["errors"]
    crawl = second["counts"]["crawl"]
    assert (crawl["new"], crawl["updated"]) == (1, 1)
    # Fetched only what was new or changed (plus the feed itself).
    assert set(site.article_hits()) == {"/news/lyft-grows-driver-fleet.html",
                                        "/news/hertz-sells-electric-cars.html"}
    assert second["counts"]["analysis"]["articles"] == 2
    db = store.open_db(db_path)
    changed_ids = [r[0] for r in db.execute(
        "select id from articles where url like '%lyft-grows-driver-fleet%' "
        "or url like '%hertz-sells-electric-cars%'").fetchall()]
    touched = {r[0] for r in db.execute(
        f"select company_id from mentions where article_id in ({','.join('?' * 2)})",
        changed_ids).fetchall()}
    render = second["counts"]["render"]
    assert {"lyft", "hertz"} <= set(render["profiles"]) <= touched
    assert render["rendered"] == len(render["paths"])  # a sample edition may be unchanged
    assert 0 < render["rendered"] < rendered_first
    assert render["rendered"] + render["skipped"] == 2 * len(profiled(db, profile_rule(None)))
    # The runs table holds both runs, in order.
    runs = list(db.query("select id, status from runs where kind = 'refresh' order by id"))
    assert [r["status"] for r in runs] == ["ok", "ok"]


def test_a_second_refresh_waits_for_the_lock(tmp_path: Path) -> None:
    db_path = tmp_path / "store.db"
    with refresh_lock(db_path), pytest.raises(RefreshLocked, match="another refresh"):
        refresh(db_path, [], out_dir=tmp_path / "pdfs", progress=False)
    # Released: the next one runs (no sources: nothing to crawl, nothing to render).
    summary = refresh(db_path, [], out_dir=tmp_path / "pdfs", progress=False)
    assert summary["status"] == "ok"


# --- SIGKILL in each stage, then a normal run: the same final store ----------------------


def reference(tmp: Path) -> dict:
    """The store and PDFs of one uninterrupted refresh of the demo site. Made right after
    the run it is compared with, so both see the same code and templates (other people's
    edits to a shared checkout change data hashes between runs minutes apart)."""
    tmp.mkdir()
    with serve_site(tmp / "site") as site:
        summary = run_refresh(tmp / "store.db", site, tmp / "pdfs")
    assert summary["status"] == "ok", summary["errors"]
    return final_state(tmp / "store.db", tmp / "pdfs")


def _stage_reached(db_path: Path, stage: str) -> bool:
    if not db_path.exists():
        return False
    # A plain read-only connection: the poll must not write (open_db migrates the schema).
    db = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=30)
    try:
        try:
            row = db.execute("select counts from runs where status = 'running' "
                             "order by id desc limit 1").fetchone()
        except sqlite3.OperationalError:  # the store is still being created
            return False
        if not row or json.loads(row[0]).get("stage") != stage:
            return False
        if stage == "crawl":
            return db.execute("select count(*) from articles").fetchone()[0] >= 3
        if stage == "analyse":
            return db.execute("select count(*) from articles "
                              "where analyzed_with is not null").fetchone()[0] >= 2
        return db.execute("select count(*) from editions").fetchone()[0] >= 2
    finally:
        db.close()


@pytest.mark.parametrize("stage", ["crawl", "analyse", "render"])
def test_a_refresh_killed_in_any_stage_is_finished_by_the_next(tmp_path: Path,
                                                              stage: str) -> None:
    db_path, out = tmp_path / "store.db", tmp_path / "pdfs"
    with serve_site(tmp_path / "site") as site:
        site.delay = 0.3 if stage == "crawl" else 0.0
        command = [sys.executable, "-m", "rivalscope", "refresh", "--db", str(db_path),
                   "--out", str(out), "--quiet", "--render-processes", "1",
                   "--sources-file", str(sources_toml(site.base, tmp_path / "sources.toml"))]
        command += [f"--set={k}={json.dumps(v)}" for k, v in FAST.items()]
        log = tmp_path / "refresh.log"
        with log.open("wb") as handle:
            process = subprocess.Popen(command, cwd=ROOT, stdout=handle, stderr=handle,
                                       start_new_session=True)
        deadline = time.monotonic() + 120
        while not _stage_reached(db_path, stage):
            assert process.poll() is None, log.read_text()[-2000:]
            assert time.monotonic() < deadline, f"the refresh never reached {stage}"
            time.sleep(0.05)
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        # The crawl child notices its parent is gone within a second (bound: generous).
        wait_for(lambda: not running_with("crawlers.run", str(db_path)), 60,
                 "the end of the orphaned crawl process")
        db = store.open_db(db_path)
        killed = db.execute("select status, counts from runs").fetchall()
        assert [s for s, _ in killed] == ["running"]
        assert json.loads(killed[0][1])["stage"] == stage
        db.close()

        site.delay = 0.0
        summary = run_refresh(db_path, site, out)
    assert summary["status"] == "ok", summary["errors"]
    assert summary["counts"]["resumed"] == [killed_id(db_path)]
    got, expected = final_state(db_path, out), reference(tmp_path / "reference")
    differences = {key: (sorted(set(got[key]) - set(expected[key])),
                         sorted(set(expected[key]) - set(got[key])))
                   for key in expected if got[key] != expected[key]}
    assert not differences, differences


def killed_id(db_path: Path) -> int:
    db = store.open_db(db_path)
    return db.execute("select id from runs where status = 'interrupted'").fetchone()[0]
