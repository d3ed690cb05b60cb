"""The data of one company profile (what the templates receive)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Footnote:
    number: int
    title: str
    publisher: str | None
    date: str | None
    url: str | None
    quote: str


@dataclass
class DealRow:
    id: str
    type: str
    status: str
    date: str | None
    counterparties: list[str]
    roles: dict[str, str]
    value: str | None
    quantity: str | None
    history: list[tuple[str | None, str]]
    notes: list[int]
    confidence: float | None = None
    sources: int = 1
    label: str = ""  # how reports name its type (nlp's registry, through the store)
    plural: str = ""

    def __post_init__(self) -> None:
        # A row built without the registry's words names its type by the type's own words.
        self.label = self.label or self.type.replace("_", " ")
        self.plural = self.plural or f"{self.label}s"

    def shown_role(self, name: str) -> str | None:
        """A counterparty's role worth naming ("target", "customer"); a partner is none."""
        role = self.roles.get(name)
        return role if role and role != "partner" else None

    def relation_to(self, name: str) -> str:
        """What this deal makes a counterparty: "acquisition (target)", "partnership"."""
        role = self.shown_role(name)
        return f"{self.label} ({role})" if role else self.label


@dataclass
class FleetRow:
    count: int
    unit: str
    context: str
    scope: str
    approximate: bool
    as_of: str | None
    note: int
    superseded: bool = False
    conflict: bool = False
    confidence: float | None = None
    sources: int = 1


@dataclass
class PersonRow:
    name: str
    role: str | None
    note: int
    confidence: float | None = None
    sources: int = 1


@dataclass
class UnconfirmedRow:
    """A fact neither confident enough nor corroborated: the appendix of the full edition."""

    kind: str  # deal | fleet | person
    fact: str  # the fact in words ("supply deal with Voltaro Motors (announced)")
    date: str | None
    confidence: float | None
    sources: int
    notes: list[int]


@dataclass
class ContradictionRow:
    """Two reports of one fact that disagree, shown side by side with their sources."""

    kind: str  # fleet | deal
    subject: str  # what they disagree on ("vans operated, total, as of 2026-03-01")
    first: str
    first_note: int
    second: str
    second_note: int


@dataclass
class NewsRow:
    title: str
    date: str | None
    publisher: str | None
    url: str | None


@dataclass
class RelatedRow:
    """A partner, counterparty or company often in the same articles."""

    name: str
    together: int  # articles that mention both companies
    deals: list[str]  # "acquisition (target)", one per deal between the two


@dataclass
class Overview:
    id: str
    name: str
    kind: str | None
    country: str | None
    parent: str | None
    aliases: list[str]
    subsidiaries: list[str]


@dataclass
class Profile:
    """Everything one edition shows. The sample edition is a reduced Profile, not a mask."""

    edition: str
    overview: Overview
    data_until: str | None
    summary: list[str]
    people: list[PersonRow]
    deals: list[DealRow]
    fleet: list[FleetRow]
    news: list[NewsRow]
    related: list[RelatedRow]
    mentions_by_month: list[tuple[str, int]]
    footnotes: list[Footnote]
    totals: dict[str, int] = field(default_factory=dict)
    changes: list[str] = field(default_factory=list)
    unconfirmed: list[UnconfirmedRow] = field(default_factory=list)
    contradictions: list[ContradictionRow] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def data_hash(self) -> str:
        """A hash of what the edition shows: same hash, same PDF (no need to render again)."""
        payload = json.dumps(self.to_dict(), sort_keys=True, default=str)
        return hashlib.sha256(payload.encode()).hexdigest()
