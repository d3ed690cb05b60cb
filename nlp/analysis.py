"""analyze(text) -> Analysis: the facts of one text, in the documented JSON shape."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from typing import Any

from spacy.tokens import Doc

from nlp.facts import CompanyMention, Deal, FleetFigure, Person
from nlp.pipeline import load_pipeline

# Longer texts are cut: news articles are far shorter, and spaCy's parser needs ~1 GB per
# 100,000 characters. The cut is reported in Analysis.truncated.
MAX_CHARS = 200_000
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass
class Analysis:
    companies: list[dict[str, Any]] = field(default_factory=list)
    deals: list[Deal] = field(default_factory=list)
    fleet_figures: list[FleetFigure] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    truncated: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "companies": self.companies,
            "deals": [asdict(d) for d in self.deals],
            "fleet_figures": [asdict(f) for f in self.fleet_figures],
            "people": [asdict(p) for p in self.people],
            **({"truncated": True} if self.truncated else {}),
        }


def clean_text(text: str) -> tuple[str, bool]:
    """Control characters become spaces (offsets are kept); over-long text is cut."""
    text = CONTROL.sub(" ", text)
    return text[:MAX_CHARS], len(text) > MAX_CHARS


def analysis_of(doc: Doc, truncated: bool = False) -> Analysis:
    return Analysis(
        companies=_companies(doc._.company_mentions or []), deals=doc._.deals or [],
        fleet_figures=doc._.fleet_figures or [], people=doc._.people or [],
        truncated=truncated,
    )


def _companies(mentions: list[CompanyMention]) -> list[dict[str, Any]]:
    grouped: dict[str, dict[str, Any]] = {}
    for m in mentions:
        entry = grouped.setdefault(m.name, {
            "name": m.name, "mentions": 0, "aliases": [], "kind": m.kind,
            "country": m.country, "parent": m.parent, "spans": []})
        entry["mentions"] += 1
        if m.text != m.name and m.text not in entry["aliases"]:
            entry["aliases"].append(m.text)
        entry["spans"].append({"start": m.start, "end": m.end, "text": m.text})
    return sorted(grouped.values(), key=lambda c: -c["mentions"])


def analyze(text: str) -> Analysis:
    """The companies, deals, fleet figures and people of one text."""
    return next(analyze_many([text]))


def analyze_many(texts: Iterable[str], n_process: int = 1,
                 batch_size: int = 16) -> Iterator[Analysis]:
    """Analyses in input order; n_process > 1 spreads the work over processes."""
    cleaned = [clean_text(t or "") for t in texts]
    if not cleaned:
        return
    nlp = load_pipeline()
    docs = nlp.pipe((t for t, _ in cleaned), n_process=n_process, batch_size=batch_size)
    for doc, (_, truncated) in zip(docs, cleaned, strict=True):
        analysis = analysis_of(doc, truncated)
        for company in analysis.companies:
            for span in company["spans"]:
                span["sentence"] = doc.char_span(span["start"], span["end"],
                                                 alignment_mode="expand").sent.text.strip()
        yield analysis
