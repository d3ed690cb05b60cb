"""How many independent sources report each fact, kept on the fact's rows.

An independent source is a publisher (articles.source): several stories of one site count
once, and syndicated copies (articles with duplicate_of) are never analysed, so a copy adds
nothing. A fleet figure is the same fact in another article when the company, count, unit,
context and scope agree; a person when the company, name and role agree. Deals count theirs
when they are grouped (store.deals.regroup_deals).
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlite_utils import Database

# fact table -> the columns that make two rows one fact.
SAME_FACT = {
    "fleet_figures": ("company_id", "count", "unit", "context", "scope"),
    "people": ("company_id", "name", "role"),
}


def refresh_sources(db: Database, company_ids: Iterable[str | None]) -> None:
    """Recount the independent sources of the fleet figures and people of these companies."""
    wanted = sorted({c for c in company_ids if c})
    if not wanted:
        return
    marks = ", ".join("?" for _ in wanted)
    for table, columns in SAME_FACT.items():
        same = " and ".join(f"o.{c} is f.{c}" for c in columns)
        db.execute(
            f"update {table} as f set sources = (select count(distinct "  # noqa: S608
            f"coalesce(a.source, o.article_id)) from {table} o left join articles a "
            f"on a.id = o.article_id where {same}) where f.company_id in ({marks})", wanted)
