"""The gazetteer's names as entities, placed after the model's own.

A known name wins over what the model made of the same words ("Rivian" tagged as a person),
except where the model found a longer organisation name around it: "Fiat Chrysler
Automobiles" is not Fiat and Chrysler, "Amazon India" is not Amazon, "Volkswagen Group of
America" is not Volkswagen. Words that only dress a company's own name ("Kappa Group",
"Kappa Motor Co") leave the known company in place.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Span
from spacy.util import filter_spans, registry

from nlp.company_forms import COMPANY_TAILS
from nlp.gazetteer import LEGAL_SUFFIXES

# Words a longer name may add to a known one and still be that company.
DRESSING = COMPANY_TAILS | set(LEGAL_SUFFIXES) | {"the", ".", "&"}
# "Kappa and Beta" is two names; "Kappa's Midwest Regional" is something of Kappa's.
NOT_ONE_NAME = {"and", ",", ";", "or", "with", "'s", "’s", "'", "’"}


def is_longer_name(org: Span, known: Span) -> bool:
    """Whether the model's organisation org is a longer name that holds the known name."""
    if org.label_ != "ORG" or not (org.start <= known.start and known.end <= org.end) or \
            len(org) == len(known):
        return False
    inner = [t for t in org[:-1] if t.lower_ in NOT_ONE_NAME]  # a trailing "and" is a slip
    if inner:
        return False
    extra = [t for t in org if not known.start <= t.i < known.end
             and t.lower_ not in NOT_ONE_NAME]
    return any(t.text[:1].isupper() and t.lower_ not in DRESSING for t in extra)


def known_names_first(existing: Iterable[Span], known: Iterable[Span]) -> list[Span]:
    """The entities of a text: gazetteer matches, the model's longer names holding them,
    then the model's other entities where neither lies."""
    existing, known = list(existing), list(known)
    longer = [e for e in existing if any(is_longer_name(e, k) for k in known)]
    chosen = filter_spans([*longer, *(k for k in known
                                      if not any(is_longer_name(e, k) for e in longer))])
    taken = {i for span in chosen for i in range(span.start, span.end)}
    rest = [e for e in existing if e not in longer
            and not any(i in taken for i in range(e.start, e.end))]
    return sorted([*chosen, *rest], key=lambda span: span.start)


@registry.misc("rivalscope.known_names_first.v1")
def make_known_names_first() -> object:
    return known_names_first
