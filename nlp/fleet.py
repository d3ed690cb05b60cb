"""Fleet figures: how many vehicles a company operates, manages, owns, leases or plans to have.

Order, sale, delivery and production counts are not fleet figures (they are deal quantities),
and neither are counts of drivers, chargers or jobs.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from nlp.companies import sentence_mentions
from nlp.facts import CompanyMention, FleetFigure
from nlp.numbers import NUMBER, parse_number

UNITS = (r"vehicles|cars|vans|trucks|lorries|buses|coaches|EVs|taxis|robotaxis|cabs|bikes|"
         r"e-bikes|bicycles|scooters|e-scooters|mopeds|motorcycles|aircraft|jets|planes|"
         r"airplanes|shuttles|pods|units|company cars|SUVs")
QUALIFIER = (r"(?:about|around|approximately|roughly|some|nearly|almost|more than|over|"
             r"at least|up to|fewer than|less than|close to|just over|just under|an estimated)")
MODIFIERS = r"(?:(?:[\w-]+\s+){0,4}?)"
FLEET_VERBS = {"operate": "operates", "run": "operates", "manage": "manages",
               "own": "owns", "lease": "leases", "have": "operates", "field": "operates",
               "deploy": "operates", "maintain": "manages", "plan": "plans", "reach": "plans",
               "expand": "plans", "grow": "plans", "target": "plans", "aim": "plans",
               "pass": "operates", "total": "operates", "comprise": "operates",
               "number": "operates", "include": "operates"}
TRAP_WORDS = re.compile(
    r"\b(?:sell|sold|selling|sale|sales|order|ordered|orders|deliver|delivered|deliveries|"
    r"produce|produced|production|build|built|recall|recalled|import|export|buy|bought|"
    r"purchase|purchased|drivers|couriers|chargers|charging points|jobs|employees|staff|"
    r"workers|customers|riders|trips|rides)\b", re.I)
APPROXIMATE = re.compile(r"about|around|approximately|roughly|some|nearly|almost|more than|"
                         r"over|close to|just|an estimated", re.I)
SEGMENT_WORDS = re.compile(r"\b(?:electric|EVs?|battery|plug-in|hybrid|hydrogen|autonomous|"
                           r"self-driving|driverless|test|diesel|petrol|leased|rental|"
                           r"corporate|company)\b", re.I)

# "a fleet of about 500 electric vans" / "fleet of around 40,000 company cars"
FLEET_OF = re.compile(
    rf"\bfleet\s+(?:of\s+)?(?:(?P<q>{QUALIFIER})\s+)?(?P<n>{NUMBER})\b"
    rf"(?:\s+{MODIFIERS}(?P<u>{UNITS})\b)?", re.I)
# "operates more than 30,000 Rivian vans", "manages 3.4 million vehicles"
VERB_COUNT = re.compile(
    rf"\b(?P<v>operat\w*|run\w*|manag\w*|own\w*|leas\w*|has|have|had|deploy\w*|field\w*|"
    rf"reach\w*|pass\w*|total\w*|expand\w* to|grow\w* to|grew to|increase\w* to)\s+"
    rf"(?:(?:a|its|their|the)\s+)?(?:(?:[\w-]+\s+){{0,2}}fleet\s+(?:of\s+)?)?"
    rf"(?:(?P<q>{QUALIFIER})\s+)?(?P<n>{NUMBER})\s+{MODIFIERS}(?P<u>{UNITS})\b", re.I)


class FleetFinder:
    """Sets doc._.fleet_figures."""

    def __call__(self, doc: Doc) -> Doc:
        figures: list[FleetFigure] = []
        previous: list[CompanyMention] = []
        for sent in doc.sents:
            mentions = sentence_mentions(doc, sent.start_char, sent.end_char)
            for figure in self.read_sentence(sent, mentions, previous):
                if not any(f.start == figure.start and f.count == figure.count for f in figures):
                    figures.append(figure)
            previous = mentions or previous
        doc._.fleet_figures = figures
        return doc

    def read_sentence(self, sent: Span, mentions: list[CompanyMention],
                      previous: list[CompanyMention]) -> list[FleetFigure]:
        text = sent.text
        results = []
        spans_taken: list[tuple[int, int]] = []
        for pattern, is_fleet_phrase in ((FLEET_OF, True), (VERB_COUNT, False)):
            for match in pattern.finditer(text):
                n_start, n_end = match.span("n")
                if any(a <= n_start < b for a, b in spans_taken):
                    continue
                count = parse_number(match.group("n"))
                unit = (match.group("u") or "").lower()
                if count is None or count < 2 or (not unit and not is_fleet_phrase):
                    continue
                if not unit and 1900 <= count <= 2100:
                    continue  # "a fleet by 2030"
                if self.is_trap(text, match.start(), n_start, is_fleet_phrase):
                    continue
                company = self.owner(sent, match.start(), mentions, previous)
                if company is None:
                    continue
                spans_taken.append((n_start, n_end))
                qualifier = (match.group("q") or "").lower() or None
                phrase = text[match.start():match.end()]
                context = self.context(text, match.start(), is_fleet_phrase, match)
                results.append(FleetFigure(
                    company=company.name, count=count, unit=unit or "vehicles",
                    approximate=bool(qualifier and APPROXIMATE.search(qualifier)),
                    qualifier=qualifier, context=context,
                    scope="segment" if SEGMENT_WORDS.search(phrase) else "total",
                    evidence=text.strip(), start=sent.start_char, end=sent.end_char,
                ))
        return results

    @staticmethod
    def is_trap(text: str, match_start: int, number_start: int, is_fleet_phrase: bool) -> bool:
        """An order, sale or delivery count, or drivers/chargers, near the number."""
        window = text[max(0, match_start - 30):number_start] if is_fleet_phrase \
            else text[match_start:number_start]
        if TRAP_WORDS.search(window):
            return True
        after = text[number_start:number_start + 40]
        return bool(re.search(r"\b(?:drivers|couriers|chargers|employees|jobs)\b", after, re.I)
                    and not re.search(UNITS, after.split(",")[0], re.I))

    @staticmethod
    def context(text: str, match_start: int, is_fleet_phrase: bool, match: re.Match) -> str:
        verb_text = match.group("v").lower() if "v" in match.groupdict() and match.group("v") \
            else text[max(0, match_start - 40):match_start].lower()
        if re.search(r"\b(?:plan|plans|planned|aim|aims|target|targets|reach|expand|grow|"
                     r"by 20\d\d|will)\b", verb_text + text[match.end():match.end() + 20]
                     .lower()):
            return "plans"
        for stem, context in (("manag", "manages"), ("leas", "leases"), ("own", "owns"),
                              ("operat", "operates"), ("run", "operates")):
            if stem in verb_text:
                return context
        return "operates"

    @staticmethod
    def owner(sent: Span, match_start: int, mentions: list[CompanyMention],
              previous: list[CompanyMention]) -> CompanyMention | None:
        """The company whose fleet it is: the subject of the clause, else the nearest before."""
        offset = sent.start_char
        absolute = offset + match_start
        doc = sent.doc
        token = next((t for t in sent if t.idx >= absolute), None)
        head = token
        while head is not None and head.dep_ not in ("ROOT",) and head.pos_ != "VERB":
            head = head.head if head.head is not head else None
        if head is not None:
            for child in head.children:
                if child.dep_ in ("nsubj", "nsubjpass"):
                    sub_start = child.left_edge.idx
                    sub_end = child.right_edge.idx + len(child.right_edge)
                    inside = [m for m in mentions if sub_start <= m.start < sub_end]
                    holding = [m for m in inside if m.start <= child.idx < m.end]
                    if holding:  # "Volkswagen Financial Services, the leasing arm of VW"
                        return holding[0]
                    before_head = [m for m in inside if m.start < child.idx]
                    if before_head:  # "Lyft's Flexdrive unit owns ..." -> Flexdrive
                        return before_head[-1]
                    if inside:
                        return inside[0]
                    if child.lower_ in ("it", "they", "its", "the company", "the group"):
                        return previous[0] if previous and not mentions else \
                            (mentions[0] if mentions else None)
        before = [m for m in mentions if m.start < absolute]
        if before:
            return before[-1] if len(before) == 1 else before[0]
        if mentions:
            return mentions[0]
        del doc
        return previous[0] if previous else None


@Language.factory("rivalscope_fleet")
def make_fleet_finder(nlp: Language, name: str) -> FleetFinder:
    return FleetFinder()
