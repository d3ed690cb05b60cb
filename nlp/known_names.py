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

from spacy.tokens import Span, Token
from spacy.util import filter_spans, registry

from nlp.companies import SUBSIDIARY_AFTER
from nlp.company_forms import COMPANY_TAILS
from nlp.doctext import doc_text
from nlp.gazetteer import LEGAL_SUFFIXES

# Words a longer name may add to a known one and still be that company.
DRESSING = COMPANY_TAILS | set(LEGAL_SUFFIXES) | {"the", ".", "&"}
# "Kappa and Beta" is two names; "Kappa's Midwest Regional" is something of Kappa's.
NOT_ONE_NAME = {"and", "or", "with", "to", "for", "from", "by", "at", "in", "on", "as", "'s",
                "’s"}
# A stock ticker after a name ("Kappa KAPG.DE", "Kappa KAPn"): no part of it.
TICKER = re.compile(r"^[A-Z0-9]{2,6}(?:[._][A-Za-z]{1,3}|[a-z]{1,2})$")


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
    rest = [part for e in existing if e not in longer
            if (part := _untaken_part(e, taken)) is not None]
    return sorted([*chosen, *rest], key=lambda span: span.start)


def _within(inner: Span, outer: Span) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end


def _untaken_part(ent: Span, taken: set[int]) -> Span | None:
    """The entity, or what of it follows a known name inside it after a comma or an "and"
    ("Kappa, Jo Roe" tagged as one organisation keeps "Jo Roe"; "Kappa's Apollo" is a
    thing of Kappa's and keeps nothing), if that still holds a capitalised word."""
    if not any(i in taken for i in range(ent.start, ent.end)):
        return ent
    start = max(i for i in range(ent.start, ent.end) if i in taken) + 1
    doc = ent.doc
    if start >= ent.end or doc[start].lower_ not in (",", "and", "&"):
        return None
    while start < ent.end and not doc[start].text[:1].isupper():
        start += 1  # "and", "'s", ","
    if all(t.lower_.rstrip(".") in DRESSING or not t.text[:1].isupper()
           for t in doc[start:ent.end]):
        return None  # nothing but "Group", "Co."
    return Span(doc, start, ent.end, label=ent.label_)


@registry.misc("rivalscope.known_names_first.v1")
def make_known_names_first() -> object:
    return known_names_first
