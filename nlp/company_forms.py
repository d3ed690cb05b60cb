"""The short form of an unknown company's name, so that stories written apart find one company.

One story says "Voltera", another "Voltera Charging": within one text the linker merges them
(CompanyLinker.merge_short_forms); across articles the store does, by the short form each
analysis gives an unknown company whose name ends in a company word. The store compares the
forms; the words that make a long form are nlp's knowledge and live only here.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from nlp.gazetteer import LEGAL_SUFFIXES

DESCRIPTORS = Path(__file__).parent / "data" / "company_descriptors.json"

# Words that follow a company's own name in its long form ("Voltera Charging").
COMPANY_TAILS = frozenset({
    "charging", "mobility", "motors", "motor", "leasing", "lease", "rentals", "rental",
    "logistics", "energy", "technologies", "technology", "group", "holdings", "fleet", "fleets",
    "transport", "transit", "automotive", "auto", "autos", "cars", "vehicles", "systems",
    "solutions", "services", "software", "labs", "freight", "trucking", "haulage", "couriers",
    "buses", "coaches", "trucks", "vans", "taxis", "cabs", "bus", "rail", "express"})
# A stock ticker with its market or share class ("KAPG.DE", "KAPn", "KAPG_p"): the code of a
# company, never a name of its own.
TICKER = re.compile(r"^[A-Z0-9]{2,6}(?:[._][A-Za-z]{1,3}|[a-z]{1,2})$")
# Business words that end a name shaped as a company's even where the model tagged nothing
# ("Fleetwise Solutions", "Kiwa Bus"); the fuller COMPANY_WORDS there cost companies on the CV
# (product names such as "... PCX Electric").
SHAPED_NAME_ENDS = frozenset({
    "solutions", "leasing", "logistics", "motors", "mobility", "technologies", "automotive",
    "robotics", "industries", "holdings", "airlines", "airways", "ventures", "rentals", "lease",
    "rental", "rent", "trucking", "freight", "haulage", "couriers", "bus", "coachworks",
    "carsharing", "telematics", "taxi", "taxis", "cabs", "coaches", "railways"})
# Words after a name that mark it as a company's: a legal form, a long form's tail, and a few
# more business words ("Kappa Heavy Industries", "Beta Capital Partners").
COMPANY_WORDS = frozenset({*LEGAL_SUFFIXES, *COMPANY_TAILS, *SHAPED_NAME_ENDS, "industries",
                           "bank", "capital",
                           "partners", "ventures", "international", "airlines", "airways",
                           "railways", "rail", "buses", "coaches", "trucks", "trucking",
                           "haulage", "freight", "shipping", "engineering", "robotics",
                           "batteries", "aerospace", "aviation", "insurance", "finance", "telecom",
                           "telecoms", "bus", "coach", "coachworks", "carsharing", "rent", "hire",
                           "telematics", "taxi", "taxis", "cabs", "couriers", "vans", "lines",
                           "coachlines", "buslines", "securities", "investments", "foods",
                           "pharmaceuticals", "chemicals", "electronics", "semiconductors",
                           "materials", "utilities", "consulting", "analytics", "components",
                           "grocers", "supermarkets", "stores", "retail", "express", "parcel",
                           "parcels", "manufacturing", "dynamics", "innovations", "networks",
                           "communications", "brands", "pharma", "sons", "brothers", "bros",
                           "cargo", "ai"})
# Company words no place's name ends in: a name the model read as a place ("Quantix AI" GPE)
# is a company's by them ("Kessel Transit" may be a city's transit).
NEVER_PLACE_WORDS = frozenset({
    *LEGAL_SUFFIXES, "ai", "software", "technologies", "technology", "labs", "robotics",
    "motors", "ventures", "holdings", "analytics", "semiconductors", "batteries", "solutions",
    "systems", "telematics", "automotive", "mobility", "logistics", "leasing", "rentals"})
# Titles before a person's name ("Mr Oakes said"): what follows them is no company.
HONORIFICS = ("Sir", "Dame", "Lord", "Lady", "Dr", "Mr", "Mrs", "Ms", "Prof")
HONORIFIC_WORDS = frozenset(h.lower() for h in HONORIFICS)
MIN_SHORT_FORM = 3  # characters: "GO Charging" is not "GO"


def short_form(name: str) -> str | None:
    """The name without its trailing company word ("Voltera Charging" -> "Voltera"), else
    None (one word, no company word, or too short a remainder to be a name)."""
    words = name.split()
    if len(words) < 2 or words[-1].lower() not in COMPANY_TAILS:
        return None
    shorter = " ".join(words[:-1])
    return shorter if len(shorter) >= MIN_SHORT_FORM else None


def looks_like_company(name: str) -> bool:
    """Whether a word after the name's first is a company word ("Senford Motor Co")."""
    words = re.findall(r"[\w.&-]+", name.lower())
    return any(w.rstrip(".") in COMPANY_WORDS for w in words[1:])


@lru_cache(maxsize=1)
def descriptors() -> tuple[frozenset[str], frozenset[str]]:
    """Nouns that describe a company ("retailer Kappa", "Kappa, a bus operator"): (those that
    always do, those that do unless the name is a person's)."""
    data = json.loads(DESCRIPTORS.read_text(encoding="utf-8"))
    return frozenset(data["always"]), frozenset(data["not_person"])


@lru_cache(maxsize=1)
def all_descriptors() -> frozenset[str]:
    return descriptors()[0] | descriptors()[1]
