"""What changed since the previous edition of a profile (from its stored data)."""

from __future__ import annotations

from typing import Any


def describe_changes(previous: dict[str, Any] | None, current: dict[str, Any]) -> list[str]:
    """Plain sentences: new deals, status changes, fleet deltas, new people."""
    if not previous:
        return []
    changes: list[str] = []
    old_deals = {d["id"]: d for d in previous.get("deals", [])}
    for deal in current.get("deals", []):
        who = ", ".join(deal["counterparties"]) or "undisclosed parties"
        label = deal.get("label") or deal["type"].replace("_", " ")
        old = old_deals.get(deal["id"])
        if old is None:
            changes.append(f"New {label} with {who} ({deal['status'].replace('_', ' ')}).")
        elif old["status"] != deal["status"]:
            changes.append(f"The {label} with {who} moved from "
                           f"{old['status'].replace('_', ' ')} to "
                           f"{deal['status'].replace('_', ' ')}.")
    old_fleet = {(f["context"], f["scope"], f["unit"]): f["count"]
                 for f in previous.get("fleet", []) if not f.get("superseded")}
    for figure in current.get("fleet", []):
        if figure.get("superseded"):
            continue
        key = (figure["context"], figure["scope"], figure["unit"])
        before = old_fleet.get(key)
        if before is not None and before != figure["count"]:
            delta = figure["count"] - before
            changes.append(f"Fleet ({figure['context']}, {figure['scope']}): {before:,} -> "
                           f"{figure['count']:,} {figure['unit']} ({delta:+,}).")
        elif before is None:
            changes.append(f"New fleet figure: {figure['count']:,} {figure['unit']} "
                           f"({figure['context']}).")
    old_people = {(p["name"], p["role"]) for p in previous.get("people", [])}
    for person in current.get("people", []):
        if (person["name"], person["role"]) not in old_people:
            changes.append(f"New person: {person['name']}"
                           f"{', ' + person['role'] if person['role'] else ''}.")
    return changes
