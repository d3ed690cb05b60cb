"""Known companies and their aliases (nlp/data/companies.jsonl), and name canonicalisation."""

from __future__ import annotations

import json
import os
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).parent / "data"

LEGAL_SUFFIXES = (
    "inc", "incorporated", "corp", "corporation", "co", "company", "ltd", "limited", "llc",
    "plc", "ag", "se", "sa", "s.a", "nv", "n.v", "bv", "gmbh", "spa", "s.p.a", "ab", "asa",
    "oyj", "kk", "lp", "llp", "pty", "sas", "srl",
)
_SUFFIX_RE = re.compile(
    r"(?:[\s,]+(?:" + "|".join(re.escape(s) for s in LEGAL_SUFFIXES) + r")\.?)+$", re.I)


@dataclass(frozen=True)
class Company:
    name: str
    aliases: tuple[str, ...] = ()
    kind: str | None = None
    country: str | None = None
    parent: str | None = None
    former_names: tuple[str, ...] = ()  # names it had before a rebrand ("ALD Automotive")

    def surfaces(self) -> tuple[str, ...]:
        return (self.name, *self.aliases, *self.former_names)


@dataclass
class Gazetteer:
    companies: dict[str, Company] = field(default_factory=dict)
    by_key: dict[str, Company] = field(default_factory=dict)
    not_actors: set[str] = field(default_factory=set)

    def lookup(self, surface: str) -> Company | None:
        """The known company a surface form names ("VW", "Volkswagen AG"), else None."""
        return self.by_key.get(name_key(surface))

    def former_name(self, company: str, surface: str) -> bool:
        """Whether surface is a name the company had before a rebrand."""
        known = self.companies.get(company)
        return known is not None and name_key(surface) in {
            name_key(former) for former in known.former_names}

    def is_not_actor(self, surface: str) -> bool:
        """A news outlet, research firm, regulator or other non-actor."""
        return name_key(surface) in self.not_actors

    def ruler_patterns(self) -> list[dict[str, str]]:
        """Entity-ruler patterns: every name and alias, labelled ORG, id = canonical name."""
        patterns = []
        for company in self.companies.values():
            for surface in set(company.surfaces()):
                patterns.append({"label": "ORG", "pattern": surface, "id": company.name})
        return patterns


def strip_article(name: str) -> str:
    name = re.sub(r"^(?:the)\s+", "", name.strip(), flags=re.I)
    return re.sub(r"(?:'s|’s|‘s|')$", "", name).strip(" ,.;:")


def canonical_name(surface: str) -> str:
    """A clean company name from a surface form: no "the", possessive or legal suffix."""
    name = strip_article(" ".join(surface.split()))
    stripped = _SUFFIX_RE.sub("", name).strip(" ,")
    return stripped or name


def name_key(surface: str) -> str:
    """A matching key: canonical name, accents folded, lower case, no punctuation."""
    name = canonical_name(surface)
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9&]+", " ", folded.lower()).strip()


def joined_to_another(short: str, long: str) -> bool:
    """Whether the long name begins with the short one and a hyphen: "Kappa-Beta Transport",
    a name made of two companies' names, is no long form of "Kappa"."""
    return _hyphen_key(long).startswith(_hyphen_key(short) + "-")


def _hyphen_key(surface: str) -> str:
    folded = unicodedata.normalize("NFKD", canonical_name(surface)).encode("ascii", "ignore")
    return re.sub(r"[^a-z0-9&-]+", " ", folded.decode().lower()).strip()


@lru_cache(maxsize=1)
def load_gazetteer(data_dir: Path = DATA) -> Gazetteer:
    """The shipped gazetteer (read once per process). RIVALSCOPE_GAZETTEER names another
    companies file (the evaluation's ablation runs without some entries)."""
    gazetteer = Gazetteer()
    companies = Path(os.environ.get("RIVALSCOPE_GAZETTEER") or data_dir / "companies.jsonl")
    with companies.open(encoding="utf-8") as handle:
        for line_number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                entry = json.loads(line)
            except json.JSONDecodeError as error:
                raise ValueError(f"companies.jsonl line {line_number}: {error}") from error
            company = Company(entry["name"], tuple(entry.get("aliases", [])),
                              entry.get("kind"), entry.get("country"), entry.get("parent"),
                              tuple(entry.get("former_names", [])))
            gazetteer.companies[company.name] = company
            for surface in company.surfaces():
                gazetteer.by_key.setdefault(name_key(surface), company)
    for line in (data_dir / "not_actors.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            gazetteer.not_actors.add(name_key(line))
    return gazetteer
