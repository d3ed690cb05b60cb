"""The whole pipeline offline on the bundled demo news site: serve, crawl, analyse, render."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import store
from crawlers.sources import Source
from reports.batch import render_profiles
from reports.eligibility import ProfileRule, profiled
from rivalscope import crawl, extract
from rivalscope.demo.build_site import PUBLICATIONS
from rivalscope.demo.server import serve_demo_site
from rivalscope.trust import profile_thresholds

# The demo pages' canonical links name this domain, so an article keeps one id whatever port
# the demo server gets.
CANONICAL_DOMAIN = "rivalscope-demo.invalid"


@dataclass
class DemoResult:
    crawl: dict[str, Any]
    analysis: dict[str, Any]
    companies: list[dict[str, Any]]
    render: dict[str, Any]
    pdfs: list[Path] = field(default_factory=list)


def demo_sources(base_url: str) -> list[Source]:
    """The demo site's publications, each a feed source of its own (independent sources, as
    a real deployment lists one per publisher: the profile rule counts them)."""
    return [demo_source(base_url, key) for key in PUBLICATIONS]


def demo_source(base_url: str, publication: str = "wire") -> Source:
    """One publication of the demo site as a feed source; the site lives on 127.0.0.1, so
    its exact host:port is allowed (no other private address is)."""
    return Source(
        name=f"demo-{publication}", kind="feed",
        urls=[f"{base_url}/{PUBLICATIONS[publication][1]}"],
        # The site's canonical links name its public domain (one article id whatever port
        # the server gets): the source says that domain is this site's.
        allowed_domains=["127.0.0.1", CANONICAL_DOMAIN], allow=[], deny=[], language="en",
        enabled=True,
        allow_hosts=[urlsplit(base_url).netloc],
    )


def foreign_sources(db_path: Path) -> list[str]:
    """The sources of a demo store's articles that are not the demo's: a store made by an
    older demo (one source for the whole site) or another store. Their articles are never
    fetched again, so they would stay one publisher's."""
    if not Path(db_path).is_file():
        return []
    names = {source.name for source in demo_sources("http://127.0.0.1")}
    db = store.open_db(db_path, create=False)
    try:
        return sorted(set(store.articles_per_source(db)) - names)
    finally:
        db.close()


def run_demo(db_path: Path, out_dir: Path, *, processes: int = 1, progress: bool = True,
             rule: ProfileRule | None = None) -> DemoResult:
    """Run every stage on the demo site; re-running does only what changed. rule: who gets
    a profile (reports.eligibility)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    with serve_demo_site() as base_url:
        # The demo server is fast and ours: no need for the polite per-domain delays.
        crawl_summary = crawl.crawl(
            db_path, demo_sources(base_url), progress=progress,
            settings={"AUTOTHROTTLE_ENABLED": False, "DOWNLOAD_DELAY": 0},
        )
    db = store.open_db(db_path)
    analysis = extract.analyze_pending(db, processes=processes, progress=progress)
    companies = profiled(db, rule or ProfileRule())
    rendered = render_profiles(
        db_path, [c["id"] for c in companies], out_dir=out_dir, processes=2, progress=progress,
        thresholds=profile_thresholds(),
    )
    pdfs = sorted(
        path for c in companies for edition in ("full", "sample")
        if (path := out_dir / f"{c['id']}-{edition}.pdf").exists()
    )
    return DemoResult(crawl_summary, analysis, companies, rendered, pdfs)
