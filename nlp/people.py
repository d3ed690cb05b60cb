"""People with their role and company ("Jane Doe, chief executive of Acme")."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from nlp.companies import sentence_mentions
from nlp.doctext import doc_text, sentence_ents
from nlp.facts import CompanyMention, Person

ROLE_HEAD = (r"chief executive(?: officer)?|chief [a-z]+ officer|executive chairman|"
             r"chairman|chairwoman|chair|president|vice[- ]president|ceo|cfo|coo|cto|cio|"
             r"managing director|director|head|manager|founder|co-founder|chief|boss|"
             r"spokesperson|spokesman|spokeswoman|general counsel|partner|executive|officer|"
             r"analyst|leader|secretary|treasurer|board member|member of the board")
ROLE = (rf"(?:(?:former|then|new|outgoing|incoming|interim|acting|deputy|senior|executive|"
        rf"global|group|[a-z]+-?[a-z]*)\s+){{0,4}}(?:{ROLE_HEAD})"
        rf"(?:\s+(?:of|for)\s+[a-z ]{{3,40}}?)?")
ROLE_RE = re.compile(
    rf"^\s*,?\s*(?:the\s+|its\s+|a\s+|as\s+)?(?P<role>{ROLE})\s+(?:of|at)\s+$", re.I)
ROLE_POSSESSIVE = re.compile(rf"^\s*,?\s*(?:the\s+)?(?P<co>.+?)(?:'s|’s)\s+(?P<role>{ROLE})\s*$",
                             re.I)
ROLE_BEFORE = re.compile(rf"(?P<role>{ROLE})\s*,?\s*$", re.I)
ABBREVIATIONS = {"ceo": "chief executive", "chief executive officer": "chief executive",
                 "cfo": "chief financial officer", "coo": "chief operating officer",
                 "cto": "chief technology officer"}


def normalise_role(role: str) -> str:
    role = " ".join(role.lower().split())
    return ABBREVIATIONS.get(role, role)


class PeopleFinder:
    """Sets doc._.people."""

    def __call__(self, doc: Doc) -> Doc:
        people: list[Person] = []
        for sent in doc.sents:
            mentions = sentence_mentions(doc, sent.start_char, sent.end_char)
            for ent in sentence_ents(doc, sent.start_char, sent.end_char):
                if ent.label_ != "PERSON" or len(ent.text.split()) < 2:
                    continue
                person = self.read(doc, ent, mentions, sent)
                if person and not any((p.name, p.role, p.company) ==
                                       (person.name, person.role, person.company)
                                       for p in people):
                    people.append(person)
        doc._.people = people
        return doc

    def read(self, doc: Doc, ent, mentions: list[CompanyMention], sent) -> Person | None:
        name = re.sub(r"^(?:Dr\.?|Mr\.?|Mrs\.?|Ms\.?|Prof\.?)\s+", "", ent.text).strip(" ,")
        name = re.sub(r"(?:'s|’s)$", "", name)
        if any(m.start <= ent.start_char < m.end for m in mentions):
            return None  # a company the model took for a person
        after = [m for m in mentions if m.start >= ent.end_char]
        before = [m for m in mentions if m.end <= ent.start_char]
        # "Jane Doe, chief executive of Acme"
        if after:
            between = doc_text(doc)[ent.end_char:after[0].start]
            if match := ROLE_RE.match(between):
                return self._person(name, match.group("role"), after[0], sent)
        tail = doc_text(doc)[ent.end_char:min(sent.end_char, ent.end_char + 80)]
        if match := re.match(rf"^\s*,\s*(?:the\s+)?(?P<role>{ROLE})\s*(?:,|\.|$| said| who)",
                             tail, re.I):
            company = before[-1] if before else None
            if company is not None:
                return self._person(name, match.group("role"), company, sent)
        # "Acme chief executive Jane Doe" / "Acme's chief executive, Jane Doe"
        if before:
            between = doc_text(doc)[before[-1].end:ent.start_char]
            stripped = re.sub(r"^(?:'s|’s)", "", between)
            if match := re.fullmatch(rf"\s*(?P<role>{ROLE})\s*,?\s*", stripped, re.I):
                return self._person(name, match.group("role"), before[-1], sent)
            window = doc_text(doc)[max(sent.start_char, ent.start_char - 60):ent.start_char]
            company_after_of = re.search(r"\b(?:of|at)\s+$",
                                         doc_text(doc)[before[-1].start - 5:before[-1].start])
            if company_after_of and (match := ROLE_BEFORE.search(window)):
                return self._person(name, match.group("role"), before[-1], sent)
        return None

    @staticmethod
    def _person(name: str, role: str, company: CompanyMention, sent) -> Person:
        return Person(name=name, role=normalise_role(role), company=company.name,
                      evidence=sent.text.strip(), start=sent.start_char, end=sent.end_char)


@Language.factory("rivalscope_people")
def make_people_finder(nlp: Language, name: str) -> PeopleFinder:
    return PeopleFinder()
