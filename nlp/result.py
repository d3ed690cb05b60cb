"""The last component: the facts as plain JSON data, so that Docs can cross processes.

spaCy sends Docs back from `nlp.pipe(n_process=2)` workers with msgpack, which takes plain
data only: the dataclasses and Span caches of the other components are dropped here.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from nlp.companies import PERSON_VETOES_KEY
from nlp.company_cues import PERSON_WORDS_KEY
from nlp.company_forms import short_form
from nlp.facts import CompanyMention
from nlp.fleet import FLEET_OWNERS_KEY
from nlp.gazetteer import load_gazetteer
from nlp.people import NAMES_TAKEN_FOR_COMPANIES, PERSON_PATTERNS

CACHE_KEYS = ("rivalscope_text", "rivalscope_ents", "rivalscope_person_words",
              "rivalscope_mention_starts", "rivalscope_company_confidence",
              "rivalscope_company_standing", "rivalscope_role_names", FLEET_OWNERS_KEY,
              PERSON_PATTERNS, NAMES_TAKEN_FOR_COMPANIES, PERSON_WORDS_KEY, PERSON_VETOES_KEY)


def companies_of(doc: Doc, mentions: list[CompanyMention],
                 confidence: dict[str, float]) -> list[dict[str, Any]]:
    """One entry per canonical company the scorer kept (confidence holds them), most
    mentioned first, each mention with its sentence."""
    grouped: dict[str, dict[str, Any]] = {}
    for m in mentions:
        if m.name not in confidence:
            continue
        entry = grouped.setdefault(m.name, {
            "name": m.name, "mentions": 0, "aliases": [], "kind": m.kind,
            "country": m.country, "parent": m.parent, "confidence": confidence[m.name],
            # Known companies are never merged by the form of their name: Ford is not Ford Credit.
            "short_form": None if m.known else short_form(m.name), "spans": []})
        entry["mentions"] += 1
        if m.text != m.name and m.text not in entry["aliases"]:
            entry["aliases"].append(m.text)
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        sentence = span.sent.text.strip() if span is not None else m.text
        entry["spans"].append({"start": m.start, "end": m.end, "text": m.text,
                               "sentence": sentence})
    return sorted(grouped.values(), key=lambda c: -c["mentions"])


def names_at_the_time(mentions: list[CompanyMention]) -> dict[str, str]:
    """Canonical name -> the former name the text calls it by, for companies that the text
    names only by a name they had before a rebrand ("ALD Automotive" for Ayvens): facts
    then name the company as it was named when they happened; the companies entry keeps
    the current name, with the former one among its aliases."""
    gazetteer = load_gazetteer()
    surfaces: dict[str, set[str]] = {}
    for m in mentions:
        surfaces.setdefault(m.name, set()).add(m.text)
    return {name: max(sorted(texts), key=len) for name, texts in surfaces.items()
            if all(gazetteer.former_name(name, text) for text in texts)}


def renamed(facts: list[dict[str, Any]], names: dict[str, str]) -> list[dict[str, Any]]:
    for fact in facts:
        if fact.get("company") in names:
            fact["company"] = names[fact["company"]]
        if "parties" in fact:
            fact["parties"] = [names.get(p, p) for p in fact["parties"]]
            fact["roles"] = {names.get(p, p): role for p, role in fact["roles"].items()}
    return facts


@Language.component("rivalscope_result")
def result(doc: Doc) -> Doc:
    mentions = doc._.company_mentions or []
    names = names_at_the_time(mentions)
    doc.user_data["rivalscope_former_names"] = names  # the trainer renames as we do
    doc._.analysis = {
        "companies": companies_of(doc, mentions,
                                  doc.user_data.get("rivalscope_company_confidence") or {}),
        "deals": renamed([asdict(d) for d in doc._.deals or []], names),
        "fleet_figures": renamed([asdict(f) for f in doc._.fleet_figures or []], names),
        "people": renamed([asdict(p) for p in doc._.people or []], names),
    }
    for name in ("company_mentions", "deals", "fleet_figures", "people"):
        setattr(doc._, name, None)
    for key in CACHE_KEYS:
        doc.user_data.pop(key, None)
    return doc
