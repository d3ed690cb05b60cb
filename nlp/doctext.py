"""Per-text caches: spaCy rebuilds Doc.text and Doc.ents on every access (O(length) each)."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Span

from nlp.gazetteer import LEGAL_SUFFIXES

POSSESSIVE = ("'s", "’s")


def overlaps(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    """Whether the characters [start, end) share one with any of the (start, end) spans."""
    return any(a < end and start < b for a, b in spans)


def doc_text(doc: Doc) -> str:
    """doc.text, built once per document."""
    text = doc.user_data.get("rivalscope_text")
    if text is None:
        text = doc.user_data["rivalscope_text"] = doc.text
    return text


def doc_ents(doc: Doc) -> tuple[Span, ...]:
    """doc.ents, read once per document (after the NER; our components add none), with
    organisations the model cut in two joined again."""
    ents = doc.user_data.get("rivalscope_ents")
    if ents is None:
        ents = doc.user_data["rivalscope_ents"] = tuple(_joined_orgs(doc, doc.ents))
    return ents


def _joined_orgs(doc: Doc, ents: tuple[Span, ...]) -> list[Span]:
    """"GateHouse" + "Media" tagged as two ORGs one space apart are one "GateHouse Media";
    names the gazetteer matched (with an ent_id) stay as they are, and so does an owner
    before the thing of its ("Kappa's" + "Orion Fleet")."""
    joined: list[Span] = []
    for ent in ents:
        last = joined[-1] if joined else None
        if (last is not None and ent.label_ == last.label_ == "ORG"
                and not ent.ent_id_ and not last.ent_id_ and ent.start == last.end
                and doc[last.end - 1].whitespace_ == " "
                and doc[last.end - 1].text not in POSSESSIVE):
            joined[-1] = Span(doc, last.start, ent.end, label="ORG")
        else:
            joined.append(ent)
    return [part for ent in joined for part in _listed_orgs(doc, ent)]


def _listed_orgs(doc: Doc, ent: Span) -> list[Span]:
    """"Kappa Chem, Beta, Gamma" tagged as one ORG is three: an organisation split at its
    commas when every part starts with a capital. A legal form after a comma ("Kappa
    Rentals, Inc.") stays with the name before it."""
    if ent.label_ != "ORG" or ent.ent_id_ or not any(t.text == "," for t in ent):
        return [ent]
    parts, start = [], ent.start
    for token in [*ent, None]:
        if token is None or token.text == "," or token.lower_ in ("and", "&"):
            end = ent.end if token is None else token.i
            if end > start and parts and _legal_form(doc[start:end]):
                parts[-1] = Span(doc, parts[-1].start, end, label="ORG")
            elif end > start:
                parts.append(Span(doc, start, end, label="ORG"))
            start = end + 1
    if len(parts) < 2 or not all(p[0].text[:1].isupper() for p in parts):
        return [ent]
    return parts


def _legal_form(words: Span) -> bool:
    """"Inc.", "Co. Ltd": words that only give a company's legal form."""
    return all(t.lower_.rstrip(".") in LEGAL_SUFFIXES or t.text == "." for t in words)


def sentence_ents(doc: Doc, start: int, end: int) -> list[Span]:
    """The entities that start between two character offsets."""
    return [e for e in doc_ents(doc) if start <= e.start_char < end]
