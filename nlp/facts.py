"""The facts the components find, as plain dataclasses (picklable for nlp.pipe workers)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class CompanyMention:
    name: str  # canonical company name
    text: str
    start: int
    end: int
    sent_start: int
    kind: str | None = None
    country: str | None = None
    parent: str | None = None
    known: bool = False


@dataclass
class Deal:
    type: str
    status: str
    parties: list[str]
    roles: dict[str, str]
    evidence: str
    start: int
    end: int
    date: str | None = None
    value: dict | None = None
    quantity: dict | None = None
    confidence: float = 0.0  # the trained scorer's calibrated probability


@dataclass
class FleetFigure:
    company: str
    count: int
    unit: str
    approximate: bool
    qualifier: str | None
    context: str
    scope: str
    evidence: str
    start: int
    end: int
    share: float | None = None  # a segment given as a share of the fleet ("two-thirds of which")
    confidence: float = 0.0


@dataclass
class Person:
    name: str
    role: str | None
    company: str | None
    evidence: str
    start: int
    end: int
    confidence: float = 0.0


@dataclass
class SentenceCompanies:
    """The company mentions of one sentence, in order."""

    start: int
    end: int
    mentions: list[CompanyMention] = field(default_factory=list)
