"""The component that turns the rule components' facts and the broad candidates into the
facts a text reports, each with the trained scorer's confidence."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from nlp import candidates as make
from nlp import decide, scorer
from nlp.companies import sentence_mentions
from nlp.details import iso_date, money
from nlp.doctext import sentence_ents
from nlp.facts import CompanyMention, Deal
from nlp.patterns import PatternMatcher

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
        mentions = doc._.company_mentions or []
        sentences = [(sent, sentence_mentions(doc, sent.start_char, sent.end_char))
                     for sent in doc.sents]
        counts = Counter(m.name for m in mentions)
        main = counts.most_common(1)[0][0] if counts else None
        rule_deals, rule_fleet = doc._.deals or [], doc._.fleet_figures or []
        rule_people = doc._.people or []
        found = [*make.deal_candidates(doc, sentences, self.matcher, rule_deals),
                 *make.fleet_candidates(doc, sentences, rule_fleet, main),
                 *make.people_candidates(doc, sentences, rule_people, main)]
        in_facts: dict[str, set[str]] = {}
        for c in found:
            if c.rule:
                names = c.key[1] if c.kind == "deal" else {c.fact.company}
                for name in names:
                    in_facts.setdefault(name, set()).add(c.kind)
        found += make.company_candidates(doc, mentions, in_facts)
        if self.collect:
            doc.user_data[CANDIDATES_KEY] = found
            doc.user_data[CONFIDENCE_KEY] = {m.name: 1.0 for m in mentions}
            return doc
        scorer.score(found)
        self.keep(doc, found, mentions)
        return doc

    def keep(self, doc: Doc, found: list[make.Candidate],
             mentions: list[CompanyMention]) -> None:
        def of(kind: str) -> list[make.Candidate]:
            return [c for c in found if c.kind == kind]

        deals = [self.detailed(doc, d) for d in
                 decide.decide_deals(of("deal"), self.cut("deal"))]
        fleet = decide.decide_fleet(of("fleet"), self.cut("fleet"))
        people = decide.decide_people(of("person"), self.cut("person"))
        named = decide.named_companies([*deals, *fleet, *people])
        doc._.deals, doc._.fleet_figures, doc._.people = deals, fleet, people
        doc.user_data[CONFIDENCE_KEY] = decide.decide_companies(
            of("company"), self.cut("company"), named)

    @staticmethod
    def detailed(doc: Doc, deal: Deal) -> Deal:
        """Value and date for a deal the rule components did not read."""
        if deal.value is not None and deal.date is not None:
            return deal
        value = deal.value or money(deal.evidence)
        date = deal.date
        if date is None:
            for ent in sentence_ents(doc, deal.start, deal.end):
                if ent.label_ == "DATE" and (date := iso_date(ent.text)):
                    break
        return replace(deal, value=value, date=date)


@Language.factory("rivalscope_judge", default_config={"collect": False})
def make_fact_judge(nlp: Language, name: str, collect: bool) -> FactJudge:
    return FactJudge(nlp, collect)

