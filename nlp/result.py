"""The last component: the facts as plain JSON data, so that Docs can cross processes.

spaCy sends Docs back from `nlp.pipe(n_process=2)` workers with msgpack, which takes plain
data only: the dataclasses and Span caches of the other components are dropped here.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from nlp.facts import CompanyMention

CACHE_KEYS = ("rivalscope_text", "rivalscope_ents", "rivalscope_person_words",
              "rivalscope_mention_starts")


def companies_of(doc: Doc, mentions: list[CompanyMention]) -> list[dict[str, Any]]:
    """One entry per canonical company, most mentioned first, each mention with its sentence."""
    grouped: dict[str, dict[str, Any]] = {}
    for m in mentions:
        entry = grouped.setdefault(m.name, {
            "name": m.name, "mentions": 0, "aliases": [], "kind": m.kind,
            "country": m.country, "parent": m.parent, "spans": []})
        entry["mentions"] += 1
        if m.text != m.name and m.text not in entry["aliases"]:
            entry["aliases"].append(m.text)
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        sentence = span.sent.text.strip() if span is not None else m.text
        entry["spans"].append({"start": m.start, "end": m.end, "text": m.text,
                               "sentence": sentence})
    return sorted(grouped.values(), key=lambda c: -c["mentions"])


@Language.component("rivalscope_result")
def result(doc: Doc) -> Doc:
    doc._.analysis = {
        "companies": companies_of(doc, doc._.company_mentions or []),
        "deals": [asdict(d) for d in doc._.deals or []],
        "fleet_figures": [asdict(f) for f in doc._.fleet_figures or []],
        "people": [asdict(p) for p in doc._.people or []],
    }
    for name in ("company_mentions", "deals", "fleet_figures", "people"):
        setattr(doc._, name, None)
    for key in CACHE_KEYS:
        doc.user_data.pop(key, None)
    return doc
