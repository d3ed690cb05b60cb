"""The store's tables and indexes, and the migration that brings any store up to them.

Columns are only ever added, never dropped or retyped, so opening an older store adds what
is missing: that is the whole migration.
"""

from __future__ import annotations

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
            "changed_at": str, "analyzed_with": str, "language_how": str, "skipped": str,
            # The page's charset and how it was decided (the crawlers overrule a header the
            # bytes contradict): "header", "meta", "bytes: UTF-8, the header said cp1252".
            "charset": str, "charset_how": str,
            # nlp's score that the article is automotive, fleet or mobility news (0-1), set
            # when it is analysed (NULL: analysed before the score existed).
            "relevance": float,
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
        {"id": str, "name": str, "kind": str, "country": str, "parent_id": str,
         "short_form": str},
        "id",
    ),
    "company_aliases": ({"alias": str, "company_id": str}, ("alias", "company_id")),
    "mentions": (
        {"id": str, "article_id": str, "company_id": str, "surface": str, "sentence": str,
         "start": int, "end": int, "confidence": float},
        "id",
    ),
    "deals": (
        {"id": str, "type": str, "status": str, "date": str, "value": float, "currency": str,
         "quantity": int, "quantity_unit": str, "first_seen": str, "last_seen": str,
         "confidence": float, "sources": int},
        "id",
    ),
    "deal_types": (
        {"type": str, "label": str, "plural": str, "roles": str, "counterpart": str,
         "precedence": int},
        "type",
    ),
    "deal_parties": ({"deal_id": str, "company_id": str, "role": str}, ("deal_id", "company_id")),
    "deal_evidence": (
        {"id": str, "deal_id": str, "article_id": str, "type": str, "status": str, "date": str,
         "sentence": str, "start": int, "end": int, "parties": str, "roles": str,
         "value": float, "currency": str, "quantity": int, "quantity_unit": str,
         "confidence": float},
        "id",
    ),
    "fleet_figures": (
        {"id": str, "company_id": str, "count": int, "unit": str, "qualifier": str,
         "approximate": int, "context": str, "scope": str, "as_of": str, "article_id": str,
         "sentence": str, "start": int, "end": int, "share": float, "confidence": float,
         "sources": int},
        "id",
    ),
    "people": (
        {"id": str, "name": str, "role": str, "company_id": str, "article_id": str,
         "sentence": str, "start": int, "end": int, "confidence": float, "sources": int},
        "id",
    ),
    "editions": (
        {"id": int, "company_id": str, "edition": str, "data_hash": str, "data_json": str,
         "generated_at": str, "path": str},
        "id",
    ),
    # emailed_at: when the sample link went to the lead's address (NULL: shown on the page).
    "leads": (
        {"id": int, "kind": str, "email": str, "name": str, "company": str, "profile": str,
         "consent": int, "ip": str, "created_at": str, "emailed_at": str},
        "id",
    ),
    # session_version: signed-in sessions carry it; raising it (sign-out, new password) ends
    # every session of that analyst.
    "users": ({"username": str, "password_hash": str, "created_at": str,
               "session_version": int}, "username"),
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
    "deal_evidence": [["deal_id"], ["article_id"], ["parties"]],
    "fleet_figures": [["company_id"], ["article_id"]],
    "people": [["company_id"], ["article_id"]],
    "editions": [["company_id", "edition"]],
    "company_aliases": [["company_id"]],
    "leads": [["email"], ["created_at"], ["profile"]],
}


# Columns that older stores lack and that can be filled from what they hold: (table, column)
# -> the statement that fills them, run once when the column is added.
BACKFILLS: dict[tuple[str, str], str] = {
    # A deal's reports are grouped by their parties (store.deals.regroup_deals).
    ("deal_evidence", "parties"):
        "update deal_evidence set parties = (select group_concat(company_id, char(31)) from "
        "(select company_id from deal_parties p where p.deal_id = deal_evidence.deal_id "
        "order by company_id))",
    ("deal_evidence", "roles"):
        "update deal_evidence set roles = (select json_group_object(company_id, role) "
        "from deal_parties p where p.deal_id = deal_evidence.deal_id)",
}


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
                    if (name, column) in BACKFILLS:
                        db.execute(BACKFILLS[name, column])
        for name, indexes in INDEXES.items():
            for columns in indexes:
                db[name].create_index(columns, if_not_exists=True)
    if not db["articles"].detect_fts():
        db["articles"].enable_fts(["title", "text"], create_triggers=True)


def _pk_columns(pk: str | tuple[str, ...]) -> set[str]:
    return {pk} if isinstance(pk, str) else set(pk)
