"""The sales site's read queries: the catalogue (with full-text search) and a company's teaser."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from store.deal_types import deal_label, deal_type_registry

PAGE_SIZE = 30


@dataclass
class CatalogueQuery:
    """What a visitor asked the catalogue for, among the profiled companies' ids (the
    profile rule is reports.eligibility's)."""

    profiled: list[str]
    q: str = ""
    kind: str = ""
    country: str = ""
    page: int = 1


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
  where c.id in (select value from json_each(:profiled))
  group by c.id
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
        "profiled": json.dumps(query.profiled), "kind": query.kind, "country": query.country,
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


# The teaser counts confirmed facts only (reports.trust.is_confirmed's rule, in SQL below):
# corroborated by two independent sources, confident enough (the last ? is the kind's
# profile threshold), or stored before confidences existed.
NO_THRESHOLD = 2.0  # above any confidence: without thresholds only corroboration confirms


def teaser(db: Database, company_id: str,
           thresholds: Mapping[str, float] | None = None) -> dict[str, Any] | None:
    """What the company page shows for free: counts, recent headlines, key relations.

    The counts follow the sample's rule: confirmed facts only (thresholds: the profile
    threshold per fact kind)."""
    rows = list(db.query("select * from companies where id = ?", [company_id]))
    if not rows:
        return None
    company = rows[0]
    registry = deal_type_registry(db)

    def scalar(sql: str, kind: str | None = None) -> Any:
        bound = [company_id] if kind is None else [company_id, threshold(kind)]
        return db.execute(sql, bound).fetchone()[0]

    def threshold(kind: str) -> float:
        return float((thresholds or {}).get(kind, NO_THRESHOLD))

    parent = None
    if company.get("parent_id"):
        parent_rows = list(db.query("select name from companies where id = ?",
                                    [company["parent_id"]]))
        parent = parent_rows[0]["name"] if parent_rows else None
    return {
        **company,
        "parent": parent,
        "news": scalar("select count(distinct article_id) from mentions where company_id = ?"),
        "deals": scalar("select count(*) from deal_parties p join deals d on d.id = p.deal_id "
                        "where p.company_id = ? and (coalesce(d.sources, 1) >= 2 or "
                        "d.confidence is null or d.confidence >= ?)", "deal"),
        "fleet": scalar("select count(*) from fleet_figures where company_id = ? and "
                        "(coalesce(sources, 1) >= 2 or confidence is null or confidence >= ?)",
                        "fleet"),
        "people": scalar("select count(distinct name) from people where company_id = ? and "
                         "(coalesce(sources, 1) >= 2 or confidence is null or confidence >= ?)",
                         "person"),
        "updated": (scalar("select max(a.published) from mentions m join articles a "
                           "on a.id = m.article_id where m.company_id = ?") or "")[:10] or None,
        "aliases": [r["alias"] for r in db.query(
            "select alias from company_aliases where company_id = ? and alias != ? "
            "order by alias limit 6", [company_id, company["name"]])],
        "headlines": list(db.query(
            "select distinct a.title, a.source, substr(a.published, 1, 10) as date "
            "from articles a join mentions m on m.article_id = a.id where m.company_id = ? "
            "order by a.published desc limit 3", [company_id])),
        "deal_types": [
            {**row, "label": deal_label(registry, row["type"], plural=row["n"] != 1)}
            for row in db.query(
                "select d.type, count(*) as n from deals d join deal_parties p "
                "on p.deal_id = d.id where p.company_id = ? and (coalesce(d.sources, 1) >= 2 "
                "or d.confidence is null or d.confidence >= ?) group by d.type order by n desc",
                [company_id, threshold("deal")])],
    }


# --- a company by id (the lead forms, emails and the leads list) ---------------------


def company_name(db: Database, company_id: str) -> dict[str, Any] | None:
    """A company's id and name only (for emails and the pages after a form), else None."""
    rows = list(db.query("select id, name from companies where id = ?", [company_id]))
    return rows[0] if rows else None


def company_exists(db: Database, company_id: str) -> bool:
    """Whether the store has a company with this id."""
    return db.execute("select 1 from companies where id = ?", [company_id]).fetchone() is not None
