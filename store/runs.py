"""Runs of the scheduled pipeline (refresh, ingest): one row each, with counts and errors."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from sqlite_utils import Database

from store.ids import now


def start_run(db: Database, kind: str, *, interrupt_running: bool) -> tuple[int, list[int]]:
    """Record a new run; returns its id and the ids of earlier runs marked interrupted.

    interrupt_running: runs of the same kind still marked "running" belong to a dead process
    (the caller holds the lock that a live one would hold) and become "interrupted".
    """
    with db.conn:
        stale = [r["id"] for r in db["runs"].rows_where(
            "kind = ? and status = 'running'", [kind], select="id")] if interrupt_running else []
        for run_id in stale:
            db["runs"].update(run_id, {"status": "interrupted"})
        table = db["runs"].insert({"kind": kind, "started_at": now(),
                                   "status": "running", "counts": "{}", "errors": "[]"})
    return int(table.last_pk), stale


def update_run(db: Database, run_id: int, counts: dict[str, Any], errors: list[str],
               status: str = "running") -> None:
    """Save a run's counts so far (each finished stage is kept even if the run dies later)."""
    row: dict[str, Any] = {"counts": json.dumps(counts, default=str),
                           "errors": json.dumps(errors), "status": status}
    if status != "running":
        row["ended_at"] = now()
    with db.conn:
        db["runs"].update(run_id, row)


def list_runs(db: Database, limit: int = 20, kind: str | None = None) -> list[dict[str, Any]]:
    """The latest runs, newest first, with counts and errors decoded."""
    where, args = ("kind = ?", [kind]) if kind else (None, [])
    rows = db["runs"].rows_where(where, args, order_by="id desc", limit=limit)
    return [{**row, "counts": json.loads(row["counts"] or "{}"),
             "errors": json.loads(row["errors"] or "[]")} for row in rows]


def finished_run_counts(db: Database, kind: str) -> Iterator[dict[str, Any]]:
    """The decoded counts of the finished (ok or errors) runs of a kind, newest first."""
    for run in db["runs"].rows_where("kind = ? and status in ('ok', 'errors')", [kind],
                                     order_by="id desc", select="counts"):
        yield json.loads(run["counts"] or "{}")
