"""Check and normalise the company gazetteer (nlp/data/companies.jsonl).

    .venv/bin/python -m nlp.training.gazetteer [--write]

How the gazetteer is built (the procedure; keep to it when adding entries):
1. Entries are companies of the automotive, fleet and mobility industry, added by segment
   (automakers, truck and bus makers, lessors and fleet managers, rental, car sharing,
   ride-hailing, robotaxi and auto-tech companies, suppliers, bus operators, charging), from
   public company information (the company's own name, legal name, common short forms,
   former names after a rebrand and its parent), never because an evaluation article names
   it. Rules, patterns and entries are written from the train split only; the test split
   is read as scores (benchmarks/nlp_eval.py prints the scores with every entry that names
   a test-split company removed, to show how much the figures lean on the gazetteer).
2. Every entry has a stable id (the slug of its name, kept when the name changes), a kind
   from KINDS, an ISO 3166 country code and, where it has one, a parent that is itself an
   entry. One-word aliases that are ordinary words or that name several companies are left
   out (the linker and the scorer handle unknown names).
3. This script checks all of that and, with --write, fills in missing ids.
"""

from __future__ import annotations

import argparse
import json
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path

from nlp.gazetteer import DATA

KINDS = {
    "automaker", "leasing", "automotive technology", "bus maker", "ride-hailing",
    "bus operator", "rental", "technology", "truck maker", "automotive supplier", "bank",
    "logistics", "car sharing", "fleet management", "mobility", "micromobility", "charging",
    "battery maker", "airline", "investor", "telematics", "tyre maker", "delivery",
    "conglomerate", "energy", "retail", "food", "robotics", "transport operator", "holding",
    "alliance", "fleet services", "machinery", "electronics", "telecom"}


def named_companies(articles: list, aliases: dict, norm: Callable[[str], str]) -> set[str]:
    """The normalised names (and gold aliases) of the companies articles' gold labels name."""
    names = {norm(n) for a in articles for n in [*a.gold.get("companies", []),
                                                  *a.gold.get("companies_optional", [])]}
    return names | {norm(form) for a in articles for n in a.gold.get("companies", [])
                    for form in aliases.get(n, [])}


def without_companies(names: set[str], norm: Callable[[str], str]) -> tuple[list[str], int]:
    """The gazetteer's lines less every entry with a form in names; and how many were cut."""
    kept, removed = [], 0
    for row in (DATA / "companies.jsonl").read_text(encoding="utf-8").splitlines():
        if not row.strip():
            continue
        entry = json.loads(row)
        forms = [entry["name"], *entry.get("aliases", []), *entry.get("former_names", [])]
        if any(norm(f) in names for f in forms):
            removed += 1
        else:
            kept.append(row)
    return kept, removed


def slug(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")


def problems(entries: list[dict]) -> list[str]:
    """What breaks the procedure's rules, one sentence per problem."""
    found = []
    names = {e["name"] for e in entries}
    ids: dict[str, str] = {}
    keys: dict[str, str] = {}
    for e in entries:
        name = e["name"]
        if e.get("id") in ids:
            found.append(f"{name}: id {e['id']} is also {ids[e['id']]}'s")
        ids[e.get("id", "")] = name
        if e.get("kind") not in KINDS:
            found.append(f"{name}: kind {e.get('kind')!r} is not one of KINDS")
        if not re.fullmatch(r"[A-Z]{2}", e.get("country") or ""):
            found.append(f"{name}: country {e.get('country')!r} is not an ISO 3166 code")
        if e.get("parent") and e["parent"] not in names:
            found.append(f"{name}: parent {e['parent']} is no entry")
        for surface in [name, *e.get("aliases", []), *e.get("former_names", [])]:
            key = " ".join(surface.lower().split())
            if keys.get(key, name) != name:
                found.append(f"{name}: {surface!r} also names {keys[key]}")
            keys.setdefault(key, name)
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--file", type=Path, default=DATA / "companies.jsonl")
    parser.add_argument("--write", action="store_true", help="fill in missing ids")
    args = parser.parse_args(argv)
    entries = [json.loads(line) for line in args.file.read_text(encoding="utf-8").splitlines()
               if line.strip()]
    if args.write:
        entries = [{"id": e.get("id") or slug(e["name"]), **e} for e in entries]
        args.file.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n"
                                     for e in entries), encoding="utf-8")
    found = problems(entries)
    print("\n".join(found) or f"{len(entries)} entries, no problems")
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
