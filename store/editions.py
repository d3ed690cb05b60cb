"""Rendered editions of profiles: their data hash (re-render on change) and their data."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from sqlite_utils import Database

from store.ids import now


def latest_edition(db: Database, company_id: str, edition: str) -> dict[str, Any] | None:
    """The newest stored edition of a company's profile, else None."""
    rows = list(db["editions"].rows_where(
        "company_id = ? and edition = ?", [company_id, edition], order_by="id desc", limit=1))
    return rows[0] if rows else None


def record_edition(db: Database, company_id: str, edition: str, data: Mapping[str, Any],
                   data_hash: str, path: str) -> None:
    """Remember a rendered edition; earlier ones stay for "what changed"."""
    with db.conn:
        db["editions"].insert({
            "company_id": company_id, "edition": edition, "data_hash": data_hash,
            "data_json": json.dumps(data, sort_keys=True, default=str),
            "generated_at": now(), "path": path,
        })
