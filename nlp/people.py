"""People with their role and company ("Jane Doe, chief executive of Acme")."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from nlp.companies import sentence_mentions
from nlp.doctext import doc_text, sentence_ents
from nlp.facts import CompanyMention, Person

ROLE_HEAD = (r"chief executive(?: officer)?|chief [a-z]+ officer|executive chairman|"
             r"chairman|chairwoman|chair|president|vice[- ]president|ceo|cfo|coo|cto|cio|"
             r"managing director|director|head|manager|founder|co-founder|chief|boss|"
             r"spokesperson|spokesman|spokeswoman|general counsel|partner|executive|officer|"
             r"leader|secretary|treasurer|board member|member of the board|investor|"
             r"owner|principal|engineer|strategist")
ROLE_WORD = re.compile(rf"\b(?:{ROLE_HEAD})\b", re.I)
# Words that may stand before a role head: "former", "senior", "global", "production".
_PRE = r"(?:[A-Za-z&-]+\s+){0,4}"
ROLE = rf"{_PRE}(?:{ROLE_HEAD})"
POSSESSIVE = r"(?:'s|’s|‘s|'|’)"
# "Jane Doe, [the] former chief executive of [the] Acme" (up to 90 characters of role).
ROLE_THEN_COMPANY = re.compile(
    rf"^\s*,\s*(?:the\s+|its\s+|a\s+|an\s+)?(?P<role>[^.;:“”\"]{{0,90}}?(?:{ROLE_HEAD})"
    rf"(?:\s+(?:for|of)\s+[^.;:,“”\"]{{0,50}}?)?)\s+(?:of|at|for|with)\s+(?:the\s+)?$", re.I)
# "Jane Doe, Acme's chief innovation officer"
COMPANY_ROLE_AFTER = re.compile(rf"^\s*{POSSESSIVE}?\s*(?P<role>{ROLE})\b", re.I)
# "Acme chief executive Jane Doe", "Acme's global CEO Jane Doe", "Acme CEO, Jane Doe"
COMPANY_ROLE_NAME = re.compile(rf"^\s*{POSSESSIVE}?\s*(?P<role>{ROLE})\s*,?\s*$", re.I)
# "Jane Doe, its highly successful boss"
ITS_ROLE = re.compile(rf"^\s*,\s*(?:its|their)\s+(?P<role>{ROLE})\b", re.I)
ROLE_BEFORE_NAME = re.compile(rf"(?:^|[\s,(“\"])(?P<role>(?:former\s+|then\s+|interim\s+)?"
                              rf"(?:{ROLE_HEAD}))\s*,?\s*$", re.I)
ABBREVIATIONS = {"ceo": "chief executive", "chief executive officer": "chief executive",
                 "cfo": "chief financial officer", "coo": "chief operating officer",
                 "cto": "chief technology officer", "boss": "chief executive"}
LEGAL = r"(?:Co|Corp|Inc|Ltd|AG|SE|plc|Group|NV|SA)"
TITLE = re.compile(r"^(?:Dr\.?|Mr\.?|Mrs\.?|Ms\.?|Prof\.?|Sir)\s+")


def normalise_role(role: str | None) -> str | None:
    if role is None:
        return None
    role = " ".join(role.lower().split()).strip(" ,")
    role = re.sub(r"^(?:the|a|an|its)\s+", "", role)
    return ABBREVIATIONS.get(role, role)


class PeopleFinder:
    """Sets doc._.people."""

    def __call__(self, doc: Doc) -> Doc:
        people: list[Person] = []
        for sent in doc.sents:
            mentions = sentence_mentions(doc, sent.start_char, sent.end_char)
            for ent in sentence_ents(doc, sent.start_char, sent.end_char):
                if ent.label_ != "PERSON" or len(TITLE.sub("", ent.text).split()) < 2:
                    continue
                for person in self.read(doc, ent, mentions, sent):
                    if not any((p.name, p.company) == (person.name, person.company)
                               for p in people):
                        people.append(person)
        doc._.people = people
        return doc

    def read(self, doc: Doc, ent: Span, mentions: list[CompanyMention],
             sent: Span) -> list[Person]:
        name = TITLE.sub("", ent.text).strip(" ,")
        name = re.sub(r"(?:'s|’s)$", "", name)
        if any(m.start <= ent.start_char < m.end for m in mentions):
            return []  # a company the model took for a person
        text = doc_text(doc)
        after = [m for m in mentions if m.start >= ent.end_char]
        before = [m for m in mentions if m.end <= ent.start_char]
        found: list[Person] = []
        if after:
            between = text[ent.end_char:after[0].start]
            # "Jane Doe, chief executive of Acme"
            if match := ROLE_THEN_COMPANY.match(between):
                role = match.group("role")
                company = after[0]
                # "..., the former chief operating officer of GM's Cruise unit" -> Cruise
                if len(after) > 1 and re.fullmatch(rf"\s*(?:{LEGAL}\.?)?\s*{POSSESSIVE}\s*",
                                                   text[after[0].end:after[1].start]):
                    company = after[1]
                found.append(self._person(name, _last_role(role), company, sent))
            # "Jane Doe, Acme's chief innovation officer"
            elif re.fullmatch(r"\s*,\s*(?:the\s+|a\s+)?(?:former\s+|then\s+)?", between) and (
                    match := COMPANY_ROLE_AFTER.match(text[after[0].end:after[0].end + 60])):
                found.append(self._person(name, match.group("role"), after[0], sent))
            # "Tom Wagner at Knighthead"
            elif re.fullmatch(r"\s+at\s+", between):
                found.append(self._person(name, None, after[0], sent))
        if found:
            return found
        if before:
            between = text[before[-1].end:ent.start_char]
            # "Acme chief executive Jane Doe" / "Acme's CEO, Jane Doe"
            if match := COMPANY_ROLE_NAME.match(between):
                return [self._person(name, match.group("role"), before[-1], sent)]
            # "Jane Doe, its boss"
            if match := ITS_ROLE.match(text[ent.end_char:ent.end_char + 60]):
                return [self._person(name, match.group("role"), before[-1], sent)]
        # "former CEO Jane Doe" in a sentence about one company
        window = text[max(sent.start_char, ent.start_char - 40):ent.start_char]
        companies = {m.name: m for m in mentions}
        if len(companies) == 1 and (match := ROLE_BEFORE_NAME.search(window)):
            return [self._person(name, match.group("role"), mentions[0], sent)]
        return []

    @staticmethod
    def _person(name: str, role: str | None, company: CompanyMention, sent: Span) -> Person:
        return Person(name=name, role=normalise_role(role), company=company.name,
                      evidence=sent.text.strip(), start=sent.start_char, end=sent.end_char)


def _last_role(role: str) -> str:
    """"investor, chairman and CEO" -> "chairman and CEO"; keeps a qualifier like "former"."""
    parts = re.split(r",\s*", role)
    return parts[-1] if ROLE_WORD.search(parts[-1]) else role


@Language.factory("rivalscope_people")
def make_people_finder(nlp: Language, name: str) -> PeopleFinder:
    return PeopleFinder()
