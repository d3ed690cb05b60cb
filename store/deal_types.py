"""The registry of deal types nlp ships (nlp/data/deal_types.json), kept in the store.

nlp owns the registry; the stages that may not import nlp (reports, and the store's own deal
saving) read the copy the last analysis run wrote here, so that adding a type is one entry in
nlp's file. Stores written without it (tests, old stores) fall back to the type's own name.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from sqlite_utils import Database


def save_deal_types(db: Database, registry: Mapping[str, Mapping[str, Any]]) -> None:
    """Replace the stored registry with nlp's (type -> roles, counterpart, label, plural...)."""
    rows = [{"type": name, "label": entry.get("label") or name.replace("_", " "),
             "plural": entry.get("plural"), "roles": json.dumps(entry.get("roles") or []),
             "counterpart": entry.get("counterpart"), "precedence": entry.get("precedence")}
            for name, entry in registry.items()]
    with db.conn:
        db["deal_types"].delete_where()
        db["deal_types"].insert_all(rows, pk="type")


def deal_type_registry(db: Database) -> dict[str, dict[str, Any]]:
    """The stored registry: type -> {label, plural, roles, counterpart, precedence}."""
    if not db["deal_types"].exists():
        return {}
    return {row["type"]: {**row, "roles": json.loads(row["roles"] or "[]")}
            for row in db["deal_types"].rows}


def deal_label(registry: Mapping[str, Mapping[str, Any]], deal_type: str,
               plural: bool = False) -> str:
    """How reports name a type ("supply deal", "joint ventures"); unknown: the type's words."""
    entry = registry.get(deal_type) or {}
    words = deal_type.replace("_", " ")
    if plural:
        return entry.get("plural") or f"{entry.get('label') or words}s"
    return entry.get("label") or words


def default_role(registry: Mapping[str, Mapping[str, Any]], deal_type: str,
                 party_ids: list[str], party: str) -> str:
    """A party's role when the analysis gives none: the type's first role for the first
    party, its counterpart role for the others ("partner" for a type the registry lacks)."""
    entry = registry.get(deal_type)
    if not entry or not entry.get("roles") or not party_ids:
        return "partner"
    return entry["roles"][0] if party == party_ids[0] else entry.get("counterpart") or "partner"
