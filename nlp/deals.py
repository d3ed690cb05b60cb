"""Deals: a sentence with two or more companies and a deal trigger (type, status, parties)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from nlp.companies import COMPANY_NOUNS, anaphoric_subject, referent, sentence_mentions
from nlp.company_cues import describes_next
from nlp.details import iso_date, money
from nlp.doctext import POSSESSIVE, doc_text, names_masked, sentence_ents
from nlp.facts import CompanyMention, Deal
from nlp.gazetteer import load_gazetteer, name_key
from nlp.numbers import NUMBER, parse_number
from nlp.patterns import PatternMatcher
from nlp.vehicles import UNITS

TRIGGERS = Path(__file__).parent / "data" / "deal_triggers.json"
VEHICLE_UNITS = rf"(?:{UNITS})"  # the fleet figures' words for vehicles
QUANTITY_RE = re.compile(rf"({NUMBER})\s+(?:(?:more|new|additional|[\w-]+)\s+){{0,3}}"
                         rf"({VEHICLE_UNITS})\b", re.I)
VEHICLE_OBJECT = re.compile(rf"^\w+\s+(?:[\w-]+\s+){{0,3}}{VEHICLE_UNITS}\b", re.I)
# "an agreement with Kappa for up to 300 buses": the deal is for vehicles, a supply deal.
FOR_VEHICLES = re.compile(rf"(?:\s+with\s+[^,.;]{{1,60}}?)?\s+for\s+(?:up\s+to\s+|about\s+|"
                          rf"around\s+|some\s+|more\s+than\s+|another\s+)?{NUMBER}\s+"
                          rf"(?:[\w-]+\s+){{0,3}}{VEHICLE_UNITS}\b", re.I)
AGREEMENT_WORDS = frozenset({"agreement", "deal", "contract", "order", "accord"})
BUYER_VERBS = re.compile(r"\b(?:order(?:ed|s)?|buy(?:s|ing)?|bought|purchas(?:e|ed|es|ing))\b",
                         re.I)


@lru_cache(maxsize=1)
def load_triggers() -> tuple[list[tuple[str, re.Pattern[str]]], dict[str, re.Pattern[str]]]:
    data = json.loads(TRIGGERS.read_text(encoding="utf-8"))
    types = [(deal_type, _words_re(words)) for deal_type, words in data["types"]]
    status = {name: _words_re(words, prefix=True) for name, words in data["status"].items()}
    return types, status


def _words_re(words: list[str], prefix: bool = False) -> re.Pattern[str]:
    """Whole words (types), or word beginnings (status cues such as "negotiat")."""
    alternatives = "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))
    ending = r"\w*" if prefix else r"\b"
    return re.compile(rf"\b(?:{alternatives}){ending}", re.I)


class DealFinder:
    """Sets doc._.deals."""

    def __init__(self, matcher: PatternMatcher | None = None) -> None:
        self.matcher = matcher  # the deal patterns marked "rule" (nlp/data/deal_patterns.json)

    def __call__(self, doc: Doc) -> Doc:
        deals = []
        previous: list[CompanyMention] = []
        text = doc_text(doc)
        for sent in _sentences(doc):
            found = sentence_mentions(doc, sent.start_char, sent.end_char)
            mentions = _not_parties_removed(sent, _without_possessors(text, found))
            mentions, brands = _product_brands(doc, sent, mentions)
            parties = _distinct(mentions)
            antecedent = _antecedent(sent, parties, previous)
            if antecedent is not None:
                # "It also partnered with Uber": "it" is the company of the sentence before.
                parties = [replace(antecedent, start=sent.start_char, end=sent.start_char),
                           *parties]
            previous = found or previous
            if brands and parties:
                # "agreed to order 5,000 Rivian vans": the brand can be the supplier.
                parties = sorted(_distinct([*parties, *brands]), key=lambda p: p.start)
            if len(parties) < 2:
                continue
            context = Context([*mentions, *brands], {b.start for b in brands})
            for deal in self.read_sentence(sent.text, sent.start_char, parties, sent, context):
                deal.date = date_between(doc, sent.start_char, sent.end_char)
                for one in _pairs(deal):
                    _add_or_merge(deals, one)
        doc._.deals = deals
        return doc

    def read_sentence(self, text: str, offset: int, parties: list[CompanyMention],
                      sent: Span | None = None, context: Context | None = None) -> list[Deal]:
        context = context or Context(parties, set())
        triggers = [t for t in [*_triggers(text, offset, sent), *self.pattern_triggers(sent)]
                    # not "Kappa Partners", nor "backed" of "Kappa, a start-up backed by Beta,"
                    if not any(m.start <= offset + t.start < m.end for m in context.mentions)
                    and not _describes_a_company(t, context.mentions)]
        quantity = _quantity(text)
        if not triggers:
            talks = TALKS.search(text)
            if talks is None:
                return []
            triggers = [Trigger("talks", talks.start(), talks.end(), _token_at(
                sent, offset + talks.start(), offset + talks.end()), False)]
        # "Stellantis sells cars": a sale with no named buyer is no deal word here.
        triggers = [t for t in triggers if not t.sells or _has_buyer(t, context.mentions)
                    ] or triggers
        main = _main_trigger(triggers, parties)
        extras = [] if sent is None else _nominal_deals(main, triggers, parties,
                                                        context.mentions)
        claimed = {p.name for _, group, claims in extras if claims for p in group}
        # The main deal's status cues are outside the clauses of the other deals.
        main_text = text
        for trigger, _, claims in extras:
            if claims:
                start, end = _clause_span(trigger, text, offset)
                main_text = main_text[:start] + " " * (end - start) + main_text[end:]
        deals = []
        for trigger, group in [(main, None), *((t, g) for t, g, _ in extras)]:
            if group is None:
                group = [p for p in parties if p.name not in claimed] if claimed else parties
                if sent is not None:
                    group = _clause_parties(sent, trigger, group, context.mentions)
                cues = main_text
            else:
                start, end = _clause_span(trigger, text, offset)
                cues = text[start:end]
            if trigger.type == "joint_venture" and sent is not None:
                group = _venture_itself_removed(sent, trigger, group)
            deal = self.make_deal(trigger, text, offset, group, quantity, cues, context)
            if deal is not None:
                deals += _one_by_one(deal, trigger, text, offset, group, context.mentions)
        return deals

    def pattern_triggers(self, sent: Span | None) -> list[Trigger]:
        """The rule patterns' matches in the sentence: "took Kappa private"."""
        if sent is None or self.matcher is None:
            return []
        found = []
        for match in self.matcher(sent):
            span = sent.doc[match.start:match.end]
            found.append(Trigger(match.type, span.start_char - sent.start_char,
                                 span.end_char - sent.start_char, span.root, False))
        return found

    def make_deal(self, trigger: Trigger, text: str, offset: int,
                  parties: list[CompanyMention], quantity: dict | None,
                  cues: str | None = None, context: Context | None = None) -> Deal | None:
        cues = text if cues is None else cues
        context = context or Context(parties, set())
        deal_type = trigger.type
        # "buy 20,000 electric cars", "sell 500 buses to": an order, not a takeover; but
        # "buy courier firm Kappa, creating a group with 9,000 vans" buys the company (and
        # the words of a name are no vehicles: "is buying Pinewood Cars").
        if deal_type == "acquisition" and (BUYER_VERBS.search(text) or trigger.sells) and (
                VEHICLE_OBJECT.search(names_masked(text, offset, context.mentions)
                                      [trigger.start:]) or
                quantity and not _buys_a_company(trigger.token, context.mentions,
                                                 context.brands)):
            deal_type = "supply"
        elif deal_type == "supply" and _lends(trigger.token):
            deal_type = "investment"  # "provide Kappa with a €50m loan": funding, not goods
        elif deal_type == "acquisition" and _takes_a_stake(trigger.token):
            deal_type = "investment"  # "agreed to buy a 20% stake in Kappa"
        elif deal_type == "acquisition" and INTO_AFTER.match(text, trigger.end):
            deal_type = "investment"  # "bought into the carmaker in 1998": a stake
        elif deal_type == "partnership" and trigger.token is not None and \
                trigger.token.lemma_.lower() in AGREEMENT_WORDS and \
                FOR_VEHICLES.match(text, trigger.end):
            deal_type = "supply"  # "a framework agreement with Kappa for up to 300 buses"
        if deal_type == "acquisition" and _buys_goods(trigger.token, context.mentions):
            return None  # "you buy the games outright": goods, not a company
        if deal_type == "supply" and _directive_order(trigger.token):
            return None  # "the order favoured banks": a ruling, not a purchase order
        if _ended(trigger.token):
            deal_type = "other"  # "negotiating an end to their alliance": its termination
        parties = _brands_as_suppliers(deal_type, trigger, text, parties, context.brands)
        parties = _same_side_removed(deal_type, parties)
        parties = _untied_removed(deal_type, trigger, parties, context.mentions)
        if _one_side_only(deal_type, trigger, parties, context.mentions):
            return None  # "Audi and BMW warned about supply": no supplier and customer
        if len({p.name for p in parties}) < 2 or _intra_group(deal_type, parties):
            return None
        if trigger.sells and not _has_buyer(trigger, context.mentions):
            return None  # "sold more cars than": a sale with no named buyer is no deal
        if trigger.raises and trigger.token is not None and not any(
                _party_relation(p, trigger.token, context.mentions) in ("subj", "poss")
                for p in parties):
            return None  # "raised $40m from Toyota and Hyundai": the company funded is unnamed
        if _refers_back(trigger, parties, context.mentions):
            return None  # "while the merger brings no change, Avis and Hertz lead the market"
        if NO_DEAL.search(cues):
            return None  # "has no plans to buy", "ruled out a merger"
        if deal_type == "investment" and STANDING_STAKE.search(text) and \
                not NEW_STAKE.search(text):
            return None  # "GM holds a 38.6 pct stake in Isuzu": ownership, not a deal
        status = _status(deal_type, cues)
        if status == "announced" and _ended(trigger.token) and trigger.token.head.tag_ == "VBD":
            status = "completed"  # "Nissan ended its alliance with Renault": done
        roles = _roles(deal_type, text, offset, parties, trigger, context.mentions)
        ordered = sorted((p.name for p in parties), key=lambda n: _role_order(roles.get(n)))
        ordered = list(dict.fromkeys(ordered))
        return Deal(
            type=deal_type, status=status, parties=ordered, roles=roles, evidence=text.strip(),
            start=offset, end=offset + len(text), value=money(text),
            quantity=quantity if deal_type == "supply" else None,
        )


def _sentences(doc: Doc) -> list[Span]:
    """The sentences, a piece cut after an opening bracket joined to the next one
    ("Kappa said it had bought <Orion Fleet Ltd>": ticker markup, not a sentence end)."""
    out: list[Span] = []
    for sent in doc.sents:
        if out and out[-1].text.rstrip().endswith(OPENERS) and \
                "\n" not in doc_text(doc)[out[-1].end_char:sent.start_char]:
            out[-1] = doc[out[-1].start:sent.end]
        else:
            out.append(sent)
    return out


OPENERS = ("<", "(", "[", "“", "‘")


@dataclass
class Context:
    """The company mentions of the sentence being read, and which of them name a product."""

    mentions: list[CompanyMention]
    brands: set[int]  # start offsets of brands naming a product ("100,000 Tesla vehicles")


def _brands_as_suppliers(deal_type: str, trigger: Trigger, text: str,
                         parties: list[CompanyMention], brands: set[int]
                         ) -> list[CompanyMention]:
    """A brand naming the vehicles ordered is the supplier; elsewhere it is a product."""
    if not brands:
        return parties
    buys = deal_type == "supply" and BUYER_VERBS.match(text[trigger.start:trigger.end])
    kept = []
    for party in parties:
        if party.start in brands and (not buys or trigger.token is None or (
                token := _mention_token(trigger.token.sent, party)) is None or
                _relation(token, trigger.token) != "obj"):
            continue
        kept.append(party)
    return kept


@dataclass
class Trigger:
    """A deal word of a sentence: its type, offsets in the sentence and its token."""

    type: str
    start: int
    end: int
    token: Token | None
    generic: bool
    sells: bool = False
    raises: bool = False  # "Grab raised $250 million from Hyundai": the subject is funded


# "agreement", "deal": any kind of deal; a more specific word in the sentence names its type.
GENERIC = re.compile(r"^(?:agreements?|deals?|accords?|memorandum of understanding|pact)$",
                     re.I)
# "has no plans to buy", "ruled out a merger": a deal said not to exist.
NO_DEAL = re.compile(r"\b(?:no|not\s+any)\s+(?:plans?|intention|interest)\s+(?:to|in|of)\b|"
                     r"\bruled\s+out\b|\brules\s+out\b|\bnot\s+(?:interested|planning)\b",
                     re.I)
# "took over as chief executive", "since she took over in May": nothing is taken over.
NO_OBJECT_AFTER = re.compile(r"\s*(?:[,.;:)–—-]|$|(?:as|in|at|from|after|when|on|last|this|"
                             r"since|until|before)\b)", re.I)
# "sell Kappa Mobility to Orion Group": the buyer follows "to", the seller is the subject.
SELL = re.compile(r"(?<![\w-])(?:sell|sells|selling|sold|sale of|divest|divests|divested|"
                  r"divesting|offload|offloads|offloaded|offloading)\b(?!-)", re.I)
# "Grab received $250 million from Hyundai", "raised $85 million in a funding round led by
# Kappa Ventures": funding, the givers after "from" / "led by"; not "received a $60 million
# order from Kappa", a sale.
RAISE = re.compile(r"\b(?:rais|receiv|secur|obtain|land|clos)\w*\s+(?:an?\s+)?"
                   r"(?:(?:over|more\s+than|about|around|nearly|almost|roughly|some|close\s+to|"
                   r"another|further|additional|just\s+over|up\s+to)\s+)?(?:US\$|[$€£¥])?"
                   r"[\d.,]+\s*(?:million|billion|bn|mn|m)?\s+"
                   r"(?:(?:(?!(?:orders?|contracts?|deals?)\b)[\w-]+\s+){0,4}?from|"
                   r"(?:[\w-]+\s+){0,6}?(?:round|financing|funding)\s+(?:co-?)?led\s+by)\b", re.I)
# "agreed with Kappa to form a company", "will set up a new firm together": a joint venture.
NEW_COMPANY = re.compile(r"\b(?:form|forms|formed|forming|set\s+up|sets\s+up|setting\s+up|"
                         r"establish|establishes|established|establishing|create|creates|"
                         r"created|creating)\s+(?:a|an)\s+(?:new\s+)?(?:jointly[- ]owned\s+)?"
                         r"(?:company|firm|entity|venture)\b", re.I)
INTO_AFTER = re.compile(r"\s+into\b", re.I)
# "reached a settlement with Kappa", "settled their dispute": an end to a legal dispute.
SETTLEMENT = re.compile(r"\bsettlements?\b|\bsettl(?:e|es|ed|ing)\s+(?:a|an|its|their|the)\s+"
                        r"(?:[\w-]+\s+){0,2}?(?:dispute|lawsuit|suit|claims?|case|litigation)\b",
                        re.I)
# "end their deal", "an end to its alliance", "terminated the agreement": a deal undone.
END_WORDS = re.compile(r"^(?:end|ends|ended|ending|terminat\w*|cancel\w*|scrap\w*|exit\w*|"
                       r"dissolv\w*|unwind\w*|unwound|quit\w*|abandon\w*)$", re.I)
# "weighing a bid for Kia": a takeover offer.
BID = re.compile(r"\b(?:bid|bids|offer)\s+for\b", re.I)
# "Kappa Capital led a $40 million Series B in Beta": the round's lead invests in Beta.
# "Kappa Capital led Beta's $40 million Series B": the possessor is the company funded.
LED_ROUND = re.compile(r"\b(?:led|leads|leading|co-led)\s+(?:(?:a|an|the|its)\s+(?:[\w$€£.,-]+\s+)"
                       r"{0,4}?(?:round|Series\s+[A-H]|investment|financing|funding)\s+"
                       r"(?:round\s+)?(?:in|into|for)\b|(?-i:[A-Z])[\w&.-]*(?:\s+(?-i:[A-Z])"
                       r"[\w&.-]*){0,3}(?:'s|’s)\s+(?:[\w$€£.,-]+\s+){0,4}?(?:round|Series\s+[A-H]|"
                       r"financing|funding)\b)", re.I)
# "launch its robotaxis on the Uber app": one company's service on another's platform.
PLATFORM = re.compile(r"\b(?:on|via|through)\s+(?:the\s+)?[A-Z][\w&-]*(?:\s+[A-Z][\w&-]*)?"
                      r"(?:'s|’s)?\s+(?:[\w-]+\s+)?(app|platform|network)\b")
LAUNCH = re.compile(r"\b(?:launch\w*|offer\w*|available|deploy\w*|list\w*|integrat\w*|"
                    r"roll\w*\s+out|debut\w*|introduc\w*)\b", re.I)
TALKS = re.compile(r"\b(?:talks|negotiat\w+|in discussions?|discussing)\b", re.I)
TYPE_ORDER = ("joint_venture", "merger", "acquisition", "investment", "supply", "partnership",
              "other", "talks")


def _has_buyer(trigger: Trigger, parties: list[CompanyMention]) -> bool:
    """"sell Kappa Mobility to Orion Group": a company after "to" (also on the verb of the
    deal noun: "completed the sale of its unit to Orion Group")."""
    return trigger.token is not None and any(
        _link(t, trigger.token) == "to" for p in parties
        if (t := _mention_token(trigger.token.sent, p)) is not None)


def _token_at(sent: Span | None, start: int, end: int) -> Token | None:
    """The syntactic head of the words between two character offsets of the document."""
    if sent is None:
        return None
    span = sent.doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _triggers(text: str, offset: int, sent: Span | None) -> list[Trigger]:
    types, _ = load_triggers()
    found = []
    for deal_type, pattern in types:
        for match in pattern.finditer(text):
            if deal_type == "acquisition" and NO_OBJECT_AFTER.match(text, match.end()) and \
                    match.group(0).lower().endswith(" over"):
                continue  # "after Jane Doe took over, ...": a new boss, not a takeover
            token = _token_at(sent, offset + match.start(), offset + match.end())
            if deal_type == "supply" and _supply_as_goods(token):
                continue  # "labour supply", "supply chain": no supplier and customer
            found.append(Trigger(deal_type, match.start(), match.end(), token,
                                 bool(GENERIC.match(match.group(0)))))
    if LAUNCH.search(text):
        for match in PLATFORM.finditer(text):
            found.append(Trigger("partnership", match.start(1), match.end(1),
                                 _token_at(sent, offset + match.start(1), offset + match.end(1)),
                                 False))
    merging = any(t.type == "merger" for t in found)  # "merge, creating a company"
    for match in NEW_COMPANY.finditer(text) if not merging else ():
        found.append(Trigger("joint_venture", match.start(), match.end(),
                             _token_at(sent, offset + match.start(), offset + match.end()),
                             False))
    for match in SETTLEMENT.finditer(text):
        found.append(Trigger("other", match.start(), match.end(),
                             _token_at(sent, offset + match.start(), offset + match.end()),
                             False))
    for match in BID.finditer(text):
        found.append(Trigger("acquisition", match.start(), match.end(),
                             _token_at(sent, offset + match.start(), offset + match.start() + 3),
                             False))
    for match in LED_ROUND.finditer(text):
        found.append(Trigger("investment", match.start(), match.end(),
                             _token_at(sent, offset + match.start(), offset + match.start() + 3),
                             False))
    for match in RAISE.finditer(text):
        found.append(Trigger("investment", match.start(), match.end(),
                             _token_at(sent, offset + match.start(), offset + match.start() + 3),
                             False, raises=True))
    for match in SELL.finditer(text):
        found.append(Trigger("acquisition", match.start(), match.end(),
                             _token_at(sent, offset + match.start(), offset + match.end()),
                             False, sells=True))
    return found


DEAL_NOUNS = {"agreement", "agreements", "deal", "deals", "contract", "contracts", "accord",
              "pact", "partnership", "relationship", "arrangement", "memorandum", "order"}


def _supply_as_goods(token: Token | None) -> bool:
    """The noun "supply" naming a stock or a flow ("labour supply", "power supply", "supply
    chain", "supply shortages"), or "delivery" a kind of thing ("delivery vans"), not an
    agreement to supply."""
    if token is None or token.pos_ != "NOUN":
        return False
    if token.lower_.startswith("deliver"):
        return token.dep_ == "compound" and token.head.lower_ not in DEAL_NOUNS
    if not token.lower_.startswith("suppl"):
        return False
    if token.dep_ == "compound":
        return token.head.lower_ not in DEAL_NOUNS
    return any(c.dep_ == "compound" for c in token.children)


def _untied_removed(deal_type: str, trigger: Trigger, parties: list[CompanyMention],
                   mentions: list[CompanyMention]) -> list[CompanyMention]:
    """"Under its new owners Kappa and Lambda, Hertz ordered cars from Tesla": companies in
    an adverbial phrase of the deal's verb ("under", "despite", "like") are background."""
    if deal_type not in ("acquisition", "supply", "investment") or trigger.token is None or \
            len(parties) < 3:
        return parties
    chain = {trigger.token, *trigger.token.ancestors}
    sent = trigger.token.sent

    def adjunct(party: CompanyMention) -> bool:
        token = _mention_token(sent, party)
        if token is None:
            return False
        relation = _party_relation(party, trigger.token, mentions)
        return relation in ADJUNCT_PREPOSITIONS or not relation and any(
            a.dep_ == "prep" and a.head in chain and a.lower_ not in ROLE_PREPOSITIONS
            for a in token.ancestors)

    kept = [p for p in parties if not adjunct(p)]
    return kept if len({p.name for p in kept}) >= 2 else parties


ADJUNCT_PREPOSITIONS = {"under", "despite", "amid", "unlike", "like", "besides", "after",
                        "before", "since", "during"}
ROLE_PREPOSITIONS = {"from", "to", "with", "by", "of", "in", "into", "for", "between", "among"}


TOPIC_PREPOSITIONS = {"about", "regarding", "concerning", "over", "amid", "despite"}


def _one_side_only(deal_type: str, trigger: Trigger, parties: list[CompanyMention],
                   mentions: list[CompanyMention]) -> bool:
    """Companies joined by "and" as the subject of a verb whose topic is a one-way deal word
    ("Audi and BMW warned about supply") are on the same side: no deal between them."""
    if deal_type not in ("supply", "acquisition", "investment") or trigger.token is None or \
            trigger.token.dep_ != "pobj" or trigger.token.head.lower_ not in TOPIC_PREPOSITIONS:
        return False  # "Tesla and Hertz signed a supply agreement" is a deal between them
    sent = trigger.token.sent
    tokens = [_mention_token(sent, p) for p in parties]
    if any(t is None for t in tokens) or \
            any(_party_relation(p, trigger.token, mentions) != "subj" for p in parties):
        return False
    heads = {t if t.dep_ != "conj" else next((a for a in t.ancestors if a.dep_ != "conj"), t)
             for t in tokens}
    return len(heads) == 1


def _refers_back(trigger: Trigger, parties: list[CompanyMention],
                 mentions: list[CompanyMention]) -> bool:
    """"the merger", "this deal" with no company tied to it in the parse: a deal told of
    before, while the companies of the sentence do something else ("While the merger changes
    nothing, Avis and Hertz lead the market")."""
    token = trigger.token
    if token is None or token.pos_ not in ("NOUN", "PROPN") or not any(
            c.dep_ == "det" and c.lower_ in ("the", "this", "that", "such")
            for c in token.children):
        return False
    sent = token.sent
    for party in parties:
        found = _mention_token(sent, party)
        if found is None or token in found.ancestors or found == token:
            return False  # named by a pronoun, or inside the deal noun's phrase
        if token.dep_ in ("dobj", "pobj", "attr") and found.dep_ in ("nsubj", "nsubjpass") and \
                (found.head == token.head or found.head == token.head.head):
            return False  # "Hertz completed the merger"
        speaker = next((a for a in found.ancestors if a.pos_ in ("VERB", "AUX")), None)
        if speaker is not None and SPEECH.match(speaker.text) and speaker in token.ancestors:
            return False  # "Tesla and Hertz said the deal would close in May"
    return True


def _ended(token: Token | None) -> bool:
    """The deal word is what is ended: "end their deal", "an end to its alliance"."""
    if token is None or token.pos_ not in ("NOUN", "PROPN"):
        return False
    head = token.head
    if token.dep_ in ("dobj", "nsubjpass") and END_WORDS.match(head.text):
        return True
    return token.dep_ == "pobj" and head.lower_ in ("to", "of") and \
        END_WORDS.match(head.head.text) is not None


def _governs(a: Trigger, b: Trigger) -> bool:
    """a's word is above b's in the parse: "a stake in the joint venture" (stake governs)."""
    return a.token is not None and b.token is not None and a.token != b.token and \
        a.token in b.token.ancestors


def _main_trigger(triggers: list[Trigger], parties: list[CompanyMention]) -> Trigger:
    """The most specific deal word that no other deal word governs; the type order breaks ties.

    "agreed to take a stake in the joint venture" is an investment, not a joint venture;
    "signed an agreement to buy" is an acquisition.
    """
    specific = [t for t in triggers if not t.generic] or triggers
    top = [t for t in specific if not any(_governs(o, t) for o in specific)] or specific
    first = min(top, key=lambda t: (TYPE_ORDER.index(t.type), t.start))
    # "sold Kappa Mobility to Orion, formed through a merger of Delta and Sigma": a noun with its
    # own parties in a deeper clause is a deal of its own, beside the main clause's deal.
    shallower = [t for t in top if _depth(t) < _depth(first)]
    if shallower and first.token is not None and _nominal_parties(first.token, parties):
        return min(shallower, key=lambda t: (TYPE_ORDER.index(t.type), t.start))
    return first


def _depth(trigger: Trigger) -> int:
    """How deep the clause of a deal word sits: the main clause before a relative clause."""
    if trigger.token is None:
        return 0
    return sum(1 for _ in _clause_head(trigger.token).ancestors)


def _nominal_deals(main: Trigger, triggers: list[Trigger], parties: list[CompanyMention],
                   mentions: list[CompanyMention] | None = None
                   ) -> list[tuple[Trigger, list[CompanyMention], bool]]:
    """A second deal named by a noun with its own parties: "Stellantis, formed through a
    merger of Delta Motors and Sigma Auto" beside the main deal of the sentence."""
    mentions = mentions or []
    out: list[tuple[Trigger, list[CompanyMention], bool]] = []
    for trigger in triggers:
        if trigger.generic or trigger.token is None or main.token is None or \
                trigger.token == main.token or _governs(trigger, main) or \
                _governs(main, trigger) or trigger.type == main.type:
            continue
        group = _nominal_parties(trigger.token, parties)
        if group and all(trigger.token != t.token for t, _, _ in out):
            out.append((trigger, group, True))
    for trigger in triggers:
        if trigger.generic or trigger.token is None or main.token is None or \
                any(trigger.token == t.token for t, _, _ in out):
            continue
        clause = _own_clause(trigger.token, subject=False)
        main_clause = _own_clause(main.token)
        if clause == main.token or clause == main_clause:
            continue
        start, end = _edges(clause)
        if clause in main.token.ancestors:
            # "Renault and Nissan rework their alliance as Nissan buys 15% of Ampere": the
            # main deal sits in a clause of its own inside this one.
            if main_clause is None or main_clause.dep_ not in ("advcl", "conj", "ccomp"):
                continue
            inner = _edges(main_clause)
            group = [p for p in parties if _named_in(p, mentions, start, end, [inner])]
            claims = False  # its parties may be the main deal's too ("Nissan buys")
        elif _own_clause(trigger.token) is None:
            continue
        else:
            claims = True
            # "..., while GM and Honda deepened their partnership": a clause of its own.
            group = [*_speaker(trigger.token.sent, clause, parties),
                     *(p for p in parties if _named_in(p, mentions, start, end))]
        if len({p.name for p in group}) >= 2 and len(group) < len(parties):
            out.append((trigger, group, claims))
    return out


def _edges(token: Token) -> tuple[int, int]:
    """The character span of a token's subtree."""
    return token.left_edge.idx, token.right_edge.idx + len(token.right_edge)


def _named_in(party: CompanyMention, mentions: list[CompanyMention], start: int, end: int,
              holes: list[tuple[int, int]] | None = None) -> bool:
    """Whether a mention of the party lies between two offsets (and outside the holes)."""
    return any(m.name == party.name and start <= m.start < end and
               not any(a <= m.start < b for a, b in holes or [])
               for m in [party, *mentions])


def _own_clause(token: Token, subject: bool = True) -> Token | None:
    """The verb of the clause a deal word is in, if that clause has its own subject."""
    head = token
    while head.dep_ != "ROOT" and head.pos_ not in ("VERB", "AUX"):
        head = head.head
    while head.dep_ in ("xcomp", "aux", "auxpass") and head.head != head:
        head = head.head
    if not subject or any(c.dep_ in ("nsubj", "nsubjpass") and
                          c.lower_ not in ("which", "that", "who") for c in head.children):
        return head
    return None


def _mention_token(sent: Span, mention: CompanyMention) -> Token | None:
    """The syntactic head of a company mention ("Dollar Thrifty" -> Thrifty)."""
    if mention.end <= mention.start:
        return None  # a company named by a pronoun in this sentence
    return _token_at(sent, mention.start, mention.end)


def _nominal_parties(noun: Token, parties: list[CompanyMention]) -> list[CompanyMention]:
    """Parties that are the noun's own arguments: "Kappa's acquisition of Orion Fleet",
    "the acquisition by Kappa of Orion", "a merger of Delta Motors and Sigma Auto"; else []."""
    if noun.pos_ not in ("NOUN", "PROPN"):
        return []
    sent = noun.sent
    inside = []
    for party in parties:
        token = _mention_token(sent, party)
        if token is not None and (token == noun or noun in token.ancestors) and \
                (relation := _relation(token, noun)):
            inside.append((party, relation))
    names = {p.name for p, _ in inside}
    has_actor = any(r in ("poss", "by") for _, r in inside)
    # "a merger of A and B", "a partnership between A and B": both sides after one word
    # ("the supply of parts to units of A and B" names the customers only).
    joined = len([r for p, r in inside if r in ("of", "between", "among") and
                  _attached_to(_mention_token(sent, p), noun) in ("of", "between", "among")]) >= 2
    return [p for p, _ in inside] if len(names) >= 2 and (has_actor or joined) else []


def _attached_to(token: Token | None, noun: Token) -> str:
    """The word by which a party's phrase hangs on the noun itself ("of" in "merger of A")."""
    if token is None:
        return ""
    for step in [token, *token.ancestors]:
        if step.head == noun:
            return step.lower_ if step.dep_ == "prep" else step.dep_
    return ""


def _relation(token: Token, trigger: Token) -> str:
    """How a party's word hangs on a deal word: "subj", "obj", "poss", "by", a preposition
    ("from", "to", "of", "in", "with"), "desc" (inside a description of another party:
    "the leasing arm of Sears"), or "" when it is elsewhere in the sentence."""
    path = [token]
    for ancestor in token.ancestors:
        if ancestor == trigger:
            break
        path.append(ancestor)
    else:
        # Above the deal word: the subject of a verb that governs it ("Hertz agreed to buy").
        chain = [trigger, *trigger.ancestors]
        for ancestor in [token, *token.ancestors]:
            if ancestor.dep_ in ("nsubj", "nsubjpass") and ancestor.head in chain:
                verb = ancestor.head
                below = chain[chain.index(verb) - 1] if chain.index(verb) else None
                if below is not None and below.dep_ == "ccomp" and SPEECH.match(verb.text) \
                        and any(c.dep_ == "nsubj" and c.lower_ not in ("it", "they", "we")
                                for c in below.children):
                    return ""  # "Tesla said Panasonic would supply it": Tesla only speaks
                passive = any(c.dep_ == "auxpass" for c in trigger.children)
                if passive and below is not None and below.dep_ == "xcomp":
                    return "obj"  # "Arval is to be acquired by BNP Paribas"
                if ancestor.dep_ == "nsubj" or (below is not None and below.dep_ == "xcomp"):
                    return "subj"  # "Toyota is said to be weighing a bid"
                return "obj"
        return ""
    if token == trigger:
        return "obj"
    if token.i > 0 and token.nbor(-1).lower_ == "to" and token.nbor(-1).dep_ == "aux":
        return "to"  # "sell its unit to Grab", with the name misread as the verb "grab"
    if token.dep_ == "dobj" and _after_to(token):
        return "to"  # "sell a stake to Italian bank Kappa", "Kappa" misread as the object
    if path[-1].dep_ in ("conj", "cc"):
        return ""  # "its cooperation with BNP, the roll-out of X": a coordinated topic
    for step in path:
        if step.dep_ in ("acl", "relcl"):
            return "desc"
        if step.dep_ == "agent":
            return "by"
        if step.dep_ in ("prep", "dative") and step.tag_ in ("IN", "TO"):
            # not "18 dlrs a share offer from Kappa", where the deal word is the apposition
            return "desc" if step.head.dep_ == "appos" and step.head != trigger \
                else step.lower_
        if step.dep_ == "poss" and step.head == trigger:
            return "poss"
    return "subj" if path[-1].dep_ == "nsubj" else "obj"


def party_relation(token: Token, trigger: Token) -> str:
    """How a party's word hangs on a deal word (see _relation); the scorer reads it too."""
    return _relation(token, trigger)


def _after_to(token: Token) -> bool:
    """"to Italian bank Kappa": "to" and a title of a few words just before the name."""
    start = token.left_edge.i
    for i in range(start - 1, max(token.sent.start, start - 5) - 1, -1):
        word = token.doc[i]
        if word.lower_ == "to":
            return word.dep_ in ("dative", "prep") and i < start - 1
        if word.pos_ not in ("ADJ", "NOUN", "DET") or word.dep_ not in ("amod", "compound",
                                                                        "det", "pobj"):
            return False
    return False


SPEECH = re.compile(r"^(?:say|says|said|saying|told|tells|tell|stated|states|added|adds|noted|"
                    r"notes|reported|reports|confirmed|confirms|believes|believed|thinks)$", re.I)


def _clause_parties(sent: Span, trigger: Trigger, parties: list[CompanyMention],
                    mentions: list[CompanyMention] | None = None) -> list[CompanyMention]:
    """The parties inside the clause of the trigger word, not the whole sentence.

    "Hertz agreed to buy Dollar Thrifty, Avis said" -> Hertz and Dollar Thrifty;
    "the acquisition by Kappa of Orion will make it bigger than Sigma" -> Kappa and Orion.
    """
    token = trigger.token
    if token is None:
        return parties
    if own := _nominal_parties(token, parties):
        return own
    head = _clause_head(token)
    start = head.left_edge.idx
    end = head.right_edge.idx + len(head.right_edge)
    # "Hertz agreed to buy Dollar Thrifty, and Avis said...": a coordinated clause with a
    # subject of its own is another statement.
    others = [_edges(c) for c in head.children
              if c.dep_ in ("conj", "advcl", "parataxis") and c != token and
              c not in token.ancestors and (_own_clause(c) == c and not anaphoric_subject(c)
                                             or _other_action(c))]
    # A company named by the pronoun subject ("It plans to buy...") stays a party.
    inside = [p for p in parties
              if p.end == p.start or _named_in(p, mentions or [], start, end, others)]
    if len(inside) < 2 and head.dep_ != "ccomp":
        return parties
    inside = [*_speaker(sent, head, parties), *inside]
    return inside if len(inside) >= 2 else parties


def _other_action(verb: Token) -> bool:
    """"... had hired Jo and approached him about leaving Kappa": a coordinated verb of the
    same subject with no deal word in it does something else to its companies."""
    if verb.dep_ != "conj" or verb.pos_ != "VERB":
        return False
    types, _ = load_triggers()
    start, end = _edges(verb)
    words = doc_text(verb.doc)[start:end] if end - start < 400 else ""
    return bool(words) and not any(pattern.search(words) for _, pattern in types) and \
        not SELL.search(words)


def _speaker(sent: Span, clause: Token, parties: list[CompanyMention]) -> list[CompanyMention]:
    """"Hertz said that it would buy EVs from Polestar": "it" is the company that spoke."""
    if clause.dep_ != "ccomp" or not any(c.dep_ == "nsubj" and c.lower_ in ("it", "they")
                                         for c in clause.children):
        return []
    return [p for p in parties if (t := _mention_token(sent, p)) is not None and
            t.dep_ == "nsubj" and t.head == clause.head]


def _trailing_participle(verb: Token) -> bool:
    """A subjectless "-ing" clause after a comma ("..., placing orders with GM")."""
    return verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.i > verb.sent.start and \
        verb.nbor(-1).text == "," and verb.i > verb.sent.root.i and \
        not any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in verb.children)


def _clause_head(token: Token) -> Token:
    head = token
    while head.dep_ != "ROOT" and head.pos_ not in ("VERB", "AUX"):
        head = head.head
    # "agreed to buy", "plans to acquire", "is set to merge": the subject sits one verb up.
    while head.dep_ in ("xcomp", "auxpass", "aux", "conj", "advcl", "acl") and \
            head.head != head and head.dep_ != "ROOT":
        if head.dep_ == "advcl" and head.head.pos_ != "VERB":
            break
        if head.dep_ == "acl" and head.head.dep_ in ("dobj", "pobj", "attr") and \
                any(c.dep_ == "aux" and c.lower_ == "to" for c in head.children):
            # "signed an agreement to buy", "announced plans to order": the subject of the
            # verb that has the agreement or plan as its object.
            head = head.head.head
            while head.dep_ == "prep" and head.head != head:
                head = head.head
            continue
        if _trailing_participle(head):
            # "Hertz grew after Jo took over, placing orders with GM": the participle
            # after the comma speaks of the main clause's subject, wherever it is attached.
            head = head.sent.root
            continue
        if head.dep_ in ("advcl", "conj") and _own_clause(head) == head and \
                not anaphoric_subject(head):
            break  # "Lyft shares fell after Uber announced a deal": Uber's own clause
        head = head.head
    return head


def _clause_span(trigger: Trigger, text: str, offset: int) -> tuple[int, int]:
    """Where the clause of a deal word is in its sentence (its status cues are its own)."""
    if trigger.token is None:
        return 0, len(text)
    head = trigger.token
    while head.dep_ != "ROOT" and head.pos_ not in ("VERB", "AUX"):
        head = head.head
    start = max(0, head.left_edge.idx - offset)
    end = min(len(text), head.right_edge.idx + len(head.right_edge) - offset)
    return (start, end) if end > start else (0, len(text))


# What a stake is bought as: "a 20% stake", "its shares", "a minority holding".
STAKE_WORDS = {"stake", "stakes", "shares", "interest", "holding", "equity"}
# What a company buys when it buys a company: the object of "buy" names one of these, or a
# company, or a number or pronoun that may stand for one ("buy the 49% it does not own").
COMPANY_OBJECTS = STAKE_WORDS | {
    "company", "companies", "business", "businesses", "firm", "firms", "unit", "units",
    "division", "divisions", "subsidiary", "subsidiaries", "arm", "operations", "operation",
    "assets", "asset", "brand", "brands", "carmaker", "automaker", "maker", "manufacturer",
    "startup", "start-up", "rival", "rivals", "competitor", "group", "venture", "share",
    "holdings", "control", "majority", "minority", "rest", "remainder", "remaining", "lessor",
    "operator", "fleet", "fleets", "network", "portfolio", "plant", "plants", "factory",
    "factories", "site", "chain", "dealership", "dealerships", "dealer", "dealers",
    "supplier", "platform", "service", "app", "agency", "bank", "airline", "carrier",
    "provider", "specialist", "developer", "parent", "owner", "peer", "part", "half", "all",
    "most", "some"}


BUY_FORMS = re.compile(r"buy(?:s|ing)?|bought|purchas(?:e|es|ed|ing)|acquir(?:e|es|ed|ing)")


def _buys_goods(token: Token | None, mentions: list[CompanyMention]) -> bool:
    """"buy the games outright", "purchase a ticket": the verb's object is a common noun that
    names no company (a takeover buys a company, its unit, assets or shares)."""
    if token is None or token.pos_ != "VERB" or not BUY_FORMS.fullmatch(token.lower_):
        return False
    objects = [c for c in token.children if c.dep_ == "dobj"]
    if len(objects) != 1:
        return False
    obj = objects[0]
    if obj.pos_ != "NOUN" or obj.lower_ in COMPANY_OBJECTS or obj.lower_.rstrip("s") in \
            COMPANY_OBJECTS:
        return False
    start, end = obj.left_edge.idx, obj.right_edge.idx + len(obj.right_edge)
    if any(start <= m.start < end for m in mentions):
        return False  # "buy the Kappa unit", "buy Kappa's car-rental business"
    return not any(t.like_num or t.pos_ == "PROPN" for t in obj.subtree)


def _buys_a_company(token: Token | None, mentions: list[CompanyMention],
                    brands: set[int]) -> bool:
    """"buy courier firm Kappa", "Kappa was bought by Beta": the buying verb's object is a
    company named in the text (not a brand naming the vehicles: "buy 900 Kappa vans")."""
    if token is None or token.pos_ != "VERB":
        return False
    objects = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
    if token.tag_ == "VBN" and token.dep_ == "xcomp" and not objects:
        # "Kappa has agreed to be bought by Beta": the subject of "agreed" is bought
        objects = [c for c in token.head.children if c.dep_ == "nsubj"]
    for obj in objects:
        if any(m.start <= obj.idx < m.end and m.start not in brands for m in mentions):
            return True
    return False


# "provide Kappa with a €50m loan", "extend financing to Kappa": money lent or granted.
FUNDING_NOUNS = {"loan", "loans", "financing", "finance", "funding", "funds", "credit",
                 "capital", "investment"}
LENDING_VERBS = {"provide", "give", "grant", "extend", "offer", "arrange", "supply"}


def _lends(token: Token | None) -> bool:
    """A verb of providing whose object or "with" phrase is money lent or granted."""
    if token is None or token.lemma_.lower() not in LENDING_VERBS:
        return False
    for child in token.children:
        words = [child] if child.dep_ == "dobj" else [
            g for g in child.children if g.dep_ == "pobj"] if child.dep_ == "prep" and \
            child.lower_ == "with" else []
        for word in words:
            of = [g for c in word.children if c.dep_ == "prep" and c.lower_ == "of"
                  for g in c.children if g.dep_ == "pobj"]  # "€50m of financing"
            if any(w.lower_ in FUNDING_NOUNS for w in [word, *of]):
                return True
    return False


def _directive_order(token: Token | None) -> bool:
    """"the order favoured banks": an "order" that is the subject of a verb and orders
    nothing ("an order for 30 jets", "an order of 50 vans" name what is bought)."""
    if token is None or token.pos_ != "NOUN" or token.lower_ not in ("order", "orders"):
        return False
    if token.dep_ not in ("nsubj", "nsubjpass"):
        return False
    return not any(c.dep_ == "nummod" or (c.dep_ == "prep" and c.lower_ in ("for", "of"))
                   for c in token.children)


def _takes_a_stake(token: Token | None) -> bool:
    """"buy a 20% stake", "acquisition of a minority stake": a stake, not the company."""
    if token is None:
        return False
    objects = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
    objects += [g for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                for g in c.children if g.dep_ == "pobj"]
    # "sell part / half / some of its holding": the stake is one "of" further down
    objects += [g for o in list(objects) if o.lower_ in PART_WORDS for c in o.children
                if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    return any(o.text in STAKE_WORDS or o.lower_ in ("%", "percent", "pct") for o in objects)


PART_WORDS = {"part", "half", "some", "most", "all", "portion", "share", "third", "quarter"}


def date_between(doc: Doc, start: int, end: int) -> str | None:
    """An ISO date (or year-month) named between two character offsets (a sentence)."""
    for ent in sentence_ents(doc, start, end):
        if ent.label_ == "DATE" and (when := iso_date(ent.text)):
            return when
    return None


def _pairs(deal: Deal) -> list[Deal]:
    """"Hertz ordered Teslas from Tesla and EVs from Polestar": one supply deal per supplier."""
    if deal.type != "supply":
        return [deal]
    suppliers = [n for n, r in deal.roles.items() if r == "supplier"]
    customers = [n for n, r in deal.roles.items() if r == "customer"]
    if len(customers) == 1 and len(suppliers) > 1:
        pairs = [(s, customers[0]) for s in suppliers]
    elif len(suppliers) == 1 and len(customers) > 1:
        pairs = [(suppliers[0], c) for c in customers]
    else:
        return [deal]
    return [replace(deal, parties=[s, c], roles={s: "supplier", c: "customer"})
            for s, c in pairs]


# "partnered with suppliers including A, B and C", "works with retailers A, B and C",
# "partnerships with A, B and C": a list of counterparts, each in a deal of its own.
LIST_CUE = re.compile(r"\b(?:including|such\s+as|like|among\s+them|notably)\b", re.I)
LISTED_TYPES = ("partnership", "joint_venture")


def _one_by_one(deal: Deal, trigger: Trigger, text: str, offset: int,
                parties: list[CompanyMention], mentions: list[CompanyMention]) -> list[Deal]:
    """A company's deals with a list of others, one deal per counterpart; a consortium
    ("A, B and C formed an alliance", "partnered with A and B to build") stays one deal."""
    if deal.type not in LISTED_TYPES or len(deal.parties) < 3 or trigger.token is None:
        return [deal]
    subjects = {p.name for p in parties
                if _party_relation(p, trigger.token, mentions) in ("subj", "poss")}
    listed = [n for n in deal.parties if n not in subjects]
    if len(subjects) != 1 or len(listed) < 2:
        return [deal]
    after = [p.start - offset for p in parties if p.name in listed and
             p.start - offset >= trigger.end]
    if len(after) < 2:
        return [deal]
    between = text[trigger.end:min(after)]
    plural = trigger.token.tag_ == "NNS" or any(
        t.tag_ == "NNS" for t in trigger.token.sent
        if offset + trigger.end <= t.idx < offset + min(after))
    if not (plural or LIST_CUE.search(between)):
        return [deal]
    subject = next(iter(subjects))
    return [replace(deal, parties=[subject, name], roles={subject: "partner", name: "partner"})
            for name in listed]


def _add_or_merge(deals: list[Deal], deal: Deal) -> None:
    """One deal per set of parties in a text: the headline and lead name its type; later
    sentences about the same parties add evidence of the same deal, not new deals."""
    for known in deals:
        if set(known.parties) == set(deal.parties) or \
                known.type == deal.type and _short_forms_of(known.parties, deal.parties):
            if known.type == "talks" and deal.type != "talks":  # the talks were about this
                known.type, known.roles, known.parties = deal.type, deal.roles, deal.parties
            known.value = known.value or deal.value
            known.quantity = known.quantity or deal.quantity
            return
    deals.append(deal)


def _short_forms_of(a: list[str], b: list[str]) -> bool:
    """The same parties up to a group word: "Kappa Motor" for "Kappa Motor Group"."""
    a_keys, b_keys = {name_key(n) for n in a}, {name_key(n) for n in b}
    if len(a_keys) != len(b_keys) or a_keys == b_keys:
        return a_keys == b_keys

    def near(x: str, y: str) -> bool:
        return x == y or x in GROUP_FORMS[y] or y in GROUP_FORMS[x]

    return all(any(near(x, y) for y in b_keys) for x in a_keys) and \
        all(any(near(y, x) for x in a_keys) for y in b_keys)


class _GroupForms(dict):
    """"kappa motor group" -> {"kappa motor"}: a name without its trailing group word."""

    def __missing__(self, key: str) -> set[str]:
        words = key.split()
        short = {" ".join(words[:-1])} if len(words) > 1 and words[-1] in GROUP_WORDS else set()
        self[key] = short
        return short


GROUP_WORDS = {"group", "holdings", "holding"}
GROUP_FORMS = _GroupForms()


PRONOUN_ACTOR = re.compile(
    r"^\W*(?:It|They|The\s+(?:[\w-]+\s+)?(?:company|firm|group|carmaker|automaker|operator|"
    r"lessor|giant|business|start-?up|retailer|manufacturer))\b|"
    r"\b(?:its|their)\s+(?:[\w-]+\s+)?(?:acquisition|purchase|takeover|investment|"
    r"partnership|alliance|order|deal)\b")
POSSESSOR = re.compile(r"^(?:'s|’s|‘s|'|’|‘)\s+(?:(?!of\b|with\b|to\b|by\b|for\b|in\b|and\b)"
                       r"[\w-]+\s+){0,4}$", re.I)
PLACE_AFTER = re.compile(r"^\s+(?:plant|factory|site|facility|works|headquarters|office)\b",
                         re.I)
STANDING_STAKE = re.compile(r"\b(?:owns|holds|held|has|had|retains?)\s+(?:a|an|its|the)?\s*"
                            r"(?:[\d.]+\s*(?:%|per ?cent|pct)\s+|majority\s+|minority\s+)?"
                            r"(?:[\w-]+\s+)?stake", re.I)
NEW_STAKE = re.compile(r"\b(?:buy|bought|acquir\w*|take|took|taking|rais\w*|invest\w*|"
                       r"purchas\w*|sell|sold|increase\w*)\b", re.I)
INTRA_GROUP_TYPES = {"partnership", "supply", "other", "talks", "joint_venture"}


def _without_possessors(text: str, mentions: list[CompanyMention]) -> list[CompanyMention]:
    """"Daimler's car2go and BMW's DriveNow merged": the owners named in passing are not
    parties, the businesses they own are (also when the model took the "'s" into the name:
    "Jo Roe's Kappa")."""
    kept = []
    for mention, following in zip(mentions, [*mentions[1:], None], strict=False):
        gap = text[mention.end:following.start] if following is not None else ""
        if mention.text.endswith(POSSESSIVE):
            gap = "'s" + gap
        if following is not None and POSSESSOR.match(gap) and \
                not PLACE_AFTER.match(text[following.end:following.end + 20]):
            continue
        kept.append(mention)
    return kept


def _intra_group(deal_type: str, parties: list[CompanyMention]) -> bool:
    """A parent and its own subsidiary working together is not a deal between companies."""
    names = {p.name for p in parties}
    return deal_type in INTRA_GROUP_TYPES and len(names) == 2 and any(
        p.parent in names for p in parties)


def _distinct(mentions: list[CompanyMention]) -> list[CompanyMention]:
    seen: dict[str, CompanyMention] = {}
    for mention in mentions:
        seen.setdefault(mention.name, mention)
    return list(seen.values())


def _same_side_removed(deal_type: str, parties: list[CompanyMention]) -> list[CompanyMention]:
    """A subsidiary and its parent named together are one side, not two parties; in an
    acquisition the parent of the target is its seller ("Sears Motor, the arm of Sears")."""
    names = {p.name for p in parties}
    if deal_type == "acquisition" or len(names) <= 2:
        return parties
    return [p for p in parties if p.parent not in names]


# Companies named as rivals or yardsticks: "competing with Citroen", "ahead of Lex".
_FEW_WORDS = r"(?:(?!(?:with|of|to|by|for|in|from)\b)[\w-]+\s+){0,4}"
COMPARED = re.compile(r"\b(?:compet\w*\s+(?:with|against)|rivals?|competitors?|than|"
                      r"ahead\s+of|behind|unlike|compared\s+(?:with|to)|outpac\w+|"
                      rf"overtak\w+|overtook)\s+(?:such\s+as\s+)?{_FEW_WORDS}$", re.I)
# "Polestar, the carmaker owned by Geely and Volvo": its owners are described, not parties.
OWNED_BY_BEFORE = re.compile(r"\b(?:owned|controlled)\s+by\s+(?:the\s+)?"
                             r"(?:[\w’'&.-]+\s+){0,4}$", re.I)
# "an agreement with its rival Kappa", "agreed to buy rival Kappa", "a stake in rival carrier
# Kappa": the rival is the other side.
RIVAL_AS_PARTNER = re.compile(r"\b(?:with|to|from|buy|buys|bought|acquir\w*|merg\w*|"
                              r"take\s+over|took\s+over|(?:stake|interest|holding|bid|offer|"
                              r"takeover|acquisition|purchase|control)\s+(?:in|into|for|of))\s+"
                              r"(?:(?:its|their|the|a)\s+)?(?:[\w-]+\s+){0,2}?rivals?\s+"
                              r"(?:[a-z][\w-]*\s+){0,2}$", re.I)
# "Rival Kappa agreed to buy Beta": a rival that opens the sentence is its actor.
RIVAL_OPENS = re.compile(r"^\W*(?:[Rr]ivals?|[Cc]ompetitors?)\s+(?:[a-z][\w-]*\s+){0,3}$")
# "Amazon-backed Rivian", "Toyota-owned Kinto": a description of the next company.
DESCRIPTOR_AFTER = re.compile(r"^-(?:backed|owned|controlled|funded|based|led)\b", re.I)
# "under the Autopact trade agreement": the name of an agreement, not a party.
AGREEMENT_NAME = re.compile(r"^\s+(?:[\w-]+\s+){0,2}?(?:agreement|accord|pact|treaty|act)\b",
                            re.I)
UNDER_BEFORE = re.compile(r"\b(?:under|within)\s+(?:the\s+|an?\s+)?$", re.I)
POSSESSIVE_BEFORE = re.compile(r"(?:'s|’s|‘s)\s+$")


# "Tesla vehicles", "the Kappa 300 compact van": a brand naming a product.
_PRODUCTS = (r"(?:models?|cars?|vehicles?|vans?|trucks?|lorries|buses|coaches|SUVs?|EVs?|"
             r"sedans?|pickups?|hatchbacks?|subcompacts?|taxis|electric vehicles)\b")
BRAND_PRODUCT_AFTER = re.compile(rf"^\s+(?:[A-Z0-9][\w-]*\s+){{0,2}}(?:[\w-]+\s+)?{_PRODUCTS}")
PRODUCT_NOUN = re.compile(rf"\b{_PRODUCTS}")


def _product_brands(doc: Doc, sent: Span, mentions: list[CompanyMention]
                    ) -> tuple[list[CompanyMention], list[CompanyMention]]:
    """Split off the known companies the sentence names only as makers of a product."""
    text = doc_text(doc)
    if not mentions or not PRODUCT_NOUN.search(sent.text):
        return mentions, []  # most sentences: no product named, no entity scan
    gazetteer = load_gazetteer()
    kept, brands = [], []
    for mention in mentions:
        after = text[mention.end:mention.end + 50]
        (brands if BRAND_PRODUCT_AFTER.match(after) else kept).append(mention)
    starts = {m.start for m in mentions}
    for ent in sentence_ents(doc, sent.start_char, sent.end_char):
        if ent.label_ not in ("ORG", "PRODUCT") or ent.start_char in starts:
            continue
        known = gazetteer.lookup(ent.text)
        if known is None or gazetteer.is_not_actor(ent.text) or \
                not BRAND_PRODUCT_AFTER.match(text[ent.end_char:ent.end_char + 50]):
            continue
        brands.append(CompanyMention(known.name, ent.text, ent.start_char, ent.end_char,
                                     sent.start_char, known.kind, known.country,
                                     known.parent, known=True))
    return kept, brands


def _not_parties_removed(sent: Span, mentions: list[CompanyMention]) -> list[CompanyMention]:
    """Drop companies a sentence names without making them parties: rivals and yardsticks,
    agreements named after a place, places of plants ("VW's Hanover plant"), and words that
    describe the next company ("Falkirk manufacturer Kappa")."""
    text, offset = sent.text, sent.start_char
    kept = []
    for mention in mentions:
        before = text[max(0, mention.start - offset - 60):mention.start - offset]
        after = text[mention.end - offset:mention.end - offset + 40]
        if (COMPARED.search(before) and not RIVAL_AS_PARTNER.search(before) and
                not RIVAL_OPENS.match(before)) or \
                DESCRIPTOR_AFTER.match(after) or OWNED_BY_BEFORE.search(before) or \
                describes_next(sent.doc, mention, mentions) or \
                describes_the_subject(sent, mention, mentions):
            continue
        if UNDER_BEFORE.search(before) and AGREEMENT_NAME.match(after):
            continue
        if POSSESSIVE_BEFORE.search(before) and PLACE_AFTER.match(after):
            continue
        kept.append(mention)
    return kept


def describes_the_subject(sent: Span, mention: CompanyMention,
                          mentions: list[CompanyMention]) -> bool:
    """"Kappa, the leasing arm of Beta, signed a partnership with Gamma": Beta is named in
    a description of the subject, not as a party (an object's owner may be a seller: "bought
    Kappa, a unit of Beta")."""
    token = _mention_token(sent, mention)
    return token is not None and _describes(token, [m for m in mentions if m is not mention])


def _venture_itself_removed(sent: Span, trigger: Trigger,
                            parties: list[CompanyMention]) -> list[CompanyMention]:
    """The parties of a joint venture without the venture's own name: "formed a joint
    venture, Kappa Charging,", "a joint venture called Kappa Charging", "Kappa, a joint
    venture between Beta and Gamma" (its owners are the deal's parties)."""
    if trigger.token is None:
        return parties
    venture = next((t for t in (trigger.token, trigger.token.head)
                    if t.lemma_.lower() in ("venture", "jv")), None)
    if venture is None:
        return parties

    def names_it(t: Token) -> bool:
        return t.dep_ == "appos" and t.head == venture or \
            venture.dep_ == "appos" and venture.head == t or \
            t.dep_ in ("oprd", "dobj") and t.head.lemma_.lower() in ("call", "name") and \
            t.head.head == venture

    kept = [p for p in parties if (t := _mention_token(sent, p)) is None or not names_it(t)]
    return kept if len(kept) >= 2 else parties


def _describes_a_company(trigger: Trigger, mentions: list[CompanyMention]) -> bool:
    """The deal word is the owning verb of a description of a company the sentence is about
    ("backed" of "Kappa, a start-up backed by Beta, ...")."""
    return trigger.token is not None and trigger.token.lemma_.lower() in OWNING_VERBS and \
        _describes(trigger.token, mentions)


def _describes(token: Token, mentions: list[CompanyMention]) -> bool:
    """The word stands in a description of one of these companies."""
    subject = described_subject(token)
    return subject is not None and any(m.start <= subject.idx < m.end for m in mentions)


def described_subject(token: Token) -> Token | None:
    """The subject a description holding this word is about: "Kappa, which is backed by
    Beta, ordered ...", "Kappa, a unit of Beta, ...", "Kappa is a start-up backed by Beta"."""
    for ancestor in token.ancestors:
        # "Kappa, which is backed by Beta, ordered ...": a clause of owning the subject
        if ancestor.dep_ == "appos" and ancestor.pos_ == "NOUN" or \
                ancestor.dep_ == "relcl" and ancestor.lemma_.lower() in OWNING_VERBS:
            subject = ancestor.head  # the description stands between the subject and its verb
            return subject if subject.dep_ in ("nsubj", "nsubjpass") and \
                subject.i < ancestor.i < subject.head.i else None
        # "Kappa is a charging start-up backed by Beta": what the subject is
        if ancestor.dep_ == "acl" and ancestor.lemma_.lower() in OWNING_VERBS and \
                ancestor.head.dep_ == "attr" and ancestor.head.head.lemma_ == "be":
            return next((c for c in ancestor.head.head.children if c.dep_ == "nsubj"), None)
    return None


# Verbs of a relative clause that describes who owns or runs the subject
OWNING_VERBS = frozenset({"own", "back", "control", "fund", "found", "run", "operate",
                          "majority-own", "spin"})


# "It announced plans to buy EVs from GM and Polestar": a pronoun or "the company" is the
# subject, so the company of the sentence before is a party.
PRONOUN_SUBJECT = re.compile(
    rf"^\W*(?:It|They|The\s+(?:[\w-]+\s+)?(?:{'|'.join(sorted(COMPANY_NOUNS))}))(?:'s|’s)?\b")


def _anaphoric_root(sent: Span) -> bool:
    """"Under its new owners, the rental company ordered...", "Last month, it signed...":
    the subject of the main verb is a pronoun or "the company", after an opening phrase."""
    return anaphoric_subject(sent.root) or any(  # "..., and the group has ordered ..."
        anaphoric_subject(c) for c in sent.root.children
        if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX"))


def _antecedent(sent: Span, parties: list[CompanyMention],
                previous: list[CompanyMention]) -> CompanyMention | None:
    """The company a pronoun of this sentence stands for, if it is a party here."""
    if not previous or not parties:
        return None
    names = {p.name for p in parties}
    subject = referent(sent)
    if subject is not None and subject.name in names:
        return None  # "Kappa agreed to buy Beta. The purchase will lift Kappa's fleet, the
        # company said": the company the sentence before was about is named here
    candidate = subject or next((m for m in previous if m.name not in names), None)
    if candidate is None:
        return None
    if _round_subject(sent):  # "Kappa raised $25m. The round was led by Beta and Gamma."
        return _funded(sent.doc, [m for m in previous if m.name not in names]) or candidate
    if len(parties) == 1:
        return candidate if PRONOUN_ACTOR.search(sent.text) or _anaphoric_root(sent) else None
    if not PRONOUN_SUBJECT.match(sent.text) and not _anaphoric_root(sent):
        return None
    # Only when none of the companies named here is itself a subject.
    # ... in any clause: "It said Arrival would build the vans" (it only speaks).
    subjects = [t for t in sent if t.dep_ in ("nsubj", "nsubjpass")]
    for party in parties:
        token = _mention_token(sent, party)
        if token is not None and any(token.i in range(s.left_edge.i, s.right_edge.i + 1)
                                     for s in subjects):
            return None  # "Its partner Arrival will build the vans": Arrival is the subject
    return candidate


# What a company raises: "the round", "this funding", "the Series B".
ROUND_NOUNS = frozenset({"round", "funding", "financing", "raise", "fundraise", "fundraising",
                         "series"})


# What a round's sentence says of its investors: "was led by", "included", "came from".
ROUND_VERBS = frozenset({"lead", "co-lead", "include", "come", "back", "join", "involve",
                         "see", "draw", "attract"})


def _round_subject(sent: Span) -> bool:
    """The subject of the sentence's main verb is a funding round told of before, and the
    verb names who took part ("The round was led by Beta"): its investors invest in the
    company that raised it."""
    return sent.root.lemma_.lower() in ROUND_VERBS and any(
        c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in ROUND_NOUNS and
        any(d.dep_ == "det" and d.lower_ in ("the", "this") for d in c.children)
        for c in sent.root.children)


FUNDED_IN = ROUND_NOUNS | {"investment", "stake"}  # "a round in Kappa", "a stake in Kappa"
RAISING_VERBS = frozenset({"raise", "secure", "close", "land", "bag", "complete", "receive",
                           "get", "attract"})


def _funded(doc: Doc, mentions: list[CompanyMention]) -> CompanyMention | None:
    """The company a sentence says raised money ("Kappa raised $25m", "a round in Kappa")."""
    for mention in mentions:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        root = span.root
        if root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_.lower() in RAISING_VERBS or \
                root.dep_ == "pobj" and root.head.lower_ == "in" and \
                root.head.head.lemma_.lower() in FUNDED_IN:
            return mention
    return None


# Press and unnamed sources: "according to press reports", "the trade paper said".
PRESS = re.compile(
    r"\baccording\s+to\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:press|media|reports?|newspapers?|"
    r"paper|daily|magazine|sources?)\b|"
    r"\b(?:newspaper|paper|daily|magazine|press|media|agency)\s+(?:[A-Z][\w-]*\s+){0,3}"
    r"(?:said|says|reported|reports|wrote|quoted)\b|"
    r"\b(?:press|media|news)\s+reports?\b|\b(?:was|were|been|is|are)\s+reported\b", re.I)
# "to be acquired", "will have merged", "is being taken private": not done yet.
FUTURE_BEFORE = re.compile(r"(?:\b(?:to|will|would|could|may|might|should|shall)\s+(?:be|have)|"
                           r"\bbeing)\s+(?:\w+ly\s+)?$", re.I)
# "concluded an agreement", "signed a deal": agreed, not closed.
AGREEMENT_AFTER = re.compile(r"^\W*(?:an?|the|its|their)\s+(?:[\w-]+\s+){0,2}?"
                             r"(?:agreement|deal|contract|accord|memorandum)", re.I)
# "a company formed through a merger of", "created in 2019 by merging": done.
FORMED = re.compile(r"(?<!be )\b(?:formed|created)\s+(?:in\s+\d{4}\s+|last\s+year\s+|"
                    r"(?:[\w-]+\s+){0,2}?)(?:through|by|from|via|out\s+of)\b", re.I)
# "following its acquisition of", "after the merger": done.
AFTER_DEAL = re.compile(r"\b(?:following|after|since)\s+(?:its|their|the|his|her)\s+"
                        r"(?:[\w-]+\s+){0,2}?(?:acquisition|merger|takeover|purchase)\b", re.I)


def _status(deal_type: str, text: str) -> str:
    _, cues = load_triggers()
    if cues["rumoured"].search(text):
        return "rumoured"
    press = bool(PRESS.search(text))
    if deal_type == "talks" or cues["in_talks"].search(text):
        return "rumoured" if press else "in_talks"
    done = any(not AGREEMENT_AFTER.match(text[m.end():]) and
               not FUTURE_BEFORE.search(text[:m.start()]) and
               not (m.group(0).lower().endswith(" over") and NO_OBJECT_AFTER.match(text, m.end()))
               for m in cues["completed"].finditer(text))
    if done or FORMED.search(text) or AFTER_DEAL.search(text):
        return "completed"
    return "rumoured" if press else "announced"


# "Kappa chose Beta as its supplier": the one choosing buys (the rule pattern
# chosen-as-supplier); "Beta was chosen as supplier for Kappa" is read as a sale by Beta.
CHOOSER_VERBS = re.compile(r"(?:chos|choos|select|pick|nam|appoint|nominat|confirm)\w*\b", re.I)


def _chooses_supplier(word: str, trigger: Trigger) -> bool:
    return trigger.token is not None and bool(CHOOSER_VERBS.match(word)) and \
        not any(child.dep_ == "auxpass" for child in trigger.token.children)


ROLE_TABLES = {
    ("acquisition", "buy"): {"subj": "acquirer", "poss": "acquirer", "by": "acquirer",
                             "obj": "target", "of": "target", "for": "target", "from": "seller",
                             "desc": "seller"},
    ("acquisition", "sell"): {"subj": "seller", "poss": "seller", "by": "seller",
                              "obj": "target", "of": "target", "to": "acquirer",
                              "desc": "seller"},
    ("supply", "buy"): {"subj": "customer", "poss": "customer", "by": "customer",
                        "from": "supplier", "obj": "supplier", "with": "supplier"},
    ("supply", "sell"): {"subj": "supplier", "poss": "supplier", "by": "supplier",
                         "from": "supplier", "to": "customer", "obj": "customer",
                         "for": "customer"},
    ("supply", "won"): {"subj": "supplier", "poss": "supplier", "from": "customer",
                        "by": "customer", "with": "customer"},
    # "Kappa awarded a contract for 60 buses to Beta": the one awarding buys
    ("supply", "award"): {"subj": "customer", "poss": "customer", "to": "supplier",
                          "obj": "supplier"},
    ("investment", "raise"): {"subj": "target", "poss": "target", "from": "investor",
                              "by": "investor", "obj": "target"},
    ("investment", "sell"): {"subj": "seller", "poss": "seller", "by": "seller",
                             "to": "investor", "in": "target", "of": "target", "obj": "target"},
    ("investment", "buy"): {"subj": "investor", "poss": "investor", "by": "investor",
                            "from": "investor", "in": "target", "into": "target",
                            "obj": "target", "of": "target"},
}


def _roles(deal_type: str, text: str, offset: int, parties: list[CompanyMention],
           trigger: Trigger, mentions: list[CompanyMention] | None = None) -> dict[str, str]:
    """Roles from how each party hangs on the deal word; word order where the parse says
    nothing clear."""
    word = text[trigger.start:trigger.end]
    kind = "sell" if trigger.sells or (deal_type == "supply" and not (
        BUYER_VERBS.match(word) or _chooses_supplier(word, trigger))) else "buy"
    if deal_type == "supply" and _won(trigger):
        kind = "won"  # "Volvo won an order from Arriva": the winner supplies
        if _awarded_by_subject(trigger):
            kind = "award"
    if trigger.raises:
        kind = "raise"
    table = ROLE_TABLES.get((deal_type, kind))
    if table is not None and trigger.token is not None:
        roles = {}
        bid = _bid_noun(trigger.token)
        anchor = trigger.token if bid is None else bid
        relations = {party.name: _party_relation(party, anchor, mentions) for party in parties}
        if kind == "buy" and deal_type == "acquisition":
            relations = _bidder_relations(relations, bid is not None)
        for party in parties:
            relation = relations[party.name]
            if relation in table:
                roles.setdefault(party.name, table[relation])
        names = list(dict.fromkeys(p.name for p in parties))
        missing = [n for n in names if n not in roles]
        if len(missing) == 1 and len(set(roles.values())) == 1 and \
                (other := COUNTERPART.get((deal_type, next(iter(roles.values()))))):
            roles[missing[0]] = other  # "Tesla said Panasonic would supply it": the other side
        if len(roles) == len(names) and len(set(roles.values())) >= 2:
            return roles
    if table is None and deal_type not in ("acquisition", "supply", "investment"):
        return {p.name: "partner" for p in parties}
    return _roles_by_position(deal_type, text, offset, parties, trigger.start)


COUNTERPART = {("supply", "supplier"): "customer", ("supply", "customer"): "supplier",
               ("acquisition", "acquirer"): "target", ("acquisition", "target"): "acquirer",
               ("investment", "investor"): "target", ("investment", "target"): "investor"}


def _party_relation(party: CompanyMention, trigger: Token,
                    mentions: list[CompanyMention] | None) -> str:
    """The relation of a party to the deal word, through whichever of its mentions in the
    sentence is nearest ("Arrival's vans ... UPS, which invested in Arrival")."""
    sent = trigger.sent
    same = [m for m in mentions or [] if m.name == party.name] or [party]
    tokens = [t for m in same if (t := _mention_token(sent, m)) is not None]
    if not tokens:
        return "subj"  # named by the pronoun subject
    tokens.sort(key=lambda t: abs(t.i - trigger.i))
    relations = [_link(t, trigger) for t in tokens]
    return next((r for r in relations if r), "")


def _link(token: Token, trigger: Token) -> str:
    """_relation, and through the verb of a deal noun ("led a round with money from X",
    "placed an order with X") or a relative clause ("UPS, which invested in Arrival")."""
    relation = _relation(token, trigger)
    if relation:
        return relation
    if trigger.pos_ in ("NOUN", "PROPN") and trigger.dep_ in ("dobj", "attr") and \
            (via_verb := _relation(token, trigger.head)) not in ("", "obj", "subj"):
        return via_verb
    for clause in token.children:
        if clause.dep_ == "relcl" and (clause == trigger or clause in trigger.ancestors) and \
                any(c.dep_ == "nsubj" and c.lower_ in ("which", "that", "who")
                    for c in clause.children):
            return "subj"
    return ""


WIN_VERBS = re.compile(r"^(?:win|wins|won|winning|secur\w+|land\w*|bag\w*|receiv\w+|"
                       r"clinch\w*|award\w*)$", re.I)


def _won(trigger: Trigger) -> bool:
    """"won an order", "secured a contract", "was awarded a deal": the subject supplies."""
    token = trigger.token
    return token is not None and token.pos_ == "NOUN" and token.dep_ in ("dobj", "nsubjpass") \
        and bool(WIN_VERBS.match(token.head.text))


BID_NOUNS = {"bid", "offer", "approach", "proposal"}


def _bid_noun(token: Token) -> Token | None:
    """"a takeover bid from Kappa": the bid the takeover word qualifies (or the word itself;
    "18 dlrs a share offer", where the model hangs the offer on the price)."""
    if token.lemma_.lower() in BID_NOUNS:
        return token
    for child in token.children:
        if child.dep_ == "appos" and child.lemma_.lower() in BID_NOUNS:
            return child
    head = token.head
    return head if token.dep_ in ("compound", "amod") and head.lemma_.lower() in BID_NOUNS \
        else None


def _bidder_relations(relations: dict[str, str], bid: bool) -> dict[str, str]:
    """A takeover named by its bidder ("a takeover by Kappa", "a bid from Kappa"): the bidder
    buys, and the subject that agrees to it or rejects it is the target."""
    bidders = {n for n, r in relations.items() if r == "by" or bid and r == "from"}
    if not bidders:
        return relations
    return {n: "by" if n in bidders else "obj" if r == "subj" else r
            for n, r in relations.items()}


def _awarded_by_subject(trigger: Trigger) -> bool:
    """"Kappa awarded a contract to Beta" (active): the subject gives the contract."""
    head = trigger.token.head if trigger.token is not None else None
    return head is not None and head.lemma_.lower() == "award" and \
        not any(c.dep_ == "auxpass" for c in head.children)


def _roles_by_position(deal_type: str, text: str, offset: int,
                       parties: list[CompanyMention], trigger_at: int) -> dict[str, str]:
    before = [p for p in parties if p.start - offset < trigger_at]
    after = [p for p in parties if p.start - offset >= trigger_at]
    first = (before or parties)[0]
    others = [p for p in parties if p.name != first.name]
    if deal_type == "acquisition":
        rest = [p for p in after if p.name != first.name] or others
        return {first.name: "acquirer", **{p.name: "target" for p in rest[:1]},
                **{p.name: "seller" for p in rest[1:]}}
    if deal_type == "supply":
        buyer_first = bool(BUYER_VERBS.search(text[trigger_at - 40 if trigger_at > 40 else 0:]))
        if buyer_first:
            return {first.name: "customer", **{p.name: "supplier" for p in others}}
        return {first.name: "supplier", **{p.name: "customer" for p in others}}
    if deal_type == "investment":
        return {first.name: "investor", **{p.name: "target" for p in others}}
    return {p.name: "partner" for p in parties}


def _role_order(role: str | None) -> int:
    return {"acquirer": 0, "supplier": 0, "investor": 0, "target": 1, "customer": 1,
            "seller": 2}.get(role or "", 0)


def _quantity(text: str) -> dict | None:
    match = QUANTITY_RE.search(text)
    if not match:
        return None
    count = parse_number(match.group(1))
    if count is None or 1900 <= count <= 2100 and "," not in match.group(1):
        return None
    return {"count": count, "unit": match.group(2).lower()}


@Language.factory("rivalscope_deals")
def make_deal_finder(nlp: Language, name: str) -> DealFinder:
    return DealFinder(PatternMatcher(nlp.vocab, "deal", rules_only=True))
