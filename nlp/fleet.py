"""Fleet figures: how many vehicles a company operates, manages, owns, leases or plans to have.

Order, sale, delivery and production counts are not fleet figures (they are deal quantities),
and neither are counts of drivers, chargers or jobs.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from nlp.companies import COMPANY_NOUNS, long_form, name_keys, sentence_mentions
from nlp.doctext import doc_text, names_masked
from nlp.facts import CompanyMention, FleetFigure
from nlp.gazetteer import canonical_name, load_gazetteer
from nlp.numbers import NUMBER, parse_number
from nlp.vehicles import BUSINESS_FLEET, UNIT_MODIFIERS, UNITS

QUALIFIER = (r"(?:about|around|approximately|roughly|some|nearly|almost|more than|over|"
             r"at least|up to|fewer than|less than|close to|just over|just under|an estimated|"
             r"just|only|a total of|in excess of|well over|an average of|on average)")
MODIFIERS = r"(?:(?:[\w’'-]+\s+){0,4}?)"
FLEET_WORDS = {"fleet", "fleets"}
NAME_MASK = "X"  # a company name's letters, as the patterns read the sentence
APPROXIMATE = re.compile(r"about|around|approximately|roughly|some|nearly|almost|more than|"
                         r"over|close to|an estimated|in excess of", re.I)
SEGMENT_WORDS = re.compile(r"\b(?:electric|EVs?|EDVs?|BEVs?|battery|plug-in|hybrid|hydrogen|"
                           r"autonomous|self-driving|driverless|robotaxis?|test|diesel|petrol|"
                           r"company cars|car-sharing|delivery)\b", re.I)
# Words that make a count an order, a sale, a delivery, a production run or not vehicles.
TRAP_WORDS = re.compile(
    r"\b(?:sell|sells|sold|selling|sale|sales|sell-off|order|ordered|orders|ordering|deliver|"
    r"delivered|delivering|deliveries|produce|produced|production|build|built|builds|recall|"
    r"recalled|import|imports|export|exports|buy|buys|bought|purchase|purchased|purchases|"
    r"dispose|disposed|offload|offloaded|shed|shedding|cut|cutting|add|adding|adds|added|"
    r"retire|retired|replace|replacing|supply|supplied|commitment|drivers|couriers|chargers|"
    r"charging points|jobs|employees|staff|workers|customers|riders|trips|rides)\b", re.I)
TRAP_AFTER = re.compile(r"^\s*(?:more|additional|extra|new)\b|^[^,.;]{0,40}?\b(?:a|per|each)"
                        r"\s+(?:year|month|week|day)\b|^[^,.;]{0,25}\b(?:on order|sold|ordered|"
                        r"delivered|on sale|for sale|built|bought|purchased|supplied|produced|"
                        r"manufactured|recalled)\b", re.I)
NOT_VEHICLES_AFTER = re.compile(r"^(?:\s+[\w-]+)?\s+(?:[\w-]+\s+){0,2}(?:drivers|couriers|chargers|"
                                r"employees|jobs|people|users|customers|rides|trips|cities|"
                                r"countries|packages|kilometers|kilometres|miles)\b", re.I)
NAME_WORD_BEFORE = re.compile(r"[A-Z][\w&'’-]*\s+$")
SALE_WORDS = re.compile(r"sell|sells|sold|selling|sale|sales|sell-off|dispose|disposed|offload|"
                        r"offloaded", re.I)
SALE_AFTER = re.compile(r"(?:sold|on sale|for sale)$", re.I)
# Changes made to a whole fleet: "will replace its fleet of N buses" still gives its size.
WHOLE_FLEET_CHANGES = re.compile(r"replace|replacing|retire|retired|add|adding|adds|added|"
                                 r"cut|cutting", re.I)
# "its ... fleet", "Sixt's existing fleet": "its fleet of N" is the size of the whole fleet
POSSESSED_FLEET = re.compile(r"(?:^|[^\w’'‘])(?:[Ii]ts|[Tt]heir|[A-Z][\w&.-]*(?:'s|’s|‘s|'|’|‘))"
                             r"\s+(?:[\w-]+\s+){0,6}$")
# "..., adding to a fleet of 310": the fleet the new vehicles join, whole
ADDED_TO_FLEET = re.compile(
    r"\badd(?:s|ed|ing)?\s+to\s+(?:an?|the|its|their)\s+(?:[\w-]+\s+){0,2}$", re.I)
CLAUSE_BREAK = re.compile(r"[,;:(]|\band\b|\bbut\b|\bwhile\b|\bwhich\b", re.I)
PLANS = re.compile(r"\b(?:plan|plans|planned|planning|aim|aims|aiming|target|targets|goal|"
                   r"reach|expand|expanding|grow|will|would|intends?|committed to|by 20\d\d)\b",
                   re.I)
# "the company", "the delivery firm", "the Swiss rental group": the company named before.
# Not "we": in a quote that is the speaker's company, named (if at all) after the quote.
_COMPANY_NOUNS = rf"(?:{'|'.join(sorted(COMPANY_NOUNS))})"
COREFERENT = re.compile(rf"^(?:it|they|the (?:[\w-]+ ){{0,2}}?{_COMPANY_NOUNS})$", re.I)
# Whose vehicles a count before its unit or before "fleet" names: "its", "their", a name's
# ("Kappa's 6,000 trucks", "Kappa' 800-vehicle fleet") or the company's named before ("the
# company's 800-vehicle fleet").
_APOSTROPHE = r"(?:'s|’s|‘s|'|’|‘)"
_NAME_POSSESSOR = rf"(?-i:[A-Z][\w&.-]*){_APOSTROPHE}"
_COMPANY_POSSESSOR = rf"the\s+(?:[\w-]+\s+){{0,2}}?{_COMPANY_NOUNS}{_APOSTROPHE}"
_OWNERS = rf"(?:its|their|{_NAME_POSSESSOR}|{_COMPANY_POSSESSOR})"
COREFERENT_POSSESSOR = re.compile(rf"^{_COMPANY_POSSESSOR}", re.I)
NAME_POSSESSOR = re.compile(rf"^{_NAME_POSSESSOR}")

_Q = rf"(?:(?P<q>{QUALIFIER}(?:\s+{QUALIFIER})?)\s+)?"  # "an average of about"
_N = rf"(?P<n>{NUMBER})"
_U = rf"(?P<u>{UNITS})"
# The change on the way to a size: "grew by 1,350 to 44,000", "rose (by) 4% to 21,000"
_BY = (rf"(?:\s+by\s+(?:{QUALIFIER}\s+)?{NUMBER}\s*(?:%|per ?cent|percent|{UNITS})?|"
       rf"\s+(?:{QUALIFIER}\s+)?{NUMBER}\s*(?:%|per ?cent|percent))?"
       rf"(?:\s+(?:year[- ]on[- ]year|year[- ]over[- ]year|on the year|in a year|this year|"
       rf"last year|in 20\d\d))?")
# Fleets named place by place: "runs fleets in Lyon (420) and Nice (180 cabs)"; each place's
# count is a figure of the owner (the places are no owners, whatever the model tags them).
_PLACE = r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}"
PLACE_COUNT = re.compile(
    rf"(?<![\w-]){_PLACE}\s*\(\s*(?i:{_Q}{_N}(?:\s+{MODIFIERS}{_U})?)\s*\)")
_ITEM = rf"{_PLACE}\s*\([^()]{{1,40}}\)"
PLACE_LIST_LEAD = re.compile(
    rf"\b(?i:fleets?\s+(?:in|across|at))\s+(?:{_ITEM}\s*(?:,\s*(?:and\s+)?|and\s+))*$")
# Another count before the vehicles': "owns 45 depots and 1,900 buses".
_FIRST_OF_TWO = (rf"(?P<first>(?:{QUALIFIER}\s+)?{NUMBER}\s+(?!(?:{UNITS})\b)[a-z][\w-]*"
                 rf"(?:\s+[a-z][\w-]*)?\s*,?\s+and\s+)?")
# Who the relative clause after the vehicles names: a pronoun, "the company", a name
# (blanked or not).
_CLAUSE_SUBJECT = (rf"(?:it|they|we|the\s+(?:[\w-]+\s+)?{_COMPANY_NOUNS}|X+|"
                   rf"(?-i:[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){{0,3}}))")
CLAUSE_ADVERBS = ("now", "currently", "already", "still")  # "that Kappa now runs"
_CLAUSE_ADVERB = rf"(?:(?:{'|'.join(CLAUSE_ADVERBS)})\s+)?"
# Each pattern: (name, regex). Groups: q qualifier, n count, u unit, v verb.
PATTERNS = [
    # "a fleet of about 500 electric vans", "a fleet size of 61,250"
    ("fleet_of", re.compile(rf"\bfleet(?:\s+size)?\s+(?:of\s+)?{_Q}{_N}\b"
                            rf"(?:\s+{MODIFIERS}{_U}\b)?", re.I)),
    # "its fleet consists of 4,100 vehicles", "fleet of robotaxis ... has grown to 300 taxis"
    ("fleet_verb", re.compile(
        rf"\bfleet\b(?:[\s,]+[\w’'-]+){{0,9}}?\s+(?P<v>includ(?:es|ed|ing)|include|"
        rf"compris(?:es|ed|ing)|comprise|consists? of|consisting of|totall?(?:s|ed|ing)|total|"
        rf"numbers|numbered|numbering|stands at|stood at|"
        rf"(?:has |have |had )?(?:grown|grew|risen|rose|"
        rf"increased|expanded|reached|progressed|climbed|jumped){_BY} to|reached|reaches|"
        rf"now has|hits|hit|tops|topped|passes|passed|surpass(?:es|ed)|exceeds|exceeded|of)"
        rf"\s+{_Q}{_N}\b"
        rf"(?:\s+{MODIFIERS}{_U}\b)?", re.I)),
    # "operates more than 30,000 Rivian vans", "manages 3.4 million vehicles"
    ("verb", re.compile(
        rf"\b(?P<v>operat\w*|run\w*|manag\w*|own\w*|leas\w*|has|have|had|having|deploy\w*|"
        rf"field\w*|reach\w*|pass\w*|total\w*|(?:expand\w*|grow\w*|grew|increase\w*){_BY} to|"
        rf"maintain\w*|servic\w*|handl(?:es|ed|ing)|look(?:s|ed|ing)?\s+after|rent(?:s|ed|ing)?\s+out|count(?:s|ed)|boast\w*|"
        rf"keeps|kept|fl(?:y|ies|ew|own|ying))\s+(?:(?:a|its|their|the)\s+)?(?:(?:[\w-]+\s+){{0,2}}fleet\s+(?:of\s+)?)?"
        rf"{_FIRST_OF_TWO}{_Q}{_N}\s+{MODIFIERS}{_U}\b", re.I)),
    # "the 2,800 trucks that it operates", "the 90 buses which Kappa Coaches runs"
    ("rel_clause", re.compile(
        rf"{_Q}{_N}\s+{MODIFIERS}{_U}\s+(?:that|which)\s+{_CLAUSE_SUBJECT}\s+"
        rf"{_CLAUSE_ADVERB}(?P<v>operat\w*|run\w*|own\w*|"
        rf"manag\w*|leas\w*|ha(?:s|ve)(?!\s+\w+(?:ed|en|ght|lt|ld)\b))\b", re.I)),
    # The size before "fleet": "its 4,210 vehicle fleet", "a 950-strong van fleet", "its
    # 12,000-car rental fleet" (the unit, if any, is the modifier: vans for "van fleet").
    ("size_before", re.compile(
        rf"(?<![\w’'‘])(?:{_OWNERS}|a|an|the)\s+{_Q}{_N}(?:-strong)?(?:[\s-]+(?P<um>{UNIT_MODIFIERS}))?"
        rf"(?:\s+[a-z][\w-]*){{0,2}}?\s+fleet\b", re.I)),
    # An operator described by its fleet: "Kappa, the 1,200-vehicle operator,", "Kappa, a
    # 300-bus operator", "Kappa, operator of 1,200 buses in the Midlands,"
    ("operator_size", re.compile(
        rf"(?<![\w’'‘])(?:a|an|the)\s+{_Q}{_N}(?:-strong)?[\s-]+(?P<um>{UNIT_MODIFIERS})"
        rf"(?:\s+[a-z][\w-]*)?\s+operator\b", re.I)),
    ("operator_of", re.compile(rf"\boperator\s+of\s+{_Q}{_N}\s+{MODIFIERS}{_U}\b", re.I)),
    # Growth of the whole fleet to a size: "will expand its fleet to 12,000", "expects the
    # fleet to top out at 260"
    ("fleet_to", re.compile(
        rf"\b(?P<v>expand\w*|grow\w*|grew|increas\w*|doubl\w*|enlarg\w*|tak\w*|took|"
        rf"bring\w*|brought|build\w*|built|expect\w*|boost\w*)\s+(?:the\s+size\s+of\s+)?"
        rf"(?:(?:its|their|the|[A-Z][\w&.-]*(?:'s|’s|'|’))\s+)?"
        rf"(?:[\w-]+\s+){{0,2}}(?:e-)?fleet\s+to\s+(?:(?:top|max)\s+out\s+at\s+|reach\s+|"
        rf"peak\s+at\s+)?{_Q}{_N}\b(?:\s+{MODIFIERS}{_U}\b)?", re.I)),
    # "will add 3,000 cars to its fleet, bringing the total to 28,000" (a fleet named before)
    ("total_to", re.compile(
        rf"\b(?P<v>bring\w*|brought|tak\w*|took|lift\w*)\s+(?:the|its|their)\s+(?:fleet\s+)?"
        rf"total\s+(?:fleet\s+)?to\s+{_Q}{_N}\b(?:\s+{MODIFIERS}{_U}\b)?", re.I)),
    # "With 5,000 cars on the road, Kappa is ..." (checked in _with_front_ok)
    ("with_front", re.compile(rf"^\W{{0,3}}with\s+{_Q}{_N}\s+{MODIFIERS}{_U}\b", re.I)),
    # "all 2,300 of its delivery vans", "all 40 of Kappa's buses": every vehicle an owner has
    ("all_of", re.compile(rf"\ball\s+{_Q}{_N}\s+of\s+(?P<o>{_OWNERS})\s+{MODIFIERS}{_U}\b", re.I)),
    # "ended the year with 210,000 vehicles under management"
    ("under_management", re.compile(rf"{_Q}{_N}\s+{MODIFIERS}{_U}\s+under\s+management\b",
                                    re.I)),
    # "with only 8,000 EVs in its fleet"
    ("in_fleet", re.compile(rf"{_Q}{_N}\s+{MODIFIERS}{_U}\s+(?:in|on)\s+(?:its|their|the)\s+"
                            rf"(?:[\w-]+\s+){{0,2}}fleets?\b", re.I)),
    # "24 Vantor Model Ks in its fleet": a model's name is the unit
    ("in_fleet_model", re.compile(
        rf"{_Q}{_N}\s+(?P<u>(?-i:[A-Z][\w.-]*(?:\s+[A-Z0-9][\w.-]*){{0,3}}))\s+(?:in|on)\s+"
        rf"(?:its|their|the)\s+(?:[\w-]+\s+){{0,2}}fleets?\b", re.I)),
    # "450 of its 1200 buses", "Of Kappa's 6,000 trucks, 400 are electric"
    ("possessive", re.compile(rf"(?<![\w’'‘])(?:{_OWNERS}|whose)\s+(?:entire\s+|whole\s+|total\s+|"
                              rf"current\s+|existing\s+)?{_Q}{_N}\s+{MODIFIERS}{_U}\b", re.I)),
    # "is active in 12 cities with around 8,000 vehicles" (checked in _with_presence)
    ("with", re.compile(rf"(?<![,;])\s\bwith\s+{_Q}{_N}\s+{MODIFIERS}{_U}\b", re.I)),
    # "Kappa, with 400 cabs, is ..." (checked in _with_describes_subject)
    ("with_aside", re.compile(rf",\s*with\s+{_Q}{_N}\s+{MODIFIERS}{_U}\b", re.I)),
    # "fleets in Lyon (420) and Nice (180)" (checked in _place_list_start)
    ("place_list", PLACE_COUNT),
]
# A word without which a pattern cannot match: the sentence is not searched for it.
NEEDED_WORD = {"under_management": "management", "in_fleet": "fleet", "in_fleet_model": "fleet"}
# What may follow the size a whole fleet grows to, when no unit does: the end of the clause
# or a time ("to 12,000 by 2027", "to 260 next year"), not a noun ("to 12 cities").
FLEET_TO_END = re.compile(r"\s*(?:$|[,.;:)–—]|(?:by|in|this|next|last|over|within|before|after|"
                          r"from|on|at|and|as|until|when|while|or|during)\b)", re.I)
# Verbs and adjectives of presence or service that a "with N vehicles" phrase can hang on;
# "supply Peugeot with 30,000 SUVs", "a deal with ..." or "the biggest carmaker with 10
# million cars" (a sales count) do not qualify.
PRESENT = {"active", "present", "live", "available", "operational"}
PRESENCE = PRESENT | {
    "operate", "operates", "operated", "operating", "run", "runs", "ran", "running", "serve",
    "serves", "served", "serving", "launch", "launches", "launched", "launching", "start",
    "starts", "started", "began", "begun", "cover", "covers", "covered", "covering",
    # "ended the quarter with 4,100 EVs": what a company had at the close of a period
    "end", "ends", "ended", "ending", "close", "closes", "closed", "closing", "finish",
    "finishes", "finished"}
BE = {"is", "are", "was", "were", "be", "been", "being"}
# "... 42,000 parcel vans worldwide and around 30,000 in Europe"
# "... a fleet of 3.3 million vehicles, of which around 700,000 are electric"
# "... with around 8,000 vehicles, with 2,500 being EVs"
OF_WHICH = re.compile(rf"^\s*,?\s*(?:of which|including|with)\s+{_Q}{_N}\s+(?:of them\s+)?"
                      rf"(?:are|were|is|being)\s+(?:(?:all\s+)?(?P<u>{UNITS})\b)?", re.I)
# "... 120,000 vehicles, two-thirds of which would be VW group cars" / "30% of them electric"
FRACTIONS = {"half": 1 / 2, "a half": 1 / 2, "one half": 1 / 2, "a third": 1 / 3,
             "one third": 1 / 3, "one-third": 1 / 3, "two thirds": 2 / 3, "two-thirds": 2 / 3,
             "a quarter": 1 / 4, "one quarter": 1 / 4, "one-quarter": 1 / 4,
             "three quarters": 3 / 4, "three-quarters": 3 / 4, "a fifth": 1 / 5,
             "one-fifth": 1 / 5, "most": None, "all": None}
_FRACTION = "|".join(sorted((re.escape(f) for f in FRACTIONS), key=len, reverse=True))
SHARE_OF_WHICH = re.compile(
    rf"^\s*,?\s*(?P<q>about|around|roughly|nearly|almost|more than|over|some)?\s*"
    rf"(?:(?P<pct>\d{{1,2}}(?:\.\d+)?)\s*(?:%|percent\b|per cent\b)|(?P<frac>{_FRACTION})\b)"
    rf"\s+of\s+(?:which|them|these)\b", re.I)
# "... 480 vans and 200 trucks": a second count with a vehicle unit of its own
COORDINATED = re.compile(rf"^\s*,?\s+and\s+{_Q}{_N}\s+{MODIFIERS}{_U}\b", re.I)
# The sentence after a fleet figure, on a part of it: "Around 380 of them are electric",
# "Of these, 120 are vans"
NEXT_SENTENCE_PART = re.compile(
    rf"^\W*(?P<pre>Of\s+(?:them|these|those),?\s+)?{_Q}{_N}(?P<post>\s+of\s+(?:them|these|those))?"
    rf"\s+(?:are|were|is|was|run|runs)\s+(?:now\s+|already\s+|fully\s+)?(?:(?P<u>{UNITS})\b|"
    rf"(?:[\w-]+\s+){{0,2}}?(?:electric|hybrids?|battery-electric|hydrogen|zero-emission|"
    rf"diesel|autonomous|driverless|plug-in)\b)", re.I)
ELLIPSIS = re.compile(rf"^(?:\s+[a-z]+)?\s*,?\s+and\s+{_Q}{_N}\s+(?:in|across)\b", re.I)
# "... operates 250 vehicles and plans to reach 1,000 next year": the size the fleet is to have
PLANNED_AFTER = re.compile(
    rf"^(?:\s+(?:in|across)\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)?\s*,?\s+and\s+"
    rf"(?:plans|aims|expects|hopes|wants|intends)\s+to\s+(?:reach|have|hit|top|run|operate|"
    rf"(?:grow|expand|increase)\s+(?:it\s+|that\s+)?to)\s+{_Q}{_N}\b(?:\s+{MODIFIERS}{_U}\b)?",
    re.I)


# A figure's context by its verb's stem: growth to a size is planned, the rest is held.
GROWTH_VERBS = ("reach", "expand", "grow", "expect", "boost")
VERB_CONTEXTS = (("manag", "manages"), ("handl", "manages"), ("look", "manages"),
                 ("leas", "leases"), ("rent", "leases"), ("own", "owns"),
                 ("operat", "operates"), ("run", "operates"))


class FleetFinder:
    """Sets doc._.fleet_figures."""

    def __call__(self, doc: Doc) -> Doc:
        figures: list[FleetFigure] = []
        previous: list[CompanyMention] = []
        last_sentence: Span | None = None
        for sent in doc.sents:
            mentions = sentence_mentions(doc, sent.start_char, sent.end_char)
            # "The courier plans to run 75 e-vans": the company whose fleet the text
            # spoke of last, when the sentence before named it among others (a maker first)
            if figures:
                previous = sorted(previous, key=lambda m: m.name != figures[-1].company)
            found = self.read_sentence(sent, mentions, previous)
            if not found and last_sentence and (part := _part_in_next_sentence(
                    sent, [f for f in figures if f.start == last_sentence.start_char])):
                found = [part]
            for figure in found:
                if not any(f.start == figure.start and f.count == figure.count for f in figures):
                    figures.append(figure)
            previous = mentions or previous
            last_sentence = sent
        doc._.fleet_figures = figures
        return doc

    def read_sentence(self, sent: Span, mentions: list[CompanyMention],
                      previous: list[CompanyMention]) -> list[FleetFigure]:
        text = _names_masked(sent, mentions)
        results: list[FleetFigure] = []
        taken: list[tuple[int, int]] = []
        lower = text.lower()
        for kind, pattern in PATTERNS:
            if (needed := NEEDED_WORD.get(kind)) and needed not in lower:
                continue  # a pattern that starts at any number is slow on every sentence
            for match in pattern.finditer(text):
                n_start, n_end = match.span("n")
                if any(a <= n_start < b for a, b in taken):
                    continue
                count = parse_number(match.group("n"))
                unit = _written_unit(match, kind)
                if not unit and (kind == "fleet_verb" and match.group("v").lower().endswith(
                        " to") or kind == "total_to") and FLEET_TO_END.match(text[n_end:]):
                    unit = "vehicles"  # "its fleet has grown by 4% to 21,000."
                if kind == "total_to" and not re.search(r"\bfleets?\b", text[:match.start()],
                                                        re.I):
                    continue  # "bringing the total to 28,000 jobs": no fleet spoken of
                if count is None or count < 2 or (not unit and kind != "fleet_of"):
                    continue
                if _followed_by_share(text, n_end):
                    continue  # "8.4%" growth, "60 per cent" of the fleet
                if not unit and (1900 <= count <= 2100 or _followed_by_non_vehicle(text, n_end)):
                    continue  # "a fleet by 2030", "a fleet of 300 drivers"
                if kind == "size_before" and 1900 <= count <= 2100 and "," not in match["n"]:
                    continue  # "its 2030 EV fleet target"
                if kind == "fleet_to" and not match.groupdict().get("u") and \
                        not FLEET_TO_END.match(text[n_end:]):
                    continue  # "expand its fleet to 12 cities"
                words_start = match.end("o") if kind == "all_of" else n_end  # "of its" is
                if match.groupdict().get("u") and kind != "in_fleet_model" and re.search(
                        r"\b(?:of|models?|types?|kinds?|brands?|per)\b",
                        UNITS_OF.sub("", text[words_start:match.end("u")]), re.I):
                    continue  # "15 models of electric vehicles"
                if kind == "with" and not (_with_presence(sent, match) or
                                           _with_describes_subject(sent, match)) or \
                        kind == "with_aside" and not _with_describes_subject(sent, match):
                    continue
                if kind == "with_front" and not _with_front_ok(sent, text, match):
                    continue
                if kind == "possessive" and NEW_VEHICLES.search(text[n_end:match.start("u")]):
                    continue  # "Kappa's 60 new coaches arrive ...": an order, not the fleet
                if kind == "place_list" and _place_list_start(text, match.start()) is None:
                    continue
                if self.is_trap(text, match, kind):
                    continue
                company = self.owner(sent, match, kind, mentions, previous)
                if company is None:
                    continue
                taken.append((n_start, n_end))
                figure = self.figure(sent, text, match, kind, company, count, unit)
                if kind == "place_list":
                    figure = replace(figure, scope="segment")
                results.append(figure)
                if share := _share_of_which(text[match.end():]):
                    results.append(FleetFigure(
                        company=company.name, count=round(count * share), unit=figure.unit,
                        approximate=True, qualifier="about", context=figure.context,
                        scope="segment", evidence=figure.evidence, start=figure.start,
                        end=figure.end, share=round(share, 4)))
                elif (second := COORDINATED.match(text[match.end():])) and \
                        kind != "place_list" and (extra := parse_number(second.group("n"))):
                    results[-1] = replace(figure, scope="segment")
                    results.append(replace(figure, count=extra, unit=_unit(second.group("u")),
                                           scope="segment", **_qualified(second)))
                    start = match.end() + second.start("n")
                    taken.append((start, start + len(second.group("n"))))
                elif more := (ELLIPSIS.match(text[match.end():])
                              or OF_WHICH.match(text[match.end():])
                              or _part_after_of(text, match)):
                    extra = parse_number(more.group("n"))
                    if extra and extra < count:
                        results.append(FleetFigure(
                            company=company.name, count=extra,
                            unit=_unit_or(more.groupdict().get("u"), figure.unit),
                            **_qualified(more), context=figure.context, scope="segment",
                            evidence=figure.evidence, start=figure.start, end=figure.end))
                        start = match.end() + more.start("n")
                        taken.append((start, start + len(more.group("n"))))
                if (plan := PLANNED_AFTER.match(text[match.end():])) and \
                        (extra := parse_number(plan.group("n"))) and extra != count and \
                        (plan.group("u") or FLEET_TO_END.match(text[match.end() + plan.end():])):
                    results.append(replace(
                        figure, count=extra, unit=_unit_or(plan.group("u"), figure.unit),
                        context="plans", **_qualified(plan)))
                    start = match.end() + plan.start("n")
                    taken.append((start, start + len(plan.group("n"))))
        return results

    def figure(self, sent: Span, text: str, match: re.Match, kind: str,
               company: CompanyMention, count: int, unit: str) -> FleetFigure:
        """The figure a match reads; text is the sentence as the patterns read it."""
        before = text[max(0, match.start() - 25):match.start()]
        return FleetFigure(
            company=company.name, count=count,
            unit=unit if kind == "in_fleet_model" else _unit(unit or None),
            **_qualified(match), context=self.context(text, match),
            scope="segment" if SEGMENT_WORDS.search(before + match.group(0)) else "total",
            evidence=sent.text.strip(), start=sent.start_char, end=sent.end_char,
        )

    @staticmethod
    def is_trap(text: str, match: re.Match, kind: str) -> bool:
        """An order, sale or delivery count, or drivers/chargers, near the number."""
        n_start = match.start("n")
        verb = (match.group("v") or "").lower() if "v" in match.groupdict() else ""
        reach = {"fleet_verb": 70, "in_fleet": 12}.get(kind, 40)
        reach = 70 if verb.startswith("total") else reach
        lead = text[max(0, match.start() - reach):match.start()]
        breaks = list(CLAUSE_BREAK.finditer(lead))
        if breaks and not (verb.startswith("total") and len(breaks) == 1):
            lead = lead[breaks[-1].end():]
        # "sold its contract hire fleet of 3,000 vehicles": N is the size of the fleet, even
        # when the fleet changes hands ("a third of its fleet, totaling N" is the part sold,
        # and orders or deliveries stay traps); so is "replace its fleet of N buses".
        whole = kind == "fleet_of" and _possessed_whole_fleet(text, match.start()) or \
            kind == "all_of"  # "will replace all 500 of its buses"
        near = lead + " " + text[match.start():n_start]
        if match.groupdict().get("first"):  # "has 6,000 drivers and 2,800 cars": the other
            # count's noun is no trap of the cars
            near = lead + " " + text[match.start():match.start("first")] + " " + \
                text[match.end("first"):n_start]
        for word in TRAP_WORDS.finditer(near):
            if NAME_WORD_BEFORE.search(near, 0, word.start()) and word.group(0)[0].isupper():
                continue  # "Harlow Couriers will ...": a word of a name the linker missed
            if not (whole and (SALE_WORDS.fullmatch(word.group(0)) or
                               WHOLE_FLEET_CHANGES.fullmatch(word.group(0)))):
                return True
        after = text[match.end() if match.groupdict().get("u") else match.end("n"):]
        trap_after = TRAP_AFTER.search(after[:60])
        return bool(trap_after) and not (whole and SALE_AFTER.search(trap_after.group(0)))

    @staticmethod
    def context(text: str, match: re.Match) -> str:
        verb = (match.group("v") or "").lower() if "v" in match.groupdict() else ""
        if not verb:  # "manages a fleet of ...": the verb before the phrase
            words = re.findall(r"[a-z]+", text[max(0, match.start() - 30):match.start()].lower())
            verb = next((w for w in reversed(words) if w.startswith(
                ("manag", "leas", "own", "operat", "run"))), "")
        # Only the figure's own clause: in "runs 180 cars in Denver and aims to reach 700",
        # "Kappa, which runs 640 trucks, will take 20 more" the plan is another clause's.
        before = text[max(0, match.start() - 40):match.start()]
        breaks = list(CLAUSE_BREAK.finditer(before))
        after = text[match.end():match.end() + 25]
        after_break = CLAUSE_BREAK.search(after)
        around = (before[breaks[-1].end():] if breaks else before) + " " + verb + " " + \
            (after[:after_break.start()] if after_break else after)
        if PLANS.search(around) or verb.startswith(GROWTH_VERBS):
            return "plans"
        for stem, context in VERB_CONTEXTS:
            if verb.startswith(stem):
                return context
        return "operates"

    def owner(self, sent: Span, match: re.Match, kind: str, mentions: list[CompanyMention],
              previous: list[CompanyMention]) -> CompanyMention | None:
        """The company whose fleet it is."""
        offset = sent.start_char
        # A maker named inside the count ("300 BYD electric buses") is not the owner.
        n_abs, end_abs = offset + match.start("n"), offset + match.end()
        if kind == "place_list":  # "fleets in Lyon (420)": no place owns the fleet
            n_abs = offset + (_place_list_start(match.string, match.start()) or match.start())
        absolute = offset + match.start()
        candidates = sorted(
            [m for m in mentions if not n_abs <= m.start < end_abs]
            + _echoes(sent, absolute, [m for m in mentions if m.start < absolute])
            + _merged_entities(sent, absolute),
            key=lambda m: m.start)
        text = doc_text(sent.doc)
        business = (parse_number(match.group("n")) or 0) >= BUSINESS_FLEET
        if kind in ("operator_size", "operator_of"):  # the name the apposition describes
            described = [m for m in mentions if m.end <= absolute and
                         re.fullmatch(r"\s*,\s*", text[m.end:absolute])]
            if described:
                return described[-1]
        if kind == "rel_clause":  # "the 2,800 trucks that it operates": the clause's subject
            return self.clause_subject(sent, offset + match.start("v"), mentions, previous,
                                       business)
        if kind in ("with", "with_front", "with_aside"):  # the clause's subject's vehicles
            return self.subject(sent, absolute, candidates, previous, business)
        if kind == "all_of":  # "all 40 of Kappa's buses": Kappa's, or no one's
            if NAME_POSSESSOR.match(match.group("o")):
                at = offset + match.start("o")
                named = [m for m in mentions if m.start <= at < m.end]
                return named[0] if named else \
                    _unnamed_possessor(sent, offset + match.start("u"), mentions)
            kind = "possessive"  # "all 40 of its buses": as "its 40 buses"
        if kind in ("possessive", "size_before"):
            opening = match.group(0)
            if kind == "possessive" and opening[:5].lower() == "whose":
                # "Kappa, whose 1,900 vans cover Ireland, ...": Kappa's, or no company's
                antecedent = _whose_antecedent(sent, offset + match.start("u"))
                return None if antecedent is None else _named_owner(sent, antecedent, mentions)
            if NAME_POSSESSOR.match(opening):  # "Kappa's 6,000 trucks": Kappa's, or no one's
                named = [m for m in candidates if m.start <= absolute < m.end]
                if named:
                    return named[0]
                noun = match.start("u") if kind == "possessive" else \
                    match.start() + match.group(0).lower().rfind("fleet")
                return _unnamed_possessor(sent, offset + noun, mentions)
            if COREFERENT_POSSESSOR.match(opening):  # "the company's 800-vehicle fleet"
                earlier = [m for m in mentions if m.start < absolute]
                if not earlier and not previous and len({m.name for m in mentions}) == 1:
                    return mentions[0]  # "The company's 600 trucks ..., Kappa said."
                return earlier[0] if earlier else previous[0] if previous else None
        # "Stellantis' car-sharing fleet", "Free2move's existing fleet of 2,500"
        fleet_at = match.group(0).lower().find("fleet")
        if fleet_at >= 0:
            fleet_abs = absolute + fleet_at
            if (antecedent := _whose_antecedent(sent, fleet_abs)) is not None:
                # "Kappa, whose fleet numbers 4,500 vans, ...": Kappa's, or no company's
                return _named_owner(sent, antecedent, mentions)
            for m in reversed(candidates):
                if m.end > fleet_abs:
                    continue
                if fleet_abs - m.end < 40 and \
                        re.match(r"^(?:'s|’s|‘s|'|’|‘)\s", text[m.end:m.end + 3]) and \
                        not re.search(r"[,;]", text[m.end:fleet_abs]) and \
                        not _has_verb(sent, m.end, fleet_abs):
                    return m
                break  # only the nearest company before "fleet" can own it
            if (owner := _unnamed_possessor(sent, fleet_abs, mentions)) is not None:
                return owner  # "Kappa Iberia's whole fleet grew to ..."
        before = [m for m in candidates if m.start < absolute]
        with_a = re.search(r"\bwith an?\s+(?:[\w-]+\s+)?$", text[max(0, absolute - 25):absolute])
        if before and (kind == "possessive" or with_a):
            return before[-1]
        subject = self.subject(sent, absolute, candidates, previous, business)
        if subject is not None:
            return subject
        if before:
            return before[-1] if len(before) == 1 else before[0]
        if previous and re.search(r"\b(?:its|their)\b", match.group(0) +
                                  text[max(0, absolute - 30):absolute]):
            return previous[0]
        subject = _named_subject(sent, absolute)
        if subject is not None and not FLEET_SUBJECT.match(subject.text):
            return None  # "the town will own 3,000 e-buses": no company named earlier owns it
        # Named only after the count: the owner where the vehicles are "run by" or "operated
        # for" it; otherwise a maker, a model or a figure's other party ("The fleet will
        # include 40 Kappa trucks", "a fleet of 900 (of which Zeta makes up half)"), and the
        # fleet is the one of the company the text spoke of.
        for m in candidates:
            if re.search(r"\b(?:by|for)\s+(?:the\s+)?$", text[absolute:m.start]):
                return m
        if previous:
            return previous[0]
        return candidates[0] if candidates else None

    @staticmethod
    def clause_subject(sent: Span, verb_at: int, mentions: list[CompanyMention],
                       previous: list[CompanyMention],
                       business: bool) -> CompanyMention | None:
        """The company that is the subject of the verb at verb_at (a relative clause's)."""
        text = doc_text(sent.doc)
        right_before = [m for m in mentions if m.end <= verb_at and re.fullmatch(
            rf"\s+{_CLAUSE_ADVERB}", text[m.end:verb_at])]
        if right_before:  # the parser may take "runs" for a noun
            return right_before[-1]
        verb = next((t for t in sent if t.idx >= verb_at), None)
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None) if verb else None
        if verb is not None and (subject is None or subject.tag_ in ("WDT", "WP")):
            # "the 90 buses that Kappa Transit runs": the model may read "Kappa Transit runs"
            # as one noun, whose subject is "that"; the name right before the verb runs them
            named = sent.doc[verb.i - 1] if verb.i > sent.start else None
            while named is not None and named.lower_ in CLAUSE_ADVERBS and named.i > sent.start:
                named = sent.doc[named.i - 1]
            if named is not None and named.pos_ == "PROPN":
                return unknown_owner(sent, named, business=business)
            return None
        named = [m for m in mentions if m.start <= subject.idx < m.end]
        if named:
            return named[0]
        if subject.pos_ == "PROPN":
            return unknown_owner(sent, subject, business=business)
        if COREFERENT.match(subject.text) or COREFERENT.match(
                text[subject.left_edge.idx:subject.idx + len(subject)]):
            earlier = [m for m in mentions if m.start < verb_at]
            return earlier[0] if earlier else previous[0] if previous else None
        return None

    @staticmethod
    def subject(sent: Span, absolute: int, mentions: list[CompanyMention],
                previous: list[CompanyMention], business: bool = False) -> CompanyMention | None:
        """The company that is the subject of the clause holding the count, if any; business:
        the count is a business's fleet, whatever the model tags an unknown subject."""
        token = next((t for t in sent if t.idx >= absolute), None)
        head = token
        while head is not None and head.dep_ != "ROOT" and head.pos_ not in ("VERB", "AUX"):
            head = head.head if head.head is not head else None
        while head is not None:
            for child in head.children:
                if child.dep_ not in ("nsubj", "nsubjpass"):
                    continue
                if child.tag_ in ("WDT", "WP") and head.dep_ == "relcl":
                    # "bought Kappa Leasing, which owns 1,200 wagons": the clause's own noun
                    antecedent = head.head
                    if antecedent.dep_ == "appos":  # "Kappa Lease, a Dutch firm that leases
                        antecedent = antecedent.head  # 18,000 vans": Kappa Lease's
                    named = [m for m in mentions if m.start <= antecedent.idx < m.end]
                    if named:
                        return named[0]
                    if antecedent.pos_ == "PROPN":  # "Kappa Parcel, which runs 300 vans"
                        return unknown_owner(sent, antecedent, business=business)
                    phrase = doc_text(sent.doc)[antecedent.left_edge.idx:antecedent.idx
                                                + len(antecedent)]
                    if COREFERENT.match(phrase):  # "The company, which runs 300 vans, ..."
                        earlier = [m for m in mentions if m.start < antecedent.idx] or previous
                        return _named_like(antecedent, earlier) or (
                            earlier[0] if earlier else None)
                sub_start = child.left_edge.idx
                sub_end = child.right_edge.idx + len(child.right_edge)
                inside = [m for m in mentions if sub_start <= m.start < sub_end]
                holding = [m for m in inside if m.start <= child.idx < m.end]
                if holding:  # "Volkswagen Financial Services, the leasing arm of VW"
                    return holding[0]
                named_after = [m for m in inside for c in child.children
                               if c.dep_ == "appos" and m.start <= c.idx < m.end]
                if named_after:  # "Lyft's subscription unit, Flexdrive, owns ..." -> Flexdrive
                    return named_after[0]
                before_head = [m for m in inside if m.start < child.idx]
                if before_head:  # "Lyft's Flexdrive unit owns ..." -> Flexdrive
                    return before_head[-1]
                if inside:
                    return inside[0]
                phrase = doc_text(sent.doc)[sub_start:sub_end]
                if order := re.fullmatch(r"the (former|latter)", phrase, re.I):
                    # "the latter": the last company named before, "the former": the first
                    earlier = [m for m in mentions if m.start < sub_start] or previous
                    if not earlier:
                        return None
                    return earlier[-1] if order.group(1).lower() == "latter" else earlier[0]
                if COREFERENT.match(phrase) or COREFERENT.match(child.text):
                    earlier = [m for m in mentions if m.start < sub_start] or previous
                    return _named_like(child, earlier) or (earlier[0] if earlier else None)
                possessor = next((c for c in child.children if c.dep_ == "poss"), None)
                if possessor is not None and possessor.pos_ == "PROPN":
                    # "Kappa's car-sharing service has 3,500 cars": the service is Kappa's
                    return unknown_owner(sent, possessor, possessor=True)
                return unknown_owner(sent, child, business=business)
            # "..., which manages 3.3 million vehicles": climb from a relative clause.
            if head.dep_ in ("relcl", "conj", "xcomp", "advcl", "ccomp") and head.head is not head:
                head = head.head
                while head.dep_ != "ROOT" and head.pos_ not in ("VERB", "AUX"):
                    head = head.head
                continue
            return None
        return None


# A subject that is the fleet itself ("The fleet consists of ...", "Its 3,000 vans run ..."):
# it names no other owner than the company the text is about.
FLEET_SUBJECT = re.compile(rf"^(?:fleets?|{UNITS})$", re.I)
# doc.user_data: the mentions of names only the fleet rules took for companies (the judge
# makes them candidates for companies and fleet owners, no evidence of deals or people).
FLEET_OWNERS_KEY = "rivalscope_fleet_owners"
# Tags the model gives names that are rarely a fleet's owner ("London has 9,000 buses"),
# unless the name ends in a word of the trade ("Pellam Taxi", tagged a person).
NOT_OWNER_LABELS = {"GPE", "LOC", "NORP", "PERSON", "DATE", "TIME", "MONEY", "CARDINAL",
                    "ORDINAL", "QUANTITY", "PERCENT", "EVENT", "LAW", "LANGUAGE"}
OWNER_TAILS = {"taxi", "taxis", "cabs", "cars", "couriers", "coaches", "buses", "bus", "vans",
               "trucks", "transport", "express", "rentals", "rental", "fleet", "fleets",
               "leasing", "lease", "mobility", "logistics", "freight", "airways", "airlines",
               "haulage", "delivery", "motors", "air", "aviation", "transit", "travel"}


def unknown_owner(sent: Span, subject: Token, possessor: bool = False,
                  business: bool = False) -> CompanyMention | None:
    """The subject of a fleet's clause (or the possessor of the fleet) as a company, when it
    is a name that the linker did not take for one ("Harlow Couriers will expand its fleet",
    "Kappa Air operates 80 jets", "Kappa France's fleet has grown to ..."): the fleet says
    it is a company, and the scorer judges it as one. A name the model calls a person may
    own a fleet ("Kappa France's fleet") or run a business's (`business`: "Pellan Parcel
    runs 210 vans"); a person may not have a few cars."""
    if subject.pos_ != "PROPN" or not subject.text[:1].isupper():
        return None
    start = subject.i
    while start > subject.left_edge.i and sent.doc[start - 1].pos_ == "PROPN" and \
            sent.doc[start - 1].text[:1].isupper() and sent.doc[start - 1].dep_ == "compound":
        start -= 1
    span = sent.doc[start:subject.i + 1]
    if len(span) > 4 or span[0].lower_ in ("the", "a") or \
            load_gazetteer().is_not_actor(span.text):  # "Diesel makes up 96% of the fleet"
        return None
    label = subject.ent_type_
    if label in NOT_OWNER_LABELS and span[-1].lower_ not in OWNER_TAILS and \
            not ((possessor or business) and label == "PERSON"):
        return None
    proposed = sent.doc.user_data.setdefault(FLEET_OWNERS_KEY, [])
    for m in proposed:
        if m.start == span.start_char and m.end == span.end_char:
            return m
    name = canonical_name(span.text)  # "Danvik" after "Danvik Buss" is that company
    name = long_form(name, name_keys(sent.doc._.company_mentions or [])) or name
    mention = CompanyMention(name, span.text, span.start_char, span.end_char, sent.start_char,
                             linked=False)
    proposed.append(mention)
    return mention


def _named_like(noun: Token, companies: list[CompanyMention]) -> CompanyMention | None:
    """The one company whose name ends in the word "the courier" or "the haulier" refers to
    ("Kestrel Couriers"), if exactly one does."""
    word = noun.lemma_.lower()
    named = {m.name: m for m in companies if len(word) > 3 and
             m.name.split()[-1].lower().startswith(word)}
    return next(iter(named.values())) if len(named) == 1 else None


def _whose_antecedent(sent: Span, fleet_abs: int) -> Token | None:
    """The name or noun a "whose fleet" relative clause hangs on, if the fleet is one."""
    fleet_token = next((t for t in sent if t.idx >= fleet_abs), None)
    if fleet_token is None or fleet_token.head.dep_ != "relcl" or not any(
            c.dep_ == "poss" and c.lower_ == "whose" for c in fleet_token.children):
        return None
    return fleet_token.head.head


def _named_owner(sent: Span, token: Token,
                 mentions: list[CompanyMention]) -> CompanyMention | None:
    """The company mention holding this word, else the unknown company it may name."""
    named = [m for m in mentions if m.start <= token.idx < m.end]
    return named[0] if named else unknown_owner(sent, token, possessor=True)


def _unnamed_possessor(sent: Span, fleet_abs: int,
                       mentions: list[CompanyMention]) -> CompanyMention | None:
    """The owner of "X's fleet" when X is a name that no company mention covers."""
    fleet_token = next((t for t in sent if t.idx >= fleet_abs), None)
    if fleet_token is None:
        return None
    possessor = next((c for c in fleet_token.children if c.dep_ == "poss"), None)
    if possessor is None or any(m.start <= possessor.idx < m.end for m in mentions):
        return None
    return unknown_owner(sent, possessor, possessor=True)


def _named_subject(sent: Span, absolute: int) -> Token | None:
    """The subject of the clause holding the count, whatever it is."""
    token = next((t for t in sent if t.idx >= absolute), None)
    head = token
    while head is not None and head.dep_ != "ROOT" and head.pos_ not in ("VERB", "AUX"):
        head = head.head if head.head is not head else None
    if head is None:
        return None
    return next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)


ORG_HEADS = {"group", "company", "corporation", "firm", "bank", "airline", "airlines",
             "airways", "lines", "motors", "leasing", "rental", "rentals", "logistics",
             "transport", "transit", "mobility", "services", "holdings"}


def _echoes(sent: Span, before: int, seen: list[CompanyMention]) -> list[CompanyMention]:
    """Mentions such as "the motor group" for Sears Motor Group, named earlier in the text.

    A definite noun phrase made of the last two words of an earlier company's name (a
    generic head such as group, lines or leasing) refers back to that company.
    """
    doc = sent.doc
    text = doc_text(doc)
    earlier = [m for m in (doc._.company_mentions or []) if m.start < sent.start_char]
    found: list[CompanyMention] = []
    tails: dict[tuple[str, ...], str] = {}
    for m in earlier:  # surface forms, since ticker markup can stick to a name ("Ltd>")
        words = canonical_name(re.sub(r"[^\w\s&.'’-]", " ", m.text)).lower().split()
        if len(words) >= 3 and words[-1] in ORG_HEADS:
            tails.setdefault(tuple(words[-2:]), m.name)
    for words, name in tails.items():
        tail = r"\s+".join(re.escape(w) for w in words)
        for hit in re.finditer(rf"\b(?:the|this|that)\s+{tail}\b", text[sent.start_char:before],
                               re.I):
            start = sent.start_char + hit.start()
            if any(m.start <= start + 4 < m.end for m in seen):
                continue  # part of a full name already found
            nxt = next((t for t in sent if t.idx >= sent.start_char + hit.end()), None)
            if nxt is not None and nxt.pos_ in ("NOUN", "PROPN"):
                continue  # "the vehicle leasing market"
            found.append(CompanyMention(name=name, text=hit.group(0),
                                        start=start, end=sent.start_char + hit.end(),
                                        sent_start=sent.start_char))
    return found


# "the combined business", "this new group": a merged group not yet renamed (the acquirer's)
MERGED = re.compile(r"\b(?:the|this)\s+(?:new|combined|merged|enlarged)\s+(?:[\w-]+\s+)?(?:group|"
                    r"business|company|entity|firm|leaseco|lessor|operator|carmaker|automaker|"
                    r"airline)\b", re.I)
_TAKE = r"(?:acquisition|takeover|purchase|buyout)"
_WORDS = r"(?:[\w-]+\s+){0,3}"
# Between acquirer and target: "X's acquisition of Y", "X agreed to acquire Y", "X bought Y"
ACQUIRES = re.compile(rf"(?:\b{_TAKE}\s+of|\bacquir(?:e|es|ed|ing)|\bbought|\bbuys?|"
                      rf"\bt(?:ake|akes|ook|aking)\s+over)\s+{_WORDS}$", re.I)
# Between target and acquirer: "Y was acquired by X", "the takeover of Y by the French X"
ACQUIRED_BY = re.compile(rf"^\s+(?:(?:was|is|has been|had been|will be|to be)\s+)?(?:acquired|"
                         rf"bought|taken over)\s+by\s+{_WORDS}$", re.I)
BY = re.compile(rf"^\s+by\s+{_WORDS}$", re.I)
TAKE_OF = re.compile(rf"\b{_TAKE}\s+of\s+{_WORDS}$", re.I)
TAKE_BY = re.compile(rf"\b{_TAKE}\s+by\s+(?:the\s+)?$", re.I)  # "acquisition by X of Y"


def _merged_entities(sent: Span, before: int) -> list[CompanyMention]:
    """"The combined business" and the like, as mentions of the last named acquirer."""
    text = doc_text(sent.doc)
    found = []
    for hit in MERGED.finditer(text, sent.start_char, before):
        acquirer = _acquirer(sent.doc, hit.start())
        if acquirer is not None:
            found.append(CompanyMention(name=acquirer, text=hit.group(0), start=hit.start(),
                                        end=hit.end(), sent_start=sent.start_char))
    return found


def _acquirer(doc: Doc, until: int) -> str | None:
    """The acquirer of the last acquisition named before `until`, if any."""
    text = doc_text(doc)
    mentions = [m for m in doc._.company_mentions or [] if m.start < until]
    acquirer = None
    for a, b in zip(mentions, mentions[1:], strict=False):
        if a.sent_start != b.sent_start or a.name == b.name:
            continue
        between = re.sub(r"<[^<>]*>|[<>]", " ", text[a.end:b.start])
        lead = text[max(a.sent_start, a.start - 60):a.start]
        if ACQUIRED_BY.match(between) or BY.match(between) and TAKE_OF.search(lead):
            acquirer = b.name  # "the takeover of Y by X", "Y was acquired by X"
        elif TAKE_BY.search(lead) and re.match(r"^\s+of\s+", between):
            acquirer = a.name  # "the acquisition by X of Y"
        elif ACQUIRES.search(between) and " by " not in between:
            acquirer = a.name
    return acquirer


def _place_list_start(text: str, at: int) -> int | None:
    """Where "fleets in" opens the list of places that the place at `at` belongs to."""
    lead = PLACE_LIST_LEAD.search(text, max(0, at - 200), at)
    return lead.start() if lead else None


def _names_masked(sent: Span, mentions: list[CompanyMention]) -> str:
    """The sentence with each company name blanked out (same length)."""
    return names_masked(sent.text, sent.start_char, mentions, NAME_MASK)


def _written_unit(match: re.Match, kind: str) -> str:
    """The unit a match names, as written ("" if none); a modifier before "fleet" ("van
    fleet") in its plural; the growth of a whole fleet counts vehicles unless it says."""
    groups = match.groupdict()
    if kind in ("size_before", "operator_size"):
        modifier = groups.get("um") or ""
        if not modifier:  # "a 950-strong fleet"; "a 3 year fleet plan" is no size
            return "vehicles" if "-strong" in match.group(0).lower() else ""
        plural = modifier + ("es" if modifier.lower().endswith(("bus", "coach")) else "s")
        return plural.replace("lorrys", "lorries")
    return groups.get("u") or ("vehicles" if kind in ("fleet_to", "place_list") else "")


def _unit(written: str | None) -> str:
    """The unit noun as written, lower case unless an acronym ("EVs", "HGVs")."""
    if not written:
        return "vehicles"
    return written if written.rstrip("s").isupper() else written.lower()


def _has_verb(sent: Span, start: int, end: int) -> bool:
    # Finite verbs only: "Free2move's existing fleet" has no verb between, "X owns a fleet" has.
    return any(t.tag_ in ("VBZ", "VBD", "VBP", "MD") for t in sent if start <= t.idx < end)


def _possessed_whole_fleet(text: str, fleet_start: int) -> bool:
    """The fleet noun phrase ending here opens with a possessive ("its contract hire fleet"),
    or is what vehicles are added to ("adding to a fleet of 310")."""
    before = text[max(0, fleet_start - 80):fleet_start]
    return bool(POSSESSED_FLEET.search(before) or ADDED_TO_FLEET.search(before))


def _with_token(sent: Span, match: re.Match) -> Token | None:
    """The "with" of a with-phrase match, unless the vehicles are still to come ("with 300
    vehicles to be delivered", "with 500 cars arriving")."""
    absolute = sent.start_char + match.start() + match.group(0).lower().find("with")
    token = next((t for t in sent if t.idx >= absolute), None)
    if token is None or token.lower_ != "with":
        return None
    after = _token_after(sent, match)
    if after < sent.end and sent.doc[after].tag_ in ("VBG", "VBN", "TO"):
        return None
    return token


def _with_describes_subject(sent: Span, match: re.Match) -> bool:
    """ "Kappa, with 400 cabs, is ...", "Kappa, one of the largest hauliers with 7,000
    trucks, ...": the phrase describes a named subject, or its apposition; not a maker's
    ("the carmaker with 10 million cars") nor a common noun's ("The city, with 400 buses")."""
    token = _with_token(sent, match)
    if token is None:
        return False
    head = token.head
    while (head.dep_ == "pobj" or head.pos_ == "ADP") and head.head is not head:
        head = head.head  # "one of the largest hauliers with ..."
    if head.pos_ in ("VERB", "AUX") and any(
            t.lower_ in FLEET_WORDS for c in head.children if c.dep_ == "dobj" for t in c.subtree):
        return True  # "Kappa runs a large fleet, with 1,300 trucks": the fleet's vehicles
    described = head
    if head.dep_ == "appos":
        head = head.head
    if head.pos_ != "PROPN" or head.dep_ not in ("nsubj", "nsubjpass"):
        return False
    phrase = sent.doc[min(described.left_edge.i, token.i):token.i].text
    return not MAKER_WORDS.search(phrase)


def _with_presence(sent: Span, match: re.Match) -> bool:
    """ "active in 16 cities with 10,000 cars": the phrase hangs on being present or serving."""
    token = _with_token(sent, match)
    if token is None:
        return False
    head = token.head
    while head.pos_ in ("NOUN", "PROPN", "ADP", "NUM") and head.head is not head:
        head = head.head
    if head.lower_ in BE:  # "is active in 16 cities with ...", not "is the leader with ..."
        return any(c.dep_ == "acomp" and c.lower_ in PRESENT for c in head.children)
    return head.lower_ in PRESENCE


# "3,000 units of e-vans": units of vehicles are vehicles
UNITS_OF = re.compile(r"^\s+units\s+of\b", re.I)
NEW_VEHICLES = re.compile(r"\b(?:new|additional|extra|more)\b", re.I)
# What a sentence opening "With 5,000 cars on the road, ..." must not go on to call its
# subject: a maker's or a seller's cars are its output, not its fleet.
MAKER_WORDS = re.compile(r"\b(?:(?:car|auto|truck|bus|van)?makers?|manufacturers?|producers?|"
                         r"sellers?|exporters?|importers?|dealers?|brands?)\b", re.I)


def _with_front_ok(sent: Span, text: str, match: re.Match) -> bool:
    """ "With 5,000 cars on the road, Kappa is the largest car-sharing firm": the vehicles of
    the main clause's subject, unless they are still to come ("With 300 vans to be
    delivered", "With 500 cars arriving") or a maker's output."""
    after = _token_after(sent, match)
    if after < sent.end and sent.doc[after].tag_ in ("VBG", "VBN", "TO"):
        return False
    return not MAKER_WORDS.search(text[match.end():])


# "Of Kappa's 6,000 trucks, 400 are electric": the part named after the whole
OF_FRONT = re.compile(r"^\W{0,3}of\s+(?:(?-i:[A-Z][\w&.-]*)\s+){0,3}$", re.I)
PART_AFTER = re.compile(rf"^\s*,\s*{_Q}{_N}\s+(?:of them\s+)?(?:are|were|is|was|run|runs|"
                        rf"will be)\b", re.I)


def _qualified(match: re.Match) -> dict[str, Any]:
    """The qualifier of a match's count ("about", "more than") and whether it makes the
    count approximate, as a figure's fields."""
    qualifier = (match.group("q") or "").lower() or None
    return {"qualifier": qualifier,
            "approximate": bool(qualifier and APPROXIMATE.search(qualifier))}


def _unit_or(written: str | None, default: str) -> str:
    """The unit a match writes, else the one of the figure it goes with."""
    return _unit(written) if written else default


def _part_in_next_sentence(sent: Span, before: list[FleetFigure]) -> FleetFigure | None:
    """"Kappa runs 2,400 buses. Around 380 of them are electric.": a part of the one figure
    of the sentence before."""
    match = NEXT_SENTENCE_PART.match(sent.text)
    if len(before) != 1 or not match or not (match.group("pre") or match.group("post")):
        return None
    whole = before[0]
    count = parse_number(match.group("n"))
    if count is None or not 0 < count < whole.count:
        return None
    return replace(whole, count=count, unit=_unit_or(match.group("u"), whole.unit),
                   **_qualified(match), scope="segment", evidence=sent.text.strip(),
                   start=sent.start_char, end=sent.end_char, share=None)


def _part_after_of(text: str, match: re.Match) -> re.Match | None:
    if not OF_FRONT.match(text[:match.start()]):
        return None
    return PART_AFTER.match(text[match.end():])


def _token_after(sent: Span, match: re.Match) -> int:
    """The index of the first token after the match."""
    end = sent.start_char + match.end()
    return next((t.i for t in sent if t.idx >= end), sent.end)


def _followed_by_share(text: str, number_end: int) -> bool:
    return bool(re.match(r"\s*(?:%|per ?cent\b|percent\b|pct\b)", text[number_end:], re.I))


def _followed_by_non_vehicle(text: str, number_end: int) -> bool:
    return bool(NOT_VEHICLES_AFTER.match(text[number_end:number_end + 50]))


@Language.factory("rivalscope_fleet")
def make_fleet_finder(nlp: Language, name: str) -> FleetFinder:
    return FleetFinder()


def _share_of_which(tail: str) -> float | None:
    """The share a ", two-thirds of which ..." / ", 30% of them ..." after a figure names."""
    match = SHARE_OF_WHICH.match(tail)
    if not match:
        return None
    if match.group("pct"):
        share = float(match.group("pct")) / 100
    else:
        share = FRACTIONS[match.group("frac").lower()] or 0
    return share if 0 < share < 1 else None
