"""Who gets a profile (PDFs, a catalogue entry, `rivalscope companies`): the one rule.

A company gets a profile when
(a) it is a known company (from the gazetteer: it has a kind) or an organisation the
    pipeline is confident about (its best mention's confidence reaches nlp's profile
    threshold for companies; mentions stored before confidences existed count as confident),
(b) and (c) it is named in relevant articles (relevance at least the settings' threshold)
    of at least CORROBORATING_SOURCES independent sources (publishers; syndicated copies
    count once).
Counting only the publishers of relevant articles joins (b) and (c): a fleet company also
covered by general news keeps its profile, while a word, a person or a product that general
news names gets none however often it is named. The thresholds come from the application
(reports does not import nlp or the settings); store.eligibility counts.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

import store
from reports.trust import CORROBORATING_SOURCES

# Without the application's thresholds: every organisation counts as confident and an
# article as relevant from an even chance.
DEFAULT_RELEVANCE = 0.5


@dataclass(frozen=True)
class ProfileRule:
    """The thresholds of the rule (see the module docstring)."""

    company_confidence: float | None = None  # nlp's profile threshold for companies
    relevance: float = DEFAULT_RELEVANCE  # an article is relevant from this score
    sources: int = CORROBORATING_SOURCES  # independent sources of relevant articles


def why_not(standing: Mapping[str, Any], rule: ProfileRule) -> str | None:
    """Why a company (a row of store.company_standings) gets no profile, else None."""
    confidence = standing.get("confidence")
    known = bool(standing.get("kind"))
    if not known and confidence is not None and rule.company_confidence is not None \
            and confidence < rule.company_confidence:
        return f"low confidence ({confidence:.2f} < {rule.company_confidence:.2f})"
    if standing["sources"] < rule.sources:
        return _count(standing["sources"], "source")
    if standing["relevant_sources"] == 0:
        return "not relevant"
    if standing["relevant_sources"] < rule.sources:
        return _count(standing["relevant_sources"], "relevant source")
    return None


def standings(db: Database, rule: ProfileRule,
              company_id: str | None = None) -> list[dict[str, Any]]:
    """Every mentioned company (or only company_id) with "reason": why it gets no profile,
    None when it gets one."""
    rows = store.company_standings(db, rule.relevance, company_id)
    for row in rows:
        row["reason"] = why_not(row, rule)
    return rows


def profiled(db: Database, rule: ProfileRule) -> list[dict[str, Any]]:
    """The companies that get a profile, most relevant sources first."""
    return [row for row in standings(db, rule) if row["reason"] is None]


def is_profiled(db: Database, company_id: str, rule: ProfileRule) -> bool:
    """Whether this one company gets a profile."""
    return any(row["reason"] is None for row in standings(db, rule, company_id))


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' * (n != 1)}"
