"""Per-text caches: spaCy rebuilds Doc.text and Doc.ents on every access (O(length) each)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span

from nlp.company_forms import COMPANY_WORDS, all_descriptors
from nlp.gazetteer import LEGAL_SUFFIXES
from nlp.posts import POST_ACRONYMS, POST_WORDS, TITLE_WORDS

if TYPE_CHECKING:
    from nlp.facts import CompanyMention

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
        ents = doc.user_data["rivalscope_ents"] = tuple(
            _completed(doc, ent) for ent in _joined_orgs(doc, doc.ents))
    return ents


# A quote's speech verb put first and capitalised ("Said Nora Lisk, head of ...: ..."), which
# the model takes into the name
SPEECH_VERBS_FIRST = frozenset({"said", "says", "added", "adds", "explained", "noted"})
# Labels the model gives a name it cut short of its company word ("Tremont" of "Tremont Cars")
NAME_LABELS = ("ORG", "PERSON", "GPE", "NORP", "PRODUCT", "FAC", "LOC")


def hyphenated_given_name(doc: Doc, i: int) -> bool:
    """Tokens i to i + 2 are one given name the tokenizer split at its hyphen ("Jae-won",
    "Min-jun"): not a place or a name before a participle ("Bremen-based", "Kappa-led")."""
    if i < 0 or i + 2 >= len(doc):
        return False
    first, hyphen, second = doc[i], doc[i + 1], doc[i + 2]
    return hyphen.text == "-" and first.is_title and first.is_alpha and second.is_lower and \
        second.is_alpha and len(second) <= 5 and not second.text.endswith("ed") and \
        second.text not in NOT_GIVEN_NAME_ENDS and not first.whitespace_ and \
        not hyphen.whitespace_


# Words after a name and a hyphen that make no given name ("Oslo-born", "Kappa-run")
NOT_GIVEN_NAME_ENDS = frozenset({"born", "run", "made", "built", "style", "era", "wide",
                                 "size", "owned", "like", "free", "only", "area"})


def _completed(doc: Doc, ent: Span) -> Span:
    """An unknown company's name where the model drew its edges wrong: "Carmaker Holbrook"
    (the descriptor capitalised at the sentence's start) is "Holbrook", "Lumen" + "Freight"
    (ORG) is "Lumen Freight", "Tremont" (GPE) + "Cars" is the company "Tremont Cars"."""
    if ent.ent_id_ or ent.label_ not in NAME_LABELS:
        return ent
    start, end, label = ent.start, ent.end, ent.label_
    while label == "PERSON" and end - start > 2 and doc[start].lower_ in TITLE_WORDS:
        start += 1  # "CFO Maja Berg": the post is no part of the name
    if label == "PERSON" and end - start > 2 and doc[start].is_sent_start and \
            doc[start].lower_ in SPEECH_VERBS_FIRST and \
            any(t.dep_ == "nsubj" and t.head.i == start for t in doc[start + 1:end]):
        start += 1  # the name is the verb's subject: not the given name Said ("Said Al Rashid")
    if label == "ORG" and 3 <= end - start <= 4 and doc[start].text in POST_ACRONYMS and \
            all(t.is_title and t.is_alpha for t in doc[start + 1:end]):
        start += 1  # "co-founder and CTO Ravi Menon" tagged as one organisation: a post
        # before a person's name
    if label == "PERSON" and start >= 3 and hyphenated_given_name(doc, start - 3):
        start -= 3  # "Min-jun Kim" with only "Kim" tagged: the given name is "Min-jun"
    while label == "ORG" and end - start >= 2 and doc[end - 1].is_title and \
            doc[end - 1].lower_ in TITLE_WORDS and end < len(doc) and \
            (doc[end].lower_ in POST_WORDS or doc[end].ent_type_ == "PERSON"):
        end -= 1  # "Kappa Motors Country" + "Manager Jo Roe": the post's first word
    first = doc[start]
    if label == "ORG" and end - start >= 2 and all(t.is_lower for t in ent[1:]) and \
            ent[-1].lower_ in all_descriptors():
        return Span(doc, start, end, label="NORP")  # "Dutch bank" describes a name after it
    if label == "ORG" and end - start >= 2 and first.is_sent_start and first.is_title and \
            first.lower_ in all_descriptors() and doc[start + 1].is_title:
        start += 1
    elif label == "ORG" and start > 0 and first.is_title and \
            (before := doc[start - 1]).is_title and before.pos_ == "PROPN" and \
            not before.ent_type_ and before.dep_ == "compound" and \
            start <= before.head.i < end and before.lower_ not in all_descriptors():
        start -= 1
    elif end - start == 1 and first.lower_ in COMPANY_WORDS and (
            label != "ORG" or first.lower_.rstrip(".") in LEGAL_SUFFIXES):
        # "Orvo Mobility's" with only "Mobility" tagged (a person), "GreenVolt AG" with only
        # "AG": a company word alone is no name; the untagged name words before it are its
        # start (any capitalised word before a legal form: "GreenVolt")
        legal = first.lower_.rstrip(".") in LEGAL_SUFFIXES
        while start > 0 and ((before := doc[start - 1]).is_title or
                             legal and before.text[:1].isupper()) and \
                before.pos_ == "PROPN" and not before.ent_type_ and \
                before.dep_ == "compound" and start <= before.head.i < end:
            start -= 1
        label = "ORG" if start < ent.start else label
    tail = end
    while tail < len(doc) and doc[tail].is_title and not doc[tail].ent_type_ and \
            doc[tail].lower_ in COMPANY_WORDS:
        tail += 1
    if tail > end and not (tail < len(doc) and doc[tail].is_title):  # not "Paris Motor Show"
        end, label = tail, "ORG"
    if (start, end) == (ent.start, ent.end):
        return ent
    return Span(doc, start, end, label=label)


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
                and doc[last.end - 1].text not in POSSESSIVE
                and doc[last.end - 1].lower_ != "and"):  # "Kappa Capital and" + "Beta"
            joined[-1] = Span(doc, last.start, ent.end, label="ORG")
        else:
            joined.append(ent)
    return [person_or_org for ent in joined for part in _listed_orgs(doc, ent)
            for of_split in _person_of_org(doc, part)
            for person_or_org in _post_inside_org(doc, of_split)]


def _post_inside_org(doc: Doc, ent: Span) -> list[Span]:
    """"Kappa Rent spokesperson Ilse Maas" tagged as one organisation is the company, a
    post and the person who holds it."""
    if ent.label_ != "ORG" or ent.ent_id_ or len(ent) < 4:
        return [ent]
    post = next((t.i for t in ent[1:-2] if t.is_lower and t.lower_ in TITLE_WORDS or
                 t.text in POST_ACRONYMS), None)
    if post is None:
        return [ent]
    company, person = doc[ent.start:post], doc[post + 1:ent.end]
    if not 2 <= len(person) <= 3 or not all(t.is_title and t.is_alpha for t in person) or \
            not all(t.text[:1].isupper() for t in company):
        return [ent]
    return [Span(doc, company.start, company.end, label="ORG"),
            Span(doc, person.start, person.end, label="PERSON")]


# Words that begin an institution's name before "of" ("Royal Bank of Canada", "National
# Museum of Transport"): such a name is no person's.
INSTITUTION_WORDS = frozenset({
    "bank", "ministry", "department", "university", "institute", "council", "office", "board",
    "association", "federation", "union", "society", "college", "school", "museum", "city",
    "state", "port", "republic", "kingdom", "league", "house", "chamber", "commission",
    "agency", "authority", "court", "church", "center", "centre", "bureau", "fund",
    "foundation", "academy", "hospital", "county", "province", "region", "government"})


def _person_of_org(doc: Doc, ent: Span) -> list[Span]:
    """"Lena Dahl of Kappa Bus" tagged as one organisation is a person and the company she
    speaks for."""
    if ent.label_ != "ORG" or ent.ent_id_ or len(ent) < 4:
        return [ent]
    of = next((t.i for t in ent if t.lower_ == "of"), None)
    if of is None or not 2 <= of - ent.start <= 3 or of + 1 >= ent.end:
        return [ent]
    name, company = doc[ent.start:of], doc[of + 1:ent.end]
    if not all(t.is_title and t.is_alpha and t.lower_ not in COMPANY_WORDS and
               t.lower_ not in INSTITUTION_WORDS and t.lower_ not in all_descriptors()
               for t in name) or not company[0].text[:1].isupper():
        return [ent]
    return [Span(doc, name.start, name.end, label="PERSON"),
            Span(doc, company.start, company.end, label="ORG")]


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


def names_masked(text: str, offset: int, mentions: list[CompanyMention], mask: str = "X") -> str:
    """text (starting at offset in the document) with each company name blanked out, same
    length: the words of "Fleet Partners", "Pinewood Cars" or "Metro Taxi" are no vehicles,
    no fleet and no trap. A possessive stays ("Kappa Freight's fleet" stays possessed)."""
    for m in mentions:
        start, end = max(m.start - offset, 0), min(m.end - offset, len(text))
        if possessive := re.search(r"(?:'s|’s|'|’)$", text[start:end]):
            end -= len(possessive.group(0))
        if start < end:
            text = text[:start] + mask * (end - start) + text[end:]
    return text
