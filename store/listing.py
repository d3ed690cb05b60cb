"""A company's facts as the `rivalscope company` listing shows them: each with its article URL."""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database


def deals_with_parties(db: Database, company_id: str) -> list[dict[str, Any]]:
    """The company's deals, each with its parties as one text ("A (acquirer) + B (target)")."""
    return list(db.query(
        "select d.*, group_concat(c.name || ' (' || p.role || ')', ' + ') as parties "
        "from deals d join deal_parties p on p.deal_id = d.id "
        "join companies c on c.id = p.company_id where d.id in "
        "(select deal_id from deal_parties where company_id = ?) group by d.id", [company_id]))


def deal_sentences(db: Database, deal_id: str) -> list[dict[str, Any]]:
    """A deal's evidence: status, sentence and article URL, oldest first."""
    return list(db.query(
        "select e.status, e.date, e.confidence, e.sentence, a.source, a.url "
        "from deal_evidence e "
        "join articles a on a.id = e.article_id where e.deal_id = ? order by e.date",
        [deal_id]))


def fleet_with_urls(db: Database, company_id: str) -> list[dict[str, Any]]:
    """The company's fleet figures with their article URLs, oldest first."""
    return list(db.query(
        "select f.*, a.url from fleet_figures f join articles a on a.id = f.article_id "
        "where f.company_id = ? order by f.as_of", [company_id]))


def people_with_urls(db: Database, company_id: str) -> list[dict[str, Any]]:
    """The company's people with their article URLs."""
    return list(db.query(
        "select p.*, a.url from people p join articles a on a.id = p.article_id "
        "where p.company_id = ?", [company_id]))
