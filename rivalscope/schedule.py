"""Run refreshes on a cron schedule in the foreground (APScheduler's blocking scheduler)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo


def trigger(expression: str, timezone: str = "UTC"):
    """A CronTrigger from a crontab line ("0 */6 * * *"); ValueError if it is not one."""
    from apscheduler.triggers.cron import CronTrigger

    return CronTrigger.from_crontab(expression, timezone=timezone)


def run_schedule(expression: str, job: Callable[[], Any], *, timezone: str = "UTC",
                 announce: Callable[[str], None] = print) -> None:
    """Call job at each time the crontab expression names, until interrupted.

    One job at a time (max_instances=1); a run missed while the previous one was still
    going is run once, late, instead of piling up (coalesce). The refresh lock protects
    against refreshes started elsewhere (cron, by hand).
    """
    from apscheduler.schedulers.blocking import BlockingScheduler

    cron = trigger(expression, timezone)
    scheduler = BlockingScheduler(timezone=timezone)
    scheduler.add_job(job, cron, id="refresh", max_instances=1, coalesce=True,
                      misfire_grace_time=3600)
    announce(f"refresh scheduled '{expression}' ({timezone}); next run "
             f"{next_run(cron, timezone)}; Ctrl-C stops")
    try:
        scheduler.start()  # blocks
    except (KeyboardInterrupt, SystemExit):
        scheduler.shutdown(wait=False)


def next_run(cron, timezone: str = "UTC") -> datetime | None:
    """When the trigger fires next."""
    return cron.get_next_fire_time(None, datetime.now(ZoneInfo(timezone)))
