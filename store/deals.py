"""Deals: one per type, parties and time, whichever articles report it; status from evidence."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlite_utils import Database

from store.companies import company_ref
from store.ids import now, stable_id

# How far along a deal is; a later report never moves a deal backwards on its own.
STATUS_RANK = {"rumoured": 0, "in_talks": 1, "announced": 2, "completed": 3}


def deal_key(deal_type: str, party_ids: Iterable[str]) -> str:
    """One deal per type and set of parties, whichever article reports it."""
    return stable_id(deal_type, *sorted(set(party_ids)))


def save_deal(db: Database, ids: dict[str, str], art_id: str, date: str | None,
               deal: Mapping[str, Any]) -> str:
    names = [name for name in deal.get("parties", []) if name]
    party_ids = [company_ref(db, ids, name) or "" for name in names]
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


def refresh_deal(db: Database, deal_id: str) -> None:
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
