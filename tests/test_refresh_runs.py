"""Runs, source alerts, the lock, the schedule and the commands, without a crawl."""

from __future__ import annotations

import json
import multiprocessing
from pathlib import Path

import pytest

from rivalscope.cli import main
from rivalscope.refresh import (
    FAILING_RUNS,
    SILENT_RUNS,
    RefreshLocked,
    list_runs,
    refresh_lock,
    source_alerts,
    start_run,
    update_run,
)
from rivalscope.schedule import next_run, trigger
from rivalscope.scrapyd import spread


def record(db, per_source: dict[str, dict[str, int]], status: str = "ok") -> int:
    run_id, _ = start_run(db)
    update_run(db, run_id, {"crawl": {"sources": per_source}}, [], status=status)
    return run_id


def test_a_source_silent_for_several_runs_is_reported(db) -> None:
    for _ in range(SILENT_RUNS):
        record(db, {"quiet": {"new": 0, "updated": 0, "errors": 0},
                    "busy": {"new": 2, "updated": 0, "errors": 0}})
    alerts = source_alerts(db, ["quiet", "busy"])
    assert [(a["source"], a["problem"]) for a in alerts] == [("quiet", "silent")]


def test_a_source_failing_repeatedly_is_reported_and_one_good_run_clears_it(db) -> None:
    for _ in range(FAILING_RUNS):
        record(db, {"broken": {"new": 1, "updated": 0, "errors": 3}})
    assert [a["problem"] for a in source_alerts(db, ["broken"])] == ["failing"]
    record(db, {"broken": {"new": 1, "updated": 0, "errors": 0}})
    assert source_alerts(db, ["broken"]) == []


def test_a_run_left_running_by_a_dead_process_is_marked_interrupted(db) -> None:
    dead, _ = start_run(db)
    run_id, stale = start_run(db)
    assert stale == [dead]
    assert [(r["id"], r["status"]) for r in list_runs(db)] == [(run_id, "running"),
                                                               (dead, "interrupted")]


def _hold_lock(path: str, ready, release) -> None:
    with refresh_lock(path):
        ready.set()
        release.wait(10)


def test_the_lock_excludes_another_process_and_is_released(tmp_path: Path) -> None:
    db_path = str(tmp_path / "store.db")
    context = multiprocessing.get_context("spawn")
    ready, release = context.Event(), context.Event()
    holder = context.Process(target=_hold_lock, args=(db_path, ready, release))
    holder.start()
    try:
        assert ready.wait(30)
        with pytest.raises(RefreshLocked, match=rf"pid {holder.pid}"), refresh_lock(db_path):
            pass
    finally:
        release.set()
        holder.join(10)
    with refresh_lock(db_path):
        pass


def test_schedule_reads_a_crontab_line() -> None:
    cron = trigger("0 */6 * * *")
    assert next_run(cron).hour % 6 == 0 and next_run(cron).minute == 0
    with pytest.raises(ValueError):
        trigger("every six hours")


def test_schedule_rejects_a_bad_cron_line(runner, db_path: Path) -> None:
    result = runner.invoke(main, ["schedule", "--cron", "61 * * * *", "--db", str(db_path)])
    assert result.exit_code == 2 and "--cron" in result.output


def test_sources_are_dealt_over_the_nodes() -> None:
    assert [node for node, _ in spread(list("abcde"), ["n1", "n2"])] == [
        "n1", "n2", "n1", "n2", "n1"]


def test_runs_lists_the_recorded_runs(runner, db, db_path: Path) -> None:
    assert "no runs yet" in runner.invoke(main, ["runs", "--db", str(db_path)]).output
    record(db, {"a": {"new": 3, "updated": 1, "errors": 0}})
    db["runs"].update(1, {"counts": json.dumps({"crawl": {"new": 3, "updated": 1},
                                                "analysis": {"articles": 4},
                                                "render": {"rendered": 2}})})
    text = runner.invoke(main, ["runs", "--db", str(db_path)]).output
    fields = text.splitlines()[1].split()
    assert fields[:3] == ["1", "refresh", "ok"] and fields[-5:] == ["3", "1", "4", "2", "0"]
    rows = json.loads(runner.invoke(main, ["runs", "--json", "--db", str(db_path)]).output)
    assert rows[0]["counts"]["analysis"]["articles"] == 4


def test_an_unreachable_scrapyd_node_is_an_error_of_the_run_not_its_end(tmp_path: Path) -> None:
    import socket

    from crawlers.sources import Source
    from rivalscope.refresh import refresh

    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    source = Source(name="s1", kind="feed", urls=["http://127.0.0.1:9/feed.xml"])
    summary = refresh(tmp_path / "store.db", [source], out_dir=tmp_path / "pdfs",
                      scrapyd=[f"http://127.0.0.1:{port}/"], feed_dir=tmp_path,
                      progress=False, json_path=tmp_path / "summary.json")
    assert summary["status"] == "errors"
    assert "schedule.json failed" in summary["errors"][0]
    assert summary["counts"]["crawl"]["sources"]["s1"]["errors"] == 1
    assert json.loads((tmp_path / "summary.json").read_text())["status"] == "errors"
