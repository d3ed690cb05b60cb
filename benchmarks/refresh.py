"""A no-change refresh over a big store: 10,000 articles, 200 profiles (target: under 10 s).

    .venv/bin/python benchmarks/refresh.py [--articles 10000] [--companies 200] [--sources 10]

The store is generated through the store API (save_article, save_analysis: synthetic
articles, each with company mentions, a fleet figure, a person and now and then a deal),
and every profile gets its two editions recorded as current (through reports.batch.plan,
with placeholder files instead of real PDFs: rendering 400 PDFs is the render benchmark's
job, not this one's). Then one refresh runs for real: a Scrapy crawl of `--sources` local
feeds on 127.0.0.1 whose entries are all stored already, the analysis (nothing pending), the
render (every data hash unchanged). Prints the time of each stage and the total.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import threading
import time
from functools import partial
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent.parent))

import nlp  # noqa: E402
import store  # noqa: E402
from crawlers.sources import Source  # noqa: E402
from rivalscope.refresh import refresh  # noqa: E402

FAST = {"AUTOTHROTTLE_ENABLED": False, "DOWNLOAD_DELAY": 0}
ENTRIES_PER_FEED = 50
WORDS = ["fleet", "lease", "van", "electric", "order", "battery", "depot", "customer",
         "market", "contract", "driver", "charging", "rental", "quarter", "growth", "plan",
         "network", "vehicles", "service", "platform"]
DEALS = ("partnership", "supply", "acquisition", "investment")


class FeedHandler(BaseHTTPRequestHandler):
    """/feed-N.xml lists the newest articles of source N (all of them already stored)."""

    def __init__(self, *args, feeds: dict[str, bytes], **kwargs) -> None:
        self.feeds = feeds
        super().__init__(*args, **kwargs)

    def do_GET(self) -> None:
        body = self.feeds.get(self.path)
        if self.path == "/robots.txt":
            body = b"User-agent: *\nAllow: /\n"
        self.send_response(200 if body else 404)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(body or b"")))
        self.end_headers()
        self.wfile.write(body or b"")

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """Quiet."""


def generate(db_path: Path, base: str, articles: int, companies: int, sources: int,
             out_dir: Path) -> dict[str, bytes]:
    """Fill the store; returns each feed's XML (path -> bytes)."""
    rng = random.Random(7)  # noqa: S311
    names = [f"Fleetco {n:03d} Mobility" for n in range(companies)]
    db = store.open_db(db_path)
    store.unsafe_fast_writes(db)  # set-up only: no fsync per synthetic article
    feeds: dict[str, list[str]] = {}
    started = time.perf_counter()
    for n in range(articles):
        source = f"bench-{n % sources}"
        url = f"{base}/{source}/story-{n}.html"
        picked = rng.sample(names, 3)
        sentences = [f"{picked[0]} said it operates a fleet of {rng.randint(100, 90000)} "
                     "vehicles.",
                     f"{picked[1]} and {picked[2]} signed a deal.",
                     " ".join(rng.choice(WORDS) for _ in range(120)) + "."]
        text = " ".join(sentences)
        store.save_article(db, {"url": url, "canonical_url": url, "source": source,
                                "title": f"Story {n}", "text": text, "language": "en",
                                "published": f"2026-{1 + n % 10:02d}-{1 + n % 28:02d}"})
        feeds.setdefault(source, []).append(url)
        first_end = len(sentences[0])
        analysis = {
            "companies": [
                {"name": name, "aliases": [],
                 "spans": [{"start": text.index(name), "end": text.index(name) + len(name),
                            "text": name, "sentence": sentences[0 if i == 0 else 1]}]}
                for i, name in enumerate(picked)],
            "fleet_figures": [{"company": picked[0], "count": 1000 + n, "unit": "vehicles",
                               "context": "operates", "evidence": sentences[0], "start": 0,
                               "end": first_end}],
            "people": [{"name": f"Person {n % 500}", "role": "chief executive",
                        "company": picked[0], "evidence": sentences[0]}],
            "deals": ([{"type": DEALS[n % len(DEALS)], "status": "announced",
                        "parties": picked[1:], "evidence": sentences[1],
                        "start": first_end + 1, "end": first_end + 1 + len(sentences[1])}]
                      if n % 10 == 0 else []),
        }
        art_id = store.article_id(url)
        store.save_analysis(db, {"id": art_id, "published": "2026-06-01"}, analysis,
                            nlp.PIPELINE_VERSION)
        if n and n % 2000 == 0:
            print(f"  {n} articles ({time.perf_counter() - started:.0f} s)", flush=True)
    # Every profile current: its editions recorded with today's data hash.
    from reports.batch import plan
    from reports.eligibility import profiled
    from rivalscope.trust import profile_rule

    ids = [c["id"] for c in profiled(db, profile_rule(None))]
    out_dir.mkdir(parents=True, exist_ok=True)
    jobs, _, _ = plan(db, ids, ("full", "sample"), out_dir, False)
    for job in jobs:
        job.path.write_bytes(b"%PDF-1.7 placeholder\n")
        store.record_edition(db, job.company_id, job.edition, job.profile.to_dict(),
                             job.data_hash, str(job.path))
    print(f"  store ready: {articles} articles, {len(ids)} profiles, {len(jobs)} editions "
          f"({time.perf_counter() - started:.0f} s)", flush=True)
    db.close()
    return {f"/{source}/feed.xml": rss(urls[-ENTRIES_PER_FEED:]) for source, urls in
            feeds.items()}


def rss(urls: list[str]) -> bytes:
    items = "".join(f"<item><title>{u}</title><link>{u}</link>"
                    "<pubDate>Mon, 01 Jun 2026 08:00:00 +0000</pubDate></item>" for u in urls)
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>bench</title>'
            f"<link>http://127.0.0.1/</link><description>b</description>{items}</channel>"
            "</rss>").encode()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--companies", type=int, default=200)
    parser.add_argument("--sources", type=int, default=10)
    args = parser.parse_args()
    feeds: dict[str, bytes] = {}
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(FeedHandler, feeds=feeds))
    server.daemon_threads = True
    base = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    with tempfile.TemporaryDirectory(prefix="rivalscope-bench-") as tmp:
        db_path, out = Path(tmp) / "store.db", Path(tmp) / "pdfs"
        print(f"generating the store ({args.articles} articles, {args.companies} companies)")
        feeds.update(generate(db_path, base, args.articles, args.companies, args.sources,
                              out))
        sources = [Source(name=f"bench-{n}", kind="feed", urls=[f"{base}/bench-{n}/feed.xml"],
                          allowed_domains=["127.0.0.1"], language="en",
                          allow_hosts=[base.split("//")[1]])
                   for n in range(args.sources)]
        started = time.perf_counter()
        summary = refresh(db_path, sources, out_dir=out, settings=FAST, progress=False)
        total = time.perf_counter() - started
    server.shutdown()
    counts = summary["counts"]
    crawl, render = counts["crawl"], counts["render"]
    print(f"no-change refresh: {total:.1f} s (target < 10 s) — status {summary['status']}")
    print("  stages: " + ", ".join(f"{k} {v:.1f} s" for k, v in counts["seconds"].items()))
    print(f"  crawl: {len(crawl['sources'])} sources, {crawl['new']} new, "
          f"{crawl['updated']} updated; analysed {counts['analysis']['articles']}; "
          f"rendered {render['rendered']}, unchanged {render['skipped']}")
    ok = (crawl["new"] == crawl["updated"] == counts["analysis"]["articles"]
          == render["rendered"] == 0)
    if not ok:
        print("  not a no-change refresh: the figures above are not comparable", flush=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
