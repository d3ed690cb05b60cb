"""Contradictions: reports of one fact that disagree. Both are kept; these queries find them.

Two fleet figures contradict when they are for the same company, context, scope, unit and
date and differ by more than FLEET_ROUNDING (5%: "about 5,000" and "5,120" agree). A deal
contradicts itself when one source reports it completed and another called off.
"""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

FLEET_ROUNDING = 0.05
# Statuses that undo a deal; nlp 0.17 does not report them yet, the store keeps them apart.
CALLED_OFF = ("called_off", "cancelled")

_ARTICLE = "coalesce(a.source, a.id)"


def fleet_contradictions(db: Database, company_id: str) -> list[tuple[dict[str, Any],
                                                                     dict[str, Any]]]:
    """Pairs of the company's fleet figures that disagree (each pair once, smaller first)."""
    rows = list(db.query(
        "select f.*, a.title, a.source, a.published, coalesce(a.canonical_url, a.url) as url "
        "from fleet_figures f join articles a on a.id = f.article_id "
        "where f.company_id = ? and f.as_of is not null order by f.count, f.id", [company_id]))
    same_fact: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
    for row in rows:
        key = (row["context"], row["scope"], row["unit"], row["as_of"][:10])
        same_fact.setdefault(key, []).append(row)
    pairs = []
    for reports in same_fact.values():
        for i, first in enumerate(reports):
            pairs += [(first, second) for second in reports[i + 1:]
                      if first["article_id"] != second["article_id"]
                      and second["count"] > first["count"] * (1 + FLEET_ROUNDING)]
    return pairs


def deal_contradictions(db: Database, deal_id: str) -> tuple[dict[str, Any],
                                                             dict[str, Any]] | None:
    """A report of the deal as completed and one from another source as called off."""
    return _completed_and_off(_ended_reports(db, "e.deal_id = ?", deal_id))


def contradicted_deals(db: Database, company_id: str) -> dict[str, tuple[dict[str, Any],
                                                                          dict[str, Any]]]:
    """The company's deals that one source reports completed and another called off:
    deal id -> (the completed report, the called-off one)."""
    rows = _ended_reports(db, "e.deal_id in (select deal_id from deal_parties "
                              "where company_id = ?)", company_id)
    by_deal: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_deal.setdefault(row["deal_id"], []).append(row)
    return {deal_id: pair for deal_id, reports in by_deal.items()
            if (pair := _completed_and_off(reports))}


def _ended_reports(db: Database, where: str, value: str) -> list[dict[str, Any]]:
    """Completed and called-off reports (where: one of the two constant filters above)."""
    marks = ", ".join("?" for _ in CALLED_OFF)
    return list(db.query(
        f"select e.*, a.title, a.source, a.published, {_ARTICLE} as publisher, "  # noqa: S608
        f"coalesce(a.canonical_url, a.url) as url from deal_evidence e join articles a "
        f"on a.id = e.article_id where {where} and (e.status = 'completed' or "
        f"e.status in ({marks})) order by e.date", [value, *CALLED_OFF]))


def _completed_and_off(rows: list[dict[str, Any]]) -> tuple[dict[str, Any],
                                                            dict[str, Any]] | None:
    done = [r for r in rows if r["status"] == "completed"]
    off = [r for r in rows if r["status"] in CALLED_OFF]
    for first in done:
        for second in off:
            if first["publisher"] != second["publisher"]:
                return first, second
    return None
