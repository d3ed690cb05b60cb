"""The site's read queries: the catalogue (with full-text search) and a company's teaser."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

PAGE_SIZE = 30


@dataclass
class CatalogueQuery:
    q: str = ""
    kind: str = ""
    country: str = ""
    page: int = 1
    min_mentions: int = 3


def fts_query(text: str) -> str | None:
    """Visitor text as a safe FTS5 query: each word quoted, the last one a prefix."""
    words = re.findall(r"\w+", text)[:8]
    if not words:
        return None
    quoted = [f'"{w}"' for w in words]
    quoted[-1] += "*"
    return " ".join(quoted)


# Companies whose name or an alias holds the query come first (name_match = 1), then the
# companies that only appear in news matching it, each group by how much news it has.
_CATALOGUE = """
with profiled as (
  select c.id, c.name, c.kind, c.country, count(m.id) as mentions,
         count(distinct m.article_id) as news, max(a.published) as updated
  from companies c join mentions m on m.company_id = c.id
  join articles a on a.id = m.article_id
  group by c.id having count(m.id) >= :min_mentions
),
named as (
  select company_id as id from company_aliases where alias like :like escape '\\'
  union select id from companies where name like :like escape '\\'
)
select p.*, (select count(*) from deal_parties d where d.company_id = p.id) as deals,
       (p.id in (select id from named)) as name_match
from profiled p
where (:kind = '' or p.kind = :kind) and (:country = '' or p.country = :country)
  and (:match is null
       or p.id in (select id from named)
       or p.id in (select m.company_id from mentions m where m.article_id in
                    (select a.id from articles a
                     join articles_fts f on f.rowid = a.rowid where articles_fts match :match)))
order by name_match desc, p.news desc, p.name
limit :limit offset :offset
"""


def catalogue(db: Database, query: CatalogueQuery) -> tuple[list[dict[str, Any]], bool]:
    """One page of profiled companies matching the query, and whether there is a next page."""
    match = fts_query(query.q)
    like = "%" + re.sub(r"([%_\\])", r"\\\1", query.q.strip()) + "%"
    rows = list(db.query(_CATALOGUE, {
        "min_mentions": query.min_mentions, "kind": query.kind, "country": query.country,
        "match": match, "like": like, "limit": PAGE_SIZE + 1,
        "offset": (query.page - 1) * PAGE_SIZE,
    }))
    return rows[:PAGE_SIZE], len(rows) > PAGE_SIZE


def facets(db: Database) -> dict[str, list[str]]:
    """The kinds and countries a visitor can filter on."""
    return {
        column: [r[0] for r in db.execute(
            f"select distinct {column} from companies where {column} is not null "  # noqa: S608
            f"and {column} != '' order by 1").fetchall()]
        for column in ("kind", "country")  # constants, never visitor input
    }


def teaser(db: Database, company_id: str) -> dict[str, Any] | None:
    """What the company page shows for free: counts, recent headlines, key relations."""
    rows = list(db.query("select * from companies where id = ?", [company_id]))
    if not rows:
        return None
    company = rows[0]

    def scalar(sql: str) -> Any:
        return db.execute(sql, [company_id]).fetchone()[0]

    parent = None
    if company.get("parent_id"):
        parent_rows = list(db.query("select name from companies where id = ?",
                                    [company["parent_id"]]))
        parent = parent_rows[0]["name"] if parent_rows else None
    return {
        **company,
        "parent": parent,
        "news": scalar("select count(distinct article_id) from mentions where company_id = ?"),
        "deals": scalar("select count(*) from deal_parties where company_id = ?"),
        "fleet": scalar("select count(*) from fleet_figures where company_id = ?"),
        "people": scalar("select count(distinct name) from people where company_id = ?"),
        "updated": (scalar("select max(a.published) from mentions m join articles a "
                           "on a.id = m.article_id where m.company_id = ?") or "")[:10] or None,
        "aliases": [r["alias"] for r in db.query(
            "select alias from company_aliases where company_id = ? and alias != ? "
            "order by alias limit 6", [company_id, company["name"]])],
        "headlines": list(db.query(
            "select distinct a.title, a.source, substr(a.published, 1, 10) as date "
            "from articles a join mentions m on m.article_id = a.id where m.company_id = ? "
            "order by a.published desc limit 3", [company_id])),
        "deal_types": list(db.query(
            "select d.type, count(*) as n from deals d join deal_parties p on p.deal_id = d.id "
            "where p.company_id = ? group by d.type order by n desc", [company_id])),
    }


# --- analysts' accounts -------------------------------------------------------------------


def user(db: Database, username: str) -> dict[str, Any] | None:
    """An analyst's account row (session_version 0 when never set), else None."""
    rows = list(db.query(
        "select username, password_hash, created_at, coalesce(session_version, 0) "
        "as session_version from users where username = ?", [username]))
    return rows[0] if rows else None


def users(db: Database) -> list[dict[str, Any]]:
    """Every analyst account, by name (no password hashes)."""
    return list(db.query("select username, created_at from users order by username"))


def save_user(db: Database, username: str, password_hash: str, created_at: str) -> None:
    """Create an account or give it a new password; either way its sessions end."""
    with db.conn:
        db.execute(
            "insert into users (username, password_hash, created_at, session_version) "
            "values (?, ?, ?, 1) on conflict(username) do update set "
            "password_hash = excluded.password_hash, "
            "session_version = coalesce(users.session_version, 0) + 1",
            [username, password_hash, created_at])


def end_sessions(db: Database, username: str) -> None:
    """Every session of this analyst stops being accepted."""
    with db.conn:
        db.execute("update users set session_version = coalesce(session_version, 0) + 1 "
                   "where username = ?", [username])


def delete_user(db: Database, username: str) -> bool:
    """Remove an account (its sessions end with it); False when there was none."""
    with db.conn:
        return db.execute("delete from users where username = ?", [username]).rowcount > 0


# --- leads ----------------------------------------------------------------------------------


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


def leads(db: Database, where: LeadFilter, limit: int = -1,
          offset: int = 0) -> list[dict[str, Any]]:
    """Leads matching the filter, newest first, with their profile's company name."""
    return list(db.query(_LEADS, {"company": where.company, "kind": where.kind,
                                  "since": where.since, "until": where.until,
                                  "limit": limit, "offset": offset}))


def lead_profiles(db: Database) -> list[dict[str, Any]]:
    """The companies leads have asked about (id and name), for the filter."""
    return list(db.query(
        "select distinct l.profile as id, coalesce(c.name, l.profile) as name "
        "from leads l left join companies c on c.id = l.profile order by 2"))


def save_lead(db: Database, lead: dict[str, Any]) -> int:
    """Store a lead; returns its id."""
    with db.conn:
        return int(db["leads"].insert(lead).last_pk)


def lead(db: Database, lead_id: int) -> dict[str, Any] | None:
    rows = list(db.query("select * from leads where id = ?", [lead_id]))
    return rows[0] if rows else None


def mark_emailed(db: Database, lead_id: int, when: str) -> None:
    with db.conn:
        db.execute("update leads set emailed_at = ? where id = ?", [when, lead_id])


def mention_count(db: Database, company_id: str) -> int:
    """How often the store mentions the company (the catalogue lists it from a threshold)."""
    return int(db.execute("select count(*) from mentions where company_id = ?",
                          [company_id]).fetchone()[0])


def company_name(db: Database, company_id: str) -> dict[str, Any] | None:
    """A company's id and name only (for emails and the pages after a form), else None."""
    rows = list(db.query("select id, name from companies where id = ?", [company_id]))
    return rows[0] if rows else None


def company_exists(db: Database, company_id: str) -> bool:
    return db.execute("select 1 from companies where id = ?", [company_id]).fetchone() is not None
