"""The store: one SQLite file (WAL mode) created and migrated with sqlite-utils, and every
query of the project. The bottom layer: it imports no other part of Rivalscope.

The names below are the store's interface (`import store; store.save_article(db, ...)`);
the modules hold one kind of row each.
"""

from store.accounts import delete_user, end_sessions, find_user, save_user, users
from store.articles import (
    article_fetch_times,
    articles_per_source,
    articles_to_analyze,
    count_to_analyze,
    has_article,
    known_article_urls,
    recent_originals,
    record_language,
    record_relevance,
    record_url_alias,
    save_article,
    skip_article,
    skipped_per_source,
)
from store.catalogue import company_exists, company_name
from store.companies import (
    companies_by_mentions,
    find_company,
)
from store.connection import (
    StoreUnavailable,
    check_existing_store,
    connect,
    open_db,
    unsafe_fast_writes,
)
from store.deal_types import deal_label, deal_type_registry, save_deal_types
from store.deals import DEAL_MERGE_WINDOW_DAYS, STATUS_RANK, deal_key, group_reports
from store.editions import latest_edition, record_edition
from store.eligibility import company_standings
from store.facts import FACT_TABLES, save_analysis
from store.ids import article_id, content_hash, now, slugify, stable_id
from store.leads import LeadFilter, lead, lead_profiles, leads, mark_emailed, save_lead
from store.profiles import aliases_of
from store.runs import finished_run_counts, list_runs, start_run, update_run
from store.schema import INDEXES, SCHEMA, ensure_schema
from store.sources import (
    page_validators,
    record_page_validators,
    record_sitemap_lastmods,
    record_source_crawl,
    record_source_warnings,
    recorded_sources,
    sitemap_lastmods,
    upsert_sources,
)

__all__ = [
    "DEAL_MERGE_WINDOW_DAYS", "FACT_TABLES", "INDEXES",
    "SCHEMA", "STATUS_RANK",
    "StoreUnavailable",
    "aliases_of", "article_fetch_times", "article_id", "articles_per_source",
    "articles_to_analyze", "check_existing_store", "company_standings",
    "companies_by_mentions", "connect",
    "content_hash", "count_to_analyze", "deal_key", "deal_label", "deal_type_registry",
    "ensure_schema", "find_company",
    "find_user", "finished_run_counts", "group_reports", "has_article", "known_article_urls",
    "latest_edition", "leads", "list_runs", "now", "open_db", "page_validators",
    "recent_originals", "record_edition", "record_page_validators", "record_source_crawl",
    "record_language", "record_relevance", "record_url_alias", "recorded_sources", "skip_article",
    "skipped_per_source", "save_analysis", "save_article", "save_deal_types", "save_lead",
    "save_user", "slugify", "stable_id", "start_run", "unsafe_fast_writes",
    "update_run", "upsert_sources", "record_sitemap_lastmods", "record_source_warnings",
    "sitemap_lastmods",
    "LeadFilter", "company_exists", "company_name", "delete_user", "end_sessions", "lead",
    "lead_profiles", "mark_emailed", "users",
]
