"""Labels for candidates: does a candidate match a gold fact of the labelled corpus?

Matching follows the shared scorer (`../shared/eval/score_nlp.py`, imported from there):
names by its normalisation and the gold aliases, deals by type and party set, fleet figures
by owner and count, people by name and company. A candidate that matches an optional gold
fact is left out of training (None): the corpus neither rewards nor punishes it.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Any

from nlp.candidates import Candidate
from nlp.training.corpus import eval_dir


def shared_scorer() -> Any:
    path = str(eval_dir())
    if path not in sys.path:
        sys.path.insert(0, path)
    import score_nlp  # the shared scorer, so labels and scores agree

    return score_nlp


@dataclass
class Matcher:
    """Name matching for one article: predicted forms of each company vs gold forms."""

    gold: dict
    forms: dict[str, set[str]]  # predicted canonical name -> normalised surface forms
    aliases: dict[str, list[str]]

    def __post_init__(self) -> None:
        self.scorer = shared_scorer()
        self.resolver = self.scorer.Resolver(self.aliases)

    def same(self, predicted: str, gold_name: str) -> bool:
        norm = self.scorer.norm
        mine = self.forms.get(predicted, set()) | {norm(predicted)}
        return bool(mine & (self.resolver.forms(gold_name) | {norm(gold_name)}))

    def deal(self, c: Candidate) -> bool | None:
        deal_type, parties = c.key
        result: bool | None = False
        for g in self.gold.get("deals", []):
            types = {g["type"], *g.get("type_also_ok", [])}
            if deal_type not in types and not (deal_type == "talks"
                                               and g.get("status") == "in_talks"):
                continue
            if self.same_set(parties, g["parties"]):
                if not g.get("optional"):
                    return True
                result = None
        return result

    def same_set(self, predicted: frozenset, gold: list[str]) -> bool:
        if len(predicted) != len(set(gold)):
            return False
        return all(any(self.same(p, g) for p in predicted) for g in gold) and all(
            any(self.same(p, g) for g in gold) for p in predicted)

    def fleet(self, c: Candidate) -> bool | None:
        company, count = c.key
        result: bool | None = False
        for g in self.gold.get("fleet_figures", []):
            owners = [g["company"], *g.get("company_also_ok", [])]
            if g["count"] == count and any(self.same(company, o) for o in owners if o):
                if not g.get("optional"):
                    return True
                result = None
        return result

    def person(self, c: Candidate) -> bool | None:
        name, company = c.key
        for g in self.gold.get("people", []):
            if self.scorer.person_match(name, g["name"]) and g.get("company") and \
                    self.same(company, g["company"]):
                return True
        return False

    def company(self, c: Candidate) -> bool | None:
        name = c.key[0]
        if any(self.same(name, g) for g in self.gold.get("companies", [])):
            return True
        if any(self.same(name, g) for g in self.gold.get("companies_optional", [])):
            return None
        return False

    def label(self, c: Candidate) -> bool | None:
        return {"deal": self.deal, "fleet": self.fleet, "person": self.person,
                "company": self.company}[c.kind](c)
