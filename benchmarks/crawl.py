"""Crawl speed: a generated local news site of N article pages (default 2,000) crawled by
rivalscope.crawl with extraction, near-duplicate detection and the store on, beside
`scrapy bench` on the same machine in the same run.

    .venv/bin/python benchmarks/crawl.py [--pages 2000] [--bench-seconds 20] [--repeat 3]
                                         [--real-pages]

Prints pages/min and peak memory (RSS of the crawl process and its extraction workers),
scrapy bench's pages/min, and the ratio (target: at least 0.5). --real-pages serves saved
real news pages (../shared/eval/article-extraction) instead of generated ones: real markup
costs trafilatura 2-3 times more. Everything is served on 127.0.0.1; nothing leaves the host.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from html import escape
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from crawlers.sources import Source  # noqa: E402
from rivalscope.crawl import crawl  # noqa: E402

_VOCABULARY = (
    "fleet lease van car truck battery charger depot driver route contract order supplier "
         "dealer rental mileage insurance telematics software platform customer market city "
         "region quarter year growth share price margin revenue cost budget plan target policy "
         "tender network partner investor board manager engineer analyst regulator grant tax "
         "factory plant model range motor cell module warranty service repair parts logistics "
         "parcel delivery courier bus taxi scooter shuttle robotaxi sensor data cloud booking "
         "payment fuel diesel hydrogen electric hybrid grid energy solar storage port rail "
         "airport road street parking garage auction remarketing residual value funding loan "
         "stake merger division brand segment premium compact urban rural national global "
         "weekly annual early late new first second final major strong steady rising record")
WORDS = _VOCABULARY.split()
REAL_PAGES = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / \
    "article-extraction" / "html"
NAMES = ["Ayvens", "Arval", "Hertz", "Sixt", "Uber", "BYD", "Volkswagen", "Rivian", "Amazon",
         "Europcar", "Alphabet", "Free2Move", "Stellantis", "Renault", "Tesla", "Zity"]

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | Bench Fleet News</title>
<meta name="description" content="{title}"><meta name="author" content="{author}">
<meta property="og:title" content="{title}"><meta property="og:type" content="article">
<meta property="article:published_time" content="{date}">
<link rel="canonical" href="{base}/news/{slug}.html">
<link rel="stylesheet" href="/static/site.css"><script src="/static/site.js" defer></script>
</head><body>
<header class="masthead"><a class="logo" href="/">Bench Fleet News</a>
<nav><ul>{nav}</ul></nav><form action="/search"><input name="q"></form></header>
<div class="ad-slot">Advertisement</div>
<main><article><h1>{title}</h1>
<p class="byline">By <a href="/authors/{author_slug}">{author}</a>,
<time datetime="{date}">{day}</time></p>
{body}
<aside class="related"><h2>Related stories</h2><ul>{related}</ul></aside>
</article></main>
<section class="newsletter"><h2>Get the fleet briefing</h2><p>Every weekday morning, the
stories that matter to fleet managers, leasing companies and rental firms.</p>
<form><input name="email"><button>Sign up</button></form></section>
<footer><ul>{footer}</ul><p>© 2026 Bench Fleet News. All rights reserved.</p></footer>
</body></html>
"""


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(12, 24))]
    words.insert(rng.randint(0, 4), rng.choice(NAMES))
    return " ".join(words).capitalize() + "."


def build_site(folder: Path, pages: int, base: str) -> None:
    """Write N article pages (~600 words each, with site chrome), a sitemap and robots.txt."""
    rng = random.Random(2026)  # noqa: S311 (test data)
    nav = "".join(f'<li><a href="/section/{s}/">{s.title()}</a></li>'
                  for s in ("fleet", "leasing", "rental", "electric", "vans", "trucks"))
    footer = "".join(f'<li><a href="/{s}/">{s.title()}</a></li>'
                     for s in ("about", "contact", "advertise", "privacy", "terms", "jobs"))
    news = folder / "news"
    news.mkdir(parents=True)
    urls = []
    for n in range(pages):
        slug = f"story-{n:05d}-{rng.choice(NAMES).lower()}-{rng.choice(WORDS)}"
        title = f"{rng.choice(NAMES)} {sentence(rng)[:70].rstrip('.')}"
        author = f"{rng.choice(NAMES)} Reporter"
        paragraphs = "".join(f"<p>{escape(' '.join(sentence(rng) for _ in range(5)))}</p>"
                             for _ in range(rng.randint(6, 10)))
        related = "".join(f'<li><a href="/news/story-{rng.randrange(pages):05d}.html">'
                          f"{escape(sentence(rng)[:60])}</a></li>" for _ in range(5))
        html = PAGE.format(title=escape(title), author=author, slug=slug,
                           author_slug=author.lower().replace(" ", "-"), base=base,
                           date=f"2026-10-{1 + n % 28:02d}T08:00:00+00:00",
                           day=f"2026-10-{1 + n % 28:02d}", nav=nav, footer=footer,
                           body=paragraphs, related=related)
        (news / f"{slug}.html").write_text(html, encoding="utf-8")
        urls.append(f"{base}/news/{slug}.html")
    (folder / "sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        + "".join(f"<url><loc>{u}</loc><lastmod>2026-10-01</lastmod></url>" for u in urls)
        + "</urlset>", encoding="utf-8")
    (folder / "robots.txt").write_text(f"User-agent: *\nAllow: /\nSitemap: {base}/sitemap.xml\n")


def build_site_from_real_pages(folder: Path, pages: int, base: str, real: Path) -> None:
    """N pages cycling through saved real news pages (gzipped HTML), for the extraction cost
    of real markup; each copy has its own URL (their canonical links make copies one article)."""
    sources = sorted(real.glob("*.html.gz"))
    if not sources:
        raise SystemExit(f"no *.html.gz pages in {real}")
    news = folder / "news"
    news.mkdir(parents=True)
    urls = []
    for n in range(pages):
        (news / f"real-{n:05d}.html").write_bytes(gzip.decompress(sources[n % len(sources)]
                                                                  .read_bytes()))
        urls.append(f"{base}/news/real-{n:05d}.html")
    (folder / "sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        + "".join(f"<url><loc>{u}</loc></url>" for u in urls) + "</urlset>", encoding="utf-8")
    (folder / "robots.txt").write_text(f"User-agent: *\nAllow: /\nSitemap: {base}/sitemap.xml\n")


def tree_rss_mb(root: int, exclude: set[int]) -> float:
    """Resident memory of root's descendants (not root, not exclude), in MB, from /proc."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            parents[int(stat.parent.name)] = int(fields[1])
        except (OSError, IndexError, ValueError):
            continue
    tree, frontier = set(), {root}
    while frontier:
        frontier = {pid for pid, ppid in parents.items() if ppid in frontier} - exclude
        tree |= frontier
    total = 0
    for pid in tree:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        match = re.search(r"VmRSS:\s+(\d+) kB", status)
        total += int(match.group(1)) if match else 0
    return total / 1024


class PeakMemory(threading.Thread):
    """Samples the crawl's process tree (crawl process + extraction workers) 5 times a second."""

    def __init__(self, exclude: set[int]) -> None:
        super().__init__(daemon=True)
        self.exclude = exclude
        self.peak = 0.0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.2):
            self.peak = max(self.peak, tree_rss_mb(os.getpid(), self.exclude))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(port: int, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"nothing listens on port {port}")


def run_crawl(pages: int, workdir: Path, real: Path | None = None) -> dict:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    site = workdir / "site"
    if real:
        build_site_from_real_pages(site, pages, base, real)
    else:
        build_site(site, pages, base)
    sizes = [p.stat().st_size for p in (site / "news").iterdir()]
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
         "--directory", str(site)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(port)
        source = Source(name="bench", kind="sitemap", urls=[f"{base}/sitemap.xml"],
                        allowed_domains=["127.0.0.1"], language="en",
                        allow_hosts=[f"127.0.0.1:{port}"])
        sampler = PeakMemory(exclude={server.pid})
        sampler.start()
        started = time.monotonic()
        summary = crawl(workdir / "bench.db", [source], progress=False, settings={
            # Our own local server: no politeness delays; the same concurrency as bench.
            "AUTOTHROTTLE_ENABLED": False, "DOWNLOAD_DELAY": 0,
            "CONCURRENT_REQUESTS": 16, "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
            "RIVALSCOPE_SITEMAP_MAX_AGE_DAYS": 0, "RIVALSCOPE_MAX_ARTICLES_PER_CRAWL": 0,
            "LOG_LEVEL": "ERROR",
        })
        wall = time.monotonic() - started
        sampler.done.set()
    finally:
        server.terminate()
        server.wait(timeout=10)
    largest_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    counts = summary["sources"]["bench"]
    return {"pages": counts["pages"], "articles": summary["new"] + summary["unchanged"],
            "page_kb": round(sum(sizes) / len(sizes) / 1024, 1), "seconds": counts["seconds"],
            "wall_seconds": round(wall, 1), "errors": summary["errors"],
            "pages_per_min": round(counts["pages"] / counts["seconds"] * 60),
            "peak_mb": round(sampler.peak), "largest_process_mb": round(largest_kib / 1024)}


def run_scrapy_bench(seconds: int, workdir: Path) -> dict:
    """`scrapy bench` outside the project (its own default settings), as Scrapy ships it."""
    folder = workdir / "bench-cwd"
    folder.mkdir()
    result = subprocess.run(
        [sys.executable, "-m", "scrapy.cmdline", "bench", "-s", f"CLOSESPIDER_TIMEOUT={seconds}",
         "-s", "LOGSTATS_INTERVAL=1"], cwd=folder, capture_output=True, text=True,
        timeout=seconds + 120, check=False, env={"PATH": "/usr/bin:/bin"})
    rates = [int(r) for r in re.findall(r"Crawled \d+ pages \(at (\d+) pages/min\)",
                                        result.stderr)]
    steady = rates[2:] or rates  # the first seconds are start-up
    return {"pages_per_min": round(statistics.median(steady)) if steady else 0,
            "samples": len(rates)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--bench-seconds", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=1, help="run the pair (our crawl, then "
                        "scrapy bench) this many times and report the median ratio: on a shared "
                        "2-core machine one scrapy bench run varies by a third")
    parser.add_argument("--real-pages", type=Path, nargs="?", const=REAL_PAGES, default=None,
                        metavar="DIR", help="serve saved real news pages (*.html.gz) instead "
                        f"of generated ones (default DIR: {REAL_PAGES})")
    args = parser.parse_args()
    runs = []
    for _ in range(max(1, args.repeat)):
        workdir = Path(tempfile.mkdtemp(prefix="rivalscope-bench-"))
        try:
            ours = run_crawl(args.pages, workdir, args.real_pages)
            bench = run_scrapy_bench(args.bench_seconds, workdir)
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
        ratio = ours["pages_per_min"] / bench["pages_per_min"] if bench["pages_per_min"] else 0
        runs.append((ours, bench, ratio))
        if args.repeat > 1:
            print(f"run {len(runs)}: rivalscope {ours['pages_per_min']} pages/min, scrapy bench "
                  f"{bench['pages_per_min']}, ratio {ratio:.2f}", flush=True)
    ours, bench, ratio = sorted(runs, key=lambda run: run[2])[len(runs) // 2]  # the median run
    kind = "real saved" if args.real_pages else "generated"
    print(f"site: {args.pages} {kind} article pages, {ours['page_kb']} KB on average")
    print(f"rivalscope crawl: {ours['pages']} pages ({ours['articles']} articles extracted, "
          f"{ours['errors']} errors) in {ours['seconds']} s "
          f"({ours['wall_seconds']} s with process start)")
    print(f"  {ours['pages_per_min']} pages/min; peak memory {ours['peak_mb']} MB (crawl process "
          f"and extraction workers together; largest single process "
          f"{ours['largest_process_mb']} MB)")
    print(f"scrapy bench: {bench['pages_per_min']} pages/min "
          f"(median of {bench['samples']} one-second samples)")
    median = " (the median of the runs)" if len(runs) > 1 else ""
    print(f"ratio{median}: {ratio:.2f} (target >= 0.50) {'OK' if ratio >= 0.5 else 'BELOW TARGET'}")
    print(json.dumps({"crawl": ours, "scrapy_bench": bench, "ratio": round(ratio, 3),
                      "ratios": [round(run[2], 3) for run in runs]}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
