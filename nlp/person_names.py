"""Names of people the model missed: two or three capitalised words beside a role ("Chief
Executive Jo Roe", "Jo Roe, director of ..."), which it often tags as a company or not at
all. The people rules and the scorer's candidates both read them."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from nlp.companies import APPOINTED_JUST_BEFORE
from nlp.doctext import doc_ents, doc_text, hyphenated_given_name
from nlp.posts import POST_WORDS

# A caption's note after a name: "Jo Roe (pictured), general manager at Acme".
PHOTO_NOTE = re.compile(r"\s*\((?:pictured|left|right|above|below|centre|center|top|inset)\)")


def role_word(token: Token) -> str | None:
    """The role word a token is, plurals as their singular ("co-founders Jo Roe and ...")."""
    if token.lower_ in POST_WORDS:
        return token.lower_
    lemma = token.lemma_.lower()
    return lemma if lemma in POST_WORDS and token.tag_ in ("NNS", "NNPS") else None


MAX_NAME_WORDS = 3  # "Jo Ann Roe"
ROLE_NAMES_KEY = "rivalscope_role_names"  # doc.user_data cache of names_beside_roles


# Last words of a company's name, never of a person's: "chairman of General Motors Company"
# is no "General" before the name "Motors Company"
COMPANY_NAME_ENDS = {"company", "corp", "corporation", "inc", "ltd", "limited", "group", "holdings",
                 "motors", "plc", "llc", "ag", "gmbh"}
HYPHENATED_NAME = re.compile(r"[A-Z][a-z]+-[A-Z][a-z]+")  # "Akin-Laguda"


def _name_word(token: Token) -> bool:
    if token.is_title and token.is_alpha:
        return True
    return "-" in token.text and HYPHENATED_NAME.fullmatch(token.text) is not None


def _name_unit(doc: Doc, i: int) -> int | None:
    """The end of the name word starting at token i, if one does: a capitalised word, or a
    given name the tokenizer split at its hyphen ("Jae-won")."""
    if hyphenated_given_name(doc, i):
        return i + 3
    return i + 1 if _name_word(doc[i]) else None


def tagged_people(doc: Doc) -> list[Span]:
    """The model's PERSON entities of two words or more: names_beside_roles looks beside
    them (its cache holds one answer per text, so every caller passes these)."""
    return [e for e in doc_ents(doc) if e.label_ == "PERSON" and len(e) >= 2]


def names_beside_roles(doc: Doc, people: list[Span]) -> list[Span]:
    """Two or three capitalised words right after a role ("Chief Executive Jo Roe", "head of
    sales, Jo Roe") or before a role in apposition ("Jo Roe, director of ..."), that the
    model did not tag as a person: it often takes "Jo Ford" for the company Ford."""
    cached = doc.user_data.get(ROLE_NAMES_KEY)
    if cached is not None:
        return cached
    taken = {i for e in people for i in range(e.start, e.end)}
    found: list[Span] = []
    i = 0
    while i < len(doc):
        if _name_unit(doc, i) is None or doc[i].lower_ in POST_WORDS or i in taken:
            i += 1
            continue
        end, words = i, 0
        while end < len(doc) and words < MAX_NAME_WORDS and \
                (following := _name_unit(doc, end)) is not None and \
                doc[end].lower_ not in POST_WORDS and end not in taken:
            end, words = following, words + 1
        if words >= 2 and doc[end - 1].lower_ not in COMPANY_NAME_ENDS and (
                _role_before(doc, i, end) or _role_after(doc, end)):
            found.append(Span(doc, i, end, label="PERSON"))
        i = max(end, i + 1)
    doc.user_data[ROLE_NAMES_KEY] = found
    return found


# "founded by Jo Roe", "headed by Jo Roe": a verb that only a person is the agent of
PERSON_AGENT_VERBS = {"founded", "co-founded", "cofounded", "headed", "run", "chaired"}


def _role_before(doc: Doc, start: int, end: int) -> bool:
    before = [t for t in doc[max(0, start - 2):start] if t.text != ","]
    if len(before) == 2 and before[1].lower_ == "by" and before[0].lower_ in PERSON_AGENT_VERBS:
        return True
    # "Kappa promoted Jo Roe to chief operating officer", "named Jo Roe its new CFO"
    if before and APPOINTED_JUST_BEFORE.search(doc_text(doc), max(0, doc[start].idx - 30),
                                               doc[start].idx):
        after = doc[end:end + 4]
        return any(role_word(t) for t in after) and (
            after[0].lower_ in ("as", "to", "its", "their", "the", "new") or
            role_word(after[0]) is not None)
    return bool(before) and before[-1].lower_ in POST_WORDS


def _role_after(doc: Doc, end: int) -> bool:
    if end < len(doc) and doc[end].text == "(" and \
            PHOTO_NOTE.match(doc_text(doc), doc[end].idx):
        end = next((t.i + 1 for t in doc[end:end + 4] if t.text == ")"), end)
    if end >= len(doc) or doc[end].text != ",":
        return False
    return any(t.lower_ in POST_WORDS for t in doc[end + 1:end + 5])
