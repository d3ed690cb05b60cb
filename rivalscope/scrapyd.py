"""Crawl on Scrapyd nodes: spread the sources over the nodes, wait, ingest their feeds.

Each node runs the deployed project (`scrapyd-deploy`). A source becomes one Scrapyd job of
the spider of its kind (feed, sitemap, listing) with the source as a spider argument. The
job writes its items as JSON Lines (Scrapy's FEEDS setting) into `feed_dir` and does not
touch a store (RIVALSCOPE_DB empty: the store pipeline only passes items on), so many nodes
can crawl while one store is written, by `ingest`, on this machine. `feed_dir` must be a
folder every node and this machine see (the same host, or a shared file system); the
store's state (known articles, feed validators) is written there too, so nodes skip the
articles the store already holds.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
import urllib.parse
import urllib.request
import uuid
from pathlib import Path
from typing import Any

import store
from crawlers.sources import Source

PROJECT = "rivalscope"
POLL_SECONDS = 1.0


class ScrapydError(RuntimeError):
    """A Scrapyd node refused or failed a request; the message names the node."""


def api(node: str, endpoint: str, params: dict[str, Any] | list[tuple[str, str]] | None = None,
        *, post: bool = False, timeout: float = 30) -> dict[str, Any]:
    """Call one Scrapyd JSON endpoint; ScrapydError unless it answers status "ok".

    Kept instead of scrapyd-client's ScrapydClient (2.0.3): its requests carry no timeout,
    so a node that accepts the connection and never answers would hold a refresh forever
    (pyclient.py's _get/_post call requests.get/post without one; measured: its jobs() on a
    127.0.0.1 socket that accepts and stays silent was still waiting after 10 s); here every
    call is bounded and every failure names the node.
    """
    url = node.rstrip("/") + "/" + endpoint
    if not url.startswith(("http://", "https://")):
        raise ScrapydError(f"{node}: a Scrapyd node is an http(s) URL")
    data = urllib.parse.urlencode(params or {}, doseq=True)
    if post:
        request = urllib.request.Request(url, data=data.encode(), method="POST")  # noqa: S310
    else:
        request = urllib.request.Request(f"{url}?{data}" if data else url)  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            answer = json.loads(response.read())
    except (OSError, ValueError) as error:
        raise ScrapydError(f"{node}: {endpoint} failed: {error}") from error
    if answer.get("status") != "ok":
        raise ScrapydError(f"{node}: {endpoint}: {answer.get('message') or answer}")
    return answer


def spread(sources: list[Source], nodes: list[str]) -> list[tuple[str, Source]]:
    """Sources dealt round-robin over the nodes (each node's max_proc sets its parallelism)."""
    if not nodes:
        raise ValueError("no Scrapyd node given")
    return [(nodes[i % len(nodes)], source) for i, source in enumerate(sources)]


def schedule(node: str, source: Source, feed: Path, *, state_file: Path | None = None,
             since: str | None = None, settings: dict[str, Any] | None = None,
             project: str = PROJECT) -> str:
    """Schedule one source's crawl on a node, its items exported to feed; returns the job id."""
    job = uuid.uuid4().hex
    exported = {
        # No store on the node: the store pipeline passes items on, the feed export keeps them.
        "RIVALSCOPE_DB": "",
        "FEEDS": json.dumps({feed.as_uri(): {"format": "jsonlines", "encoding": "utf-8",
                                              "overwrite": True}}),
    }
    merged = {**(settings or {}), **exported}
    params: list[tuple[str, str]] = [
        ("project", project), ("spider", source.kind), ("jobid", job),
        ("source_json", json.dumps(source.to_dict())),
    ]
    params += [("setting", f"{key}={_setting(value)}") for key, value in merged.items()]
    if state_file is not None:
        params.append(("state_file", str(state_file)))
    if since:
        params.append(("since", since))
    api(node, "schedule.json", params, post=True)
    return job


def _setting(value: Any) -> str:
    """A setting value as Scrapy reads it from the command line (dicts and lists as JSON)."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "True" if value else "False"
    return json.dumps(value)


def wait(jobs: dict[str, set[str]], *, project: str = PROJECT, timeout: float = 4 * 3600,
         progress: bool = False) -> None:
    """Poll each node's listjobs.json until all of its jobs (node -> job ids) finished."""
    deadline = time.monotonic() + timeout
    left = {node: set(ids) for node, ids in jobs.items() if ids}
    while left:
        for node in list(left):
            answer = api(node, "listjobs.json", {"project": project})
            finished = {job["id"] for job in answer.get("finished", [])}
            left[node] -= finished
            if not left[node]:
                del left[node]
        if not left:
            return
        if time.monotonic() > deadline:
            raise ScrapydError(f"jobs still running after {timeout:.0f} s: {left}")
        if progress:
            print(f"waiting for {sum(map(len, left.values()))} Scrapyd job(s)", flush=True)
        time.sleep(POLL_SECONDS)


def crawl_on_scrapyd(db_path: str | os.PathLike[str], sources: list[Source], nodes: list[str],
                     *, feed_dir: str | os.PathLike[str] | None = None,
                     since: str | None = None, settings: dict[str, Any] | None = None,
                     project: str = PROJECT, timeout: float = 4 * 3600,
                     progress: bool = False) -> dict[str, Any]:
    """Crawl the sources on the Scrapyd nodes and ingest what they exported.

    Returns a summary shaped like rivalscope.crawl.crawl's ("sources": name -> counts, and
    totals), plus "failures": what went wrong (a node down, a job without a feed).
    """
    from crawlers.run import write_state
    from rivalscope.ingest import LazyIndex, ingest

    with tempfile.TemporaryDirectory(prefix="rivalscope-scrapyd-", dir=feed_dir) as tmp:
        folder = Path(tmp)
        folder.chmod(0o755)  # the nodes may run as another user
        state_file = write_state(str(db_path), sources, folder)
        jobs: dict[str, set[str]] = {}
        feeds: dict[str, Path] = {}
        failures: list[str] = []
        for node, source in spread(sources, nodes):
            feed = folder / f"{source.name}.jl"
            try:
                job = schedule(node, source, feed, state_file=state_file, since=since,
                               settings=settings, project=project)
            except ScrapydError as error:
                failures.append(f"{source.name}: {error}")
                continue
            jobs.setdefault(node, set()).add(job)
            feeds[source.name] = feed
        wait(jobs, project=project, timeout=timeout, progress=progress)
        db = store.open_db(db_path)
        duplicates = LazyIndex(db, None)  # copies across the sources' feeds too
        per_source: dict[str, dict[str, int]] = {}
        for source in sources:
            feed = feeds.get(source.name)
            counts = {"new": 0, "updated": 0, "unchanged": 0, "errors": 0}
            if feed is None:
                counts["errors"] = 1
            elif not feed.exists():
                counts["errors"] = 1
                failures.append(f"{source.name}: the job wrote no feed (see the node's log)")
            else:
                result = ingest(db, [feed], duplicates=duplicates)
                for key in ("new", "updated", "unchanged"):
                    counts[key] = result[key]
                counts["errors"] = result["rejected"] + result["bad_feeds"]
                failures += [f"{source.name}: {p}" for p in result["problems"]]
            per_source[source.name] = counts
            store.record_source_crawl(db, source.name, found=counts["new"] + counts["updated"],
                                      errors=counts["errors"])
        db.close()
    summary: dict[str, Any] = {"sources": per_source, "failures": failures}
    for key in ("new", "updated", "unchanged", "errors"):
        summary[key] = sum(c[key] for c in per_source.values())
    return summary
