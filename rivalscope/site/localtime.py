"""Times for people: stored UTC ISO strings shown in the analysts' time zone, and back.

The zone is the TIMEZONE setting (RIVALSCOPE_TIMEZONE, e.g. Europe/Berlin); empty means the
server's own zone.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from flask import current_app


def zone() -> tzinfo:
    name = current_app.config.get("TIMEZONE") or ""
    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            current_app.logger.warning("unknown TIMEZONE %r: showing UTC", name)
            return UTC
    local = datetime.now().astimezone().tzinfo
    return local or UTC


def local_time(iso: str | None) -> str:
    """'2026-03-05T09:00:00+00:00' -> '5 Mar 2026, 10:00 CET' (in the configured zone)."""
    if not iso:
        return ""
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    moment = moment.astimezone(zone())
    return f"{moment.day} {moment:%b %Y, %H:%M} {moment.tzname() or ''}".strip()


def parse_day(text: str | None) -> date | None:
    """A YYYY-MM-DD date typed in a filter, else None."""
    try:
        return date.fromisoformat((text or "").strip()) if text else None
    except ValueError:
        return None


def day_start_utc(day: date, days_later: int = 0) -> str:
    """The UTC ISO time at which this local day (plus days_later) begins."""
    start = datetime.combine(day + timedelta(days=days_later), time(0), tzinfo=zone())
    return start.astimezone(UTC).replace(microsecond=0).isoformat()
