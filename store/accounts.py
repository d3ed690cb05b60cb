"""The sales site's own rows: analysts' accounts and visitors' leads."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlite_utils import Database

from store.ids import now


def save_user(db: Database, username: str, password_hash: str) -> None:
    """Create or replace an analyst account (the caller hashes the password)."""
    with db.conn:
        db["users"].upsert({"username": username, "password_hash": password_hash,
                            "created_at": now()}, pk="username")


def find_user(db: Database, username: str) -> dict[str, Any] | None:
    """The account called username, else None."""
    rows = list(db["users"].rows_where("username = ?", [username]))
    return rows[0] if rows else None


def save_lead(db: Database, lead: Mapping[str, Any]) -> int:
    """Record a visitor's request (kind, email, name, company, profile, consent, ip); its id."""
    with db.conn:
        table = db["leads"].insert({**lead, "created_at": now()})
    return int(table.last_pk)


def leads(db: Database, *, newest_first: bool = True,
          limit: int | None = None) -> list[dict[str, Any]]:
    """The recorded leads, newest (or oldest) first."""
    return list(db["leads"].rows_where(order_by="id desc" if newest_first else "id",
                                       limit=limit))
