"""Who gets a profile from general news: the extraction benchmark's real pages
(../shared/eval/article-extraction/html/*.html.gz, mostly general news) served as a news site
on 127.0.0.1, crawled by the real crawl, analysed, and the profile rule applied.

    .venv/bin/python benchmarks/general_news_profiles.py [--per-publisher] [--pages DIR]

Prints how many articles were stored and analysed, how many of them are relevant, and the
companies that get a profile (count and names), then the most mentioned of the others with
the reason they get none. By default the pages are one site with one feed (one source, as
crawling such a site would be). --per-publisher gives each page's real publisher (the host
of its ground-truth URL) a feed of its own, so the sources rule counts real publishers and
only relevance and confidence keep names out. The pages are read from ../shared at run
time and never copied; nothing leaves the host.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import tempfile
import threading
from collections import defaultdict
from contextlib import contextmanager
from email.utils import formatdate
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import store  # noqa: E402
from crawlers.sources import Source  # noqa: E402
from reports.eligibility import standings  # noqa: E402
from rivalscope.crawl import crawl  # noqa: E402
from rivalscope.extract import analyze_pending  # noqa: E402
from rivalscope.trust import profile_rule  # noqa: E402
from store.eligibility import relevant_article_count  # noqa: E402

EXTRACTION = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / \
    "article-extraction"
FAST = {"AUTOTHROTTLE_ENABLED": False, "DOWNLOAD_DELAY": 0, "CONCURRENT_REQUESTS": 8,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 8, "RIVALSCOPE_MAX_ARTICLES_PER_CRAWL": 0,
        "LOG_LEVEL": "ERROR"}


def publishers(folder: Path) -> dict[str, str]:
    """Page id -> its publisher (the host of its ground-truth URL, without www.)."""
    truth_file = folder / "ground-truth.json"
    truth = json.loads(truth_file.read_text(encoding="utf-8")) if truth_file.exists() else {}
    return {page: (urlsplit(row.get("url", "")).hostname or "unknown").removeprefix("www.")
            for page, row in truth.items()}


def rss(base: str, title: str, pages: list[str]) -> bytes:
    date = formatdate(usegmt=True)
    items = "".join(f"<item><title>Page {escape(p[:12])}</title>"
                    f"<link>{base}/pages/{p}.html</link><guid>{base}/pages/{p}.html</guid>"
                    f"<pubDate>{date}</pubDate></item>" for p in pages)
    return (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
            f"<title>{escape(title)}</title><link>{base}/</link><description>pages"
            f"</description>{items}</channel></rss>").encode()


@contextmanager
def serve(html_dir: Path, feeds: dict[str, list[str]]):
    """Serve /feeds/<name>.xml and /pages/<id>.html (each page decompressed from its .gz on
    request) on 127.0.0.1; yields the base URL."""
    holder: dict[str, str] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            path = self.path.split("?")[0]
            body, kind = None, "text/html; charset=utf-8"
            if path == "/robots.txt":
                body, kind = b"User-agent: *\nAllow: /\n", "text/plain"
            elif path.startswith("/feeds/") and path.endswith(".xml"):
                name = path[len("/feeds/"):-4]
                if name in feeds:
                    body = rss(holder["base"], name, feeds[name])
                    kind = "application/rss+xml"
            elif path.startswith("/pages/") and path.endswith(".html"):
                page = path[len("/pages/"):-5]
                file = html_dir / f"{page}.html.gz"
                if page.isalnum() and file.is_file():
                    # Undeclared pages are sent as bytes: the crawler decides their charset.
                    body, kind = gzip.decompress(file.read_bytes()), "text/html"
            if body is None:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            """Quiet."""

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    holder["base"] = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield holder["base"]
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def run(folder: Path, workdir: Path, per_publisher: bool = False) -> dict:
    """Serve, crawl, analyse and apply the profile rule; returns the figures."""
    html_dir = folder / "html"
    pages = sorted(p.name.removesuffix(".html.gz") for p in html_dir.glob("*.html.gz"))
    if not pages:
        raise FileNotFoundError(f"no *.html.gz pages in {html_dir}")
    feeds: dict[str, list[str]] = defaultdict(list)
    owner = publishers(folder)
    for page in pages:
        name = owner.get(page, "unknown") if per_publisher else "general-news"
        feeds[name.replace(".", "-")].append(page)
    db_path = workdir / "general-news.db"
    with serve(html_dir, feeds) as base:
        host = urlsplit(base).netloc
        sources = [Source(name=name, kind="feed", urls=[f"{base}/feeds/{name}.xml"],
                          allowed_domains=["127.0.0.1"], language="en", allow_hosts=[host])
                   for name in sorted(feeds)]
        summary = crawl(db_path, sources, progress=False, settings=FAST)
    db = store.open_db(db_path)
    analysis = analyze_pending(db)
    rule = profile_rule(None)
    rows = standings(db, rule)
    relevant = relevant_article_count(db, rule.relevance)
    db.close()
    return {
        "pages": len(pages), "sources": len(feeds),
        "stored": summary["new"] + summary.get("updated", 0) + summary.get("unchanged", 0),
        "analysed": analysis["articles"], "skipped_languages": analysis["skipped_languages"],
        "relevant": relevant,
        "relevance_threshold": rule.relevance,
        "companies": len(rows),
        "profiled": [r["name"] for r in rows if r["reason"] is None],
        "others": [(r["name"], r["mentions"], r["reason"]) for r in rows
                   if r["reason"] is not None],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=Path, default=EXTRACTION,
                        help=f"the benchmark folder (default: {EXTRACTION})")
    parser.add_argument("--per-publisher", action="store_true",
                        help="one feed (one source) per real publisher instead of one site")
    parser.add_argument("--show", type=int, default=25, help="others to list")
    args = parser.parse_args()
    if not (args.pages / "html").is_dir():
        raise SystemExit(f"{args.pages / 'html'} is missing: the shared eval data is needed")
    with tempfile.TemporaryDirectory() as tmp:
        figures = run(args.pages, Path(tmp), args.per_publisher)
    print(f"{figures['pages']} pages served as {figures['sources']} feed source(s); "
          f"{figures['stored']} articles stored, {figures['analysed']} analysed "
          f"({figures['skipped_languages']} skipped: language), {figures['relevant']} "
          f"relevant (relevance >= {figures['relevance_threshold']})")
    print(f"{figures['companies']} companies named; {len(figures['profiled'])} get a profile"
          + (": " + ", ".join(figures["profiled"]) if figures["profiled"] else ""))
    reasons: dict[str, int] = defaultdict(int)
    for _name, _mentions, reason in figures["others"]:
        reasons[reason.split(" (")[0]] += 1
    print("no profile, by reason: " + ", ".join(f"{n} {r}" for r, n in sorted(
        reasons.items(), key=lambda item: -item[1])))
    print(f"the {args.show} most mentioned without a profile:")
    for name, mentions, reason in sorted(figures["others"], key=lambda o: -o[1])[:args.show]:
        print(f"  {mentions:4d}  {name}: {reason}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
