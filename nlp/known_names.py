"""The gazetteer's names as entities, placed after the model's own.

A known name wins over what the model made of the same words ("Rivian" tagged as a person),
except where the model found a longer organisation name around it: "Fiat Chrysler
Automobiles" is not Fiat and Chrysler, "Amazon India" is not Amazon, "Volkswagen Group of
America" is not Volkswagen. Words that only dress a company's own name ("Kappa Group",
"Kappa Motor Co") leave the known company in place, and so do the words that make a
subsidiary of it ("Kappa Ventures", see nlp.companies).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans, registry

from nlp.companies import NOT_A_COMPANY, SUBSIDIARY_AFTER
from nlp.company_forms import COMPANY_TAILS, TICKER  # a ticker after a name is no part of it
from nlp.doctext import POSSESSIVE, doc_text
from nlp.gazetteer import LEGAL_SUFFIXES, load_gazetteer

# Words a longer name may add to a known one and still be that company.
DRESSING = COMPANY_TAILS | set(LEGAL_SUFFIXES) | {"the", ".", "&"}
# "Kappa and Beta" is two names; "Kappa's Midwest Regional" is something of Kappa's.
NOT_ONE_NAME = {"and", "or", "with", "to", "for", "from", "by", "at", "in", "on", "as", "'s",
                "’s"}
# Words that join two names in one entity ("Kappa, Jo Roe", "Jo Roe and Kappa").
JOINERS = {",", "and", "&"}
# Owners of a possessive that are places ("Germany's Kappa") even where the model tagged the
# whole as one organisation: the largest car markets and regions.
PLACES = {"America", "U.S.", "US", "UK", "Britain", "England", "Europe", "Asia", "Africa",
          "China", "Japan", "Korea", "South Korea", "India", "Germany", "France", "Italy",
          "Spain", "Sweden", "Norway", "Denmark", "Finland", "Netherlands", "Belgium",
          "Switzerland", "Austria", "Poland", "Russia", "Turkey", "Canada", "Mexico", "Brazil",
          "Australia", "Taiwan", "Vietnam", "Indonesia", "Malaysia", "Singapore", "Thailand",
          "Israel", "Dubai", "Abu Dhabi", "Saudi Arabia", "California", "Texas", "Michigan",
          "Detroit", "London", "Paris", "Berlin", "Beijing", "Shanghai", "Tokyo", "Seoul"}
# Company words in the plural ("Kappa Airlines"): no product whatever the text says.
PLURAL_NAME_WORDS = COMPANY_TAILS | {
    "airlines", "airways", "industries", "partners", "networks", "brothers", "enterprises",
    "communications", "resources", "products", "materials", "electronics", "dynamics",
    "robotics", "semiconductors", "investors", "ventures", "capital", "buses", "trucks",
    "coaches", "tyres", "tires", "parts", "metals", "chemicals", "pharmaceuticals", "works"}
# "DETROIT (AP) —", "TOKYO, Agency –", "LONDON, Sept. 26, 2019 (WIRE) --": the place and the
# source a story opens with.
DATELINE = re.compile(r"(?:[A-Z]{4,}|[A-Z]{2,3} [A-Z]{3,})[A-Z.’' ]{0,30}"
                      r"(?:,[^\n—–()]{0,40}?)?\s*(?:\([^)\n]{1,40}\)\s*)?(?:[—–]|--?)\s")


def is_longer_name(org: Span, known: Span) -> bool:
    """Whether the model's organisation org is a longer name that holds the known name."""
    if org.label_ != "ORG" or not _within(known, org) or len(org) == len(known):
        return False
    if any(_splits(t) for t in org[:-1]):  # a trailing "and" is the model's slip
        return False
    if known.start == org.start and SUBSIDIARY_AFTER.match(
            doc_text(org.doc)[known.end_char:org.end_char]):
        return False  # "Kappa Ventures": the linker makes it Kappa's subsidiary
    extra = [t for t in org if not known.start <= t.i < known.end and not _splits(t)]
    return any(t.text[:1].isupper() and t.lower_.rstrip(".") not in DRESSING
               and not TICKER.match(t.text) for t in extra)


def _splits(token: Token) -> bool:
    """A word or sign that stands between two names, not inside one."""
    return token.lower_ in NOT_ONE_NAME or token.is_punct and token.text not in "&.-"


def _one_name(org: Span, held: list[Span]) -> bool:
    """Whether the known names inside org belong to one name: not "Kappa of Beta Fleet"
    (the takeover by one of the other) or "Kappa & Beta", and each is part of a longer
    name."""
    for first, second in zip(held, held[1:], strict=False):
        if any(t.lower_ in ("of", "&") for t in org.doc[first.end:second.start]):
            return False
    return all(is_longer_name(org, k) for k in held)


def known_names_first(existing: Iterable[Span], known: Iterable[Span]) -> list[Span]:
    """The entities of a text: gazetteer matches, the model's longer names holding them,
    then the model's other entities where neither lies."""
    existing, known = list(existing), sorted(known, key=lambda span: span.start)
    starts = [k.start for k in known]

    def inside(org: Span) -> list[Span]:
        first = bisect_left(starts, org.start)
        return [k for k in known[first:bisect_left(starts, org.end)] if _within(k, org)]

    longer = [e for e in existing if e.label_ == "ORG" and (held := inside(e))
              and _one_name(e, held)]
    # every known name inside a longer one is part of it (_one_name): the longer one stands
    chosen = filter_spans([*longer, *(k for k in known
                                      if not any(_within(k, e) for e in longer))])
    taken = {i for span in chosen for i in range(span.start, span.end)}
    rest = [part for e in existing if e not in longer for part in _untaken_parts(e, taken)]
    if rest:
        context = _Context(rest[0].doc, existing)
        rest = [name for part in rest for name in _names_of(part, context)]
    return sorted([*chosen, *rest], key=lambda span: span.start)


def _within(inner: Span, outer: Span) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end


def _untaken_parts(ent: Span, taken: set[int]) -> list[Span]:
    """The entity, or what of it lies beside a known name inside it across a comma or an
    "and" ("Kappa, Jo Roe" tagged as one organisation keeps "Jo Roe", "Jo Roe and Kappa"
    keeps "Jo Roe"; "Kappa's Apollo" is a thing of Kappa's and keeps nothing), where that
    still holds a capitalised word."""
    inside = [i for i in range(ent.start, ent.end) if i in taken]
    if not inside:
        return [ent]
    doc = ent.doc
    parts = []
    after = max(inside) + 1
    if after < ent.end and doc[after].lower_ in JOINERS:
        parts.append(_trimmed(doc, after, ent.end, ent.label_))
    before = min(inside)
    if before > ent.start and doc[before - 1].lower_ in JOINERS:
        parts.append(_trimmed(doc, ent.start, before, ent.label_))
    return [part for part in parts if part is not None]


def _trimmed(doc: Doc, start: int, end: int, label: str) -> Span | None:
    """doc[start:end] without the joiners at either end, if it names something more than
    "Group" or "Co."."""
    while start < end and not doc[start].text[:1].isupper():
        start += 1  # "and", "'s", ","
    while end > start and (doc[end - 1].lower_ in JOINERS or doc[end - 1].is_space):
        end -= 1
    if all(t.lower_.rstrip(".") in DRESSING or not t.text[:1].isupper()
           for t in doc[start:end]):
        return None
    return Span(doc, start, end, label=label)


def _names_of(ent: Span, context: _Context) -> list[Span]:
    """An organisation the gazetteer does not know, cut where it is no one name, as the
    known names are (is_longer_name): "Lyon: Kappa" is Kappa after a dateline, "Kappa
    KAPG.DE" Kappa before its ticker; "Kappa and Beta" two names, and "Kappa & Beta" where
    the text names either alone; in "Kappa's Apollo" the owner is the organisation and
    Apollo a thing of its, unless the owner is a person or a place ("Jo Roe's Kappa",
    "Norway's Kappa"), whose organisation it is. "Bolts" beside "Bolt" is a product."""
    if ent.label_ != "ORG" or ent.ent_id_:
        return [ent]
    doc = ent.doc
    if context.in_dateline(ent):
        return []  # "DETROIT (AP) —"
    if len(ent) == 1:
        return [] if TICKER.match(ent.text) else [context.product_or_name(ent)]
    lines = [t.i + 1 for t in ent[:-1] if "\n" in t.whitespace_ or "\n" in t.text]
    if lines:  # "Free Press\n\nKappa": a name never runs over a line
        bounds = [ent.start, *lines, ent.end]
        parts = [_trimmed(doc, a, b, "ORG") for a, b in zip(bounds, bounds[1:], strict=False)]
        return [n for p in parts if p is not None for n in _names_of(p, context)]
    colon = next((t.i for t in ent[:-1] if t.text == ":"), None)
    if colon is not None:  # a dateline or a label: "Lyon: Kappa", "Update: Kappa"
        rest = _trimmed(doc, colon + 1, ent.end, "ORG")
        return [] if rest is None else _names_of(rest, context)
    if ent[-1].lower_ in POSSESSIVE:  # "Kappa's" before the thing of its: Kappa
        return _names_of(Span(doc, ent.start, ent.end - 1, label="ORG"), context)
    if TICKER.match(ent[-1].text):  # "Kappa KAPG.DE"
        return _names_of(Span(doc, ent.start, ent.end - 1, label="ORG"), context)
    owner = next((t.i for t in ent[1:-1] if t.lower_ in POSSESSIVE), None)
    if owner is not None:
        head = _trimmed(doc, ent.start, owner, "ORG")
        if head is None:
            return [ent]
        thing = _trimmed(doc, owner + 1, ent.end, "ORG")
        if len(head) > 1 and head[-1].text in context.people:  # "Jo Roe's Kappa", "Roe said"
            return [Span(doc, head.start, head.end, label="PERSON"),
                    *([] if thing is None else _names_of(thing, context))]
        if head.text in PLACES or head.text in context.places - context.named_org:
            # "Norway's Kappa"; a company the model also calls a place is no place
            return [Span(doc, head.start, head.end, label="GPE"),
                    *([] if thing is None else _names_of(thing, context))]
        return _names_of(head, context)
    cuts = [t.i for t in ent[1:-1] if t.lower_ in ("and", "&")]
    if not cuts or NOT_A_COMPANY.search(ent.text) or load_gazetteer().is_not_actor(ent.text):
        return [context.product_or_name(ent)]  # "Securities and Exchange Commission"
    bounds = [ent.start, *cuts, ent.end]
    parts = [_trimmed(doc, a if a == ent.start else a + 1, b, "ORG")
             for a, b in zip(bounds, bounds[1:], strict=False)]
    if any(p is None or not p[0].text[:1].isupper() or
           len(p) == 1 and p[0].lower_.rstrip(".") in DRESSING | PLURAL_NAME_WORDS
           for p in parts):
        return [ent]  # "Kappa Bus and Parts", "Kappa and Co."
    if all(doc[i].text == "&" for i in cuts) and not any(p.text in context.named
                                                         for p in parts):
        return [ent]  # "Kappa & Beta" may be one firm's name: only split what the text splits
    if parts[-1][-1].lower_.rstrip(".") in LEGAL_SUFFIXES and not any(
            t.lower_.rstrip(".") in LEGAL_SUFFIXES for p in parts[:-1] for t in p):
        return [ent]  # "Kappa Tire and Rubber Co."
    return [n for p in parts if p is not None for n in _names_of(p, context)]


class _Context:
    """What the text says elsewhere about the words of an organisation's name."""

    def __init__(self, doc: Doc, existing: list[Span]) -> None:
        self.doc = doc
        self.people = {w for e in existing if e.label_ == "PERSON" for w in e.text.split()}
        self.places = {e.text for e in existing if e.label_ in ("GPE", "LOC", "NORP")}
        self.named = {e.text for e in existing}
        self.named_org = {e.text for e in existing if e.label_ == "ORG"}

    def in_dateline(self, ent: Span) -> bool:
        text = doc_text(self.doc)
        line = text.rfind("\n", 0, ent.start_char) + 1
        if ent.start_char - line > 40 or not text[line:line + 4].isupper():
            return False
        dateline = DATELINE.match(text, line, line + 80)
        return dateline is not None and ent.end_char <= dateline.end()

    def product_or_name(self, ent: Span) -> Span:
        """"Bolts" or "Kappa Bolts" where the text also says "Bolt": a product in the plural,
        no company ("Kappa Motors" beside "Motor" stays: a company word)."""
        word = ent[-1].text
        if len(word) < 4 or not word.endswith("s") or word.endswith("ss") or \
                not word[:1].isupper() or word.lower() in PLURAL_NAME_WORDS:
            return ent
        if re.search(rf"\b{re.escape(word[:-1])}\b(?![’'\w])", doc_text(self.doc)):
            return Span(self.doc, ent.start, ent.end, label="PRODUCT")
        return ent


@registry.misc("rivalscope.known_names_first.v1")
def make_known_names_first() -> object:
    return known_names_first
