"""Deals: a sentence with two or more companies and a deal trigger (type, status, parties)."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from nlp.companies import sentence_mentions
from nlp.doctext import doc_text, sentence_ents
from nlp.facts import CompanyMention, Deal
from nlp.numbers import NUMBER, parse_number

TRIGGERS = Path(__file__).parent / "data" / "deal_triggers.json"
VEHICLE_UNITS = r"(?:vehicles|cars|vans|trucks|lorries|buses|coaches|EVs|taxis|robotaxis|" \
                r"bikes|scooters|aircraft|jets|planes|units|SUVs)"
QUANTITY_RE = re.compile(rf"({NUMBER})\s+(?:(?:more|new|additional|[\w-]+)\s+){{0,3}}"
                         rf"({VEHICLE_UNITS})\b", re.I)
CURRENCIES = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY",
              "dollars": "USD", "euros": "EUR", "euro": "EUR", "pounds": "GBP", "yen": "JPY",
              "yuan": "CNY", "usd": "USD", "eur": "EUR", "gbp": "GBP"}
VALUE_BEFORE = re.compile(rf"(US\$|\$|€|£|¥)\s?({NUMBER})", re.I)
VALUE_AFTER = re.compile(rf"({NUMBER})\s+(dollars|euros?|pounds|yen|yuan|usd|eur|gbp)\b", re.I)
VEHICLE_OBJECT = re.compile(rf"^\w+\s+(?:[\w-]+\s+){{0,3}}{VEHICLE_UNITS}\b", re.I)
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

    def __call__(self, doc: Doc) -> Doc:
        deals = []
        previous: list[CompanyMention] = []
        for sent in doc.sents:
            found = sentence_mentions(doc, sent.start_char, sent.end_char)
            mentions = _without_possessors(doc_text(doc), found)
            parties = _distinct(mentions)
            if len(parties) == 1 and previous and PRONOUN_ACTOR.search(sent.text):
                # "It also partnered with Uber": "it" is the company of the sentence before.
                antecedent = next((m for m in previous if m.name != parties[0].name), None)
                if antecedent is not None:
                    parties = [replace(antecedent, start=sent.start_char,
                                       end=sent.start_char), *parties]
            previous = found or previous
            if len(parties) < 2:
                continue
            deal = self.read_sentence(sent.text, sent.start_char, parties, sent)
            if deal is not None:
                deal.date = _date(doc, sent)
                for one in _pairs(deal):
                    _add_or_merge(deals, one)
        doc._.deals = deals
        return doc

    def read_sentence(self, text: str, offset: int, parties: list[CompanyMention],
                      sent: Span | None = None) -> Deal | None:
        types, status_cues = load_triggers()
        found = [(t, m) for t, pattern in types if (m := pattern.search(text))]
        quantity = _quantity(text)
        if not found:
            if not status_cues["in_talks"].search(text) or "talks" not in text.lower():
                return None
            deal_type, trigger_at = "talks", text.lower().index("talks")
        else:
            deal_type, match = found[0]
            trigger_at = match.start()
            # "buy 20,000 electric cars" is an order, not a takeover.
            if deal_type == "acquisition" and BUYER_VERBS.search(text) and (
                    quantity or VEHICLE_OBJECT.search(text[trigger_at:])):
                deal_type = "supply"
        status = "announced"
        for name in ("rumoured", "in_talks", "completed"):
            if status_cues[name].search(text):
                status = name
                break
        if deal_type == "talks":
            status = "in_talks"
        if sent is not None:
            parties = _clause_parties(sent, offset + trigger_at, parties)
            if len(parties) < 2:
                return None
        if _intra_group(deal_type, parties):
            return None
        if deal_type == "investment" and STANDING_STAKE.search(text) and \
                not NEW_STAKE.search(text):
            return None  # "GM holds a 38.6 pct stake in Isuzu": ownership, not a deal
        names = [p.name for p in parties]
        roles = _roles(deal_type, text, offset, parties, trigger_at)
        ordered = sorted(names, key=lambda n: _role_order(roles.get(n)))
        return Deal(
            type=deal_type, status=status, parties=ordered, roles=roles, evidence=text.strip(),
            start=offset, end=offset + len(text), value=_value(text),
            quantity=quantity if deal_type == "supply" else None,
        )


def _clause_parties(sent: Span, trigger: int,
                    parties: list[CompanyMention]) -> list[CompanyMention]:
    """The parties inside the clause of the trigger word, not the whole sentence.

    "Hertz agreed to buy Dollar Thrifty, Avis said" -> Hertz and Dollar Thrifty.
    """
    token = next((t for t in sent if t.idx >= trigger), None)
    if token is None:
        return parties
    head = token
    while head.dep_ != "ROOT" and head.pos_ not in ("VERB", "AUX"):
        head = head.head
    # "agreed to buy", "plans to acquire", "is set to merge": the subject sits one verb up.
    while head.dep_ in ("xcomp", "auxpass", "aux", "conj", "advcl", "acl") and \
            head.head is not head and head.dep_ != "ROOT":
        if head.dep_ == "advcl" and head.head.pos_ != "VERB":
            break
        head = head.head
    start = head.left_edge.idx
    end = head.right_edge.idx + len(head.right_edge)
    inside = [p for p in parties if start <= p.start < end]
    return inside if len(inside) >= 2 else parties


MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], 1)}
DATE_DMY = re.compile(r"\b(\d{1,2})\s+([A-Za-z]+)\s+((?:19|20)\d\d)\b")
DATE_MDY = re.compile(r"\b([A-Za-z]+)\.?\s+(\d{1,2}),?\s+((?:19|20)\d\d)\b")
DATE_MY = re.compile(r"\b([A-Za-z]+)\s+((?:19|20)\d\d)\b")


def _date(doc: Doc, sent: Span) -> str | None:
    """An ISO date (or year-month) named in the sentence, if the sentence gives one."""
    for ent in sentence_ents(doc, sent.start_char, sent.end_char):
        if ent.label_ != "DATE":
            continue
        text = ent.text
        if (m := DATE_MDY.search(text)) and m.group(1).lower() in MONTHS:
            return f"{m.group(3)}-{MONTHS[m.group(1).lower()]:02d}-{int(m.group(2)):02d}"
        if (m := DATE_DMY.search(text)) and m.group(2).lower() in MONTHS:
            return f"{m.group(3)}-{MONTHS[m.group(2).lower()]:02d}-{int(m.group(1)):02d}"
        if (m := DATE_MY.search(text)) and m.group(1).lower() in MONTHS:
            return f"{m.group(2)}-{MONTHS[m.group(1).lower()]:02d}"
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


def _add_or_merge(deals: list[Deal], deal: Deal) -> None:
    """One deal per set of parties in a text: the headline and lead name its type; later
    sentences about the same parties add evidence of the same deal, not new deals."""
    for known in deals:
        if set(known.parties) == set(deal.parties):
            if known.type == "talks" and deal.type != "talks":  # the talks were about this
                known.type, known.roles, known.parties = deal.type, deal.roles, deal.parties
            known.value = known.value or deal.value
            known.quantity = known.quantity or deal.quantity
            return
    deals.append(deal)


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
    parties, the businesses they own are."""
    kept = []
    for mention, following in zip(mentions, [*mentions[1:], None], strict=False):
        if following is not None and POSSESSOR.match(text[mention.end:following.start]) and \
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
    # A subsidiary and its parent named together are one side, not two parties.
    return [m for m in seen.values() if m.parent not in seen or len(seen) <= 2]


def _roles(deal_type: str, text: str, offset: int, parties: list[CompanyMention],
           trigger_at: int) -> dict[str, str]:
    before = [p for p in parties if p.start - offset < trigger_at]
    after = [p for p in parties if p.start - offset >= trigger_at]
    first = (before or parties)[0]
    others = [p for p in parties if p is not first]
    if deal_type == "acquisition":
        return {first.name: "acquirer", **{p.name: "target" for p in (after or others)[:1]},
                **{p.name: "seller" for p in (after or others)[1:]}}
    if deal_type == "supply":
        buyer_first = bool(BUYER_VERBS.search(text[trigger_at - 40 if trigger_at > 40 else 0:]))
        customer, supplier = (first, others) if buyer_first else (None, [first])
        if customer is not None:
            return {customer.name: "customer", **{p.name: "supplier" for p in supplier}}
        return {first.name: "supplier", **{p.name: "customer" for p in others}}
    if deal_type == "investment":
        return {first.name: "investor", **{p.name: "target" for p in others}}
    return {p.name: "partner" for p in parties}


def _role_order(role: str | None) -> int:
    return {"acquirer": 0, "supplier": 0, "investor": 0, "target": 1, "customer": 1,
            "seller": 2}.get(role or "", 0)


def _value(text: str) -> dict | None:
    if match := VALUE_BEFORE.search(text):
        symbol, amount = match.group(1).lower(), parse_number(match.group(2))
    elif match := VALUE_AFTER.search(text):
        amount, symbol = parse_number(match.group(1)), match.group(2).lower()
    else:
        return None
    if amount is None:
        return None
    return {"amount": amount, "currency": CURRENCIES.get(symbol, symbol.upper())}


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
    return DealFinder()
