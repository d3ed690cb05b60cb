"""Company mentions: NER + the gazetteer's entity ruler, linked to one canonical company."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Mapping

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from nlp.company_cues import (
    MISTAKEN_LABELS,
    company_cue,
    describes_next,
    has_legal_form,
    untagged_names,
)
from nlp.company_forms import SHAPED_NAME_ENDS, TICKER, looks_like_company, short_form
from nlp.doctext import doc_ents, doc_text, overlaps
from nlp.facts import CompanyMention
from nlp.gazetteer import Gazetteer, canonical_name, joined_to_another, load_gazetteer, name_key

# Words before/after an organisation that mark it as a quoted source, not an actor.
SOURCE_BEFORE = re.compile(r"(?:according to|told|reported by|cited by|data from|"
                           r"said in an? (?:interview|statement) (?:with|to))\s*(?:the\s+)?$",
                           re.I)
# "according to Kappa spokesperson Jo Roe": the company speaks through its people
SPEAKER_AFTER = re.compile(r"^\s+(?:spokes(?:man|woman|person)|chief executive|CEO|boss|"
                           r"chairman|chairwoman|founder)\b", re.I)
# "Reuters reported." / "reported on Monday that": a source; "Kappa reported a loss" acts.
SOURCE_AFTER = re.compile(r"^\s*(?:(?:first\s+)?reported(?=\s*(?:[,.;:)”\"]|$|that\b|on\b|"
                          r"earlier\b|last\b|late\b|in\b|citing\b|this\b))|said in a report|wrote|"
                          r"newspaper|news agency|citing)", re.I)
NOT_A_NAME = re.compile(r"^[\d\W]+$|^[a-z]|^[\d.,]+\s*(?i:bn|m|mn|k|mln|pct)$|"
                        r"\b(?i:and|of|the|for)$")
# Public bodies, places and units that the model tags as organisations: not companies.
NOT_A_COMPANY = re.compile(
    r"\b(?:University|Institute|Airport|Department|Ministry|Office of|Division|Council|"
    r"Commission|Authority|Agency|Committee|Court|Police|Parliament|Government|School|"
    r"Hospital|Senate|Congress|Surplus|Bureau|Federal Reserve|Administration)\b")
# "Oslo-based Kappa": the name before "-based" is where a company sits, not one.
BASED_AFTER = re.compile(r"\s?[-–]\s?based\b", re.I)
GENERIC_WORDS = {"fleet", "board", "group", "company", "firm", "council", "government",
                 "state", "city", "office", "unit", "division", "team", "jv", "venture",
                 "startup", "subsidiary"}
# "UPS Ventures", "Toyota Leasing": a known name plus one of these words is a subsidiary.
SUBSIDIARY_AFTER = re.compile(
    r"^\s((?:Ventures|Capital|Leasing|Lease|Finance|Financial Services|Fleet Services|"
    r"Fleet Management|Mobility|Rent|Rental|Logistics|Energy|Charging|Bank|Insurance|"
    r"Investments?|Technologies|Digital|Software|Labs)\b)")
# "Tesla and Polestar models", "30,000 Rivian vans": a brand naming a product, not an actor.
# "Kappa's Beta X robot", "Tesla cars"; not "Kappa's car-sharing fleet", where the noun is
# the first half of a compound word.
PRODUCT_AFTER = re.compile(r"^\s+(?:(?:[A-Z0-9][\w-]*|electric|hybrid|plug-in|self-driving|"
                           r"autonomous|delivery|driverless)\s+)?(?:models?|cars?|vehicles?|vans?|trucks?|"
                           r"buses|SUVs?|EVs?|brand|electric vehicles|sedans?|pickups?)\b(?!-)")
_CAP = r"[A-Z][A-Za-z0-9&'’-]*"
# "Kappa Leasing GmbH", "Fleetwise Solutions": shaped as a company name whatever the model says.
_SHAPED_ENDS = "|".join(sorted((w.title() for w in SHAPED_NAME_ENDS), key=len, reverse=True))
COMPANY_SHAPE = re.compile(
    rf"(?<![\w&'’.-])(?:{_CAP}\s+){{1,3}}(?:(?:{_SHAPED_ENDS})"
    r"(?:\s+(?:Inc|Ltd|Corp|Plc|PLC|LLC|GmbH|AG|SE|SA|NV|BV|SpA)\b\.?)?|"
    r"(?:Inc|Ltd|Corp|Plc|PLC|LLC|GmbH|AG|SE|SA|NV|BV|SpA)\b\.?)(?![\w&'’-])|"
    # "Kappa Partners, Inc.": a legal form after a comma
    rf"(?<![\w&'’.-])(?:{_CAP}\s+){{0,2}}{_CAP},\s+(?:Inc|Ltd|Corp|LLC)\b\.?(?![\w&'’-])")
# Words that start a sentence or a phrase before a name: not part of it.
LEADING_WORD = re.compile(
    r"(?:The|A|An|In|On|At|For|By|With|From|To|Its|Their|Our|This|That|These|Both|And|But|"
    r"Under|After|Before|Since|While|When|Last|Next|Yesterday|Today|January|February|March|"
    r"April|May|June|July|August|September|October|November|December|Monday|Tuesday|"
    r"Wednesday|Thursday|Friday|Saturday|Sunday|US|U\.S\.|UK|German|French|British|"
    r"American|Japanese|Chinese|Korean|Italian|Swedish|Dutch|Spanish|"
    # an owner's or a place's possessive: "China's Kappa Automotive", "Beta's Kappa Leasing"
    r"[A-Z][\w.&-]*(?:'s|’s))\s+")
# "Kappa Corp's Bus and Parts business": a business line named after what it makes.
BUSINESS_AFTER = re.compile(r"^\s+(?:and\s+[A-Z][\w-]*\s+)?(?:business|businesses|division|"
                            r"operations|unit|arm)\b")
POSSESSIVE_BEFORE = re.compile(r"(?:[A-Z][\w&.-]*(?:'s|’s|')|\b(?:its|their))\s+$")
TRAILING_JOINER = re.compile(r"(?:\s+(?:and|&|of|the|for))+$")
# "Nova — Kappa's 2-tonne electric truck —": a name that an apposition calls another
# company's product.
PRODUCT_APPOSITION = re.compile(
    r"^\s*[,(—–-]+\s*(?:the\s+)?[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,2}(?:'s|’s|(?<=s)'|(?<=s)’)\s+"
    r"(?:[\w-]+\s+){0,3}(?:robots?|cars?|models?|vehicles?|vans?|trucks?|SUVs?|EVs?|"
    r"sedans?|pickups?|buses|bus|scooters?|drones?|aircraft|jets?|engines?|batteries|"
    r"battery|chips?|crossovers?|hatchbacks?|minivans?|robotaxis?)\b")
# "Jane Doe, chief executive of Rivian": the model sometimes calls a person an ORG ("Acme,
# whose chief executive" and "Acme, led by chief executive Jane Doe," are a company's).
_POST = r"(?:chief|president|chairman|chairwoman|director|head|founder|co-founder|ceo|cfo|" \
        r"manager|officer|executive)"
_POST_WORDS = r"(?:[\w-]+\s+|[a-z]+-){0,3}"  # "vice-president", "head of fleet"
PERSON_AFTER = re.compile(r"^\s*,\s*"
                          r"(?!whose\b|as\b|(?:led|run|headed|chaired|founded|managed)\s+by\b)"
                          rf"(?:the\s+)?{_POST_WORDS}{_POST}\b", re.I)
# "Jane Doe, Rivian's managing director, said": a company's post in apposition, closed.
_OWNED_POST = (r"(?:chief\s+executive|chief\s+[a-z]+\s+officer|ceo|cfo|coo|cto|president|"
               r"chairman|chairwoman|(?:[a-z]+\s+)?director|head\s+of\s+[a-z]+|founder|"
               r"co-founder|(?:general\s+|[a-z]+\s+)?manager|spokesman|spokeswoman|spokesperson)")
_POSSESSOR = r"(?:[A-Z][\w&.-]*\s+){0,3}[A-Z][\w&.-]*(?:'s|’s|(?<=s)'|(?<=s)’)"
# "Jane Doe, who runs Rivian,", "Jane Doe joined Rivian as finance director", "Jane Doe is the
# chief executive of Rivian": a clause only a person's name takes.
PERSON_CLAUSE_AFTER = re.compile(
    rf"^\s*,\s*{_POSSESSOR}\s+(?:new\s+|former\s+|interim\s+|acting\s+)?{_OWNED_POST}"
    r"\s*(?:,|\bsaid\b|\btold\b)|"
    r"^\s*,\s*who\s+(?:(?:previously|formerly|once|also|now|currently|still)\s+)?(?:runs|ran|"
    r"leads|led|heads|headed|chairs|chaired|manages|managed|founded|co-founded|oversees|oversaw)\b"
    rf"|^\s+(?:has\s+|had\s+)?(?:re)?joined\s+[^,.;]{{1,60}}?\s+as\s+(?:its\s+|the\s+|an?\s+)?"
    rf"(?:new\s+)?{_POST_WORDS}{_POST}\b"
    r"|^\s+(?:is|was|has\s+been|had\s+been|will\s+become|became|becomes)\s+(?:the|its|their)\s+"
    rf"(?:new\s+|former\s+|current\s+|interim\s+)?{_POST_WORDS}{_POST}\b"
    rf"|^\s*\(\s*{_POST_WORDS}{_POST}\b"
    # "Jane Doe took over as chief executive of Acme", "... stepped down as its chairman",
    # "... was appointed chief financial officer", "Jane Doe, who took over as ...", "Jane Doe
    # is stepping down as ..."
    r"|^(?:\s*,\s*who)?\s+(?:(?:has|had|will|would|is\s+to|is|was)\s+)?"
    r"(?:(?:took|takes|take|taken|taking)\s+over|"
    r"(?:stepped|steps|step|stepping)\s+down|resigned|resigns|retired|retires|"
    r"(?:was|is|has\s+been|had\s+been|will\s+be)\s+(?:named|appointed|promoted\s+to))\s+"
    rf"(?:as\s+)?(?:the\s+|its\s+|their\s+)?(?:new\s+|interim\s+|acting\s+)?{_POST_WORDS}{_POST}\b",
    re.I)
# "the former chief executive of Rivian, Jane Doe": a name after "role of Company," is a person.
PERSON_BEFORE = re.compile(r"\b(?i:chief|ceo|cfo|coo|president|chairman|chairwoman|director|head|"
                           r"founder|co-founder|manager|officer|executive|boss)\s+(?:of|at)\s+"
                           r"(?:the\s+)?[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,3}\s*,\s*$")
# "Jane Doe has replaced John Roe as chief executive of Rivian", "John Roe was replaced by
# Jane Doe as CEO": a name that takes over someone's post, or gives it up, is a person,
# whatever the model says.
_SUCCESSION = (r"replaced?|replaces|replacing|succeeded|succeeds|succeed|succeeding|"
               r"took over from|takes over from|take over from|taking over from")
_AS_EXECUTIVE = (r"as\s+(?:the\s+|its\s+|their\s+)?(?:[\w&’'-]+\s+){0,3}?"
                 r"(?i:chief\s+(?:executive|[a-z]+\s+officer)|ceo|cfo|coo|cto|president|"
                 r"chairman|chairwoman|chair|managing director|director|head|boss)\b")
PERSON_SUCCEEDS = re.compile(
    rf"^(?:\s*,\s*who)?\s+(?:(?:has|had|have|will|would|is to|is set to|is due to|was|is|"
    rf"be|been)\s+){{0,3}}(?:{_SUCCESSION})(?:\s+by)?\s+(?:[\w’'.-]+\s+){{1,5}}?{_AS_EXECUTIVE}")
# "led by chief executive Jo Roe", "said CEO Jo Roe": a post right before a name.
POST_RIGHT_BEFORE = re.compile(
    r"\b(?i:chief executive|chief [a-z]+ officer|ceo|cfo|coo|cto|chairman|chairwoman|"
    r"president|founder|co-founder|managing director|boss|spokesman|spokeswoman)[^\S\n]+$")
# doc.user_data: where the linker read an organisation of the model's as a person's name
PERSON_VETOES_KEY = "rivalscope_person_vetoes"
PERSON_SUCCEEDED = re.compile(rf"\b(?:{_SUCCESSION})(?:\s+by)?\s+$")
PERSON_SUCCEEDED_AS = re.compile(rf"^\s*,?\s+{_AS_EXECUTIVE}")

# "Rivian's Jane Doe said": a company's name, a person-shaped name, a verb of speech.
COMPANYS_PERSON_BEFORE = re.compile(r"[A-Z][\w&.-]*(?:'s|’s)\s+$")
SPEECH_AFTER = re.compile(r"^\s+(?:said|says|told|added|explained|stated|noted)\b")


APPOINT_VERBS = (r"named|names|name|appointed|appoints|appoint|installed|installs|install|hired|"
                 r"hires|hire|tapped|taps|tap|promoted|promotes|promote|elected|elects|elect|"
                 r"chose|chosen|choose|picked|picks|pick|recruited|recruits|recruit|brought in|"
                 r"brings in")
APPOINTED_JUST_BEFORE = re.compile(rf"\b(?:{APPOINT_VERBS})\s+$", re.I)
# "Acme promoted Jane Doe to chief executive", "named Jane Doe as its chairman": a post only a
# person is appointed to (not "named Kappa Lease as its fleet manager")
APPOINTED_TO_POST = re.compile(
    r"^\s+(?:as|to)\s+(?:the\s+|its\s+|their\s+)?(?:new\s+|interim\s+|acting\s+)?"
    r"(?:chief\s+executive|chief\s+[a-z]+\s+officer|ceo|cfo|coo|cto|president|chairman|"
    r"chairwoman|(?:[a-z-]+\s+)?director|head\s+of\s+[a-z]+)\b", re.I)


def person_clause(text: str, start: int, end: int) -> bool:
    """Whether what surrounds the name at text[start:end] is said only of a person."""
    return bool(PERSON_CLAUSE_AFTER.match(text[end:end + 100]) or
                APPOINTED_JUST_BEFORE.search(text[max(0, start - 20):start]) and
                APPOINTED_TO_POST.match(text[end:end + 60]) or
                POST_RIGHT_BEFORE.search(text[max(0, start - 30):start]) or (
        COMPANYS_PERSON_BEFORE.search(text[max(0, start - 40):start]) and
        SPEECH_AFTER.match(text[end:end + 20])))


def in_succession(text: str, start: int, end: int) -> bool:
    """Whether the name at text[start:end] takes over a post or gives it up."""
    return bool(PERSON_SUCCEEDS.match(text[end:end + 120]) or (
        PERSON_SUCCEEDED.search(text[max(0, start - 40):start]) and
        PERSON_SUCCEEDED_AS.match(text[end:end + 60])))


_NAME_WORD = r"[A-Z][a-z]+(?:[-’'][A-Z]?[a-z]+)?"
PERSON_SHAPE = re.compile(rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,2}}")  # "Jane Doe", "Jo Ann Roe"


def person_shaped(name: str) -> bool:
    """"Jane Doe", "Jo Ann Roe"; not "Brenner Holdings", a company's name by its last word."""
    return PERSON_SHAPE.fullmatch(name) is not None and not looks_like_company(name)


# "the former Lufthansa COO": the model often takes the role into the organisation's name.
ROLE_AFTER_NAME = re.compile(r"^(.*\S)\s+(?:CEO|COO|CFO|CTO|CIO|CMO|chairman|chairwoman|"
                             r"chief|president|boss|spokesman|spokeswoman|spokesperson)$")
# "Kappa Executive Vice President Jo Roe", "Kappa Senior Director": the first word of a
# capitalised post, taken into the name, where the post goes on after it.
POST_START_IN_NAME = re.compile(r"^(.*\S)\s+(?:Executive|Senior|Vice|Chief|Managing|Deputy|"
                                r"Interim|Acting|Regional|Global)$")
POST_GOES_ON = re.compile(r"^\s+(?:(?:Executive|Senior|Vice|Chief|Managing|Deputy|General|"
                          r"Regional|Global|Sales|Marketing|Operating|Financial|Technology|"
                          r"Commercial)\s+)*(?:President|Director|Officer|Manager|Chairman|"
                          r"Chairwoman|Head|Executive|VP|Partner)\b")


MIN_SAME_NAME = 3  # characters: a name found again where the model missed it
ABBREVIATION_AFTER = re.compile(r"^\s*\(([A-Z][A-Za-z0-9&]{1,7})\)")
# "Kappa Corp (NYSE: KAP)": the ticker of the company before it, the market no company.
TICKER_AFTER = re.compile(r"\s*\(\s*[A-Z][A-Za-z]{1,9}\s*:\s*"
                          r"([A-Z][A-Z0-9]{0,5}(?:[._][A-Za-z]{1,3})?)\s*\)")
_UNIT = r"(?:arm|unit|subsidiary|division|business|brand|affiliate|operation|company)"
SUBSIDIARY_OF = re.compile(rf",\s*(?:the|a|its)\s+(?:[\w-]+\s+){{0,3}}{_UNIT}\s+of\s+(?:the\s+)?",
                           re.I)
SUBSIDIARY_POSSESSIVE = re.compile(rf"(?:'s|’s)\s+(?:[\w-]+\s+){{0,3}}{_UNIT},?\s+(?:the\s+)?",
                                   re.I)
# "Kappa Fleet Ltd. NMS said": the sentence splitter missed the end after a legal suffix.
SUFFIX_THEN_WORD = re.compile(r"^(.*?\b(?:Ltd|Inc|Corp|Co|Plc|LLC)\.)\s+\S", re.S)


def generic_acronyms(doc: Doc) -> set[str]:
    """Short forms a text defines for common nouns: "electric delivery vans (EDV)" -> EDV
    (and EDVs); such a short form names a kind of thing, not a company."""
    text = doc_text(doc)
    if "(" not in text:
        return set()
    found = set()
    for match in ACRONYM_DEFINED.finditer(text):
        short = match.group(1)
        letters = short.lower()
        words = re.findall(r"[\w-]+", text[max(0, match.start() - 80):match.start()])
        initials = "".join(w[0] for w in words[-len(letters):])
        if initials.lower() == letters and all(w.islower() for w in words[-len(letters):]):
            found.update({short, short + "s"})
    return found


ACRONYM_DEFINED = re.compile(r"\(([A-Z]{2,6})s?\)")


def _common_word_opening(doc: Doc, mention: CompanyMention) -> bool:
    """"Budget carrier Kappa": a known one-word name that opens the sentence and that the
    model reads as a common word there (not "Toyota rival Honda")."""
    span = doc.char_span(mention.start, mention.end)
    return span is not None and len(span) == 1 and span[0].is_sent_start and \
        span[0].pos_ in ("NOUN", "ADJ", "VERB")


def _renamed(mention: CompanyMention, other: CompanyMention) -> CompanyMention:
    return CompanyMention(other.name, mention.text, mention.start, mention.end,
                          mention.sent_start, other.kind, other.country, other.parent,
                          known=other.known)


# "Jo Roe, Head of Fleet Operations, Kappa Motors" / "Director of Product Marketing at Kappa" /
# "Vice President of Sales & Service operations of Kappa":
# the capitalised department of a post, with its company right after it.
DEPARTMENT_POST_BEFORE = re.compile(
    r"\b(?i:head|director|(?:senior\s+|executive\s+)?vice[- ]president|vp|svp|evp|manager|"
    r"general\s+manager|chief)\s+(?i:of)\s+(?:the\s+)?$")
DEPARTMENT_THEN_COMPANY = re.compile(r"\s*,\s*|(?:\s+[a-z][\w-]*){0,2}\s+(?i:at|for|with|of)\s+"
                                     r"(?:the\s+)?")


def without_departments(text: str, mentions: list[CompanyMention]) -> list[CompanyMention]:
    """Drops an unknown name that is the department of a post whose company follows it."""
    kept = []
    for m, following in zip(mentions, [*mentions[1:], None], strict=False):  # last: None
        if not m.known and following is not None and \
                DEPARTMENT_POST_BEFORE.search(text, max(0, m.start - 40), m.start) and \
                DEPARTMENT_THEN_COMPANY.fullmatch(text, m.end, following.start):
            continue
        kept.append(m)
    return kept


class CompanyLinker:
    """Sets doc._.company_mentions: every ORG entity that is an actor, canonicalised."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    def __call__(self, doc: Doc) -> Doc:
        mentions: list[CompanyMention] = []
        seen: dict[str, CompanyMention] = {}
        abbreviations: dict[str, CompanyMention] = {}
        markup_end = -1  # the end of the last "(NYSE: KAP)"
        for ent in doc_ents(doc):
            if ent.start_char < markup_end and ent.text not in abbreviations:
                continue  # "NYSE" of "(NYSE: KAP)"
            mention = self.link(doc, ent, seen)
            if mention is None:
                continue
            if mention.text in abbreviations:  # the text's own short form wins over the
                mention = _renamed(mention, abbreviations[mention.text])  # gazetteer's
            mentions.append(mention)
            seen.setdefault(name_key(mention.name), mention)
            # "Nordlicht Mobility Solutions (NMS)": NMS is an alias from here on.
            following = doc_text(doc)[mention.end:mention.end + 14]
            if abbreviation := ABBREVIATION_AFTER.match(following):
                abbreviations.setdefault(abbreviation.group(1), mention)
            elif ticker := TICKER_AFTER.match(doc_text(doc), mention.end, mention.end + 30):
                abbreviations.setdefault(ticker.group(1), mention)
                markup_end = ticker.end()
        mentions = self.add_unlabelled_names(doc, mentions, seen)
        mentions = self.add_same_name_mentions(doc, mentions, seen)
        products = doc.user_data.pop("rivalscope_products", set()) | generic_acronyms(doc)
        if products:  # "Apollo, Kappa's robot" once: every "Apollo" of the text is the robot
            mentions = [m for m in mentions if m.known or m.text not in products]
        mentions = self.merge_short_forms(mentions)
        # "The Oslo operator Kappa Buses": an unknown name that says where or what the
        # company after it is names no company itself.
        mentions = [m for m in mentions if not describes_next(doc, m, mentions) or
                    m.known and not _common_word_opening(doc, m)]
        mentions = without_departments(doc_text(doc), mentions)
        mentions = [m for m in mentions
                    if m.known or not only_in_headline(doc_text(doc), m, mentions)]
        self.link_parents(doc, mentions)
        doc._.company_mentions = mentions
        return doc

    def add_unlabelled_names(self, doc: Doc, mentions: list[CompanyMention],
                             seen: dict[str, CompanyMention]) -> list[CompanyMention]:
        """Names the model did not tag as organisations but that are shaped as company names:
        "Kappa Leasing GmbH", "Fleetwise Solutions" (a legal suffix or a business word)."""
        text = doc_text(doc)
        taken = [(m.start, m.end) for m in mentions]
        orgs = [(e.start_char, e.end_char) for e in doc_ents(doc) if e.label_ == "ORG"]
        added = []
        for match in COMPANY_SHAPE.finditer(text):
            start, end = match.span()
            while (cut := LEADING_WORD.match(text, start, end)) is not None:
                start = cut.end()
            if end - start < 4 or " " not in text[start:end].strip() or overlaps(
                    start, end, taken + orgs):
                continue
            span = doc.char_span(start, end, label="ORG")
            if span is None:
                continue
            mention = self.link(doc, span, seen)
            if mention is not None:
                added.append(mention)
                seen.setdefault(name_key(mention.name), mention)
        for span in untagged_names(doc, taken + orgs + [(m.start, m.end) for m in added]):
            mention = self.link(doc, span, seen)
            if mention is not None:
                added.append(mention)
                seen.setdefault(name_key(mention.name), mention)
        if not added:
            return mentions
        return sorted([*mentions, *added], key=lambda m: m.start)

    def add_same_name_mentions(self, doc: Doc, mentions: list[CompanyMention],
                               seen: dict[str, CompanyMention]) -> list[CompanyMention]:
        """One name, one meaning within a text: a name the model tagged as a person, a
        place or a nationality where the text elsewhere names a company by it ("Kappa
        SE", then "Kappa said") is that company there too."""
        names = {name_key(m.text) for m in mentions} | {name_key(m.name) for m in mentions} | {
            name_key(short) for m in mentions if not m.known and (short := short_form(m.text))}
        taken = [(m.start, m.end) for m in mentions]
        added = []
        for ent in doc_ents(doc):
            if ent.label_ not in MISTAKEN_LABELS or name_key(ent.text) not in names or \
                    overlaps(ent.start_char, ent.end_char, taken) or \
                    self.is_person_name(doc, ent):
                continue
            mention = self.link(doc, Span(doc, ent.start, ent.end, label="ORG"), seen)
            if mention is not None:
                added.append(mention)
        added += self.untagged_same_names(doc, [*mentions, *added], seen)
        if not added:
            return mentions
        return sorted([*mentions, *added], key=lambda m: m.start)

    def untagged_same_names(self, doc: Doc, mentions: list[CompanyMention],
                            seen: dict[str, CompanyMention]) -> list[CompanyMention]:
        """"Kappa said ... Kappa will": the model tags a name it does not know in one
        sentence and not in the next; once a company, the name is that company wherever
        the text writes it as a name (the gazetteer's names are found everywhere already)."""
        # "Halvik Transit ... Halvik said": the short form names the company too (merged
        # into the long form by merge_short_forms)
        forms = {form for m in mentions if not m.known
                 for form in (m.text, short_form(m.text)) if form is not None}
        names = {form for form in forms if len(form) >= MIN_SAME_NAME and form[:1].isupper()}
        if not names:
            return []
        text = doc_text(doc)
        pattern = re.compile(r"(?<![\w&'’.-])(?:" + "|".join(
            map(re.escape, sorted(names, key=len, reverse=True))) + r")(?![\w&-]|['’]\w\w)")
        taken = sorted([(m.start, m.end) for m in mentions] +
                       [(e.start_char, e.end_char) for e in doc_ents(doc)])
        starts = [a for a, _ in taken]
        added = []
        for match in pattern.finditer(text):
            start, end = match.span()
            i = bisect_left(starts, end)
            if overlaps(start, end, taken[max(0, i - 3):i]):
                continue  # a mention, or a name the model read otherwise
            span = doc.char_span(start, end, label="ORG")
            if span is None or span.root.pos_ not in ("PROPN", "NOUN") or \
                    span[0].is_sent_start and span.root.pos_ != "PROPN":
                continue
            mention = self.link(doc, span, seen)
            if mention is not None:
                added.append(mention)
        return added

    @staticmethod
    def merge_short_forms(mentions: list[CompanyMention]) -> list[CompanyMention]:
        """"Voltera" and "Voltera Charging GmbH" in one text are one company."""
        first = {}
        for m in mentions:
            first.setdefault(m.name, m)
        keys = {name: name_key(name) for name in first}
        longer: dict[str, CompanyMention] = {}
        for name in {m.name for m in mentions if not m.known}:
            if (other := long_form(name, keys)) is not None:
                longer[name] = first[other]
        return [_renamed(m, longer[m.name]) if m.name in longer else m for m in mentions]

    @staticmethod
    def link_parents(doc: Doc, mentions: list[CompanyMention]) -> None:
        """"Kappa Leasing, the leasing arm of Toyota" / "Toyota's leasing arm Kappa Leasing"."""
        parents: dict[str, str] = {}
        for a, b in zip(mentions, mentions[1:], strict=False):
            between = doc_text(doc)[a.end:b.start]
            if a.name == b.name or "\n" in between:
                continue
            if SUBSIDIARY_OF.fullmatch(between) and not a.known:
                parents[a.name] = b.name
            elif SUBSIDIARY_POSSESSIVE.fullmatch(between) and not b.known:
                parents[b.name] = a.name
        for m in mentions:
            if m.name in parents and m.parent is None:
                m.parent = parents[m.name]

    def link(self, doc: Doc, ent: Span, seen: dict[str, CompanyMention]) -> CompanyMention | None:
        cue = None
        if ent.label_ != "ORG":
            # The model tags some companies as people or places; the gazetteer knows better,
            # and so does the text: "Emirates" after "Emirates Airline" is the airline, and
            # "retailer Kappa" is a company.
            if ent.label_ in MISTAKEN_LABELS:
                cue = company_cue(doc, ent, doc_text(doc))
            if cue is None and ent.label_ not in ("PERSON", "GPE", "NORP", "PRODUCT", "FAC"):
                return None
            if cue is None and not self.gazetteer.lookup(ent.text) and not (
                    ent.label_ in ("GPE", "NORP", "PRODUCT", "FAC") and
                    ent.root.dep_ in ("nsubj", "nsubjpass", "poss") and  # not "in Dubai"
                    self.earlier_long_form(canonical_name(ent.text), seen)):
                return None
        text = TRAILING_JOINER.sub("", ent.text.strip())  # "Kappa and" of "Kappa and Beta"
        known_here = bool(ent.ent_id_) or self.gazetteer.lookup(text) is not None
        if not text or (NOT_A_NAME.match(text) and not known_here) or \
                len(canonical_name(text)) < 2:
            return None  # "car2go" is known; other lower-case "names" are not names
        if self.gazetteer.is_not_actor(text) or TICKER.match(text) and not known_here:
            return None  # "KAPG_p": a ticker the markup cleaning left
        if not known_here and self.is_quoted_source(doc, ent):
            return None  # "Hertz said, Autoweek reported": known companies are actors
        after = doc_text(doc)[ent.end_char:ent.end_char + 40]
        if PRODUCT_AFTER.match(after) or BASED_AFTER.match(after):
            return None  # "Kappa's Beta X robot", "Oslo-based Kappa"
        known = self.gazetteer.companies.get(ent.ent_id_) if ent.ent_id_ else None
        known = known or self.gazetteer.lookup(text)
        sent_start = ent.sent.start_char if doc.has_annotation("SENT_START") else 0
        if known is not None:
            if (extra := SUBSIDIARY_AFTER.match(after)) and \
                    self.gazetteer.lookup(f"{text} {extra.group(1)}") is None:
                full = f"{canonical_name(text)} {extra.group(1)}"
                return CompanyMention(full, text + extra.group(0), ent.start_char,
                                      ent.start_char + len(text) + len(extra.group(0)),
                                      sent_start, known.kind, known.country, known.name)
            return CompanyMention(known.name, text, ent.start_char, ent.start_char + len(text),
                                  sent_start,
                                  known.kind, known.country, known.parent, known=True)
        if NOT_A_COMPANY.search(text) or name_key(text) in GENERIC_WORDS:
            return None
        if BUSINESS_AFTER.match(after) and not has_legal_form(ent.text) and \
                POSSESSIVE_BEFORE.search(doc_text(doc)[max(0, ent.start_char - 40):ent.start_char]):
            # "Kappa's Coach and Spares business", "its Beta Axle division"; not "its Beta
            # Axle Co unit", a company by its legal form
            return None
        if PRODUCT_APPOSITION.match(doc_text(doc)[ent.end_char:ent.end_char + 80]):
            doc.user_data.setdefault("rivalscope_products", set()).add(text)
            return None  # "Apollo, Kappa's bipedal robot": a product of another company
        if PERSON_AFTER.match(after) or \
                person_clause(doc_text(doc), ent.start_char, ent.end_char) or \
                cue is None and self.is_person_name(doc, ent) or \
                person_shaped(text) and self.in_person_slot(doc, ent):
            # the scorer judges the model's organisations the linker left out: it learns how
            # far to trust this reading too
            doc.user_data.setdefault(PERSON_VETOES_KEY, set()).add(ent.start_char)
            return None
        line_start = doc_text(doc).rfind("\n", 0, ent.start_char) + 1
        line_end = doc_text(doc).find("\n", ent.start_char + len(text))
        if doc_text(doc)[line_start:line_end if line_end >= 0 else None].strip() == text:
            return None  # a name alone on its line: a section label, not a company
        if cut := SUFFIX_THEN_WORD.match(text) or ROLE_AFTER_NAME.match(text) or (
                POST_GOES_ON.match(after) and POST_START_IN_NAME.match(text)):
            text = cut.group(1)
        name = canonical_name(text)
        earlier = seen.get(name_key(name)) or self.earlier_long_form(name, seen)
        if earlier is not None:  # "VESTRA" then "Vestra"; "Voltera Charging" then "Voltera"
            name = earlier.name
        return CompanyMention(name, text, ent.start_char, ent.start_char + len(text), sent_start)

    @staticmethod
    def earlier_long_form(name: str, seen: dict[str, CompanyMention]) -> CompanyMention | None:
        """"Voltera" after "Voltera Charging GmbH" in the same text is the same company."""
        by_name = {mention.name: mention for mention in seen.values()}
        other = long_form(name, {m.name: key for key, m in seen.items()})
        return by_name[other] if other is not None else None

    @staticmethod
    def in_person_slot(doc: Doc, ent: Span) -> bool:
        """"Jo Roe has replaced Al Poe as chief executive", "the chief executive of Kappa,
        Jo Roe", "led by chief executive Jo Roe": where a name shaped as a person's is one."""
        text = doc_text(doc)
        return in_succession(text, ent.start_char, ent.end_char) or bool(
            PERSON_BEFORE.search(text[max(0, ent.start_char - 80):ent.start_char]) or
            POST_RIGHT_BEFORE.search(text, max(0, ent.start_char - 40), ent.start_char))

    @staticmethod
    def is_person_name(doc: Doc, ent: Span) -> bool:
        """"Becker" after "Anna Becker" in the same text is the person, not a company. A
        name the model tagged as a one-word person elsewhere proves nothing: it does so
        with companies ("Kappa" a person in one sentence, an organisation in the next)."""
        words = doc.user_data.get("rivalscope_person_words")
        if words is None:  # computed once per text: long texts have thousands of entities
            # a name the model also tags as an organisation is one ("Danvik Buss")
            organisations = {e.text for e in doc_ents(doc) if e.label_ == "ORG"}
            words = {w for other in doc_ents(doc) if other.label_ == "PERSON"
                     and " " in other.text.strip() and other.text.istitle()
                     and canonical_name(other.text) == other.text.strip()
                     and not looks_like_company(other.text)  # not "Halvik Transit"
                     and other.text not in organisations
                     for w in other.text.split()}  # not "kick Kappa" nor "Kappa Inc"
            doc.user_data["rivalscope_person_words"] = words
        return ent.text in words

    @staticmethod
    def is_quoted_source(doc: Doc, ent: Span) -> bool:
        before = doc_text(doc)[max(0, ent.start_char - 40):ent.start_char]
        after = doc_text(doc)[ent.end_char:ent.end_char + 30]
        return bool(SOURCE_BEFORE.search(before) and not SPEAKER_AFTER.match(after) or
                    SOURCE_AFTER.match(after))


# A headline's words ("Italy Gives Conditional Approval To Terms Of ..."): 4 or more
# words of 4 or more letters, nearly all capitalised, and no full stop at the end (a
# sentence of names is no headline).
_LONG_WORD = re.compile(r"[^\W\d_][\w'’-]{3,}")


def title_case_line(text: str, at: int) -> tuple[int, int] | None:
    """The bounds of the line holding offset `at`, if it is written in title case."""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    end = len(text) if end < 0 else end
    words = _LONG_WORD.findall(text, start, end)
    if len(words) < 4 or sum(w[0].isupper() for w in words) < 0.8 * len(words) or \
            text[start:end].rstrip().endswith("."):
        return None
    return start, end


def only_in_headline(text: str, mention: CompanyMention,
                     others: Iterable[CompanyMention]) -> bool:
    """An unknown name read in a title-case headline and named nowhere else in the text
    (others: the text's company mentions): in a headline every word is capitalised, and the
    model takes phrases for names ("Italy Gives Conditional Approval"); a company a headline
    names, its story names again, in full or by a short form."""
    line = title_case_line(text, mention.start)
    if line is None:
        return False
    if any(m.name == mention.name and not line[0] <= m.start < line[1] for m in others):
        return False
    rest = text[:line[0]] + "\n" + text[line[1]:]
    forms = {mention.text.strip(), mention.name, short_form(mention.name)}  # "Velora"
    return not any(re.search(rf"(?<!\w){re.escape(form)}(?!\w)", rest, re.I)
                   for form in forms if form)


def long_form(name: str, keys: Mapping[str, str]) -> str | None:
    """The first of the names (keys: name -> its name_key, computed once by the caller) that
    is a longer form of an unknown company's name ("Voltera Charging GmbH" of "Voltera"); not
    a name joined to another's ("Voltera-Beta Transport")."""
    key = name_key(name) + " "
    return next((other for other, other_key in keys.items() if other != name and
                 other_key.startswith(key) and not joined_to_another(name, other)), None)


def name_keys(mentions: Iterable[CompanyMention]) -> dict[str, str]:
    """Each mentioned company's name -> its name_key, in order of first mention."""
    return {m.name: name_key(m.name) for m in mentions}


@Language.factory("rivalscope_companies")
def make_company_linker(nlp: Language, name: str) -> CompanyLinker:
    return CompanyLinker(load_gazetteer())


def sentence_mentions(doc: Doc, start: int, end: int) -> list[CompanyMention]:
    """The company mentions between two character offsets (one sentence), in order."""
    mentions = doc._.company_mentions or []
    starts = doc.user_data.get("rivalscope_mention_starts")
    if starts is None or len(starts) != len(mentions):  # mentions are in text order
        starts = doc.user_data["rivalscope_mention_starts"] = [m.start for m in mentions]
    return mentions[bisect_left(starts, start):bisect_left(starts, end)]


def subject_mention(sent: Span, mentions: list[CompanyMention]) -> CompanyMention | None:
    """The company that is a subject of the sentence's main verb, if one is ("AMSTERDAM -
    Kappa has agreed to buy Beta": Kappa)."""
    subjects = [t for t in sent.root.children if t.dep_ in ("nsubj", "nsubjpass")]
    return next((m for t in subjects for m in mentions if m.start <= t.idx < m.end), None)


MAX_SUBJECT_CHAIN = 3  # sentences back through "the company" and "its investors" subjects


def referent(sent: Span) -> CompanyMention | None:
    """The company "it", "its" or "the company" in sent stands for: the subject of the
    sentence before, where a company is; through sentences whose own subject points back
    ("Kappa raised $400m. Its investors include Beta. In March, it bought Gamma": Kappa);
    None where the chain ends at a subject that is no company."""
    doc = sent.doc
    before = sent
    for _ in range(MAX_SUBJECT_CHAIN):
        if before.start == 0:
            return None
        before = doc[before.start - 1].sent
        mentions = sentence_mentions(doc, before.start_char, before.end_char)
        if subject := subject_mention(before, mentions):
            return subject
        if not (anaphoric_subject(before.root) or _possessed_subject(before.root)):
            return None
    return None


def _possessed_subject(clause: Token) -> bool:
    """"Its investors include ...": the subject is something of the company named before."""
    return any(c.dep_ in ("nsubj", "nsubjpass") and any(
        d.dep_ == "poss" and d.lower_ in ("its", "their") for d in c.children)
        for c in clause.children)


# "the company", "the leasing firm", "the truck maker": a company named before, as a
# clause's subject. One list for the deal, fleet and company rules. Not the nouns of one kind
# of company ("the bank", "the fund", "the insurer"): those point at the company of that
# kind, which need not be the one the text spoke of last.
COMPANY_NOUNS = frozenset({
    "company", "firm", "group", "corporation", "conglomerate", "business", "giant", "outfit",
    "startup", "start-up", "subsidiary", "carmaker", "automaker", "maker", "manufacturer",
    "producer", "builder", "assembler", "supplier", "distributor", "provider", "operator",
    "lessor", "leaseco", "retailer", "grocer", "supermarket", "courier", "shipper", "carrier",
    "airline", "haulier", "hauler", "specialist", "telco", "platform", "service", "app"})


def anaphoric_subject(clause: Token) -> bool:
    """"weeks after the leasing firm agreed to buy": the subject is the company
    already named, not a new actor."""
    return any(c.dep_ in ("nsubj", "nsubjpass") and (
        c.lower_ in ("it", "they") or c.lower_ in COMPANY_NOUNS and
        any(d.lower_ == "the" for d in c.children)) for c in clause.children)
