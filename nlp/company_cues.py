"""Words around a name that say it is a company, whatever the model tagged it.

"Swiss retailer Kappa", "bus operator Kappa", "Kappa, a regional mobility operator": the
model often tags such unknown names as people or places, or not at all. The nouns live in
nlp/data/company_descriptors.json; the names they mark become company candidates for the
trained scorer to judge (the cue alone makes no company).
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from nlp.company_forms import (
    COMPANY_WORDS,
    HONORIFIC_WORDS,
    NEVER_PLACE_WORDS,
    all_descriptors,
    descriptors,
)
from nlp.doctext import POSSESSIVE, doc_text, overlaps
from nlp.facts import CompanyMention
from nlp.gazetteer import LEGAL_SUFFIXES
from nlp.numbers import parse_number
from nlp.posts import TITLE_WORDS
from nlp.vehicles import BUSINESS_FLEET, UNIT_MODIFIERS, UNITS

# Entity labels the model gives company names by mistake; ORG needs no cue.
MISTAKEN_LABELS = ("PERSON", "GPE", "NORP", "PRODUCT", "FAC", "WORK_OF_ART", "LOC")
# Company nouns English also uses as verbs ("to fund Kappa", "to group them").
VERBS_TOO = frozenset({"bank", "brand", "chain", "fund", "group"})
MAX_UNTAGGED_WORDS = 4  # a name the model left untagged: a few capitalised words


@lru_cache(maxsize=1)
def _apposition() -> re.Pattern[str]:
    nouns = sorted(all_descriptors(), key=len, reverse=True)
    words = "|".join(re.escape(n) for n in nouns)
    # "Kappa, a U.K. startup", "Kappa — a leading retailer", "Kappa, Norway's largest operator"
    return re.compile(rf"^(?:\s*,|\s+(?:[—–]|--?))\s*(?:a|an|the|(?:[A-Z][\w.&-]*\s+){{0,2}}"
                      rf"[A-Z][\w.&-]*(?:'s|’s)(?=\s+(?:[\w-]+est|leading|top|biggest)\b))\s+"
                      rf"(?:[\w.&-]+\s+){{0,4}}?(?P<noun>{words})s?\b(?!['’])")


def _allowed(noun: str, label: str) -> bool:
    always, not_person = descriptors()
    return noun in always or noun in not_person and label != "PERSON"


def descriptor_before(doc: Doc, start: int) -> str | None:
    """The company noun right before token `start` ("operator" in "bus operator Kappa")."""
    if start == 0:
        return None
    token = doc[start - 1]
    if start >= 3 and doc[start - 2].text == "-" and not doc[start - 2].whitespace_ and \
            not doc[start - 3].whitespace_:  # "charging start-up Kappa": split by the tokenizer
        joined = f"{doc[start - 3].lower_}-{token.lower_}"
        if joined in all_descriptors():
            return joined
    if not (token.is_lower or token.is_sent_start and token.is_title) or \
            not token.is_alpha and "-" not in token.text:  # "Carmaker Kappa" opens a sentence
        return None
    if token.pos_ == "VERB":  # "truck startup Kappa", the model's verb; not "to fund Kappa"
        return token.lower_ if token.lower_ in descriptors()[0] - VERBS_TOO else None
    if token.pos_ not in ("NOUN", "PROPN", "ADJ"):  # "materials giant Kappa": ADJ
        return None
    # the lemma, else the word ("haulier" read as an adjective has the lemma "hauli")
    for noun in (token.lemma_.lower(), token.lower_):
        if noun in all_descriptors():
            return noun
    return None


# "Kappa's chief executive", "Kappa's shareholders": what only a company has.
OWNED_BY_A_COMPANY = re.compile(
    r"(?:'s|’s)\s+(?:[a-z][\w-]*\s+){0,2}?(?P<noun>chief executive|chief financial officer|"
    r"chief operating officer|ceo|cfo|coo|shareholders|shares|share price|stock price|"
    r"board of directors|subsidiary|subsidiaries|headquarters|market value|"
    r"market capitalisation|market capitalization)\b", re.I)
# "Kappa's director of communications, Jo Roe", "Kappa's president, Jo Roe": a post a place
# has too ("Oslo's head of transport"), so only for names the model did not read as places.
POST_OWNED = re.compile(
    r"(?:'s|’s)\s+(?:(?:former|new|interim|acting|outgoing|incoming)\s+)?(?:director of|head of|"
    r"vice[- ]president|president(?=,)|senior vice[- ]president|general manager|"
    r"managing director|founder|co-founder|chairman|chairwoman|spokesman|spokeswoman|"
    r"spokesperson|chief [a-z]+ officer)\b",
    re.I)
# "Kappa's fleet": a fleet owner, unless the owner is a place ("Oslo's bus fleet").
# "Norway's largest fleet" ranks a place's fleets.
OWNED_FLEET = re.compile(r"(?:'s|’s)\s+(?![a-z-]+est\b)(?:[a-z][\w-]*\s+){0,2}?(?P<noun>fleet)\b")
PLACE_LABELS = ("GPE", "LOC", "NORP", "FAC")
# "Kappa Brake, its brake-making subsidiary,", "Kappa, Beta's leasing arm,": a part of a
# company, named, is a company
UNIT_NOUN = r"(?:unit|units|subsidiary|subsidiaries|division|divisions|arm|affiliate)\b"
UNIT_APPOSITION = re.compile(rf"\s*,\s*(?:its|their|[A-Z][\w.&-]*(?:'s|’s))\s+"
                             rf"(?:[\w.&-]+\s+){{0,3}}?(?P<noun>{UNIT_NOUN})")
# "its car subscription arm, Kappa Flex,": the same, named after the part
UNIT_BEFORE = re.compile(rf"\b(?:its|their|[A-Z][\w.&-]*(?:'s|’s))\s+(?:[\w.&-]+\s+){{0,3}}?"
                         rf"{UNIT_NOUN}\s*,\s*$")
# "The airline, Kappa, ...": a name in apposition to "the" and a company noun.
THE_KIND_BEFORE = re.compile(r"\b[Tt]he\s+(?:[\w-]+\s+){0,2}?(?P<noun>[a-z][\w-]*),\s+$")
# "Shares in Kappa", "shares of Kappa": what only a listed company has.
SHARES_BEFORE = re.compile(r"\b(?:[Ss]hares|[Ss]tock)\s+(?:in|of)\s+$")
# "Kappa boss Jo Roe", "Kappa CEO Jo Roe": a name before a company post and a person.
_POST_NEXT = r"(?:boss|CEO|chief executive|founder|co-founder|chairman|chairwoman|president|" \
             r"managing director)"
# ... "Kappa co-founder and CEO Jo Roe"
POST_AFTER = re.compile(rf"\s+(?P<noun>{_POST_NEXT})(?:\s+(?:and|&)\s+{_POST_NEXT})?"
                        r"\s+[A-Z][a-z]+\s+[A-Z][a-z]")
# "fleet manager at Kappa", "chief executive of Kappa": a post held at a company.
POST_BEFORE = re.compile(r"\b(?:(?:manager|director|executive|officer|spokesman|spokeswoman|"
                         r"spokesperson|engineer|analyst|head of [a-z]+(?: [a-z]+)?) at|"
                         r"(?:chief executive|CEO|boss|chairman|chairwoman|founder|co-founder)"
                         r" (?:of|at))\s+$")
MAX_LIST_TOKENS = 24  # how far a list of names ("Kappa, Beta and Gamma") may run


def named_as_company(ent: Span) -> bool:
    """A name that ends in a legal form ("Grellon Autos Inc"), or in a business word unless
    the model read a place ("Grellon Autos", not "Kessel Transit" as a city's)."""
    last = _last_word(ent.text)
    return last is not None and (last in NEVER_PLACE_WORDS or
                                 last in COMPANY_WORDS and ent.label_ not in PLACE_LABELS)


def has_legal_form(text: str) -> bool:
    """"Grellon Axle Co", not "Grellon Axle" nor "City Coach"."""
    return _last_word(text) in LEGAL_SUFFIXES


def _last_word(name: str) -> str | None:
    """The last word of a name of two or more words, lower case, without a possessive."""
    words = name.split()
    if len(words) < 2 or not words[0][:1].isupper():
        return None
    return re.sub(r"(?:'s|’s|')$", "", words[-1].lower()).rstrip(".,")


def company_cue(doc: Doc, ent: Span, text: str) -> str | None:
    """The noun that marks this entity as a company ("retailer", "Kappa's chief
    executive"), else None."""
    if named_as_company(ent):
        return "form"
    # The model sometimes takes the possessive into the name ("Kappa Parcel's" new CEO):
    # the words after the name start at the possessive.
    end_char = doc[ent.end - 1].idx if len(ent) > 1 and \
        doc[ent.end - 1].text in POSSESSIVE else ent.end_char
    noun = descriptor_before(doc, ent.start)
    if noun is not None and not _allowed(noun, ent.label_):
        noun = None  # "rival Flinko" read as a person: other words may still say company
    if noun is None and SHARES_BEFORE.search(text, max(0, ent.start_char - 20), ent.start_char):
        return "shares"  # "Shares in Kappa rose 5%"
    if noun is None and (the_kind := THE_KIND_BEFORE.search(text, max(0, ent.start_char - 40),
                                                            ent.start_char)) and \
            the_kind.group("noun").lower() in all_descriptors():
        return the_kind.group("noun").lower()  # "The airline, Kappa, flies 62 jets"
    if noun is None and ent.label_ not in PLACE_LABELS and (
            UNIT_APPOSITION.match(text, end_char) or
            UNIT_BEFORE.search(text, max(0, ent.start_char - 60), ent.start_char)):
        return "unit"  # no descriptor: needs no label check
    if noun is None:
        after = text[end_char:end_char + 80]
        match = _apposition().match(after)
        if match is None and (owned := OWNED_BY_A_COMPANY.match(after)):
            return owned.group("noun").lower()  # no descriptor: needs no label check
        if match is None and ent.label_ not in PLACE_LABELS and POST_OWNED.match(after):
            return "post"  # "Kappa's director of communications", not "Oslo's"
        noun = match.group("noun") if match else None
    if noun is None:
        noun = post_cue(text, ent.start_char, end_char)
        if noun is not None and ent.start > 0 and doc[ent.start - 1].text[:1].isupper():
            return None  # "Kappa UK managing director Jo Roe": the end of Kappa's name
        if noun is not None:  # "manager at Kappa Lease": no post is held at a person
            return noun if ent.label_ != "PERSON" or " " not in ent.text or \
                noun == "post" else None
        if ent.label_ not in PLACE_LABELS and OWNED_FLEET.match(text, end_char, end_char + 40):
            return "fleet"
        if ent.label_ not in PLACE_LABELS and _deals_in_vehicles(ent):
            return "vehicles"
        noun = listed_cue(doc, ent.start, ent.end)
        # "a partnership with Kappa"; "agreed to acquire Kappa" where the model calls Kappa a
        # person or a place (no place is bought); an ORG's words are features of their own.
        # A longer name the model calls a person is a party only where no person could be
        # ("a stake in Kappa Maps", not "a contract with Jo Roe"), one it calls a place only
        # where it is bought ("the takeover of Kappa Charging", not "invest in South Africa").
        # The end of a longer name ("Mobility" of "Beta Mobility") is no name of its own.
        one_word = " " not in ent.text.strip()
        fragment = ent.start > 0 and doc[ent.start - 1].pos_ == "PROPN" and \
            doc[ent.start - 1].text[:1].isupper() and doc[ent.start - 1].head.i >= ent.start
        if noun is None and not fragment and (one_word or ent.label_ != "PERSON" or
                             deal_object(ent, company_only=True)) and (
                ent.label_ not in PLACE_LABELS and deal_object(ent, bought_too=ent.label_ != "ORG")
                or (ent.label_ == "GPE" or not one_word) and ent.label_ in PLACE_LABELS and
                deal_object(ent, bought_only=True)
                # "a partnership between Kappa Transit and ...": a place's name does not end
                # in a business word and take a company's deal
                or _last_word(ent.text) in COMPANY_WORDS and deal_object(ent, company_only=True)):
            return "deal"
        if noun is None and (ent.label_ not in PLACE_LABELS or
                             _last_word(ent.text) in COMPANY_WORDS) and (cosigner(ent) or
                                                                         signer(ent)):
            return "cosigner"
        # "Kappa has ordered 46 buses", the model's one-word "person" or product ("Mr Oakes
        # said" is a person)
        if noun is None and ent.label_ not in (*PLACE_LABELS, "ORG") and \
                one_word and ent.text not in _person_words(doc) and \
                not (ent.start and doc[ent.start - 1].lower_.rstrip(".") in HONORIFIC_WORDS) \
                and _acts_as_company(ent):
            return "subject"
    return noun if noun is not None and _allowed(noun, ent.label_) else None


# "a partnership with Kappa", "its acquisition of Kappa", "a stake in Kappa", "vans ordered
# from Kappa", "the takeover of Beta by Kappa": the other side of a company's deal, by the
# preposition that leads to it.
DEAL_HEADS = {
    "with": frozenset({"partner", "partnership", "deal", "agreement", "collaborate",
                       "collaboration", "team", "merge", "merger", "alliance", "contract",
                       "venture", "tie-up", "cooperation"}),
    "of": frozenset({"acquisition", "takeover", "purchase", "buyout"}),
    "in": frozenset({"stake", "investment", "invest", "interest", "shareholding", "round",
                     "funding", "financing"}),
    "from": frozenset({"order", "buy", "purchase", "acquire", "lease", "source"}),
    "by": frozenset({"acquisition", "takeover", "purchase", "buyout", "acquire", "buy"}),
    "between": frozenset({"partnership", "deal", "agreement", "collaboration", "merger",
                          "alliance", "venture", "tie-up", "cooperation"}),
}

# Verbs whose object is a company bought: "agreed to acquire Kappa".
BOUGHT_BY = frozenset({"acquire", "buy", "purchase"})
# Phrasal verbs of buying: "take over Kappa", "snap up Kappa", "buy out Kappa".
BOUGHT_BY_PHRASAL = frozenset({("take", "over"), ("snap", "up"), ("buy", "out"),
                               ("buy", "up")})


def _buying_verb(verb: Token) -> bool:
    lemma = verb.lemma_.lower()
    return lemma in BOUGHT_BY or any(
        child.dep_ == "prt" and (lemma, child.lower_) in BOUGHT_BY_PHRASAL
        for child in verb.children)


# The deal words only a company (or a place's business) is the other side of: no one takes a
# stake in a person or merges with a town.
COMPANY_ONLY_HEADS = frozenset({"partnership", "merge", "merger", "alliance", "venture",
                                "tie-up", "acquisition", "takeover", "purchase", "buyout",
                                "stake", "investment", "invest", "shareholding", "acquire",
                                "buy"})


def deal_object(span: Span, bought_too: bool = True, bought_only: bool = False,
                company_only: bool = False) -> bool:
    """Whether the name (or the first of the list it stands in) is the object of a deal
    word's preposition, or (bought_too) of a buying verb, or the "by" of a takeover
    (bought_only: only these, the "of" of a takeover and the "in" of a funding round;
    company_only: only the deal words of COMPANY_ONLY_HEADS)."""
    word = span.root
    for _ in range(MAX_LIST_TOKENS):
        if word.dep_ != "conj" or word.head is word:
            break
        word = word.head
    if word.dep_ == "dobj" and word.head.pos_ == "VERB":  # "agreed to acquire Kappa"
        return bought_too and _buying_verb(word.head)
    prep = word.head
    head = prep.head.lemma_.lower()
    if bought_only and prep.lower_ not in ("of", "by") and not (
            prep.lower_ == "in" and head == "round") or \
            not bought_too and prep.lower_ == "by":
        return False  # a place is bought or funded ("a round in Kappa"), not invested in
    return word.dep_ == "pobj" and prep.lower_ in DEAL_HEADS and prep.head is not prep and \
        head in DEAL_HEADS[prep.lower_] and (not company_only or head in COMPANY_ONLY_HEADS)


# What two companies sign or form together, and the verbs that are a deal by themselves.
SIGNED_NOUNS = frozenset({"agreement", "deal", "memorandum", "mou", "partnership", "venture",
                          "contract", "alliance", "pact", "accord", "jv", "tie-up",
                          "consortium"})
PERSONS_SIGN_TOO = frozenset({"agreement", "deal", "contract", "pact", "accord"})
DEAL_VERBS = frozenset({"partner", "team", "merge", "collaborate"})
COMPANIES_ONLY_VERBS = frozenset({"merge"})


# What only companies sign or form, alone as the subject too: "Kappa Parcel signed a
# memorandum with Beta" (a person signs a contract or a partnership deal).
COMPANIES_ONLY_NOUNS = SIGNED_NOUNS - PERSONS_SIGN_TOO - {"partnership"}


def signer(span: Span) -> bool:
    """The subject of a verb whose object only companies sign or form ("Kappa Parcel signed
    a memorandum of understanding with Beta", "... have formed a joint venture")."""
    word = span.root
    verb = word.head
    if word.dep_ != "nsubj" or verb.pos_ not in ("VERB", "AUX"):
        return False
    return _signs_one_of(verb, COMPANIES_ONLY_NOUNS)


def _signs_one_of(verb: Token, nouns: frozenset[str]) -> bool:
    """Whether the verb's object is one of these nouns ("signed a memorandum")."""
    return any(child.dep_ == "dobj" and child.lemma_.lower() in nouns
               for child in verb.children)


def cosigner(span: Span) -> bool:
    """"Kappa Energy and Beta Drive signed a memorandum", "Beta Drive and Kappa will merge":
    a name listed with an organisation as the subjects of a deal."""
    words = [span.root, *span.root.conjuncts]
    listed = any(w.ent_type_ == "ORG" and not (span.start <= w.i < span.end) for w in words)
    doc = span.doc
    # the parser often reads "Kappa Energy and Beta Drive" as one noun phrase
    joined = span.start >= 2 and doc[span.start - 1].lower_ in ("and", "&") and \
        doc[span.start - 2].pos_ == "PROPN" and doc[span.start - 2].text[:1].isupper()
    if not (listed or joined):
        return False
    first = min(words, key=lambda w: w.i)
    verb = first.head
    if first.dep_ != "nsubj" or verb.pos_ not in ("VERB", "AUX"):
        return False
    # a person too signs a contract or teams up; only companies merge, form a venture or
    # sign a memorandum
    person = span.label_ == "PERSON" and len(span) > 1
    if verb.lemma_.lower() in (COMPANIES_ONLY_VERBS if person else DEAL_VERBS):
        return True
    return _signs_one_of(verb, SIGNED_NOUNS - PERSONS_SIGN_TOO if person else SIGNED_NOUNS)


def post_cue(text: str, start: int, end: int) -> str | None:
    """"Kappa boss Jo Roe", "head of fleet at Kappa": the post a person holds there."""
    if match := POST_AFTER.match(text, end, end + 60):
        return match.group("noun").lower()
    if POST_BEFORE.search(text[max(0, start - 40):start]) and text[end:end + 1] != "-":
        return "post"
    return None


def _is_list_word(token: Token) -> bool:
    return token.text in (",", "&") or token.lower_ == "and" or \
        token.text[:1].isupper() and not token.is_sent_start


def listed_cue(doc: Doc, start: int, end: int) -> str | None:
    """The company noun of a list the name stands in: "ride-hailing firms Kappa and Beta",
    "Kappa, Beta and other carmakers"."""
    first, last = start, end
    sent_start = doc[start].sent.start if doc.has_annotation("SENT_START") else 0
    while first > max(sent_start, start - MAX_LIST_TOKENS) and _is_list_word(doc[first - 1]):
        first -= 1
    while last < min(len(doc), end + MAX_LIST_TOKENS) and _is_list_word(doc[last]):
        last += 1
    # "carmakers such as Kappa", "rivals including Kappa and Beta"
    lead = first - 2 if first >= 2 and doc[first - 1].lower_ == "as" and \
        doc[first - 2].lower_ == "such" else first - 1
    if lead >= 1 and doc[lead].lower_ in ("including", "like", "such") and \
            (noun := descriptor_before(doc, lead)) is not None and doc[lead - 1].tag_ == "NNS":
        return noun
    if first == start and last == end:
        return None  # no list
    if first < start and (noun := descriptor_before(doc, first)) is not None and \
            doc[first - 1].tag_ == "NNS":
        return noun  # "firms Kappa and Beta"
    if last + 2 < len(doc) and doc[last - 1].lower_ == "and" and doc[last].lower_ == "other":
        noun = descriptor_before(doc, last + 2)  # "and other (Chinese) carmakers"
        word = doc[last + 1]
        if noun is None and last + 3 < len(doc):
            noun = descriptor_before(doc, last + 3)
            word = doc[last + 2]
        return noun if noun is not None and word.tag_ == "NNS" else None
    return None


def untagged_names(doc: Doc, taken: list[tuple[int, int]]) -> list[Span]:
    """Capitalised names the model tagged as nothing where the words around them say they
    are companies ("logistics firm Kappa Freight", "Kappa boss Jo Roe", "Kappa's fleet",
    "Kappa announced"), as ORG spans."""
    spans = []
    text = doc_text(doc)
    end = 0
    for token in doc:
        if token.i >= end and (_post_holder(token, text) or _described_noun(token, text) or
                               _noun_acting_as_company(token)):
            spans.append(Span(doc, token.i, token.i + 1, label="ORG"))
            continue
        if token.i < end or not _untagged_name_word(token):
            continue
        end = token.i + 1
        while end < len(doc) and end - token.i < MAX_UNTAGGED_WORDS and \
                _untagged_name_word(doc[end]) and not doc[end].is_sent_start:
            end += 1
        previous = doc[token.i - 1] if token.i else None
        if previous is not None and not previous.is_space and (
                not previous.whitespace_ or previous.ent_type_ or previous.text[:1].isupper()):
            continue  # "Go-Ahead", "Kappa Pulse": the end of a longer name
        span = Span(doc, token.i, end, label="ORG")
        if overlaps(span.start_char, span.end_char, taken) or \
                _dateline(span) or span.text in _person_words(doc):
            continue
        if descriptor_before(doc, span.start) is not None or \
                company_cue(doc, span, text) is not None or _acts_as_company(span):
            spans.append(span)
    return spans


# Verbs whose subject, a name the model tagged as nothing, acts as a company does
# ("Kappa announced plans to buy", "Kappa delivers 200 buses").
COMPANY_VERBS = frozenset({
    "announce", "order", "deliver", "report", "buy", "acquire", "sell", "launch", "offer",
    "operate", "plan", "sign", "invest", "raise", "partner", "expand", "unveil", "hire",
    "purchase", "supply", "lease", "say", "agree", "add", "build", "manufacture", "post",
    "select", "choose", "award", "win", "deploy", "team", "complete", "secure", "appoint",
    "name", "ink", "tap", "fly", "run"})


def _untagged_name_word(token: Token) -> bool:
    """A capitalised word the model tagged nothing, that is no post's ("Kappa Founder and CEO
    Jo Roe")."""
    return token.text[:1].isupper() and token.pos_ == "PROPN" and not token.ent_type_ and \
        token.lower_ not in TITLE_WORDS


def _name_read_as_noun(token: Token) -> bool:
    """A capitalised word the model reads as a common noun and tags nothing ("Corvane")."""
    return token.pos_ == "NOUN" and not token.ent_type_ and token.is_alpha and \
        token.text[:1].isupper() and token.lower_ not in TITLE_WORDS | NOT_POST_HOLDERS


def _described_noun(token: Token, text: str) -> bool:
    """"Corvane, the Oslo-based car-sharing service, ...": an unknown name the model reads
    as a common noun, that an apposition says is a company."""
    if not _name_read_as_noun(token) or token.text.isupper():
        return False
    end = token.idx + len(token.text)
    match = _apposition().match(text[end:end + 80])
    return match is not None and match.group("noun").lower() in all_descriptors()


def _noun_acting_as_company(token: Token) -> bool:
    """"Corvane has ordered 400 vans": an unknown name the model reads as a common noun,
    capitalised where no sentence starts (here or elsewhere in the text), acting as a
    company does ("Management said" speaks; it is no name)."""
    if not _name_read_as_noun(token) or not token.is_title or \
            token.dep_ not in ("nsubj", "nsubjpass") or token.head.pos_ != "VERB" or \
            token.head.lemma_.lower() not in COMPANY_VERBS - {"say"}:
        return False
    # the scan of the whole text last: every sentence opens with a capital
    return not token.is_sent_start or any(
        other.text == token.text and not other.is_sent_start for other in token.doc)


# Bodies and teams whose head is a "boss" too ("Union boss Jo Roe"): no companies.
NOT_POST_HOLDERS = frozenset({
    "union", "party", "team", "club", "city", "council", "state", "government", "police",
    "army", "fleet", "company", "group", "industry", "sales", "marketing", "finance",
    "operations", "network", "project", "programme", "program", "plant", "factory", "site",
    "school", "agency", "league", "board", "department", "unit", "division", "former"})


def _post_holder(token: Token, text: str) -> bool:
    """"Kappa boss Jo Roe" where the model reads Kappa as a common noun."""
    return token.pos_ == "NOUN" and token.text[:1].isupper() and not token.ent_type_ and \
        token.text[1:].islower() and token.lower_ not in TITLE_WORDS | NOT_POST_HOLDERS and \
        POST_AFTER.match(text, token.idx + len(token.text)) is not None


def _dateline(span: Span) -> bool:
    """"MUNICH, May 2 —", "OSLO and BERGEN —": the places a story opens with."""
    doc = span.doc
    return span.text.isupper() and len(span.text) > 3 and span.end < len(doc) and \
        doc[span.end].lower_ in (",", "(", "—", "–", "-", "--", "and", "&")


# doc.user_data: the words of the people the model found (a cache, dropped with the result)
PERSON_WORDS_KEY = "rivalscope_untagged_person_words"


def _person_words(doc: Doc) -> set[str]:
    """The words of the people the model found by full name ("Jo Roe": "Roe said" is the
    person); a one-word "person" is what the cues judge, so it is not one of them."""
    words = doc.user_data.get(PERSON_WORDS_KEY)
    if words is None:
        words = doc.user_data[PERSON_WORDS_KEY] = {
            w for e in doc.ents if e.label_ == "PERSON" and len(e.text.split()) > 1
            for w in e.text.split()}
    return words


VEHICLES = re.compile(rf"(?:{UNITS}|{UNIT_MODIFIERS})", re.I)
# Clauses of their own under a verb: their vehicles are their own subject's.
OWN_CLAUSES = frozenset({"ccomp", "relcl", "advcl", "parataxis", "conj", "acl"})


def _deals_in_vehicles(span: Span) -> bool:
    """Whether the name is the subject of a clause that buys, orders or runs vehicles by the
    dozen ("Kappa Parcel is buying 80 trucks", "Kappa Parcel has committed to purchasing
    500 vans")."""
    root = span.root
    if root.dep_ not in ("nsubj", "nsubjpass") or root.head.pos_ not in ("VERB", "AUX"):
        return False
    pending = [c for c in root.head.children if c is not root and c.dep_ not in OWN_CLAUSES]
    while pending:
        token = pending.pop()
        if token.like_num and token.head is not token and \
                VEHICLES.fullmatch(token.head.text) and \
                (parse_number(token.text) or 0) >= BUSINESS_FLEET:
            return True
        pending.extend(c for c in token.children if c.dep_ not in OWN_CLAUSES)
    return False


def _acts_as_company(span: Span) -> bool:
    root = span.root
    return root.dep_ in ("nsubj", "nsubjpass") and root.head.pos_ == "VERB" and \
        root.head.lemma_.lower() in COMPANY_VERBS


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
                      rf"(?:{'|'.join(map(re.escape, kinds))})s?\s+(?=[A-Z])")


def describes_next(doc: Doc, mention: CompanyMention, mentions: list[CompanyMention]) -> bool:
    """"Falkirk manufacturer Kappa Coaches", "UK bus operator Kappa": the name before the kind
    noun says where or what the company after it is; it names no party."""
    match = _describing().match(doc_text(doc), mention.end, mention.end + 60)
    if match is None or not any(m.start == match.end() for m in mentions):
        return False
    # "Kappa has bought parcel firm Beta", "Kappa acquired logistics company Beta": a verb
    # between makes the name before the verb's subject, not the kind's description
    between = doc.char_span(mention.end, match.end(), alignment_mode="expand")
    return between is None or not any(t.pos_ in ("VERB", "AUX") for t in between)
