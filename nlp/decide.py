"""From scored candidates to facts: one fact per identity, the best reading of each."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from nlp.candidates import Candidate
from nlp.facts import Deal, FleetFigure, Person


def best_by_key(candidates: list[Candidate]) -> list[Candidate]:
    """The highest-scoring candidate of each identity (rule candidates win ties)."""
    best: dict[tuple, Candidate] = {}
    for c in candidates:
        other = best.get(c.key)
        if other is None or (c.score, c.rule) > (other.score, other.rule):
            best[c.key] = c
    return list(best.values())


def decide_deals(candidates: list[Candidate], cut: float) -> list[Deal]:
    """Deals over the threshold; one type per set of parties (the best scored)."""
    chosen: dict[frozenset, Candidate] = {}
    for c in best_by_key(candidates):
        if c.score < cut:
            continue
        parties = c.key[1]
        if parties not in chosen or c.score > chosen[parties].score:
            chosen[parties] = c
    deals = []
    for c in sorted(chosen.values(), key=lambda c: (c.fact.start, -c.score)):
        deal: Deal = c.fact
        deals.append(replace(deal, confidence=c.score))
    return deals


def decide_fleet(candidates: list[Candidate], cut: float) -> list[FleetFigure]:
    """Fleet figures over the threshold; a count goes to its best-scored owner."""
    chosen: dict[int, Candidate] = {}
    for c in best_by_key(candidates):
        if c.score < cut:
            continue
        count = c.key[1]
        if count not in chosen or c.score > chosen[count].score:
            chosen[count] = c
    return [replace(c.fact, confidence=c.score)
            for c in sorted(chosen.values(), key=lambda c: c.fact.start)]


def decide_people(candidates: list[Candidate], cut: float) -> list[Person]:
    """People over the threshold; a person goes to their best-scored company."""
    chosen: dict[str, Candidate] = {}
    for c in best_by_key(candidates):
        if c.score < cut:
            continue
        name = c.key[0]
        if name not in chosen or c.score > chosen[name].score:
            chosen[name] = c
    return [replace(c.fact, confidence=c.score)
            for c in sorted(chosen.values(), key=lambda c: c.fact.start)]


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
