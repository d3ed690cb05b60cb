"""Small row helpers shared by the store's modules."""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database


def get(db: Database, table: str, pk: str) -> dict[str, Any] | None:
    """The row of table whose primary key is pk, else None."""
    rows = list(db[table].rows_where(f"{db[table].pks[0]} = ?", [pk], limit=1))
    return rows[0] if rows else None
