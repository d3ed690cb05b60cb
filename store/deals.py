"""Deals: a type, its parties and a time, whichever articles report it.

Every report of a deal is a row of `deal_evidence` (its type, status, date, article and
confidence); the deals themselves are derived from the reports of one set of parties by the
merge policy below, so the order in which articles are analysed does not matter.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date as Date
from typing import Any

from sqlite_utils import Database

from store.companies import company_ref
from store.deal_types import deal_type_registry, default_role
from store.ids import now, stable_id

# How far along a deal is; a later report never moves a deal backwards on its own.
STATUS_RANK = {"rumoured": 0, "in_talks": 1, "announced": 2, "completed": 3}

# The merge policy, in one place. Two reports between the same parties are the same deal when
# the later one comes at most DEAL_MERGE_WINDOW_DAYS after the deal's last report and
#  - they name the same deal type (copies of one story, or announced -> completed), or
#  - one of them is talks: talks merge into the deal that follows them within the window
#    (talks -> announced -> completed), and talks reported after a deal belong to it.
# A report of the same type outside the window is a new deal ("another order, years later").
# A deal is dated by its first report; every report stays as a dated step of its history.
DEAL_MERGE_WINDOW_DAYS = 365  # 12 months from the deal's last report
TALKS = "talks"


def deal_key(deal_type: str, party_ids: Iterable[str]) -> str:
    """The parties of a deal as one key (sorted ids); the type is kept for old callers."""
    return stable_id(deal_type, *sorted(set(party_ids)))


def parties_key(party_ids: Iterable[str]) -> str:
    """The set of a deal's parties as one text: the reports the merge policy compares."""
    return "\x1f".join(sorted(set(party_ids)))


def save_deal(db: Database, ids: dict[str, str], art_id: str, date: str | None,
              deal: Mapping[str, Any]) -> str:
    """Store one report of a deal (as evidence); returns its parties key for regroup_deals."""
    names = [name for name in deal.get("parties", []) if name]
    party_ids = [company_ref(db, ids, name) or "" for name in names]
    deal_type = deal["type"]
    given = deal.get("roles") or {}  # party name -> role
    registry = deal_type_registry(db) if len(given) < len(names) else {}
    roles = {party: given.get(name) or default_role(registry, deal_type, party_ids, party)
             for name, party in zip(names, party_ids, strict=True)}
    value = deal.get("value") or {}
    quantity = deal.get("quantity") or {}
    key = parties_key(party_ids)
    db["deal_evidence"].insert(
        {"id": stable_id(art_id, "d", deal.get("start"), deal_type, key),
         "deal_id": stable_id("pending", key), "parties": key,
         "roles": json.dumps(roles, sort_keys=True), "article_id": art_id, "type": deal_type,
         "status": deal.get("status"), "date": deal.get("date") or date,
         "sentence": deal.get("evidence"), "start": deal.get("start"), "end": deal.get("end"),
         "value": value.get("amount"), "currency": value.get("currency"),
         "quantity": quantity.get("count"), "quantity_unit": quantity.get("unit"),
         "confidence": deal.get("confidence")},
        replace=True,
    )
    return key


@dataclass
class _Deal:
    """A deal being assembled from its reports, oldest first."""

    reports: list[dict[str, Any]] = field(default_factory=list)

    @property
    def type(self) -> str:
        types = [r["type"] for r in self.reports if r["type"] != TALKS]
        return types[-1] if types else TALKS

    @property
    def last_date(self) -> str | None:
        dates = [r["date"] for r in self.reports if r["date"]]
        return max(dates) if dates else None

    def takes(self, report: Mapping[str, Any]) -> bool:
        """The merge policy: whether report is a later step or another copy of this deal."""
        if not _types_merge(self.type, report["type"]):
            return False
        return _within_window(self.last_date, report["date"])


def _types_merge(deal_type: str, report_type: str) -> bool:
    return deal_type == report_type or TALKS in (deal_type, report_type)


def _within_window(last: str | None, when: str | None) -> bool:
    if not last or not when:
        return True  # an undated report joins the deal it can belong to
    try:
        gap = Date.fromisoformat(when[:10]) - Date.fromisoformat(last[:10])
    except ValueError:
        return True
    return gap.days <= DEAL_MERGE_WINDOW_DAYS


def group_reports(reports: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Reports of one set of parties -> deals (each a list of its reports, oldest first)."""
    ordered = sorted(reports, key=lambda r: (r["date"] is None, r["date"] or "", r["id"]))
    deals: list[_Deal] = []
    for report in ordered:
        # The most recent deal that can take the report: a copy of an old story joins
        # the old deal only when no later deal of that type came in between.
        home = next((d for d in reversed(deals) if d.takes(report)), None)
        if home is None:
            home = _Deal()
            deals.append(home)
        home.reports.append(report)
    return [d.reports for d in deals]


def regroup_deals(db: Database, key: str) -> None:
    """Rebuild the deals of one set of parties from their reports (by the merge policy)."""
    reports = list(db.query(
        "select e.*, coalesce(a.source, e.article_id) as publisher from deal_evidence e "
        "left join articles a on a.id = e.article_id where e.parties = ?", [key]))
    old_ids = {r["deal_id"] for r in reports}
    first_seen = {r["id"]: r["first_seen"] for r in db["deals"].rows_where(
        f"id in ({', '.join('?' for _ in old_ids)})", list(old_ids))} if old_ids else {}
    for old_id in old_ids:
        db["deal_parties"].delete_where("deal_id = ?", [old_id])
        db["deals"].delete_where("id = ?", [old_id])
    for group in group_reports(reports):
        first = group[0]
        deal_id = stable_id(key, first["id"])
        db["deals"].insert(_deal_row(deal_id, group, first_seen.get(deal_id) or now()),
                           replace=True)
        roles: dict[str, str] = {}
        for report in group:
            roles.update(json.loads(report["roles"] or "{}"))
        db["deal_parties"].insert_all(
            [{"deal_id": deal_id, "company_id": party, "role": role}
             for party, role in roles.items()], ignore=True)
        db.execute(f"update deal_evidence set deal_id = ? where id in "  # noqa: S608
                   f"({', '.join('?' for _ in group)})", [deal_id, *(r["id"] for r in group)])


def drop_unreported(db: Database, deal_ids: Iterable[str]) -> None:
    """Remove the deals among deal_ids that no report is left for."""
    for deal_id in deal_ids:
        if db.execute("select 1 from deal_evidence where deal_id = ? limit 1",
                      [deal_id]).fetchone() is None:
            db["deal_parties"].delete_where("deal_id = ?", [deal_id])
            db["deals"].delete_where("id = ?", [deal_id])


def _deal_row(deal_id: str, group: list[dict[str, Any]], first_seen: str) -> dict[str, Any]:
    """A deal from its reports: dated by the first, its status from the latest."""
    dates = [r["date"] for r in group if r["date"]]
    latest_date = max(dates) if dates else None
    latest = [r for r in group if r["date"] == latest_date] or group
    status = max((r["status"] or "announced" for r in latest),
                 key=lambda s: STATUS_RANK.get(s, 2))
    types = [r["type"] for r in group if r["type"] != TALKS]
    row = {"id": deal_id, "type": types[-1] if types else TALKS, "status": status,
           "date": min(dates) if dates else None, "first_seen": first_seen,
           "last_seen": now(), "sources": len({r["publisher"] for r in group}),
           "confidence": max((r["confidence"] for r in group if r["confidence"] is not None),
                             default=None)}
    for column in ("value", "currency", "quantity", "quantity_unit"):
        known = [r[column] for r in group if r[column] is not None]
        row[column] = known[-1] if known else None
    return row
