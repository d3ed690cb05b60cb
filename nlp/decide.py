"""From scored candidates to facts: one fact per identity, the best reading of each."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, replace
from typing import Any

from nlp.candidates import Candidate
from nlp.facts import Deal, FleetFigure, Person

# A fact's companies must be at least this likely to be companies: a deal between "NYSE" and
# a company, or a fleet of "Falkirk", is no fact (cross-validated deal F1 on train 0.42 ->
# 0.45 with a floor of 0.3; 0.45 came with nlp.scorer.party_weighted).
PARTY_FLOOR = 0.45


@dataclass
class Decided:
    deals: list[Deal]
    fleet: list[FleetFigure]
    people: list[Person]
    companies: dict[str, float]  # name -> confidence of the companies kept


def decide_all(candidates: list[Candidate], cuts: dict[str, float]) -> Decided:
    """The facts a text reports from its scored candidates, at these thresholds."""
    def of(kind: str) -> list[Candidate]:
        return [c for c in candidates if c.kind == kind]

    company = {c.key[0]: c.score for c in of("company")}

    def companies_ok(names: list[str]) -> bool:
        return all(company.get(name, 0.0) >= PARTY_FLOOR for name in names)

    deals = [d for d in decide_deals(of("deal"), cuts["deal"]) if companies_ok(d.parties)]
    fleet = [f for f in decide_fleet(of("fleet"), cuts["fleet"]) if companies_ok([f.company])]
    people = decide_people(of("person"), cuts["person"], lambda name: companies_ok([name]))
    named = named_companies([*deals, *fleet, *people])
    return Decided(deals, fleet, people,
                   decide_companies(of("company"), cuts["company"], named))


def best_by_key(candidates: list[Candidate]) -> list[Candidate]:
    """The highest-scoring candidate of each identity (rule candidates win ties)."""
    best: dict[tuple, Candidate] = {}
    for c in candidates:
        other = best.get(c.key)
        if other is None or (c.score, c.rule) > (other.score, other.rule):
            best[c.key] = c
    return list(best.values())


def _best_per(candidates: list[Candidate], cut: float,
              group: Callable[[Candidate], Hashable]) -> list[Candidate]:
    """Over the threshold, the best-scored candidate of each group (a rule's on a tie), in
    text order."""
    chosen: dict[Hashable, Candidate] = {}
    for c in best_by_key(candidates):
        other = chosen.get(group(c))
        if c.score >= cut and (other is None or (c.score, c.rule) > (other.score, other.rule)):
            chosen[group(c)] = c
    return sorted(chosen.values(), key=lambda c: c.fact.start)


def decide_deals(candidates: list[Candidate], cut: float) -> list[Deal]:
    """Deals over the threshold; one type per set of parties (the best scored), and one
    reading of a sentence's deal where its party sets nest ("A buys B from C" read as A+B
    and as A+B+C: the better scored stays)."""
    kept = unnested(_best_per(candidates, cut, lambda c: c.key[1]))
    return [replace(c.fact, confidence=c.score)
            for c in sorted(kept, key=lambda c: (c.fact.start, -c.score))]


def unnested(candidates: list[Candidate]) -> list[Candidate]:
    """Of deals read from one sentence whose party sets are a strict subset or superset of
    one another, only the best scored. In the cross-validated deals of train (normal and
    --harsh) the weaker of two nested readings was wrong in 20 of 22 cases; deals F1 0.530
    -> 0.531, harsh 0.446 -> 0.451 (precision 0.503 -> 0.524)."""
    kept: list[Candidate] = []
    for c in sorted(candidates, key=lambda c: (-c.score, not c.rule)):
        parties = c.key[1]
        if not any(k.fact.start == c.fact.start and (parties < k.key[1] or k.key[1] < parties)
                   for k in kept):
            kept.append(c)
    return kept


def decide_fleet(candidates: list[Candidate], cut: float) -> list[FleetFigure]:
    """Fleet figures over the threshold; a count goes to its best-scored owner."""
    return [replace(c.fact, confidence=c.score)
            for c in _best_per(candidates, cut, lambda c: c.key[1])]


def decide_people(candidates: list[Candidate], cut: float,
                  company_ok: Callable[[str], bool] = lambda name: True) -> list[Person]:
    """People over the threshold; a person goes to their best-scored company, and keeps
    another one where a rule read a role there ("Jane Roe, a former Acme executive who now
    runs Beta": cross-validated people F1 on train 0.752 -> 0.765 with these)."""
    over = [c for c in best_by_key(candidates) if c.score >= cut and company_ok(c.key[1])]
    best = {c.key[0]: c for c in _best_per(over, cut, lambda c: c.key[0])}
    kept = [c for c in over if best[c.key[0]] is c or c.rule and c.fact.role]
    return [replace(c.fact, confidence=c.score) for c in sorted(kept, key=lambda c: c.fact.start)]


def decide_companies(candidates: list[Candidate], cut: float,
                     named_by_facts: set[str]) -> dict[str, float]:
    """Company name -> confidence, for companies over the threshold or named by a fact."""
    return {c.key[0]: c.score for c in candidates
            if c.score >= cut or c.key[0] in named_by_facts}


def named_companies(facts: list[Any]) -> set[str]:
    names: set[str] = set()
    for fact in facts:
        if isinstance(fact, Deal):
            names.update(fact.parties)
        elif getattr(fact, "company", None):
            names.add(fact.company)
    return names
