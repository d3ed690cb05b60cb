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
   Hand-made entries come first and carry no "source"; they also hold the segments' smaller
   and historic companies (1980s-2000s automakers, suppliers, rental and logistics firms,
   such as American Motors, Saab-Scania, Airborne Express, with former names where they
   were renamed: British Leyland and Austin Rover for MG Rover, Nissan Diesel for UD Trucks).
2. Large companies of every industry (they are the buyers, sellers, lenders and partners of
   automotive deals, and the actors of business news) come from open company lists, by
   nlp.training.gazetteer_sources, which writes "source" into each entry it adds:
   - the S&P 500 constituents: github.com/datasets/s-and-p-500-companies,
     data/constituents.csv at commit 56509dd80619e4d8e1410c2260d68ddd3eab6068 (all of it);
   - the Forbes Global 2000 of 2020 (the largest 1,000, and every automaker, supplier,
     airline, logistics, railway, leasing and heavy-equipment company of the 2,000) and of
     2008 (the largest 500 and the same segments: the 2000s' companies since merged or
     renamed, whose 2008 names become former names of today's entries):
     github.com/francotestori/forbes_2000_predict, "data/raw/Forbes Global 2000 - 2020.csv"
     and "... - 2008.csv" at commit 23c69d705bc953f14c23d20bdcbe70aba0f1036d;
   - the 120 active airlines flying the most routes: github.com/jpatokal/openflights,
     data/airlines.dat, data/routes.dat (and data/countries.dat for ISO codes) at commit
     5a0360255a5a2ff2b9f1e9cb199716da68a8a33f.
   Left out of the lists: media, publishers, advertising and financial-data firms (they
   are cited as sources, not actors) and every name in nlp/data/not_actors.txt; the lists
   hold no governments. No name is taken from a news corpus.
3. Every entry has a stable id (the slug of its name, kept when the name changes), a kind
   from KINDS, an ISO 3166 country code and, where it has one, a parent that is itself an
   entry. The ordinary-word rule: a one-word name or alias written as a capitalised word
   whose lower case is a word of Debian's wamerican dictionary ("Target", "Visa", "Ball",
   "Block", "Gap", "Orange") is left out, since the ruler would match it at the start of
   every sentence; the company keeps its longer names ("Target Corporation"). Acronyms
   ("UPS") and inner capitals ("BlueBird") are never ordinary words. The one-word names
   the hand-made entries had before the rule are kept (KEPT_ORDINARY_WORDS). One-word names
   of the lists that first of all name a person, a place or several companies ("Williams",
   "Suez", "Mitsubishi") were left out by hand (gazetteer_sources.AMBIGUOUS).
4. This script checks all of that and, with --write, fills in missing ids.
"""

from __future__ import annotations

import argparse
import json
import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from nlp.gazetteer import DATA

KINDS = {
    "automaker", "leasing", "automotive technology", "bus maker", "ride-hailing",
    "bus operator", "rental", "technology", "truck maker", "automotive supplier", "bank",
    "logistics", "car sharing", "fleet management", "mobility", "micromobility", "charging",
    "battery maker", "airline", "investor", "telematics", "tyre maker", "delivery",
    "conglomerate", "energy", "retail", "food", "robotics", "transport operator", "holding",
    "alliance", "fleet services", "machinery", "electronics", "telecom",
    # the broad segments of the open company lists (see nlp.training.gazetteer_sources)
    "insurance", "financial services", "healthcare", "consumer goods", "utility", "materials",
    "chemicals", "industrial", "aerospace", "real estate", "railway", "construction",
    "trading", "services"}


# One-word names of hand-made entries that the ordinary-word rule would leave out: each is the
# company's own short name in the automotive news it was written from (kept as it was measured).
KEPT_ORDINARY_WORDS = frozenset({
    "Alphabet", "Amazon", "Ampere", "Apple", "Arrival", "Bird", "Bolt", "Budget", "Cruise",
    "Dodge", "Enterprise", "Fiat", "Ford", "Google", "Grab", "Hertz", "Intel", "Jaguar", "Jeep",
    "Lime", "Lotus", "Lucid", "Plus", "Polestar", "Rover", "Shell", "Stagecoach", "Thrifty",
    "Tier", "Wheels", "Workhorse", "Zenith"})


# Debian's wamerican word list (the Makefile installs it for tests): its lower-case lines are
# ordinary words, its capitalised ones proper names ("ford" is a word, "Toyota" only a name).
DICTIONARY = Path("/usr/share/dict/american-english")


@lru_cache(maxsize=1)
def dictionary_words() -> frozenset[str]:
    """The dictionary's ordinary (lower-case) words."""
    if not DICTIONARY.exists():
        raise SystemExit(f"{DICTIONARY} is missing: install Debian's wamerican "
                         "(make install-test does)")
    lines = DICTIONARY.read_text(encoding="utf-8").split()
    return frozenset(word for word in lines if word.islower())


def ordinary_word(surface: str) -> bool:
    """Whether surface is one capitalised word that the dictionary holds in lower case
    ("Target"). The names match in their own case only, so "UPS" or "BlueBird" is no word."""
    word = surface.strip(" .")
    return (" " not in word and word[:1].isupper() and word[1:].islower()
            and surface not in KEPT_ORDINARY_WORDS and word.lower() in dictionary_words())


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
    name = name.translate(str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "ß": "ss", "ł": "l"}))
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
            if ordinary_word(surface):
                found.append(f"{name}: {surface!r} is one ordinary word (a dictionary's)")
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
