"""The store: one SQLite file (WAL mode) created and migrated with sqlite-utils.

Every write here is transactional and idempotent: re-running a stage on the same input
leaves the store as it was. Facts are keyed by where they came from (article + offsets), so
re-analysing an article replaces its facts instead of adding to them.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlite_utils import Database

# table -> (columns, primary key). Columns are only ever added, never dropped or retyped, so
# opening an older store adds what is missing (the migration).
SCHEMA: dict[str, tuple[dict[str, type], str | tuple[str, ...]]] = {
    "sources": (
        {
            "name": str, "kind": str, "url": str, "enabled": int, "language": str,
            "last_crawl_at": str, "articles_found": int, "errors": int, "last_error": str,
            "warnings": str,  # what the last crawl found wrong short of errors, "; "-joined
        },
        "name",
    ),
    "articles": (
        {
            "id": str, "url": str, "canonical_url": str, "source": str, "title": str,
            "published": str, "published_raw": str, "published_how": str, "updated": str,
            "author": str, "language": str, "text": str, "content_hash": str,
            "duplicate_of": str, "etag": str, "last_modified": str, "fetched_at": str,
            "changed_at": str, "analyzed_with": str,
            # The page's charset and how it was decided (the crawlers overrule a header the
            # bytes contradict): "header", "meta", "bytes: UTF-8, the header said cp1252".
            "charset": str, "charset_how": str,
        },
        "id",
    ),
    # Feeds and listing pages are re-read with conditional requests: their last validators.
    "source_pages": (
        {"url": str, "source": str, "etag": str, "last_modified": str, "checked_at": str},
        "url",
    ),
    # Pages that are another URL of a stored article (an AMP copy on another site): known,
    # so they are not downloaded again on every crawl.
    "url_aliases": ({"url": str, "article_id": str, "seen_at": str}, "url"),
    "article_changes": (
        {"id": str, "article_id": str, "changed_at": str, "old_hash": str, "new_hash": str},
        "id",
    ),
    "companies": (
        {"id": str, "name": str, "kind": str, "country": str, "parent_id": str},
        "id",
    ),
    "company_aliases": ({"alias": str, "company_id": str}, ("alias", "company_id")),
    "mentions": (
        {"id": str, "article_id": str, "company_id": str, "surface": str, "sentence": str,
         "start": int, "end": int},
        "id",
    ),
    "deals": (
        {"id": str, "type": str, "status": str, "date": str, "value": float, "currency": str,
         "quantity": int, "quantity_unit": str, "first_seen": str, "last_seen": str},
        "id",
    ),
    "deal_parties": ({"deal_id": str, "company_id": str, "role": str}, ("deal_id", "company_id")),
    "deal_evidence": (
        {"id": str, "deal_id": str, "article_id": str, "type": str, "status": str, "date": str,
         "sentence": str, "start": int, "end": int},
        "id",
    ),
    "fleet_figures": (
        {"id": str, "company_id": str, "count": int, "unit": str, "qualifier": str,
         "approximate": int, "context": str, "scope": str, "as_of": str, "article_id": str,
         "sentence": str, "start": int, "end": int, "share": float},
        "id",
    ),
    "people": (
        {"id": str, "name": str, "role": str, "company_id": str, "article_id": str,
         "sentence": str, "start": int, "end": int},
        "id",
    ),
    "editions": (
        {"id": int, "company_id": str, "edition": str, "data_hash": str, "data_json": str,
         "generated_at": str, "path": str},
        "id",
    ),
    "leads": (
        {"id": int, "kind": str, "email": str, "name": str, "company": str, "profile": str,
         "consent": int, "ip": str, "created_at": str},
        "id",
    ),
    "users": ({"username": str, "password_hash": str, "created_at": str}, "username"),
    "runs": (
        {"id": int, "kind": str, "started_at": str, "ended_at": str, "status": str,
         "counts": str, "errors": str},
        "id",
    ),
}

INDEXES: dict[str, list[list[str]]] = {
    "articles": [["canonical_url"], ["content_hash"], ["analyzed_with"], ["source"]],
    "mentions": [["company_id"], ["article_id"]],
    "deal_parties": [["company_id"]],
    "deal_evidence": [["deal_id"], ["article_id"]],
    "fleet_figures": [["company_id"], ["article_id"]],
    "people": [["company_id"], ["article_id"]],
    "editions": [["company_id", "edition"]],
    "company_aliases": [["company_id"]],
    "leads": [["email"]],
}

# How far along a deal is; a later report never moves a deal backwards on its own.
STATUS_RANK = {"rumoured": 0, "in_talks": 1, "announced": 2, "completed": 3}


def now() -> str:
    """The current UTC time as an ISO 8601 string (seconds)."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def stable_id(*parts: object) -> str:
    """A short deterministic id from the parts (the same input always gives the same id)."""
    digest = hashlib.sha1("\x1f".join(map(str, parts)).encode(), usedforsecurity=False)
    return digest.hexdigest()[:16]


_LEGAL_SUFFIX = re.compile(
    r"[\s,]+(inc|incorporated|corp|corporation|co|company|ltd|limited|llc|plc|ag|se|sa|nv|"
    r"bv|gmbh|spa|s\.p\.a|ab|asa|oyj|kk|holdings?|group)\.?$",
    re.IGNORECASE,
)


def slugify(name: str) -> str:
    """A company id from its name: ascii, lower case, hyphens ("VW AG" -> "vw-ag")."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return slug or stable_id(name)


def open_db(path: str | Path | None = None, *, memory: bool = False) -> Database:
    """Open (creating and migrating as needed) the store at path, in WAL mode."""
    if memory:
        db = Database(memory=True)
    else:
        assert path is not None, "a store path is needed unless memory=True"
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        db = Database(path)
    # The timeout first: switching to WAL needs a lock that a running crawl may hold.
    db.execute("PRAGMA busy_timeout = 30000")
    if not memory:
        db.enable_wal()
    db.execute("PRAGMA foreign_keys = OFF")
    # sqlite-utils would otherwise probe upsert support by creating and dropping a scratch
    # table in the store on first use: a write (waiting on any running writer) from every
    # reader that opens it. Every SQLite that Python 3.11 ships has upserts (3.24+).
    db._supports_on_conflict = sqlite3.sqlite_version_info >= (3, 24, 0)
    ensure_schema(db)
    return db


def ensure_schema(db: Database) -> None:
    """Create missing tables, columns, indexes and the article full-text index."""
    with db.conn:
        for name, (columns, pk) in SCHEMA.items():
            table = db[name]
            if not table.exists():
                table.create(columns, pk=pk, not_null=_pk_columns(pk))
                continue
            existing = set(table.columns_dict)
            for column, column_type in columns.items():
                if column not in existing:
                    table.add_column(column, column_type)
        for name, indexes in INDEXES.items():
            for columns in indexes:
                db[name].create_index(columns, if_not_exists=True)
    if not db["articles"].detect_fts():
        db["articles"].enable_fts(["title", "text"], create_triggers=True)


def _pk_columns(pk: str | tuple[str, ...]) -> set[str]:
    return {pk} if isinstance(pk, str) else set(pk)


# --- sources -------------------------------------------------------------------------------


def upsert_sources(db: Database, sources: Iterable[Mapping[str, Any]]) -> None:
    """Record configured sources (name, kind, url, enabled, language); keeps crawl health."""
    rows = [
        {"name": s["name"], "kind": s["kind"], "url": s["url"],
         "enabled": int(bool(s.get("enabled", True))), "language": s.get("language")}
        for s in sources
    ]
    with db.conn:
        db["sources"].upsert_all(rows, pk="name")


def record_source_crawl(db: Database, name: str, *, found: int, errors: int,
                        last_error: str | None = None) -> None:
    """Store the outcome of one crawl of a source."""
    with db.conn:
        db["sources"].upsert(
            {"name": name, "last_crawl_at": now(), "articles_found": found, "errors": errors,
             "last_error": last_error},
            pk="name",
        )


def record_source_warnings(db: Database, name: str, warnings: list[str]) -> None:
    """Store the warnings of a source's last crawl (none clears them)."""
    with db.conn:
        db["sources"].upsert({"name": name, "warnings": "; ".join(warnings) or None}, pk="name")


# --- articles ------------------------------------------------------------------------------


def article_id(canonical_url: str) -> str:
    """An article's id: a hash of its canonical URL."""
    return stable_id(canonical_url)


def content_hash(text: str) -> str:
    """A hash of the article text with white space folded (same words, same hash)."""
    folded = " ".join(text.split())
    return hashlib.sha256(folded.encode()).hexdigest()


def save_article(db: Database, article: Mapping[str, Any]) -> str:
    """Insert or update one article; returns "new", "updated" or "unchanged".

    The article needs at least url and text; canonical_url defaults to url. A changed text
    is recorded in article_changes and clears analyzed_with so the article is analysed again.
    """
    text = article.get("text") or ""
    if not text.strip():
        raise ValueError(f"article {article.get('url')!r} has no text")
    canonical = article.get("canonical_url") or article["url"]
    row = {key: article.get(key) for key in SCHEMA["articles"][0] if key in article}
    row.update(
        id=article_id(canonical), canonical_url=canonical, content_hash=content_hash(text),
        fetched_at=article.get("fetched_at") or now(),
    )
    row.pop("analyzed_with", None)
    with db.conn:
        existing = _get(db, "articles", row["id"])
        if existing is None:
            db["articles"].insert(row)
            return "new"
        if existing["content_hash"] == row["content_hash"]:
            db["articles"].update(row["id"], {"fetched_at": row["fetched_at"]})
            return "unchanged"
        changed_at = now()
        db["article_changes"].insert(
            {"id": stable_id(row["id"], existing["content_hash"], row["content_hash"]),
             "article_id": row["id"], "changed_at": changed_at,
             "old_hash": existing["content_hash"], "new_hash": row["content_hash"]},
            replace=True,
        )
        db["articles"].update(row["id"], {**row, "changed_at": changed_at,
                                          "analyzed_with": None})
        return "updated"


def known_article_urls(db: Database) -> set[str]:
    """Every stored url and canonical url (the crawlers skip these)."""
    urls: set[str] = set()
    for row in db.execute("select url, canonical_url from articles").fetchall():
        urls.update(u for u in row if u)
    return urls


def article_fetch_times(db: Database) -> dict[str, str]:
    """Every stored url, canonical url and url alias -> when its article was last fetched
    (ISO 8601)."""
    times: dict[str, str] = {}
    for url, fetched_at in db.execute(
            "select u.url, a.fetched_at from url_aliases u "
            "join articles a on a.id = u.article_id").fetchall():
        times[url] = fetched_at or ""
    for url, canonical, fetched_at in db.execute(
            "select url, canonical_url, fetched_at from articles").fetchall():
        for key in (url, canonical):
            if key:
                times[key] = fetched_at or ""
    return times


def record_url_alias(db: Database, url: str, article_id: str) -> None:
    """Remember that url is another page of a stored article (article_fetch_times lists it)."""
    with db.conn:
        db["url_aliases"].upsert({"url": url, "article_id": article_id, "seen_at": now()},
                                 pk="url")


def page_validators(db: Database, source: str) -> dict[str, dict[str, str]]:
    """A source's start URLs -> their last ETag / Last-Modified (for conditional requests)."""
    return {row["url"]: {"etag": row["etag"] or "", "last_modified": row["last_modified"] or ""}
            for row in db["source_pages"].rows_where("source = ?", [source])}


def record_page_validators(db: Database, source: str,
                           validators: Mapping[str, Mapping[str, str]]) -> None:
    """Remember the ETag / Last-Modified each start URL of a source answered with."""
    rows = [{"url": url, "source": source, "etag": v.get("etag") or None,
             "last_modified": v.get("last_modified") or None, "checked_at": now()}
            for url, v in validators.items()]
    with db.conn:
        db["source_pages"].upsert_all(rows, pk="url")


# Sitemap indexes: the lastmod each child sitemap had when a crawl last read it in full, so
# an unchanged child is not fetched again. Self-contained (creates its own table).


def sitemap_lastmods(db: Database, source: str) -> dict[str, str]:
    """A sitemap source's child sitemap URLs -> the lastmod they were last read in full at."""
    if not db["sitemap_lastmods"].exists():
        return {}
    return {row["url"]: row["lastmod"]
            for row in db["sitemap_lastmods"].rows_where("source = ?", [source])}


def record_sitemap_lastmods(db: Database, source: str, lastmods: Mapping[str, str]) -> None:
    """Remember the lastmod of each child sitemap a crawl of source read in full."""
    rows = [{"url": url, "source": source, "lastmod": lastmod, "checked_at": now()}
            for url, lastmod in lastmods.items()]
    if rows:
        with db.conn:
            db["sitemap_lastmods"].upsert_all(rows, pk=("source", "url"))


def articles_to_analyze(db: Database, version: str, page: int = 200) -> Iterator[dict[str, Any]]:
    """Articles not yet analysed with this pipeline version (duplicates are skipped).

    Rows are read a page at a time and no cursor stays open while the caller writes.
    """
    last_id = ""
    while True:
        rows = list(db.query(
            "select id, title, text, published from articles "
            "where (analyzed_with is null or analyzed_with != ?) and duplicate_of is null "
            "and id > ? order by id limit ?",
            [version, last_id, page],
        ))
        if not rows:
            return
        yield from rows
        last_id = rows[-1]["id"]


# --- facts ---------------------------------------------------------------------------------

FACT_TABLES = ("mentions", "fleet_figures", "people", "deal_evidence")


def save_analysis(db: Database, article: Mapping[str, Any], analysis: Mapping[str, Any],
                  version: str) -> dict[str, int]:
    """Replace one article's facts with those of analysis (the JSON of nlp's Analysis).

    Runs in one transaction: a killed run leaves either the old facts or the new ones.
    Returns counts of what was written.
    """
    art_id = article["id"]
    date = (article.get("published") or "")[:10] or None
    with db.conn:
        touched_deals = {r["deal_id"] for r in db["deal_evidence"].rows_where(
            "article_id = ?", [art_id], select="deal_id")}
        for table in FACT_TABLES:
            db[table].delete_where("article_id = ?", [art_id])
        names = _save_companies(db, analysis.get("companies", []))
        mentions = [
            {"id": stable_id(art_id, "m", span["start"]), "article_id": art_id,
             "company_id": names[company["name"]], "surface": span.get("text"),
             "sentence": span.get("sentence"), "start": span["start"], "end": span["end"]}
            for company in analysis.get("companies", [])
            for span in company.get("spans", [])
        ]
        db["mentions"].insert_all(mentions, replace=True)
        fleet = [
            {"id": stable_id(art_id, "f", f.get("start"), f["count"]),
             "company_id": _company_ref(db, names, f.get("company")), "count": f["count"],
             "unit": f.get("unit"), "qualifier": f.get("qualifier"),
             "approximate": int(bool(f.get("approximate"))), "context": f.get("context"),
             "scope": f.get("scope", "total"), "share": f.get("share"),
             "as_of": f.get("as_of") or date,
             "article_id": art_id, "sentence": f.get("evidence"), "start": f.get("start"),
             "end": f.get("end")}
            for f in analysis.get("fleet_figures", [])
        ]
        db["fleet_figures"].insert_all(fleet, replace=True)
        people = [
            {"id": stable_id(art_id, "p", p["name"], p.get("role"), p.get("company")),
             "name": p["name"], "role": p.get("role"),
             "company_id": _company_ref(db, names, p.get("company")), "article_id": art_id,
             "sentence": p.get("evidence"), "start": p.get("start"), "end": p.get("end")}
            for p in analysis.get("people", [])
        ]
        db["people"].insert_all(people, replace=True)
        for deal in analysis.get("deals", []):
            touched_deals.add(_save_deal(db, names, art_id, date, deal))
        for deal_id in touched_deals:
            _refresh_deal(db, deal_id)
        db["articles"].update(art_id, {"analyzed_with": version})
    return {"mentions": len(mentions), "fleet_figures": len(fleet), "people": len(people),
            "deals": len(analysis.get("deals", []))}


def _save_companies(db: Database, companies: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """Upsert the analysis' companies; returns name -> company id, for canonical names and
    (where no canonical name is the same) aliases: a fact may name its company by a former
    name ("ALD Automotive" for Ayvens)."""
    ids: dict[str, str] = {}
    alias_ids: dict[str, str] = {}
    for company in companies:
        company_id = company.get("id") or slugify(company["name"])
        other = None if _get(db, "companies", company_id) else _other_form_of(db, company)
        if other:
            company_id = other[0]
        ids[company["name"]] = company_id
        # Merged forms keep the longer name ("Voltera Charging").
        row = {"id": company_id} if other and not other[1] else \
            {"id": company_id, "name": company["name"]}
        for key in ("kind", "country"):
            if company.get(key):
                row[key] = company[key]
        if company.get("parent"):
            parent_id = slugify(company["parent"])
            db["companies"].insert({"id": parent_id, "name": company["parent"]}, ignore=True)
            row["parent_id"] = parent_id
        db["companies"].upsert(row, pk="id")
        aliases = {company["name"], *company.get("aliases", [])}
        db["company_aliases"].insert_all(
            [{"alias": alias, "company_id": company_id} for alias in aliases], ignore=True
        )
        for alias in aliases:
            alias_ids.setdefault(alias, company_id)
    return {**alias_ids, **ids}


# Words that follow a company's own name in its long form ("Voltera Charging").
COMPANY_TAILS = {"charging", "mobility", "motors", "motor", "leasing", "lease", "rentals",
                 "rental", "logistics", "energy", "technologies", "technology", "group",
                 "holdings", "fleet", "fleets", "transport", "transit", "automotive", "auto",
                 "cars", "vehicles", "systems", "solutions", "services", "software", "labs"}


def _other_form_of(db: Database, company: Mapping[str, Any]) -> tuple[str, bool] | None:
    """The one stored unknown company whose name is this unknown name with or without a
    company word ("Voltera" in one story, "Voltera Charging" in another): its id, and
    whether this name is the longer one. Known companies (with a kind, from the gazetteer)
    are never merged this way: "Ford" is not "Ford Credit"."""
    name = company["name"]
    if company.get("kind") or company.get("id") or len(name) < 3:
        return None
    words = name.split()
    shorter = " ".join(words[:-1]) if len(words) > 1 and words[-1].lower() in COMPANY_TAILS \
        else None
    escaped = name.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    matches = [
        (row["id"], False) for row in db.query(
            "select id, name from companies where kind is null and name like ? escape '\\'",
            [escaped + " %"])
        if row["name"][len(name) + 1:].lower() in COMPANY_TAILS
    ]
    if shorter:
        matches += [(row["id"], True) for row in db.query(
            "select id from companies where kind is null and name = ?", [shorter])]
    return matches[0] if len(matches) == 1 else None


def _company_ref(db: Database, ids: dict[str, str], name: str | None) -> str | None:
    """The id of a company named by a fact (adding the company if the analysis did not)."""
    if not name:
        return None
    if name not in ids:
        ids.update(_save_companies(db, [{"name": name}]))
    return ids[name]


def deal_key(deal_type: str, party_ids: Iterable[str]) -> str:
    """One deal per type and set of parties, whichever article reports it."""
    return stable_id(deal_type, *sorted(set(party_ids)))


def _save_deal(db: Database, ids: dict[str, str], art_id: str, date: str | None,
               deal: Mapping[str, Any]) -> str:
    names = [name for name in deal.get("parties", []) if name]
    party_ids = [_company_ref(db, ids, name) or "" for name in names]
    deal_type = deal["type"]
    deal_id = deal_key(deal_type, party_ids)
    # Talks are the early life of a deal: "in talks" and a later "completed the acquisition"
    # between the same parties become one deal with one status history.
    same_parties = _deals_between(db, party_ids)
    if deal_type == "talks" and same_parties and deal_id not in same_parties:
        deal_id = next(iter(sorted(same_parties)))
    elif deal_type != "talks":
        for other_id, other_type in same_parties.items():
            if other_type == "talks" and other_id != deal_id:
                db.execute("update deal_evidence set deal_id = ? where deal_id = ?",
                           [deal_id, other_id])
                db["deal_parties"].delete_where("deal_id = ?", [other_id])
                db["deals"].delete_where("id = ?", [other_id])
    db["deals"].insert({"id": deal_id, "type": deal_type, "first_seen": now()}, ignore=True)
    roles = deal.get("roles") or {}  # party name -> role
    for name, party in zip(names, party_ids, strict=True):
        db["deal_parties"].insert(
            {"deal_id": deal_id, "company_id": party,
             "role": roles.get(name) or _default_role(deal_type, party_ids, party)},
            ignore=True,
        )
    value = deal.get("value") or {}
    quantity = deal.get("quantity") or {}
    db["deal_evidence"].insert(
        {"id": stable_id(art_id, "d", deal.get("start"), deal_id), "deal_id": deal_id,
         "article_id": art_id, "type": deal_type, "status": deal.get("status"),
         "date": deal.get("date") or date, "sentence": deal.get("evidence"),
         "start": deal.get("start"), "end": deal.get("end")},
        replace=True,
    )
    updates = {k: v for k, v in {
        "value": value.get("amount"), "currency": value.get("currency"),
        "quantity": quantity.get("count"), "quantity_unit": quantity.get("unit"),
    }.items() if v is not None}
    if updates:
        db["deals"].update(deal_id, updates)
    return deal_id


def _deals_between(db: Database, party_ids: list[str]) -> dict[str, str]:
    """Known deals whose parties are exactly party_ids: id -> type."""
    wanted = sorted(set(party_ids))
    rows = db.execute(
        "select d.id, d.type, group_concat(p.company_id, char(31)) from deals d "
        "join deal_parties p on p.deal_id = d.id group by d.id"
    ).fetchall()
    return {deal_id: deal_type for deal_id, deal_type, members in rows
            if sorted(members.split("\x1f")) == wanted}


def _default_role(deal_type: str, party_ids: list[str], party: str) -> str:
    if deal_type == "acquisition" and party_ids:
        return "acquirer" if party == party_ids[0] else "target"
    if deal_type == "supply" and party_ids:
        return "supplier" if party == party_ids[0] else "customer"
    return "partner"


def _refresh_deal(db: Database, deal_id: str) -> None:
    """Recompute a deal's status and dates from its evidence; drop it if none is left."""
    evidence = list(db["deal_evidence"].rows_where("deal_id = ?", [deal_id],
                                                   order_by="date, status"))
    if not evidence:
        db["deal_parties"].delete_where("deal_id = ?", [deal_id])
        db["deals"].delete_where("id = ?", [deal_id])
        return
    latest_date = max((e["date"] or "") for e in evidence)
    latest = [e for e in evidence if (e["date"] or "") == latest_date]
    status = max((e["status"] or "announced" for e in latest), key=lambda s: STATUS_RANK.get(s, 2))
    types = [e["type"] for e in evidence if e["type"] != "talks"]
    dates = [e["date"] for e in evidence if e["date"]]
    db["deals"].update(deal_id, {
        "status": status, "type": types[-1] if types else "talks",
        "date": min(dates) if dates else None, "last_seen": now(),
    })


def _get(db: Database, table: str, pk: str) -> dict[str, Any] | None:
    rows = list(db[table].rows_where(f"{db[table].pks[0]} = ?", [pk], limit=1))
    return rows[0] if rows else None


# --- queries used by reports, the site and the CLI ------------------------------------------


def find_company(db: Database, name_or_id: str) -> dict[str, Any] | None:
    """A company by id, canonical name or alias (case-insensitive), else None."""
    row = _get(db, "companies", name_or_id) or _get(db, "companies", slugify(name_or_id))
    if row:
        return row
    for match in db.query(
        "select c.* from companies c join company_aliases a on a.company_id = c.id "
        "where lower(a.alias) = lower(?) or lower(c.name) = lower(?) limit 1",
        [name_or_id, name_or_id],
    ):
        return match
    return None


def companies_by_mentions(db: Database, minimum: int = 1) -> list[dict[str, Any]]:
    """Companies with at least `minimum` mentions, most mentioned first."""
    return list(db.query(
        "select c.*, count(m.id) as mentions, count(distinct m.article_id) as articles "
        "from companies c join mentions m on m.company_id = c.id "
        "group by c.id having count(m.id) >= ? order by mentions desc, c.name",
        [minimum],
    ))


def latest_edition(db: Database, company_id: str, edition: str) -> dict[str, Any] | None:
    """The newest stored edition of a company's profile, else None."""
    rows = list(db["editions"].rows_where(
        "company_id = ? and edition = ?", [company_id, edition], order_by="id desc", limit=1))
    return rows[0] if rows else None


def record_edition(db: Database, company_id: str, edition: str, data: Mapping[str, Any],
                   data_hash: str, path: str) -> None:
    """Remember a rendered edition; earlier ones stay for "what changed"."""
    with db.conn:
        db["editions"].insert({
            "company_id": company_id, "edition": edition, "data_hash": data_hash,
            "data_json": json.dumps(data, sort_keys=True, default=str),
            "generated_at": now(), "path": path,
        })
