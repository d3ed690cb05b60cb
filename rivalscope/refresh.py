"""The scheduled pipeline: crawl → analyse → render what changed, one run at a time.

Every stage is idempotent and keeps what it finished (articles are stored one transaction
each, analyses replace an article's facts in one transaction, an edition is recorded only
after its PDF is written), so a refresh killed at any point resumes on the next run: the
crawl skips the stored articles, the analysis picks up the articles not yet analysed, the
render compares data hashes. A file lock (fcntl, released by the kernel even on SIGKILL)
keeps two refreshes from running at once; each run is a row of `runs`.
"""

from __future__ import annotations

import fcntl
import json
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlite_utils import Database

import store
from crawlers.sources import Source
from rivalscope.settings import FAILING_RUNS, SILENT_RUNS, Settings
from rivalscope.trust import profile_rule, profile_thresholds

KIND = "refresh"


class RefreshLocked(RuntimeError):
    """Another refresh holds the lock on this store."""


@contextmanager
def refresh_lock(db_path: str | os.PathLike[str]) -> Iterator[Path]:
    """Hold `<store>.refresh.lock` for the block; RefreshLocked if another process holds it.

    flock locks belong to the open file: the kernel drops them when the holder dies, so a
    killed refresh never leaves a stale lock behind.
    """
    path = Path(f"{db_path}.refresh.lock")
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = open(path, "a+")  # noqa: SIM115 (held for the whole block)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "?"
            raise RefreshLocked(
                f"another refresh of {db_path} is running (pid {holder}); wait for it to "
                "finish") from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        yield path
    finally:
        handle.close()


# --- runs ----------------------------------------------------------------------------------


def start_run(db: Database, kind: str = KIND, *,
              under_lock: bool = True) -> tuple[int, list[int]]:
    """Record a new run; returns its id and the ids of earlier runs that never finished.

    Under the refresh lock, a run of the same kind still marked "running" belongs to a dead
    process and is marked "interrupted".
    """
    return store.start_run(db, kind, interrupt_running=under_lock)


update_run = store.update_run
list_runs = store.list_runs


def source_alerts(db: Database, names: list[str], *, silent_runs: int = SILENT_RUNS,
                  failing_runs: int = FAILING_RUNS) -> list[dict[str, Any]]:
    """Sources that yielded nothing in their last `silent_runs` finished refreshes, or had
    errors in their last `failing_runs` ones."""
    history: dict[str, list[dict[str, int]]] = {name: [] for name in names}
    depth = max(silent_runs, failing_runs)
    for counts in store.finished_run_counts(db, KIND):
        per_source = counts.get("crawl", {}).get("sources", {})
        for name, counts in per_source.items():
            if name in history and len(history[name]) < depth:
                history[name].append(counts)
        if all(len(h) >= depth for h in history.values()):
            break
    alerts = []
    for name, runs in history.items():
        if len(runs) >= failing_runs and all(r.get("errors") for r in runs[:failing_runs]):
            alerts.append({"source": name, "problem": "failing", "runs": failing_runs,
                           "message": f"errors in each of the last {failing_runs} refreshes"})
        elif len(runs) >= silent_runs and not any(
                r.get("new") or r.get("updated") for r in runs[:silent_runs]):
            alerts.append({"source": name, "problem": "silent", "runs": silent_runs,
                           "message": f"no new article in the last {silent_runs} refreshes"})
    return alerts


# --- the pipeline --------------------------------------------------------------------------


def _crawl_counts(summary: dict[str, Any]) -> dict[str, Any]:
    keep = ("new", "updated", "unchanged", "errors", "known_skipped", "not_modified")
    return {
        "new": summary.get("new", 0), "updated": summary.get("updated", 0),
        "errors": summary.get("errors", 0),
        "sources": {name: {k: counts.get(k, 0) for k in keep}
                    for name, counts in summary.get("sources", {}).items()},
    }


def refresh(db_path: str | os.PathLike[str], sources: list[Source], *,
            out_dir: str | os.PathLike[str], scrapyd: list[str] | None = None,
            feed_dir: str | os.PathLike[str] | None = None,
            since: str | None = None, settings: dict[str, Any] | None = None,
            processes: int = 1, render_processes: int = 2, progress: bool = True,
            json_path: str | os.PathLike[str] | None = None,
            on_stage: Callable[[str], None] | None = None,
            thresholds: Settings | None = None) -> dict[str, Any]:
    """One refresh: crawl the enabled sources (here, or on the Scrapyd nodes given), analyse
    the new and changed articles, re-render the profiles whose data changed (both editions).

    Returns the summary (also written to json_path when given). RefreshLocked if another
    refresh of this store is running. thresholds: the settings whose profile and alert
    thresholds apply (the defaults when None).
    """
    thresholds = thresholds or Settings()
    from reports.batch import render_profiles
    from rivalscope import extract

    enabled = [s for s in sources if s.enabled]
    with refresh_lock(db_path):
        db = store.open_db(db_path)
        run_id, interrupted = start_run(db)
        counts: dict[str, Any] = {"resumed": interrupted}
        errors: list[str] = []

        seconds: dict[str, float] = {}
        counts["seconds"] = seconds
        clock = [time.monotonic()]

        def stage(name: str | None) -> None:
            """Mark the start of a stage (None: the end of the last) and time the previous."""
            if counts.get("stage"):
                seconds[counts["stage"]] = round(time.monotonic() - clock[0], 2)
            clock[0] = time.monotonic()
            if name is None:
                counts.pop("stage", None)
                return
            counts["stage"] = name
            update_run(db, run_id, counts, errors)
            if on_stage:
                on_stage(name)

        try:
            stage("crawl")
            counts["crawl"] = _run_crawl(db_path, enabled, scrapyd, feed_dir, since, settings,
                                         progress, errors)
            stage("analyse")
            counts["analysis"] = extract.analyze_pending(db, processes=processes,
                                                         progress=progress)
            stage("render")
            result = render_profiles(db_path, None, out_dir=out_dir,
                                     rule=profile_rule(thresholds.relevance_threshold),
                                     processes=render_processes, progress=progress,
                                     thresholds=profile_thresholds())
            counts["render"] = {
                "rendered": len(result["rendered"]), "skipped": result["skipped"],
                "failed": len(result["failed"]),
                "profiles": sorted({Path(p).name.rsplit("-", 1)[0]
                                    for p in result["rendered"]}),
                "paths": result["rendered"],
            }
            errors += [f"render {name}: {error}" for name, error in result["failed"].items()]
            stage(None)
        except BaseException as error:  # Ctrl-C included: the run is recorded as failed
            errors.append(f"{counts.get('stage')}: {type(error).__name__}: {error}")
            counts.pop("stage", None)
            update_run(db, run_id, counts, errors, status="failed")
            _write_json(json_path, list_runs(db, 1)[0])
            raise
        status = "errors" if errors else "ok"
        update_run(db, run_id, counts, errors, status=status)
        alerts = source_alerts(db, [s.name for s in enabled],
                               silent_runs=thresholds.silent_runs,
                               failing_runs=thresholds.failing_runs)
        summary = {**list_runs(db, 1)[0], "alerts": alerts}
        db.close()
    _write_json(json_path, summary)
    return summary


def _write_json(json_path: str | os.PathLike[str] | None, summary: dict[str, Any]) -> None:
    """The summary for monitoring, replaced in one step (a reader never sees half a file)."""
    if not json_path:
        return
    path = Path(json_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.write_text(json.dumps(summary, indent=2, default=str), encoding="utf-8")
    partial.replace(path)


def _run_crawl(db_path, sources: list[Source], scrapyd: list[str] | None,
               feed_dir: str | os.PathLike[str] | None, since: str | None,
               settings: dict[str, Any] | None, progress: bool,
               errors: list[str]) -> dict[str, Any]:
    """Crawl here or on Scrapyd nodes; a failed crawl is an error of the run, not its end
    (the articles stored before the failure are still analysed and rendered)."""
    if not sources:
        return _crawl_counts({})
    from rivalscope.crawl import CrawlError, crawl
    from rivalscope.scrapyd import ScrapydError, crawl_on_scrapyd

    try:
        if scrapyd:
            summary = crawl_on_scrapyd(db_path, sources, scrapyd, feed_dir=feed_dir,
                                       since=since, settings=settings, progress=progress)
            errors += summary.get("failures", [])
            return _crawl_counts(summary)
        return _crawl_counts(crawl(db_path, sources, since=since, settings=settings,
                                   progress=progress))
    except (CrawlError, ScrapydError) as error:
        errors.append(f"crawl: {error}")
        failed = {s.name: {"new": 0, "updated": 0, "errors": 1} for s in sources}
        return {"new": 0, "updated": 0, "errors": len(sources), "sources": failed}


def format_summary(summary: dict[str, Any]) -> str:
    """The refresh summary as a few lines for a person."""
    counts = summary.get("counts", {})
    crawl = counts.get("crawl", {})
    analysis = counts.get("analysis", {})
    render = counts.get("render", {})
    lines = [f"refresh #{summary['id']}: {summary['status']} "
             f"({summary['started_at']} → {summary.get('ended_at') or '-'})"]
    if counts.get("resumed"):
        lines.append("resumed after interrupted run(s) "
                     + ", ".join(f"#{r}" for r in counts["resumed"]))
    for name, c in sorted(crawl.get("sources", {}).items()):
        lines.append(f"  {name}: {c.get('new', 0)} new, {c.get('updated', 0)} updated, "
                     f"{c.get('errors', 0)} errors")
    lines.append(f"articles: {crawl.get('new', 0)} new, {crawl.get('updated', 0)} updated")
    lines.append(f"analysed: {analysis.get('articles', 0)} articles → "
                 f"{analysis.get('mentions', 0)} mentions, {analysis.get('deals', 0)} deals, "
                 f"{analysis.get('fleet_figures', 0)} fleet figures, "
                 f"{analysis.get('people', 0)} people")
    lines.append(f"profiles: {render.get('rendered', 0)} PDFs re-rendered "
                 f"({', '.join(render.get('profiles', [])) or 'none'}), "
                 f"{render.get('skipped', 0)} unchanged, {render.get('failed', 0)} failed")
    if counts.get("seconds"):
        lines.append("seconds: " + ", ".join(f"{k} {v}" for k, v in counts["seconds"].items()))
    for alert in summary.get("alerts", []):
        lines.append(f"attention: source {alert['source']}: {alert['message']}")
    for error in summary.get("errors", []):
        lines.append(f"error: {error}")
    return "\n".join(lines)
