"""Add the companies of open company lists to the gazetteer (nlp/data/companies.jsonl).

    .venv/bin/python -m nlp.training.gazetteer_sources --sp500 constituents.csv \\
        --forbes2020 "Forbes Global 2000 - 2020.csv" --forbes2008 "Forbes Global 2000 - 2008.csv" \\
        --airlines airlines.dat --routes routes.dat --countries countries.dat

The sources (public GitHub repositories, read at the commits named in
nlp/training/gazetteer.py) are inputs of this script, never of the pipeline: what ships is the
jsonl it writes. Hand-made entries (no "source" field) stay as they are and win over the lists;
the entries this script made before are replaced, so a run on the same files gives the same
file. Every surface passes the ordinary-word rule of nlp.training.gazetteer, so a company whose
only name is a dictionary word ("Target", "Visa") keeps its longer legal name alone.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from nlp.gazetteer import DATA, name_key
from nlp.training.gazetteer import ordinary_word, slug

FORBES_LATEST_TOP = 1000  # of the 2020 list, the largest; every transport company besides
FORBES_2000S_TOP = 500  # of the 2008 list (the 2000s' large companies, since merged or renamed)
AIRLINES_BY_ROUTES = 120  # the airlines flying the most routes in the OpenFlights data
# Industries whose companies are no actors of business news but its sources, left out.
MEDIA = {"Advertising", "Broadcasting & Cable", "Printing & Publishing", "Media",
         "Publishing", "Broadcasting", "Financial Exchanges & Data"}
# Forbes 2020 / 2015 industries and GICS sub-industries -> kind; checked in that order.
INDUSTRY_KINDS = {
    "Auto & Truck Manufacturers": "automaker", "Automobile Manufacturers": "automaker",
    "Motorcycle Manufacturers": "automaker", "Auto & Truck Parts": "automotive supplier",
    "Automotive Parts & Equipment": "automotive supplier", "Tires & Rubber": "tyre maker",
    "Automotive Retail": "retail", "Airline": "airline", "Passenger Airlines": "airline",
    "Airlines": "airline", "Air Courier": "logistics", "Air Freight & Logistics": "logistics",
    "Trucking": "logistics", "Cargo Ground Transportation": "logistics",
    "Railroads": "railway", "Rail Transportation": "railway",
    "Other Transportation": "transport operator",
    "Passenger Ground Transportation": "transport operator",
    "Rental & Leasing": "leasing", "Trading Companies & Distributors": "trading",
    "Trading Companies": "trading", "Heavy Equipment": "machinery",
    "Construction Machinery & Heavy Transportation Equipment": "machinery",
    "Agricultural & Farm Machinery": "machinery", "Major Banks": "bank",
    "Regional Banks": "bank", "Diversified Banks": "bank", "Thrifts & Mortgage Finance": "bank",
    "Consumer Financial Services": "financial services", "Consumer Finance": "financial services",
    "Investment Services": "investor", "Asset Management & Custody Banks": "investor",
    "Investment Banking & Brokerage": "bank", "Diversified Insurance": "insurance",
    "Life & Health Insurance": "insurance", "Property & Casualty Insurance": "insurance",
    "Insurance Brokers": "insurance", "Multi-line Insurance": "insurance",
    "Reinsurance": "insurance", "Oil & Gas Operations": "energy",
    "Oil Services & Equipment": "energy", "Electric Utilities": "utility",
    "Natural Gas Utilities": "utility", "Diversified Utilities": "utility",
    "Multi-Utilities": "utility", "Semiconductors": "technology",
    "Software & Programming": "technology", "Computer Services": "technology",
    "Computer Hardware": "technology", "Computer Storage Devices": "technology",
    "Communications Equipment": "technology", "Electronics": "electronics",
    "Consumer Electronics": "electronics", "Electrical Equipment": "electronics",
    "Telecommunications services": "telecom", "Aerospace & Defense": "aerospace",
    "Conglomerates": "conglomerate", "Industrial Conglomerates": "conglomerate",
    "Construction Services": "construction", "Construction Materials": "materials",
    "Iron & Steel": "materials", "Aluminum": "materials",
    "Diversified Metals & Mining": "materials",
    "Diversified Chemicals": "chemicals", "Specialized Chemicals": "chemicals",
    "Pharmaceuticals": "healthcare", "Biotechs": "healthcare",
    "Medical Equipment & Supplies": "healthcare", "Healthcare Services": "healthcare",
    "Managed Health Care": "healthcare", "Real Estate": "real estate",
    "Food Processing": "food", "Beverages": "food", "Tobacco": "food",
    "Food Retail": "retail", "Drug Retail": "retail", "Discount Stores": "retail",
    "Department Stores": "retail", "Specialty Stores": "retail",
    "Internet & Catalog Retail": "retail", "Home Improvement Retail": "retail",
    "Apparel/Footwear Retail": "retail", "Computer & Electronics Retail": "retail",
}
SECTOR_KINDS = {
    "Financials": "financial services", "Energy": "energy", "Utilities": "utility",
    "Health Care": "healthcare", "Information Technology": "technology",
    "Communication Services": "technology", "Telecommunication Services": "telecom",
    "Materials": "materials", "Industrials": "industrial", "Real Estate": "real estate",
    "Consumer Staples": "consumer goods", "Consumer Discretionary": "consumer goods",
}
OLD_INDUSTRY_KINDS = {  # Forbes 2008
    "Banking": "bank", "Diversified Financials": "financial services",
    "Insurance": "insurance", "Oil & Gas Operations": "energy", "Utilities": "utility",
    "Materials": "materials", "Transportation": "transport operator",
    "Construction": "construction", "Food Drink & Tobacco": "food", "Retailing": "retail",
    "Food Markets": "retail", "Technology Hardware & Equip": "technology",
    "Telecommunications Services": "telecom", "Capital Goods": "industrial",
    "Chemicals": "chemicals", "Consumer Durables": "consumer goods",
    "Business Services & Supplies": "services", "Conglomerates": "conglomerate",
    "Health Care Equipment & Svcs": "healthcare", "Drugs & Biotechnology": "healthcare",
    "Household & Personal Products": "consumer goods", "Software & Services": "technology",
    "Semiconductors": "technology", "Hotels, Restaurants & Leisure": "services",
    "Trading Companies": "trading", "Aerospace & Defense": "aerospace",
}
# Transport industries: every company of them is taken, whatever its rank.
TRANSPORT_KINDS = {"automaker", "automotive supplier", "tyre maker", "airline", "logistics",
                   "railway", "transport operator", "leasing", "machinery"}
# Names the lists garble, written as the company does.
SPELT = {"Edp-energias De Portugal": "EDP - Energias de Portugal"}
# Companies of the 2020 list renamed since (2020 name -> today's, as the S&P 500 writes it).
RENAMED_SINCE = {"Facebook": "Meta Platforms", "Raytheon Technologies": "RTX Corporation",
                 "Anthem": "Elevance Health", "Square": "Block, Inc.",
                 "ViacomCBS": "Paramount Skydance Corporation"}
# Names of the lists left out: a garbled spelling, a name in parentheses, a group's holding
# whose name less its legal suffix ("LG") names every company of the group, a name that
# less its suffix is a newspaper's ("Metro").
SKIPPED = {"Mxller-Maersk", "Fortis (Canada)", "Fortis", "LG Corp", "Metro AG"}
# The lists' other spellings of one company (list name -> the name it is merged into) ...
SAME_AS = {
    "Hon Hai Precision Industry": "Hon Hai Precision", "Manulife Financial": "Manulife",
    "ANZ Banking": "ANZ", "PTT Public Company": "PTT",
    "Automatic Data": "Automatic Data Processing",
    "Archer Daniels": "Archer Daniels Midland", "Erste Bank": "Erste Group Bank",
    "Freeport Copper": "Freeport-McMoRan", "Singapore Telecom": "SingTel",
    "Everest Group": "Everest Re Group", "Huntington Bancshares": "Huntington Bank",
    "Fifth Third Bancorp": "Fifth Third Bank", "Old Dominion": "Old Dominion Freight Line",
    "Digital Realty": "Digital Realty Trust", "J.B. Hunt": "J.B. Hunt Transport Services",
    "DuPont": "DuPont de Nemours", "EDP-Energias de Portugal": "EDP - Energias de Portugal",
    "CVS Caremark": "CVS Health", "Qantas": "Qantas Airways", "Iberia Airlines": "Iberia",
    "Aeroflot Russian Airlines": "Aeroflot", "Aisin Seiki": "Aisin",
    "Kühne & Nagel International": "Kuehne & Nagel International", "Wal-Mart Stores": "Walmart",
    "Lloyds TSB Group": "Lloyds Banking Group", "Royal Dutch Shell": "Shell",
    "GE Aerospace": "General Electric",
}
# ... and the 2008 names of companies renamed since (list name -> today's), former names.
RENAMED = {
    "Zurich Financial Services": "Zurich Insurance Group", "Sanofi-aventis": "Sanofi",
    "DnB NOR": "DNB", "Repsol-YPF": "Repsol", "Suncorp-Metway": "Suncorp Group",
    "Raiffeisen International Bank-Holding": "Raiffeisen Bank International",
    "Woori Finance Holdings": "Woori Financial Group", "MGM Mirage": "MGM Resorts",
    "Dominion Resources": "Dominion Energy", "Dow Chemical": "Dow",
    "Imperial Tobacco Group": "Imperial Brands", "StatoilHydro": "Equinor",
    "France Telecom": "Orange", "Gaz de France": "ENGIE", "Royal Philips Electronics": "Philips",
    "Groupe Danone": "Danone", "Aire Liquide Group": "Air Liquide", "LM Ericsson": "Ericsson",
    "InBev": "Anheuser-Busch InBev", "Scottish & Southern": "SSE", "Lafarge": "LafargeHolcim",
    "Holcim": "LafargeHolcim", "Walgreen": "Walgreens Boots Alliance",
    "Hewlett-Packard": "HP", "China Cosco Holdings": "Cosco Shipping",
    "United Technologies": "RTX Corporation",
    "TeliaSonera Group": "Telia Company",
}
# Names the news gives companies of the lists that the lists do not write.
NEWS_NAMES = {
    "Hon Hai Precision": ["Foxconn", "Hon Hai"], "General Electric": ["GE"],
    "Kuehne & Nagel International": ["Kuehne + Nagel", "Kuehne+Nagel"],
    "Møller-Maersk": ["Maersk", "A.P. Moller-Maersk"]}
# One-word names of the lists that first of all name a person, a place, another thing or
# several companies ("Williams", "Suez", "the Dow", "Mitsubishi"): only their longer names stay.
AMBIGUOUS = {
    "Greenland", "Hartford", "Edison", "Williams", "Ferguson", "Hilton", "Leonardo",
    "Gallagher", "Everest", "Iliad", "Baxter", "Eaton", "Kellogg", "Hess", "Apache", "Suez",
    "Iberia", "Dow", "Merck", "Mitsubishi", "Mitsui", "Sumitomo", "Asahi", "Westfield", "Kao",
    "Athene", "Azul", "Ventas", "Alleghany", "Coles", "Wheelock", "Loews", "TNT", "MISC", "SAS",
    "CGI", "TKO", "ACE", "AMP", "CIC", "PPR", "ACS", "BG", "SCA", "BCP", "CCR", "SG", "WH", "NN",
    "VF", "CF", "S.F.", "T&D", "ITC", "EMD", "CDW", "Orange", "Fortis", "Shimizu", "Legrand",
    "Lennox", "Helvetia", "LG", "SK", "GS"}
# Words a list adds to a name that the news leaves out ("Toyota Motor" is "Toyota").
DESIGNATORS = re.compile(
    r"(?:\s+(?:Group|Holdings?|Corporation|Corp\.?|Company|Co\.?|Inc\.?|Incorporated|plc|PLC|"
    r"Ltd\.?|Limited|AG|SE|SA|S\.A\.|N\.V\.|NV|Motors?|International|Industries))+$")
CLASS = re.compile(r"\s*\((?:Class|Series) [A-Z]\)$")
# The 2008 list shortens words ("Mitsubishi Heavy Inds"); the news writes them out.
ABBREVIATIONS = {
    "Intl": "International", "Cos": "Companies", "Inds": "Industries", "Ind": "Industry",
    "Indl": "Industrial", "Finl": "Financial", "Ins": "Insurance", "Amer": "American",
    "Chems": "Chemicals", "Mgmt": "Management", "Prods": "Products", "Sys": "Systems",
    "Svcs": "Services", "Svc": "Service", "Devel": "Development", "Develop": "Development",
    "Res": "Resources", "Bros": "Brothers", "Pub": "Public", "Com": "Comercial",
    "Skand": "Skandinaviska", "Grp": "Group", "Hldgs": "Holdings", "Natl": "National"}
# "Petrobras-Petróleo Brasil": a short name, then the long one.
SHORT_THEN_LONG = re.compile(r"^([A-Z]{2,}|Petrobras|Sinopec)-([A-Z]\w* .+)$")
# Words that say what a company does, left out when the lists' names are compared only
# ("Verizon Communications" is the S&P's "Verizon", "Qantas Airways" OpenFlights' "Qantas").
GENERIC_TAIL = re.compile(
    r"(?:\s+(?:Communications|Systems|Wholesale|Financial|Technologies|Scientific|Worldwide|"
    r"Services?|Resources|Bancorp|Companies|Global|Enterprises|"
    r"Energy|Mining|Group|Holdings?|Corporation|Corp\.?|Company|Co\.?|Inc\.?|& Co\.?))+$")


@dataclass
class Listed:
    """One company as the lists write it."""

    name: str
    country: str
    kind: str
    source: str
    names: list[str] = field(default_factory=list)


def acceptable(surface: str) -> bool:
    """A surface may name a company: not one ordinary word, not a bare initial."""
    words = surface.split()
    return len(surface) > 1 and not (len(words) == 1 and (
        ordinary_word(surface) or surface in AMBIGUOUS))


def short_form(name: str) -> str:
    return DESIGNATORS.sub("", name).strip(" ,")


def spellings(name: str) -> list[str]:
    """The forms of a listed name: written out, short and long, without designators."""
    name = " ".join(ABBREVIATIONS.get(word, word) for word in name.split())
    parts = SHORT_THEN_LONG.match(name)
    forms = [parts[1], parts[2]] if parts else [name]
    return list(dict.fromkeys([*forms, *(short_form(f) for f in forms)]))


def compact(surface: str) -> str:
    """A key that also ignores spaces and hyphens ("Wal-Mart" is "WalMart")."""
    return name_key(surface).replace(" ", "")


def core(surface: str) -> str:
    """The key by which the lists' names of one company are found to be one."""
    return compact(GENERIC_TAIL.sub("", surface) or surface)


def countries(path: Path) -> dict[str, str]:
    with path.open(encoding="utf-8") as handle:
        found = {row[0]: row[1] for row in csv.reader(handle) if len(row) > 1 and row[1]}
    return {**found, "England": "GB", "Scotland": "GB", "Korea": "KR", "Macau": "MO"}


def forbes(path: Path, top: int, source: str, iso: dict[str, str],
           kind_of: dict[str, str]) -> list[Listed]:
    found = []
    with path.open(encoding="utf-8-sig") as handle:
        for row in csv.DictReader(handle):
            rank = int(re.sub(r"\D", "", row.get("Rank") or "0") or 0)
            name = (row.get("Company") or "").strip()
            name = SPELT.get(name, name)
            country = iso.get((row.get("Country/Territory") or row.get("Country") or "").strip())
            industry = (row.get("Industry") or "").strip()
            if not name or not country or industry in MEDIA or not rank:
                continue
            kind = (INDUSTRY_KINDS.get(industry) or SECTOR_KINDS.get(row.get("Sector") or "")
                    or OLD_INDUSTRY_KINDS.get(industry) or kind_of.get(name_key(name))
                    or "conglomerate")
            if rank <= top or kind in TRANSPORT_KINDS:
                today = RENAMED_SINCE.get(name)
                found.append(Listed(today or name, country, kind, source,
                                    [name] if today else []))
    return found


def sp500(path: Path, iso: dict[str, str]) -> list[Listed]:
    found = []
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["GICS Sub-Industry"] in MEDIA:
                continue
            place = row["Headquarters Location"].rsplit(",", 1)[-1].strip()
            kind = INDUSTRY_KINDS.get(row["GICS Sub-Industry"]) or SECTOR_KINDS[row["GICS Sector"]]
            name = re.sub(r"^(.+?)(?: Company)? \(The\)$", r"\1", CLASS.sub("", row["Security"]))
            found.append(Listed(name.strip(" ,"), iso.get(place, "US"),
                                kind, "S&P 500"))
    return found


def airlines(path: Path, routes: Path, iso: dict[str, str]) -> list[Listed]:
    with routes.open(encoding="utf-8") as handle:
        flown = Counter(row[1] for row in csv.reader(handle) if len(row) > 1)
    by_id = {}
    with path.open(encoding="utf-8") as handle:
        for row in csv.reader(handle):
            if len(row) == 8 and row[7] == "Y" and iso.get(row[6]):
                by_id[row[0]] = Listed(row[1], iso[row[6]], "airline", "OpenFlights")
    best = sorted((i for i in by_id if flown[i]), key=lambda i: (-flown[i], i))
    return [by_id[i] for i in best[:AIRLINES_BY_ROUTES]]


def merged(hand: list[dict], listed: Iterable[Listed], not_actors: set[str]) -> list[dict]:
    """The new entries: one per company the hand entries lack, with the lists' spellings;
    none for a company that nlp/data/not_actors.txt names."""
    taken = {core(s) for e in hand for s in [e["name"], *e.get("aliases", []),
                                                *e.get("former_names", [])]}
    ids = {e["id"] for e in hand}
    entries: dict[str, dict] = {}
    owner: dict[str, str] = {}  # core -> the entry's name
    spelt = set(taken)  # compact keys of every surface written so far
    for company in listed:
        if company.name in SKIPPED:
            continue
        forms = spellings(company.name)
        former = RENAMED.get(company.name) or RENAMED.get(forms[0])
        other = former or SAME_AS.get(company.name) or SAME_AS.get(forms[0])
        keys = {core(f) for f in forms} | ({core(other)} if other else set())
        if keys & not_actors:
            continue
        if keys & taken:
            continue
        known = next((owner[k] for k in keys if k in owner), None)
        if known is None:
            surfaces = [f for f in forms if acceptable(f)]
            if not surfaces:
                continue
            entry = {"id": slug(surfaces[0]), "name": surfaces[0], "aliases": [],
                     "kind": company.kind, "country": company.country,
                     "source": company.source}
            if entry["id"] in ids:
                continue
            ids.add(entry["id"])
            entries[entry["name"]] = entry
            known = owner[core(entry["name"])] = entry["name"]
            spelt.add(compact(entry["name"]))
        entry = entries[known]
        field_name = "former_names" if former else "aliases"
        for form in forms:
            if acceptable(form) and compact(form) not in spelt:
                entry.setdefault(field_name, []).append(form)
                spelt.add(compact(form))
            owner.setdefault(core(form), known)
        for form in company.names:
            if acceptable(form) and compact(form) not in spelt:
                entry.setdefault("former_names", []).append(form)
                spelt.add(compact(form))
    for name, names in NEWS_NAMES.items():
        if name in entries:
            entries[name]["aliases"] += [n for n in names if compact(n) not in spelt]
    return list(entries.values())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    for option in ("sp500", "forbes2020", "forbes2008", "airlines", "routes", "countries"):
        parser.add_argument(f"--{option}", type=Path, required=True)
    parser.add_argument("--file", type=Path, default=DATA / "companies.jsonl")
    args = parser.parse_args(argv)
    iso = countries(args.countries)
    rows = [json.loads(line) for line in args.file.read_text(encoding="utf-8").splitlines()
            if line.strip()]
    hand = [e for e in rows if "source" not in e]
    old = forbes(args.forbes2008, FORBES_2000S_TOP, "Forbes Global 2000 (2008)", iso, {})
    listed = [*forbes(args.forbes2020, FORBES_LATEST_TOP, "Forbes Global 2000 (2020)", iso,
                      {name_key(c.name): c.kind for c in old}),
              *sp500(args.sp500, iso), *old, *airlines(args.airlines, args.routes, iso)]
    not_actors = {core(line) for line in (DATA / "not_actors.txt").read_text(
        encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")}
    added = merged(hand, listed, not_actors)
    args.file.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n"
                                 for e in [*hand, *added]), encoding="utf-8")
    print(f"{len(hand)} hand-made entries, {len(added)} from the lists")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
