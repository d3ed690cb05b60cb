"""Visitors' leads from the sales site: recorded, listed for analysts (filtered, paged) and
marked when their sample link was emailed."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from store.ids import now


@dataclass
class LeadFilter:
    """Which leads an analyst looks at; since/until are UTC ISO times (until exclusive)."""

    company: str = ""
    kind: str = ""
    since: str = ""
    until: str = ""


_LEADS = """
select l.*, coalesce(c.name, l.profile) as profile_name
from leads l left join companies c on c.id = l.profile
where (:company = '' or l.profile = :company) and (:kind = '' or l.kind = :kind)
  and (:since = '' or l.created_at >= :since) and (:until = '' or l.created_at < :until)
order by l.id desc
limit :limit offset :offset
"""


def leads(db: Database, where: LeadFilter | None = None, limit: int = -1,
          offset: int = 0) -> list[dict[str, Any]]:
    """Leads matching the filter (all when None), newest first, with their profile's
    company name; limit -1 means no limit."""
    where = where or LeadFilter()
    return list(db.query(_LEADS, {"company": where.company, "kind": where.kind,
                                  "since": where.since, "until": where.until,
                                  "limit": limit, "offset": offset}))


def lead_profiles(db: Database) -> list[dict[str, Any]]:
    """The companies leads have asked about (id and name), for the filter."""
    return list(db.query(
        "select distinct l.profile as id, coalesce(c.name, l.profile) as name "
        "from leads l left join companies c on c.id = l.profile order by 2"))


def save_lead(db: Database, lead: Mapping[str, Any]) -> int:
    """Record a visitor's request (kind, email, name, company, profile, consent, ip and
    created_at, now when not given); its id."""
    with db.conn:
        return int(db["leads"].insert({"created_at": now(), **lead}).last_pk)


def lead(db: Database, lead_id: int) -> dict[str, Any] | None:
    """One lead by id, else None."""
    rows = list(db.query("select * from leads where id = ?", [lead_id]))
    return rows[0] if rows else None


def mark_emailed(db: Database, lead_id: int, when: str) -> None:
    """The lead's sample link left by email at `when`."""
    with db.conn:
        db.execute("update leads set emailed_at = ? where id = ?", [when, lead_id])
