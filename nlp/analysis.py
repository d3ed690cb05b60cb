"""analyze(text) -> Analysis: the facts of one text, in the documented JSON shape."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from typing import Any

from spacy.tokens import Doc

from nlp.facts import Deal, FleetFigure, Person
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


# Wire-service markup: "Acme Plc <ACME.L>" (a ticker) and "said <Beta Motors Ltd> had..."
# (a company not listed). The parser reads "<ACME.L>" as a word of the sentence.
# A share class in lower case rides on the code ("<KAPG_p.DE>", "<KAPGn.DE>").
TICKER = re.compile(r"<[A-Z0-9][A-Z0-9.&/-]{0,11}>|<[A-Z0-9]{1,8}_?[a-z]{1,2}(?:\.[A-Z]{1,3})?>")
BRACKETED_NAME = re.compile(r"<([A-Z][^<>\n]{1,80})>")


def clean_text(text: str) -> tuple[str, bool]:
    """Control characters and ticker markup become spaces (offsets are kept); over-long text
    is cut."""
    text = without_markup(CONTROL.sub(" ", text))
    return text[:MAX_CHARS], len(text) > MAX_CHARS


def without_markup(text: str) -> str:
    """"Acme Plc <ACME.L> said <Beta Ltd> had..." -> "Acme Plc          said  Beta Ltd  had..."."""
    if "<" not in text:
        return text
    text = TICKER.sub(lambda m: " " * len(m.group(0)), text)
    return BRACKETED_NAME.sub(lambda m: f" {m.group(1)} ", text)


def _markup_restored(analysis: Analysis, read: str, original: str) -> Analysis:
    """Evidence sentences as the text has them, ticker markup included."""
    for fact in [*analysis.deals, *analysis.fleet_figures, *analysis.people]:
        if read[fact.start:fact.end].strip() == fact.evidence:
            fact.evidence = original[fact.start:fact.end].strip()
    return analysis


def analysis_of(doc: Doc, truncated: bool = False) -> Analysis:
    """The Analysis the pipeline's last component left on the Doc."""
    data = doc._.analysis or {}
    return Analysis(
        companies=data.get("companies", []),
        deals=[Deal(**d) for d in data.get("deals", [])],
        fleet_figures=[FleetFigure(**f) for f in data.get("fleet_figures", [])],
        people=[Person(**p) for p in data.get("people", [])],
        truncated=truncated,
    )


def analyze(text: str, rules_only: bool = False) -> Analysis:
    """The companies, deals, fleet figures and people of one text."""
    return next(analyze_many([text], rules_only=rules_only))


def analyze_many(texts: Iterable[str], n_process: int = 1, batch_size: int = 16,
                 rules_only: bool = False) -> Iterator[Analysis]:
    """Analyses in input order; n_process > 1 spreads the work over processes.

    rules_only=True gives the rule components' facts unscored (the candidates they propose
    to the scorer), for testing and comparing them.
    """
    texts = [t or "" for t in texts]
    cleaned = [clean_text(t) for t in texts]
    if not cleaned:
        return
    if rules_only and n_process > 1:
        raise ValueError("rules_only analyses run in one process")
    nlp = load_pipeline(collect=rules_only)
    docs = nlp.pipe((t for t, _ in cleaned), n_process=n_process, batch_size=batch_size)
    for doc, text, (read, truncated) in zip(docs, texts, cleaned, strict=True):
        analysis = analysis_of(doc, truncated)
        if "<" in text:
            analysis = _markup_restored(analysis, read, CONTROL.sub(" ", text)[:MAX_CHARS])
        yield analysis
