"""Words around a name that say it is a company, whatever the model tagged it.

"Swiss retailer Kappa", "bus operator Kappa", "Kappa, a regional mobility operator": the
model often tags such unknown names as people or places, or not at all. The nouns live in
nlp/data/company_descriptors.json; the names they mark become company candidates for the
trained scorer to judge (the cue alone makes no company).
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Span

from nlp.doctext import doc_text
from nlp.facts import CompanyMention

DATA = Path(__file__).parent / "data" / "company_descriptors.json"
# Entity labels the model gives company names by mistake; ORG needs no cue.
MISTAKEN_LABELS = ("PERSON", "GPE", "NORP", "PRODUCT", "FAC", "WORK_OF_ART", "LOC")
MAX_UNTAGGED_WORDS = 4  # a name the model left untagged: a few capitalised words


@lru_cache(maxsize=1)
def descriptors() -> tuple[frozenset[str], frozenset[str]]:
    """(nouns that always describe a company, nouns that do unless the name is a person's)."""
    data = json.loads(DATA.read_text(encoding="utf-8"))
    return frozenset(data["always"]), frozenset(data["not_person"])


@lru_cache(maxsize=1)
def _all_nouns() -> frozenset[str]:
    return descriptors()[0] | descriptors()[1]


@lru_cache(maxsize=1)
def _apposition() -> re.Pattern[str]:
    nouns = sorted(_all_nouns(), key=len, reverse=True)
    words = "|".join(re.escape(n) for n in nouns)
    return re.compile(rf"^\s*,\s*(?:a|an|the)\s+(?:[\w&-]+\s+){{0,4}}?(?P<noun>{words})s?\b")


def _allowed(noun: str, label: str) -> bool:
    always, not_person = descriptors()
    return noun in always or noun in not_person and label != "PERSON"


def descriptor_before(doc: Doc, start: int) -> str | None:
    """The company noun right before token `start` ("operator" in "bus operator Kappa")."""
    if start == 0:
        return None
    token = doc[start - 1]
    if not token.is_lower or not token.is_alpha and "-" not in token.text or \
            token.pos_ not in ("NOUN", "PROPN"):
        return None
    noun = token.lemma_.lower() if token.lemma_ else token.lower_
    return noun if noun in _all_nouns() else None


# "Kappa's chief executive", "Kappa's shareholders": what only a company has.
OWNED_BY_A_COMPANY = re.compile(
    r"(?:'s|’s)\s+(?:[a-z][\w-]*\s+){0,2}?(?P<noun>chief executive|chief financial officer|"
    r"chief operating officer|ceo|cfo|coo|shareholders|shares|share price|stock price|"
    r"board of directors|subsidiary|subsidiaries|headquarters|market value|"
    r"market capitalisation|market capitalization)\b", re.I)


def company_cue(doc: Doc, ent: Span, text: str) -> str | None:
    """The noun that marks this entity as a company ("retailer", "Kappa's chief
    executive"), else None."""
    noun = descriptor_before(doc, ent.start)
    if noun is None:
        after = text[ent.end_char:ent.end_char + 80]
        match = _apposition().match(after)
        if match is None and (owned := OWNED_BY_A_COMPANY.match(after)):
            return owned.group("noun").lower()  # no descriptor: needs no label check
        noun = match.group("noun") if match else None
    return noun if noun is not None and _allowed(noun, ent.label_) else None


def untagged_names(doc: Doc, taken: list[tuple[int, int]]) -> list[Span]:
    """Capitalised names the model tagged as nothing, right after a company noun
    ("logistics firm Kappa Freight"), as ORG spans."""
    spans = []
    for token in doc:
        if token.i + 1 >= len(doc) or not doc[token.i + 1].text[:1].isupper() or \
                descriptor_before(doc, token.i + 1) is None:
            continue
        end = token.i + 1
        while end < len(doc) and end - token.i <= MAX_UNTAGGED_WORDS and \
                doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper() and \
                not doc[end].ent_type_:
            end += 1
        if end == token.i + 1:
            continue
        span = Span(doc, token.i + 1, end, label="ORG")
        if not any(a < span.end_char and span.start_char < b for a, b in taken):
            spans.append(span)
    return spans


# The nouns of a company's kind ("bus manufacturer", "low-cost carrier"): a name right before
# one, with a company right after it, describes that company ("Falkirk manufacturer Kappa",
# "Budget carrier Kappa"). Nouns of a tie ("Ford supplier Kappa", "VW brand Kappa") name a
# company that may well be a party, so they are left out.
TIE_NOUNS = {"subsidiary", "brand", "supplier", "dealer", "dealership", "distributor",
             "platform", "marketplace", "fund", "bank", "chain"}


# "Kappa and oil company Beta": words that join two names, each with its own kind.
JOINING = ("and", "or", "with", "to", "from", "by", "for", "as", "than", "while", "but")


@lru_cache(maxsize=1)
def _describing() -> re.Pattern[str]:
    kinds = sorted(descriptors()[0] - TIE_NOUNS, key=len, reverse=True)
    # the words between are the kind's own ("Oslo bus operator"), no "and" to a second name
    joining = "|".join(JOINING)
    return re.compile(rf"(?:-[a-z][\w-]*)?(?:\s+(?!(?:{joining})\s)[a-z][\w-]*){{0,3}}?\s+"
                      rf"(?:{'|'.join(map(re.escape, kinds))})\s+(?=[A-Z])")


def describes_next(doc: Doc, mention: CompanyMention, mentions: list[CompanyMention]) -> bool:
    """"Falkirk manufacturer Kappa Coaches", "UK bus operator Kappa": the name before the kind
    noun says where or what the company after it is; it names no party."""
    match = _describing().match(doc_text(doc), mention.end, mention.end + 60)
    return match is not None and any(m.start == match.end() for m in mentions)
