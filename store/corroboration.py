"""How many independent sources report each fact, kept on the fact's rows.

An independent source is a publisher (articles.source): several stories of one site count
once, and syndicated copies (articles with duplicate_of) are never analysed, so a copy adds
nothing. A fleet figure is the same fact in another article when the company, count, unit,
context and scope agree; a person when the company, name and role agree. Deals count theirs
when they are grouped (store.deals.regroup_deals).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlite_utils import Database

# fact table -> the columns that make two rows one fact (constants: interpolated below).
SAME_FACT = {
    "fleet_figures": ("company_id", "count", "unit", "context", "scope"),
    "people": ("company_id", "name", "role"),
}

Facts = dict[str, set[tuple[Any, ...]]]


def facts_of(db: Database, article_id: str) -> Facts:
    """The facts (table -> keys) one article reports: what its re-analysis may recount."""
    return {table: {tuple(row) for row in db.execute(
        f"select {', '.join(columns)} from {table} where article_id = ?",  # noqa: S608
        [article_id]).fetchall()} for table, columns in SAME_FACT.items()}


def refresh_sources(db: Database, facts: Iterable[Facts]) -> None:
    """Recount the independent sources of these facts on every row that reports them."""
    for table, columns in SAME_FACT.items():
        keys = set().union(*(f.get(table, set()) for f in facts))
        same = " and ".join(f"o.{c} is ?" for c in columns)
        mine = " and ".join(f"{c} is ?" for c in columns)
        for key in keys:
            db.execute(
                f"update {table} set sources = (select count(distinct "  # noqa: S608
                f"coalesce(a.source, o.article_id)) from {table} o left join articles a "
                f"on a.id = o.article_id where {same}) where {mine}", [*key, *key])
