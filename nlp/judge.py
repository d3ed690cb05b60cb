"""The component that turns the rule components' facts and the broad candidates into the
facts a text reports, each with the trained scorer's confidence."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from nlp import candidates as make
from nlp import decide, scorer
from nlp.companies import (
    BASED_AFTER,
    NOT_A_NAME,
    long_form,
    name_keys,
    only_in_headline,
    sentence_mentions,
)
from nlp.deals import date_between
from nlp.details import money
from nlp.doctext import doc_ents, doc_text, overlaps
from nlp.facts import CompanyMention, Deal
from nlp.fleet import FLEET_OWNERS_KEY
from nlp.gazetteer import canonical_name, load_gazetteer
from nlp.patterns import PatternMatcher
from nlp.people import NAMES_TAKEN_FOR_COMPANIES

CANDIDATES_KEY = "rivalscope_candidates"
CONFIDENCE_KEY = "rivalscope_company_confidence"


class FactJudge:
    """Proposes candidates, scores them with the trained scorer and keeps the best.

    With collect=True (training) it scores nothing: the candidates are left in
    doc.user_data for the trainer, and the rule components' facts pass unchanged.
    """

    def __init__(self, nlp: Language, collect: bool = False) -> None:
        self.matcher = PatternMatcher(nlp.vocab, "deal")
        self.collect = collect
        self.cuts: dict[str, float] | None = None  # thresholds other than the shipped ones

    def cut(self, kind: str) -> float:
        return self.cuts[kind] if self.cuts else scorer.threshold(kind)

    def __call__(self, doc: Doc) -> Doc:
        mentions = unlinked_organisations(doc, doc._.company_mentions or [])
        people = read_as_people(doc, mentions)
        mentions = doc._.company_mentions = [m for m in mentions if m.name not in people]
        counts = Counter(m.name for m in mentions)
        main = counts.most_common(1)[0][0] if counts else None
        # Deals and people are read without the names only the fleet rules proposed
        others = [(sent, sentence_mentions(doc, sent.start_char, sent.end_char))
                  for sent in doc.sents]
        sentences = others
        if (with_owners := with_fleet_owners(doc, mentions)) is not mentions:
            mentions = doc._.company_mentions = with_owners
            sentences = [(sent, sentence_mentions(doc, sent.start_char, sent.end_char))
                         for sent in doc.sents]
        rule_deals = without_parties(doc._.deals or [], people)
        rule_fleet = doc._.fleet_figures or []
        rule_people = doc._.people or []
        found = [*make.deal_candidates(doc, others, self.matcher, rule_deals),
                 *make.fleet_candidates(doc, sentences, rule_fleet, main),
                 *make.people_candidates(doc, others, rule_people, main)]
        in_facts: dict[str, set[str]] = {}
        for c in found:
            if c.rule:
                names = c.key[1] if c.kind == "deal" else {c.fact.company}
                for name in names:
                    in_facts.setdefault(name, set()).add(c.kind)
        found += make.company_candidates(doc, mentions, in_facts)
        if self.collect:
            doc._.deals = rule_deals
            doc.user_data[CANDIDATES_KEY] = found
            # unscored, the rule components' own companies are the answer
            doc.user_data[CONFIDENCE_KEY] = {m.name: 1.0 for m in mentions if m.linked}
            return doc
        scorer.score(found)
        self.keep(doc, found)
        return doc

    def keep(self, doc: Doc, found: list[make.Candidate]) -> None:
        decided = decide.decide_all(found, {kind: self.cut(kind) for kind in scorer.KINDS})
        doc._.deals = [self.detailed(doc, d) for d in decided.deals]
        doc._.fleet_figures, doc._.people = decided.fleet, decided.people
        doc.user_data[CONFIDENCE_KEY] = decided.companies

    @staticmethod
    def detailed(doc: Doc, deal: Deal) -> Deal:
        """Value and date for a deal the rule components did not read."""
        if deal.value is not None and deal.date is not None:
            return deal
        return replace(deal, value=deal.value or money(deal.evidence),
                       date=deal.date or date_between(doc, deal.start, deal.end))


def with_fleet_owners(doc: Doc, mentions: list[CompanyMention]) -> list[CompanyMention]:
    """The mentions plus the names only the fleet rules took for companies (fleet owners
    the linker missed), where no mention covers them already."""
    proposed = [m for m in doc.user_data.get(FLEET_OWNERS_KEY, [])
                if not overlaps(m.start, m.end, ((o.start, o.end) for o in mentions))]
    if not proposed:
        return mentions
    return sorted([*mentions, *proposed], key=lambda m: m.start)


def read_as_people(doc: Doc, mentions: list[CompanyMention]) -> set[str]:
    """The names the people finder read as a person's where the model tagged an
    organisation ("founded by Jo Roe", "its chief executive, Jo Roe", "..., Roe said" after
    Jo Roe): such a name is no company anywhere in the text."""
    spans = doc.user_data.get(NAMES_TAKEN_FOR_COMPANIES) or set()
    # "..., Marchand said": an unknown name that is the surname of a person the rules read
    people = {part for person in doc._.people or []
              for part in (person.name, person.name.split()[-1])}
    return {m.name for m in mentions if (m.start, m.end) in spans or
            not m.known and m.name in people}


def without_parties(deals: list[Deal], names: set[str]) -> list[Deal]:
    """The deals without these parties; a deal left with fewer than two parties goes."""
    kept = []
    for deal in deals:
        parties = [p for p in deal.parties if p not in names]
        if len(parties) == len(deal.parties):
            kept.append(deal)
        elif len(parties) >= 2:
            kept.append(replace(deal, parties=parties,
                                roles={p: r for p, r in deal.roles.items() if p not in names}))
    return kept


def unlinked_organisations(doc: Doc, mentions: list[CompanyMention]) -> list[CompanyMention]:
    """The linker's mentions plus the organisations the model tagged that the linker's rules
    left out: candidates too, marked as unlinked, for the scorer to judge."""
    gazetteer = load_gazetteer()
    taken = [(m.start, m.end) for m in mentions]
    extra = []
    keys: dict[str, str] | None = None  # the mentions' name keys, once an unknown name needs them
    for ent in doc_ents(doc):
        if ent.label_ != "ORG" or overlaps(ent.start_char, ent.end_char, taken):
            continue
        text = re.sub(r"(?:\s+(?:and|&|of|the|for))+$", "", ent.text.strip())  # "Nio and"
        name = canonical_name(text)
        if len(name) < 2 or NOT_A_NAME.search(text) or gazetteer.is_not_actor(text) or \
                BASED_AFTER.match(doc_text(doc), ent.end_char):
            continue
        known = gazetteer.lookup(text)
        if known is not None:  # "GM" left out as a product name is still General Motors
            extra.append(CompanyMention(known.name, text, ent.start_char,
                                        ent.start_char + len(text), ent.sent.start_char,
                                        known.kind, known.country, known.parent, known=True,
                                        linked=False))
            continue
        keys = keys if keys is not None else name_keys(mentions)
        name = long_form(name, keys) or name
        mention = CompanyMention(name, text, ent.start_char, ent.start_char + len(text),
                                 ent.sent.start_char, linked=False)
        if not only_in_headline(doc_text(doc), mention, mentions):
            extra.append(mention)
    if not extra:
        return mentions
    return sorted([*mentions, *extra], key=lambda m: m.start)


@Language.factory("rivalscope_judge", default_config={"collect": False})
def make_fact_judge(nlp: Language, name: str, collect: bool) -> FactJudge:
    return FactJudge(nlp, collect)

