"""What decides whether a company gets a profile, counted per company (the rule itself is
reports.eligibility's): its best mention confidence, and the independent sources
(publishers, articles.source) of all the articles naming it and of the relevant ones.

Syndicated copies (duplicate_of) are never analysed, so they name no company and add no
source. An article analysed before relevance scores existed (relevance NULL) counts as
relevant, as facts stored before confidences existed count as confirmed.
"""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

_STANDINGS = """
select c.id, c.name, c.kind, count(m.id) as mentions,
       count(distinct m.article_id) as articles,
       max(m.confidence) as confidence,
       count(distinct coalesce(a.source, a.id)) as sources,
       count(distinct case when coalesce(a.relevance, 1.0) >= :relevance
                      then coalesce(a.source, a.id) end) as relevant_sources,
       count(distinct case when coalesce(a.relevance, 1.0) >= :relevance
                      then a.id end) as relevant_articles
from companies c join mentions m on m.company_id = c.id
join articles a on a.id = m.article_id
where (:company_id is null or c.id = :company_id)
group by c.id
order by relevant_sources desc, mentions desc, c.name
"""


def company_standings(db: Database, relevance: float,
                      company_id: str | None = None) -> list[dict[str, Any]]:
    """Every mentioned company (or only company_id) with mentions, articles, its best
    mention confidence (None when no mention has one), its independent sources and those
    of the articles whose relevance is at least `relevance`; most relevant sources first."""
    return list(db.query(_STANDINGS, {"relevance": relevance, "company_id": company_id}))


def relevant_article_count(db: Database, relevance: float) -> int:
    """How many articles have a relevance score of at least `relevance`."""
    return db.execute("select count(*) from articles where relevance >= ?",
                      [relevance]).fetchone()[0]
