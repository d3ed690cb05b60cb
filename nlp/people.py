"""People with their role and company ("Jane Doe, chief executive of Acme")."""

from __future__ import annotations

import re
from collections import Counter

from spacy.language import Language
from spacy.tokens import Doc, Span

from nlp.companies import (
    APPOINT_VERBS,
    APPOINTED_JUST_BEFORE,
    PERSON_AFTER,
    PERSON_BEFORE,
    in_succession,
    person_clause,
    person_shaped,
    referent,
    sentence_mentions,
    subject_mention,
)
from nlp.company_cues import PLACE_LABELS
from nlp.company_forms import HONORIFIC_WORDS, HONORIFICS, SHAPED_NAME_ENDS, short_form
from nlp.doctext import doc_ents, doc_text, overlaps, sentence_ents
from nlp.facts import CompanyMention, Person
from nlp.person_names import PHOTO_NOTE, names_beside_roles, tagged_people

ROLE_HEAD = (r"chief executive(?: officer)?|chief [a-z]+ officer|executive chairman|"
             r"chairman|chairwoman|chair|president|vice[- ]president|ceo|cfo|coo|cto|cio|"
             r"managing director|director|head|manager|founder|co-founder|chief|boss|"
             r"spokesperson|spokesman|spokeswoman|general counsel|partner|executive|officer|"
             r"vp|svp|evp|"
             r"leader|secretary|treasurer|board member|member of the board|investor|"
             r"owner|principal|engineer|strategist|shareholder")
ROLE_WORD = re.compile(rf"\b(?:{ROLE_HEAD})\b", re.I)
# Words that may stand before a role head: "former", "senior", "global", "production".
_PRE = r"(?:[A-Za-z&-]+\s+){0,4}"
ROLE = rf"{_PRE}(?:{ROLE_HEAD})"
POSSESSIVE = r"(?:'s|’s|‘s|'|’)"
# A title between a role and the name the model tagged without it: "Acme's chairman, Sir Jo Roe"
_TITLES = "|".join(HONORIFICS)
HONORIFIC = rf"(?:(?-i:{_TITLES})\.?\s+)?"
LEGAL = r"(?:Co|Corp|Inc|Ltd|AG|SE|plc|Group|NV|SA)"
# "Jane Doe, [the] former chief executive of [the] [Oslo-based] Acme" (up to 90 characters
# of role).
ROLE_THEN_COMPANY = re.compile(
    rf"^\s*,\s*(?:the\s+|its\s+|a\s+|an\s+)?(?P<role>[^.;:“”\"]{{0,90}}?(?:{ROLE_HEAD})"
    rf"(?:\s+(?:for|of)\s+[^.;:,“”\"]{{0,50}}?)?)\s+(?:of|at|for|with)\s+(?:the\s+)?"
    rf"(?:(?-i:[A-Z])[\w.]*[-–]based\s+)?$", re.I)
# Between a department's name and its company: " operations of ", " business unit at the "
DEPARTMENT_OF = re.compile(r"\s+(?:(?!(?:and|or|but|with|to|from|in|on)\b)[a-z][\w-]*\s+){1,3}"
                           r"(?:of|at)\s+(?:the\s+)?")
# "Jane Doe, CEO and CTO, Acme." / "..., founder and chief executive (CEO), Acme said" /
# "Jane Doe, Head of Fleet Strategy, Acme, said"
ROLE_COMMA_COMPANY = re.compile(rf"\s*,\s*(?:the\s+)?(?P<role>(?:[\w&-]+\s+){{0,5}}?"
                                rf"(?:{ROLE_HEAD})(?:\s+of\s+(?:[\w&-]+\s+){{0,3}}[\w&-]+)?"
                                rf"(?:\s*\([A-Za-z]{{2,5}}\))?)\s*,\s*", re.I)
COMPANY_ENDS = re.compile(r"\s*(?:[.;”\"]|$|,?\s*(?:said|says|told|added|explained)\b)")
# "Jane Doe, Acme's chief innovation officer"
COMPANY_ROLE_AFTER = re.compile(rf"^\s*{POSSESSIVE}?\s*(?P<role>{ROLE})\b", re.I)
# "Acme chief executive Jane Doe", "Acme's global CEO Jane Doe", "Acme CEO, Jane Doe"
# "Acme chief commercial officer for retail Jane Roe", "Acme head of used cars Jo Roe"
# ("Acme Group of America CEO Jane Doe" is no role at Acme Group)
COMPANY_ROLE_NAME = re.compile(rf"^\s*{POSSESSIVE}?\s*(?!of\s)(?P<role>{ROLE}"
                               rf"(?:\s+(?:for|of)(?:\s+[\w&-]+){{1,4}}?)?)\s*,?\s*{HONORIFIC}$",
                               re.I)
# "Acme CEO Jane Doe" before a name, with "Acme" a company the text names elsewhere
OTHER_SPELLING_ROLE_NAME = re.compile(
    rf"(?<![\w&.-])(?P<company>(?-i:[A-Z])[\w&.-]*(?:\s+(?-i:[A-Z])[\w&.-]*){{0,2}})\s*"
    rf"{POSSESSIVE}?\s+(?P<role>(?:[A-Za-z&-]+\s+){{0,4}}?(?:{ROLE_HEAD}))\s*,?\s*$", re.I)
# "Acme's Jane Doe", "Acme co-founders Jane Doe and John Roe" (the second name too)
COMPANY_POSSESSIVE_NAME = re.compile(
    rf"\s*{POSSESSIVE}\s+|\s*{POSSESSIVE}?\s*(?P<role>(?:co-?)?founder|director|executive|"
    rf"partner)s\s+(?:(?-i:[A-Z])[\w’'.-]*\s+){{0,2}}?(?:(?-i:[A-Z])[\w’'.-]*\s+(?:and|&)\s+)?",
    re.I)
# "Acme, whose chief executive is Jane Doe,"
WHOSE_ROLE_NAME = re.compile(rf"^\s*(?:{LEGAL}\.?)?\s*,\s*whose\s+(?P<role>{ROLE})\s*"
                             rf"(?:,|\s(?:is|was|has been))\s*{HONORIFIC}$", re.I)
# "Jane Doe, its highly successful boss"
ITS_ROLE = re.compile(rf"^\s*,\s*(?:its|their)\s+(?P<role>{ROLE})\b", re.I)
# "Jane Doe, the firm's chief executive," in a sentence that names no company
THE_FIRMS = (rf"the\s+(?:company|firm|group|carmaker|automaker|business|operator|lessor)"
             rf"{POSSESSIVE}")
THE_FIRMS_ROLE = re.compile(rf"\s*,\s*{THE_FIRMS}\s+(?P<role>{ROLE})\b", re.I)
ROLE_BEFORE_NAME = re.compile(rf"(?:^|[\s,(“\"])(?P<role>(?:former\s+|then\s+|interim\s+)?"
                              rf"(?:{ROLE_HEAD}))\s*,?\s*{HONORIFIC}$", re.I)
# "the former chief executive of Acme, Jane Doe" (the text before the company).
# Words before the role there are qualifiers, not function words ("occupied by the CEO of").
_QUALIFIERS = (r"(?:(?!(?:by|of|in|at|on|to|for|from|with|as|and|or|the|a|an|is|was|be|being|"
               r"been|who|which|that)\b)[A-Za-z&-]+\s+){0,3}")
ROLE_OF_BEFORE = re.compile(rf"(?:^|[\s,(“\"])(?:the\s+|its\s+|a\s+|an\s+)?"
                            rf"(?P<role>{_QUALIFIERS}(?:{ROLE_HEAD}))"
                            rf"\s+(?:of|at|for)\s+(?:the\s+)?$", re.I)
# Verbs that tie a person to a company: "Jane Doe, who ran Acme", "Jane Doe, 52, joined Acme".
_TIE_VERBS = {"founded": "founder", "co-founded": "co-founder", "cofounded": "co-founder",
              "chairs": "chairman", "chaired": "chairman", "chair": "chairman"}
for _verb in ("runs", "ran", "run", "leads", "led", "lead", "heads", "headed", "head",
              "manages", "managed", "oversees", "oversaw"):
    _TIE_VERBS[_verb] = "head"
for _verb in ("joined", "joins", "join", "rejoined", "left", "quit"):
    _TIE_VERBS[_verb] = None
_TIE = "|".join(sorted(_TIE_VERBS, key=len, reverse=True))
_ADVERBS = (r"(?:had|has|have|will|would|once|previously|formerly|also|later|now|then|"
            r"currently|recently|first|briefly|still)")
# "Jane Doe, [a former banker] who['d] [previously] ran Acme" (no other person in between).
WHO_TIES = re.compile(rf"^\s*,(?:[^.;:“”\"()]{{0,100}}?\s)?who(?:'d|’d)?(?:\s+{_ADVERBS})*"
                      rf"\s+(?P<verb>{_TIE})\s+(?:the\s+)?$", re.I)
# "Jane Doe, who previously ran the firm's US arm," in a sentence that names no company
WHO_TIES_THE_FIRM = re.compile(rf"\s*,(?:[^.;:“”\"()]{{0,100}}?\s)?who(?:'d|’d)?"
                               rf"(?:\s+{_ADVERBS})*\s+(?P<verb>{_TIE})\s+{THE_FIRMS}\s", re.I)
# "Jane Doe, 52, joined Acme", "Jane Doe previously ran Acme", "Jane and John Roe founded Acme"
_AND_NAME = r"(?:\s+(?:and|&)\s+(?-i:[A-Z])[\w’'.-]*(?:\s+(?-i:[A-Z])[\w’'.-]*){0,2})"
SUBJECT_TIES = re.compile(rf"^{_AND_NAME}?"
                          rf"(?:\s*,\s*\d{{2}}\s*,)?(?:\s+{_ADVERBS})*"
                          rf"\s+(?P<verb>{_TIE})\s+(?:the\s+)?$", re.I)
_AUX = r"(?:is|was|will|would|has|had|have|is set to|is due to|is expected to|to|also|now|" \
       r"currently|previously|formerly|later|then|once|still)"
_COPULA = (r"(?:is|was|be|been|become|becomes|became|remain|remains|remained|serve as|serves as|"
           r"served as|named|appointed|promoted to|elected|hired as|takes over as|took over as|"
           r"take over as|taking over as)")
_ROLES = rf"(?:[\w-]+\s+){{0,4}}?(?:{ROLE_HEAD})(?:\s+and\s+(?:[\w-]+\s+){{0,3}}?(?:{ROLE_HEAD}))?"
# "Jane Doe is to become chairwoman and chief executive of Acme", "Jane Doe was named CFO at Acme",
# "Jane Doe is head of vehicle operations at Acme"
PREDICATE_ROLE_OF = re.compile(rf"^\s+(?:{_AUX}\s+){{0,3}}(?:{_COPULA}\s+){{1,2}}"
                               rf"(?:the\s+|its\s+|a\s+|an\s+)?"
                               rf"(?P<role>{_ROLES}(?:\s+(?:for|of)\s+[^.;:,“”\"]{{0,50}}?)?)\s+"
                               rf"(?:of|at|for|with)\s+(?:the\s+)?$", re.I)
# "Jane Doe became Acme's chief executive" (the role follows the company)
PREDICATE_COMPANY = re.compile(rf"^\s+(?:{_AUX}\s+){{0,3}}{_COPULA}\s+(?:the\s+)?(?:new\s+)?$",
                               re.I)
# "Jane Doe held the same position at Acme", "... holds the post of treasurer at Acme"
HELD_POSITION = re.compile(rf"^\s+(?:{_ADVERBS}\s+)*(?:held|holds|hold)\s+(?:the|a|an|that|this|"
                           r"his|her|a\s+similar)\s+(?:[\w-]+\s+){0,3}?(?:position|post|role|job|"
                           r"title)(?:\s+of\s+(?P<role>[^.,;:]{0,40}?))?\s+(?:at|with)\s+"
                           r"(?:the\s+)?$", re.I)
# An appointment: "Acme named Jane Doe ...", "Jane Doe, 52, was appointed ..."
APPOINT_BEFORE = re.compile(rf"\b(?:{APPOINT_VERBS})\s+(?:[\w’'.-]+\s+){{0,4}}$", re.I)
APPOINT_AFTER = re.compile(rf"^(?:\s*,[^,]{{0,80}},)?\s+(?:has been|had been|was|is|will be|"
                           rf"would be|to be|being)\s+(?:{APPOINT_VERBS})\b", re.I)
# The appointing company before its verb: "Acme", "Acme's board", "Acme Corp said it", "Acme
# said its board".
APPOINTER = re.compile(rf"(?:\s*{LEGAL}\.?)?\s*{POSSESSIVE}?\s*(?:also\s+)?(?:(?:said|says|has|"
                       r"had|have|on \w+)\s+(?:(?:it|that|they)\s+)?)?(?:(?:its|their)\s+)?"
                       r"(?:(?:board(?:\s+of\s+directors)?|shareholders|directors)\s+)?"
                       r"(?:has\s+|have\s+|had\s+)?(?:also\s+)?", re.I)
# The role after the appointed name: "... Jane Doe chief financial officer", "... Jane Doe,
# formerly of Beta, as its new chief operating officer" (no company follows the role; "with
# immediate effect" is none).
APPOINTED_ROLE = re.compile(rf"(?:\s*,[^,;]{{0,80}},)?\s+(?:as\s+|to\s+(?:the|a)\s+(?:new\s+|"
                            rf"newly[- ]created\s+)?(?:post|position|role|job)\s+of\s+)?"
                            rf"(?:its\s+|their\s+|the\s+|a\s+|an\s+)?(?:new\s+)?(?P<role>(?:[\w-]+\s+){{0,3}}?"
                            rf"(?:{ROLE_HEAD}))\b(?!\s+(?:of|at|for|with)\s+(?:the\s+)?(?-i:[A-Z]))"
                            rf"(?!\s*{POSSESSIVE})",
                            re.I)
# "Acme hired Jane Doe, a former Beta engineer, to lead its battery team", "... hired Jane
# Doe from Beta to lead ..."
APPOINTED_TO_LEAD = re.compile(r"(?:\s*,[^,;]{0,80},|\s+from\s+[^,;.]{1,60}?)?\s+to\s+"
                               r"(?:lead|head|run|oversee)\b", re.I)
# "... as Acme's interim chief executive" / "... as chief executive of Acme"
AS_BEFORE_COMPANY = re.compile(r"\bas\s+(?:the\s+)?(?:new\s+)?$", re.I)
AS_ROLE_OF = re.compile(rf"\bas\s+(?:the\s+|its\s+|a\s+|an\s+)?(?:new\s+)?(?P<role>{ROLE})\s+"
                        rf"(?:of|at)\s+(?:the\s+)?$", re.I)
# "Jane Doe, formerly of Beta, has joined the company as president": the company is the one
# the sentence reports for.
JOINED_THE_COMPANY_AS = re.compile(
    rf"(?:\s*,[^;]{{0,100}}?,)?\s+(?:(?:has|had|will|would|is to|is set to)\s+)?"
    rf"(?:re)?join(?:ed|s)?\s+the\s+(?:company|firm|group|business)\s+as\s+"
    rf"(?:its\s+|a\s+|an\s+|the\s+)?(?:new\s+)?(?P<role>{ROLE})\b", re.I)
# "Acme said Jane Doe, 58, will become chief executive on July 1": a post of the company that
# reports it (a company after the post is read elsewhere)
BECOMES_ROLE = re.compile(
    rf"(?:\s*,[^;]{{0,100}}?,)?\s+(?:(?:will|would|is to|is set to|is due to|has|had)\s+)?"
    rf"(?:become|becomes|became|take over as|takes over as|took over as|has been named|was named|"
    rf"has been appointed|was appointed)\s+(?:its\s+|a\s+|an\s+|the\s+)?(?:new\s+)?"
    rf"(?P<role>{ROLE})(?=\s*(?:[,.;:]|$)|\s+(?:on|in|from|effective|next|this|later|when|"
    rf"after|upon|following|replacing|succeeding|and\s+will)\b)", re.I)
REPORTED_BY = re.compile(rf"\s*(?:{LEGAL}\.?)?\s*(?:said|says|announced)\b", re.I)
# "Acme named Jane Doe as its chief executive": "its" is the company named before.
AS_ITS_ROLE = re.compile(rf"\bas\s+(?:its|their)\s+(?:new\s+)?(?P<role>{ROLE})\b", re.I)
# "Jane Doe, chief executive of Acme and Beta": the role covers both companies.
AND_COMPANY = re.compile(r"\s*(?:and|&)\s+(?:the\s+)?")
# A successor and the one they follow: "Jane Roe has replaced John Doe as chief executive of
# Acme", "Jane Roe will succeed John Doe as Acme's CEO", "John Doe was replaced by Jane Roe as
# CEO". The successor takes the role; the one replaced held it before.
_REPLACE = (r"replaced?|replaces|replacing|succeeded|succeeds|succeed|succeeding|"
            r"took over from|takes over from|take over from|taking over from")
_SUCCESSION_AUX = r"(?:has|had|have|will|would|is to|is set to|is due to|was|is|to|also)"
# after the successor: " has replaced John Doe as " (the role follows "as"), or " succeeded
# John Doe at " (the company follows "at", the role is not said)
SUCCESSOR_REPLACES = re.compile(rf"^(?:\s*,\s*who)?\s+(?:{_SUCCESSION_AUX}\s+){{0,2}}"
                                rf"(?:{_REPLACE})\s+(?!by\b)(?P<other>(?:[\w’'.-]+\s+){{1,5}}?)"
                                rf"(?:as|(?P<at>at))\s+", re.I)
# before the successor of a passive: "John Doe was replaced by "
REPLACED_BY = re.compile(r"\b(?:replaced|succeeded)\s+by\s+$", re.I)
# after the one replaced, passive: " was replaced by Jane Roe as "
PREDECESSOR_REPLACED = re.compile(rf"^\s+(?:{_SUCCESSION_AUX}\s+){{1,2}}(?:be\s+|been\s+)?"
                                  rf"(?:replaced|succeeded)\s+by\s+"
                                  rf"(?P<other>(?:[\w’'.-]+\s+){{1,5}}?)as\s+", re.I)
# before the one replaced, active: "Jane Roe will replace [longtime executive] "
REPLACES_BEFORE = re.compile(rf"\b(?:{_REPLACE})\s+(?:[\w’'.-]+\s+){{0,3}}$", re.I)
# before the one replaced: "Acme named Jo Roe as its chief executive, replacing " (the one
# replaced held the post at the company that made the appointment)
ITS_POST_REPLACING = re.compile(rf"\bas\s+(?:its|their)\s+(?:new\s+)?(?P<role>{ROLE_HEAD})\s*,"
                                rf"\s*(?:replacing|succeeding|taking\s+over\s+from)\s+$", re.I)
# between "as" and the company: "[the] [new] chief executive of [the] "
AS_ROLE_OF_COMPANY = re.compile(rf"(?:the\s+|its\s+|their\s+)?(?:new\s+)?(?P<role>{ROLE}"
                                rf"(?:\s+(?:for|of)\s+[^.;:,“”\"]{{0,50}}?)?)\s+(?:of|at)\s+"
                                rf"(?:the\s+)?", re.I)
# "as [its] chief executive" with no company after it
AS_ROLE_ALONE = re.compile(rf"(?:the\s+|its\s+|their\s+)?(?:new\s+)?(?P<role>{ROLE})\b"
                           rf"(?!\s+(?:of|at|for)\b)", re.I)
# "... joined Acme as [a] chairwoman": the post after the company a person joined
AS_ROLE_AFTER = re.compile(rf"\s+as\s+(?:an?\s+)?{AS_ROLE_ALONE.pattern}", re.I)
FORMER = re.compile(r"(?:former|previous|outgoing|ousted|then)\b", re.I)
# A company's founders: "Acme was founded by Jane Roe", "Acme, set up in 1998 by Jane and
# John Roe", "Acme was launched by Jane Roe and her brother, John Roe". Other founders and a
# few words of description may stand before the name
# ("by former bus executives Jo Roe and Al Poe").
_FOUNDERS_BEFORE = (r"(?:(?:[a-z][\w-]*\s+){0,3}?(?:[\w’'.-]+\s+){1,4}?(?:and|&)\s+|"
                    r"(?:[\w’'.-]+\s+){0,3}[\w’'.-]+,\s+(?:and\s+)?|(?:his|her|their)\s+[a-z-]+,\s+"
                    r"){0,3}")
# "Acme, headed by Jane Roe", "Acme, which is run by Jane Roe": the company's head.
_LED = r"headed|led|run|chaired"
# "backed by [Swiss] investor Jane Roe": the backer is an investor.
NATIONALITY = r"[A-Z][a-z]+(?:an|ese|ish|ss|ch|i)"  # "German", "Japanese", "Swiss", "Dutch"
FOUNDED_BY = re.compile(
    rf"^\s*,?\s*(?:(?:which|that)\s+)?(?:(?:was|were|is|are|has been|had been)\s+)?"
    rf"(?P<verb>(?:co-?)?founded|set up|started|established|launched|backed|{_LED})\s+"
    rf"(?:(?:in|back in)\s+\d{{4}}\s+)?by\s+{_FOUNDERS_BEFORE}"
    rf"(?:(?:[a-z][\w-]*|[A-Z][\w.]*(?:'s|’s)|(?:[A-Z]\.){{2,3}}|US|UK|{NATIONALITY}|"
    rf"(?:{_TITLES})\.?)\s+){{0,4}}$")
FOUNDER_ROLES = {"co-founded": "co-founder", "cofounded": "co-founder", "backed": "investor",
                 "headed": "head", "led": "head", "run": "head", "chaired": "chairman"}
# Government people are not company people: "Gov. Jane Doe", "Transport Minister Jane Doe".
GOVERNMENT_TITLE = re.compile(
    r"(?:\b(?:Gov|Govs|Lt|Sen|Rep|Gen|Atty)\.?|\b(?i:governor|lieutenant governor|senator|"
    r"congressman|congresswoman|congressmember|mayor|minister|premier|ambassador|"
    r"attorney general|commissioner|councillor|councilman|councilwoman|assemblyman|"
    r"assemblywoman|lawmaker|legislator)|"
    r"\b(?P<ambiguous>(?:(?:Senior|Executive)\s+)?(?:Vice\s+)?President)|\bSecretary|\bChancellor|"
    r"\bMP)\s+$")
# Roles strong enough to name the article's main company when no company is in the sentence:
# "Roe inherited a backlog from ousted CEO Sam Doe" (not "president": a "former
# president" is a head of state as often as a company's).
EXECUTIVE_BEFORE_NAME = re.compile(
    r"(?:^|[\s,(“\"])(?P<role>(?i:(?:(?:former|then|interim|ousted|outgoing|incoming|new|"
    r"acting)\s+)?(?:CEO|COO|CFO|CTO|chief executive(?: officer)?|chief [a-z]+ officer|chairman|"
    r"chairwoman|co-founder|founder|(?:managing|finance|financial|operations|commercial|"
    rf"technical|sales|marketing)\s+director)))\s*,?\s*{HONORIFIC}$")
# '"We grew," said spokesman Jane Doe': the company's spokesperson, where no word before the
# post says whose ("a government spokesman Jane Doe" is not).
SPOKESPERSON_BEFORE_NAME = re.compile(
    rf"(?:^|\b(?:said|says|added|told)\s+|[,(“\"]\s*)(?P<role>(?i:spokes(?:man|woman|person)))"
    rf"\s*,?\s*{HONORIFIC}$")
# "Its president Jane Doe said ...": a possessive role before the name, in a sentence that
# names no company, is the article's company's.
ITS_ROLE_BEFORE_NAME = re.compile(rf"(?:^|[\s,(“\"])(?:[Ii]ts|[Tt]heir|[Tt]he\s+(?:company|firm|"
                                  rf"group|carmaker|automaker|startup|start-up|business|"
                                  rf"operator|manufacturer|maker){POSSESSIVE})\s+(?P<role>"
                                  rf"(?:(?:new|former|interim|acting|outgoing)\s+)?"
                                  rf"(?:{ROLE_HEAD}))\s*,?\s*{HONORIFIC}$")
# "Jane Doe, chief executive officer, said:", "Jane Doe, managing director, told reporters"
ROLE_ALONE_THEN_SAID = re.compile(
    rf"\s*,\s*(?:the\s+|its\s+)?(?P<role>{_PRE}(?:{ROLE_HEAD})(?:\s*\([A-Za-z]{{2,5}}\))?)"
    r"\s*,\s*(?:said|says|told|added|explained|commented)\b", re.I)
# '"We grew," said Jane Doe, the chief executive.': the role alone after a quote's speaker
SAID_BEFORE_NAME = re.compile(r"\b(?:said|says|added|adds|told|explained)\s+$", re.I)
ROLE_ALONE_ENDS = re.compile(
    rf"\s*,\s*(?:the\s+|its\s+)?(?P<role>{_PRE}(?:{ROLE_HEAD}))\s*(?:[.;,”\"]|$)", re.I)
# Places only a person stands, where the model may still tag the name as an organisation
# (and the linker take it for a company): "Acme, headed by Jane Roe", "its president, Jane
# Roe,", "Acme's chairman, Jane Roe". Not "led by" or "backed by": funds lead and back too.
PERSON_ONLY_BEFORE = re.compile(
    rf"(?:\b(?:(?:co-?)?founded|headed|run|chaired)\s+(?:(?:in|back in)\s+\d{{4}}\s+)?by"
    rf"(?:\s+[a-z][\w-]*){{0,3}}|"  # "founded by former bus executives Jo Roe"
    rf"(?:\b(?:[Ii]ts|[Tt]heir)|[A-Za-z]{POSSESSIVE})\s+(?:(?:new|former|interim|acting|"
    rf"outgoing)\s+)?(?:{ROLE_HEAD})\s*,)\s+{HONORIFIC}$")
# Analysts and journalists comment on companies; they are not company people.
COMMENTATOR = re.compile(r"\b(?:analyst|strategist|economist|reporter|correspondent|journalist|"
                         r"editor|columnist|commentator)\b", re.I)
ABBREVIATIONS = {"ceo": "chief executive", "chief executive officer": "chief executive",
                 "cfo": "chief financial officer", "coo": "chief operating officer",
                 "cto": "chief technology officer", "boss": "chief executive"}
# doc.user_data: (name, company) -> the name of the pattern that first read that person there
# (a scorer feature: some patterns are surer than others)
PERSON_PATTERNS = "rivalscope_person_patterns"
# doc.user_data: (start, end) of names read as people that the linker took for companies
NAMES_TAKEN_FOR_COMPANIES = "rivalscope_names_taken_for_companies"
TITLE = re.compile(rf"^(?:{_TITLES})\.?\s+")


# Words the role patterns' free prefix (_PRE) can take in before a role that are no part of
# it: "Acme said chief operating officer Jo Roe" is no "said chief operating officer", "Acme's
# board has ousted chief executive Jo Roe" no "board has ousted chief executive".
NOT_ROLE_WORDS = {"said", "says", "say", "told", "tells", "added", "adds", "according", "to",
                  "and", "or", "but", "with", "by", "from", "for", "at", "on", "in", "of",
                  "when", "while", "after", "before", "as", "is", "was", "are", "were", "be",
                  "been", "that", "who", "which", "the", "a", "an", "its", "their", "has",
                  "have", "had", "will", "would", "board", "shareholders", "directors",
                  "named", "appointed", "promoted", "elected", "hired", "become", "becomes",
                  "became", "remain", "remains", "serve", "serves", "served",
                  "new", "newly", "newly-appointed", "newly-named"}  # "its new CEO": a CEO


# "CEO Jo Roe and CFO" before a second name: the second name's post follows the first name
LISTED_NAME_THEN_ROLE = re.compile(r"^(?P<first>.*\b(?-i:[A-Z])[\w-]+\s+(?-i:[A-Z])[\w-]+)\s+and\s+"
                                   r"(?P<rest>.+)$")


def normalise_role(role: str | None) -> str | None:
    if role is None:
        return None
    if (listed := LISTED_NAME_THEN_ROLE.match(role.strip())) and \
            not ROLE_WORD.fullmatch(listed["first"].split()[-1]) and ROLE_WORD.search(
                listed["rest"]) and ROLE_WORD.search(listed["first"]):
        role = listed["rest"]
    role = " ".join(role.lower().split()).strip(" ,")
    if head := ROLE_WORD.search(role):  # the words before the head, after the last non-role one
        before = role[:head.start()].split()
        cut = max((i + 1 for i, word in enumerate(before) if word in NOT_ROLE_WORDS), default=0)
        role = " ".join([*before[cut:], role[head.start():]])
    return ABBREVIATIONS.get(role, role)


def clean_name(text: str) -> str:
    name = TITLE.sub("", text).strip(" ,")
    return re.sub(r"(?:'s|’s)$", "", name)


class PeopleFinder:
    """Sets doc._.people."""

    def __call__(self, doc: Doc) -> Doc:
        people: list[Person] = []
        mentions = doc._.company_mentions or []
        main = main_company(mentions)
        by_sentence: dict[int, list[tuple[str, int, int, bool]]] = {}
        for name, start, end, tagged_org in person_mentions(doc, mentions):
            by_sentence.setdefault(doc[doc.char_span(start, end, alignment_mode="expand").start]
                                   .sent.start, []).append((name, start, end, tagged_org))
        for sent in doc.sents:
            candidates = by_sentence.get(sent.start)
            if not candidates:
                continue
            sent_mentions = sentence_mentions(doc, sent.start_char, sent.end_char)
            for name, start, end, tagged_org in candidates:
                for person in self.read(doc, name, start, end, sent_mentions, sent, main,
                                        tagged_org):
                    if not any((p.name, p.company) == (person.name, person.company)
                               for p in people):
                        people.append(person)
        doc._.people = people
        return doc

    def read(self, doc: Doc, name: str, start: int, end: int, mentions: list[CompanyMention],
             sent: Span, main: CompanyMention | None, tagged_org: bool = False) -> list[Person]:
        own = doc.user_data.get(NAMES_TAKEN_FOR_COMPANIES, set())
        mentions = [m for m in mentions if (m.start, m.end) not in own]
        if any(m.start <= start < m.end for m in mentions):
            return []  # a company the model took for a person
        text = doc_text(doc)
        if is_government(text, start, mentions):
            return []
        if note := PHOTO_NOTE.match(text, end):
            end = note.end()  # "Jo Roe (pictured), general manager at Acme"
        after = [m for m in mentions if m.start >= end]
        before = [m for m in mentions if m.end <= start]
        found: list[Person] = []

        weak: set[str] = set()  # companies whose role so far comes from a verb ("ran Acme")

        patterns = doc.user_data.setdefault(PERSON_PATTERNS, {})

        def add(role: str | None, company: CompanyMention, verb: bool = False,
                via: str = "") -> None:
            if role and COMMENTATOR.search(role):
                return
            for i, p in enumerate(found):
                if p.company == company.name:
                    if p.company in weak and not verb:
                        found[i] = self._person(name, role, company, sent)
                        patterns[(name, company.name)] = via
                        weak.discard(p.company)
                    return
            found.append(self._person(name, role, company, sent))
            patterns.setdefault((name, company.name), via)
            if verb:
                weak.add(company.name)

        if before:
            # "the former chief executive of Acme, Jane Doe"
            company = before[-1]
            if re.fullmatch(rf"\s*(?:{LEGAL}\.?)?\s*,\s*", text[company.end:start]) and (
                    match := ROLE_OF_BEFORE.search(text[max(sent.start_char, company.start - 80):
                                                        company.start])):
                add(match.group("role"), company, via="role_of_before")
        if after:
            self.read_after(text, start, end, after, sent, add, tagged_org)
        # "Acme was founded by Jane and John Roe"
        if before and (match := FOUNDED_BY.match(text[before[-1].end:start])):
            add(FOUNDER_ROLES.get(match.group("verb").lower(), "founder"), before[-1],
                via="founded_by")
        self.read_succession(text, start, end, sent, mentions, main, add)
        if tagged_org:
            if before and not found and (match := ITS_ROLE.match(text[end:end + 60])):
                add(match.group("role"), before[-1], via="company_role")  # "Acme said Jo
            return found  # Roe, its chief financial officer, ..."
        self.read_appointment(text, start, end, sent, before, add)
        if match := JOINED_THE_COMPANY_AS.match(text, end, sent.end_char) or \
                BECOMES_ROLE.match(text, end, sent.end_char):
            reporter = [m for m in before if REPORTED_BY.match(text, m.end)]
            company = reporter[-1] if reporter else (main if not mentions else None)
            if company is not None:
                add(match.group("role"), company, via="joined_the_company")
        # "Acme named Jane Doe as its chief executive", "Jane Doe joined Acme as its CFO"
        limit = min([e.start_char for e in _people_ents(sent, end)] + [sent.end_char])
        if match := AS_ITS_ROLE.search(text, end, limit):
            between = [m for m in after if m.end <= match.start()]
            prior = [m for m in before if not _followed_by_possessive(text, m)]
            # "Acme hired former Kappa executive Jo Roe as its COO": "its" is not Kappa's
            prior = [m for m in prior if not COMPANY_ROLE_NAME.match(text[m.end:start])] or prior
            if not between and prior:
                add(match.group("role"), prior[-1], via="as_its_role")
            elif len(between) == 1 and any(p.company == between[0].name for p in found):
                add(match.group("role"), between[0], via="as_its_role")
        # "Acme chief executive Jane Doe" / "Acme's CEO, Jane Doe" / "Acme, whose CEO is Jane
        # Doe" / "Jane Doe, its boss"
        if before and (company_s := COMPANY_POSSESSIVE_NAME.fullmatch(
                _possessive_kept(text, before[-1], start))):
            # "Acme's Jane Doe said", "Acme co-founders Jane Doe and John Roe"
            add(company_s.group("role"), before[-1], via="company_possessive")
        elif before and ((match := COMPANY_ROLE_NAME.match(text[before[-1].end:start])) or (
                match := WHOSE_ROLE_NAME.match(text[before[-1].end:start])) or (
                match := ITS_ROLE.match(text[end:end + 60]))):
            add(match.group("role"), before[-1], via="company_role")
        # "said Acme founder and CEO Jane Doe" where the model tagged "ACME" elsewhere only
        elif (spelled := OTHER_SPELLING_ROLE_NAME.search(text, sent.start_char, start)) and (
                company := _spelled_as(spelled.group("company"), doc._.company_mentions)):
            add(spelled.group("role"), company, via="other_spelling")
        # "Jane Doe, the firm's chief executive," / "Jane Doe, who ran the firm's US arm,": the
        # company named last before this sentence, which names none
        elif not mentions and (match := THE_FIRMS_ROLE.match(text, end, sent.end_char) or
                               WHO_TIES_THE_FIRM.match(text, end, sent.end_char)):
            earlier = [m for m in doc._.company_mentions or [] if m.end <= sent.start_char]
            company = earlier[-1] if earlier else main
            role = match.group("role") if "role" in match.groupdict() else \
                _TIE_VERBS[match.group("verb").lower()]
            if company is not None:
                add(role, company, via="the_firms")
        window_start = max(sent.start_char, start - 40)
        window = text[window_start:start]
        companies = {m.name: m for m in mentions}
        its = ITS_ROLE_BEFORE_NAME.search(window)
        its_at = window_start + its.start() if its else 0
        if its and not any(m.end <= its_at for m in mentions):
            # "Its president, Jo Roe, will join Beta's board": "its" points back to the
            # company named last before it, not to one the sentence names after it
            earlier = [m for m in doc._.company_mentions or [] if m.end <= its_at]
            match, company = its, (referent(sent) or earlier[-1] if earlier else main)
        # "former CEO Jane Doe" in a sentence about one company
        # "ousted CEO Jane Doe" in a sentence that names no company: the article's company
        elif len(companies) == 1:
            match, company = ROLE_BEFORE_NAME.search(window), mentions[0]
        else:
            match = (EXECUTIVE_BEFORE_NAME.search(window) or
                     SPOKESPERSON_BEFORE_NAME.search(window)) if not companies else None
            company = main
        if match and company and not _unknown_name_before(
                text, window_start + match.start("role"), sent, mentions):
            add(match.group("role"), company, via="role_before")
        # "Jane Doe, chief executive officer, said: ..." names no company before the quote:
        # the article's company, else the one company the sentence names, else the one
        # company the text named before
        if not found and (match := ROLE_ALONE_THEN_SAID.match(text, end, sent.end_char) or (
                SAID_BEFORE_NAME.search(text, max(sent.start_char, start - 12), start) and
                ROLE_ALONE_ENDS.match(text, end, sent.end_char))):
            earlier = {m.name: m for m in doc._.company_mentions or [] if m.end <= start}
            company = main or (mentions[0] if len(companies) == 1 else None) or (
                next(iter(earlier.values())) if len(earlier) == 1 else None)
            if company is not None:
                add(match.group("role"), company, via="role_then_said")
        return found

    def read_after(self, text: str, start: int, end: int,
                   after: list[CompanyMention], sent: Span, add,
                   appositions_only: bool = False) -> None:
        """The patterns where the company follows the name."""
        between = text[end:after[0].start]
        # "Jane Doe, chief executive of Acme"
        if match := ROLE_THEN_COMPANY.match(between):
            role = _last_role(match.group("role"))
            index = _unit_of(text, after, 0)
            # "Jane Doe, vice president of Kappa Mobility operations at Acme": the first
            # name is the department, the company follows it
            if index + 1 < len(after) and DEPARTMENT_OF.fullmatch(
                    text[after[index].end:after[index + 1].start]):
                index += 1
            add(role, after[index], via="role_then_company")
            # "Jane Doe, a former executive at Acme and Beta's robotaxi unit"
            if index + 1 < len(after) and AND_COMPANY.fullmatch(
                    text[after[index].end:after[index + 1].start]):
                add(role, after[_unit_of(text, after, index + 1)], via="role_then_company")
        # "Jane Doe, founder and chief executive (CEO), Acme said" /
        # "Jane Doe, Acme's chief innovation officer"
        elif (match := ROLE_COMMA_COMPANY.fullmatch(between)) and COMPANY_ENDS.match(
                text[after[0].end:after[0].end + 12]) or re.fullmatch(
                r"\s*,\s*(?:the\s+|a\s+)?(?:former\s+|then\s+)?", between) and (
                match := COMPANY_ROLE_AFTER.match(text[after[0].end:after[0].end + 60])):
            add(match.group("role"), after[0], via="role_comma_company")
        if appositions_only:
            return
        # "Tom Wagner at Knighthead", "Jane Doe of Acme said", "said Jane Doe, from Acme"
        if re.fullmatch(r"\s+(?:at|of)\s+(?:the\s+)?|\s*,\s*(?:from|of|at)\s+(?:the\s+)?",
                        between):
            add(None, after[0], via="at")
        # "Jane Doe (Acme) and John Roe (Beta) spoke on the panel"
        elif re.fullmatch(r"\s*\(\s*", between) and \
                re.match(r"\s*\)", text[after[0].end:after[0].end + 3]):
            add(None, after[0], via="bracketed")
        # "Jane Doe is to become chairman of Acme" / "Jane Doe held the same post at Acme"
        elif match := PREDICATE_ROLE_OF.match(between) or HELD_POSITION.match(between):
            add(match.group("role"), after[_unit_of(text, after, 0)], via="predicate_role")
        # "Jane Doe became Acme's chief executive"
        elif PREDICATE_COMPANY.match(between) and (
                match := COMPANY_ROLE_AFTER.match(text[after[0].end:after[0].end + 60])):
            add(match.group("role"), after[0], via="predicate_company")
        # "Jane Doe, who ran Acme" / "Jane Doe, 52, joined Acme": the first such company
        # ("Jane and John Roe founded Acme": a name joined by "and" shares the verb)
        limit = min([e.start_char for e in _people_ents(sent, end)
                     if not re.fullmatch(r"\s+(?:and|&)\s+", text[end:e.start_char])] +
                    [sent.end_char])
        for m in after:
            if m.start >= limit:
                break
            if _followed_by_possessive(text, m) and not OWN_UNIT_AFTER.match(
                    _possessive_kept(text, m, min(len(text), m.end + 60))):
                continue  # "who ran Acme's rival", not "who leads Acme's van unit"
            if match := SUBJECT_TIES.match(text[end:m.start]) or WHO_TIES.match(
                    text[end:m.start]):
                role = _TIE_VERBS[match.group("verb").lower()]
                if role is None and (joined := AS_ROLE_AFTER.match(text, m.end, sent.end_char)):
                    add(joined.group("role"), m, via="tie_verb")  # "joined Acme as chairwoman"
                else:
                    add(role, m, verb=True, via="tie_verb")
                break
        # "Acme named Jane Doe [, who ran Beta,] as Gamma's interim chief executive"
        if APPOINT_BEFORE.search(text[sent.start_char:start]) or APPOINT_AFTER.match(
                text[end:sent.end_char]):
            for m in after:
                if m.start >= limit:
                    break
                pre = text[end:m.start]
                if AS_BEFORE_COMPANY.search(pre) and (
                        match := COMPANY_ROLE_AFTER.match(text[m.end:m.end + 60])):
                    add(match.group("role"), m, via="appointed_as")
                    break
                if match := AS_ROLE_OF.search(pre):
                    add(match.group("role"), m, via="appointed_as")
                    break

    @staticmethod
    def read_appointment(text: str, start: int, end: int, sent: Span,
                         before: list[CompanyMention], add) -> None:
        """"Acme named Jane Doe chief financial officer", "Acme's board elected Jane Doe
        chairman", "Acme hired former Beta executive Jane Doe as chief operating officer":
        the appointing company, the subject before the verb, is where the role is held."""
        verb = APPOINT_BEFORE.search(text, sent.start_char, start)
        role = APPOINTED_ROLE.match(text, end, sent.end_char) or \
            APPOINTED_TO_LEAD.match(text, end, sent.end_char)
        if verb is None or role is None:
            return
        subjects = [m for m in before if m.end <= verb.start()]
        if subjects and APPOINTER.fullmatch(text[subjects[-1].end:verb.start()]):
            add(role.groupdict().get("role") or "head", subjects[-1], via="appointment")

    @staticmethod
    def read_succession(text: str, start: int, end: int, sent: Span,
                        mentions: list[CompanyMention], main: CompanyMention | None,
                        add) -> None:
        """"Jane Roe has replaced John Doe as chief executive of Acme": the successor takes
        the role, and the one replaced held it before ("former chief executive")."""
        rest, before = text[end:sent.end_char], text[sent.start_char:start]
        if post := ITS_POST_REPLACING.search(before):
            appointed_by = [m for m in mentions if m.end <= sent.start_char + post.start()]
            company = subject_mention(sent, appointed_by) or main
            if company is not None:
                add(f"former {post.group('role')}", company, via="succession")
            return
        if (match := SUCCESSOR_REPLACES.match(rest)) and _names_someone(match.group("other")):
            as_at, former = end + match.end(), False
        elif (match := PREDECESSOR_REPLACED.match(rest)) and _names_someone(
                match.group("other")):
            as_at, former = end + match.end(), True
        elif (match := re.match(r"\s*,?\s+as\s+|\s*,\s*(?:currently|now)\s+", rest)) and (
                REPLACED_BY.search(before) or REPLACES_BEFORE.search(before)):
            # "... be succeeded by Jo Roe, currently president": the successor's post now
            as_at, former = end + match.end(), not REPLACED_BY.search(before)
        else:
            return
        after = [m for m in mentions if m.start >= as_at]
        role: str | None = None
        company: CompanyMention | None = None
        if match.groupdict().get("at"):
            if after and re.fullmatch(r"(?:the\s+)?", text[as_at:after[0].start]):
                add("former executive" if former else None, after[0], via="succession_at")
            return
        if after and (of := AS_ROLE_OF_COMPANY.fullmatch(text[as_at:after[0].start])):
            role, company = of.group("role"), after[_unit_of(text, after, 0)]
        elif after and re.fullmatch(r"(?:the\s+)?", text[as_at:after[0].start]) and (
                of := COMPANY_ROLE_AFTER.match(text[after[0].end:after[0].end + 60])):
            role, company = of.group("role"), after[0]  # "as Acme's chief executive"
        elif alone := AS_ROLE_ALONE.match(text, as_at):
            # "Acme said Jane Roe would replace John Doe as chief executive": the company
            # named before; in a sentence that names none, the text's main company
            prior = [m for m in mentions if m.end <= start and not _followed_by_possessive(
                text, m)]
            role, company = alone.group("role"), prior[-1] if prior else (
                main if not mentions else None)
        if role is None or company is None:
            return
        if former and not FORMER.match(role.strip()):
            role = f"former {role.strip()}"
        add(role, company, via="succession")

    @staticmethod
    def _person(name: str, role: str | None, company: CompanyMention, sent: Span) -> Person:
        return Person(name=name, role=normalise_role(role), company=company.name,
                      evidence=sent.text.strip(), start=sent.start_char, end=sent.end_char)


def _starts_in_mention(ent: Span, mentions: list[CompanyMention]) -> bool:
    return any(m.start <= ent.start_char < m.end for m in mentions)


def person_mentions(doc: Doc, mentions: list[CompanyMention]
                    ) -> list[tuple[str, int, int, bool]]:
    """(full name, start, end, tagged as an organisation) for each mention of a person.

    Full names come from the model's PERSON entities; a later "Mr Doe" or "Doe" is the
    same person when one full name in the text ends with that surname.
    """
    text = doc_text(doc)
    found: list[tuple[str, int, int, bool]] = []
    full_tokens: set[int] = set()
    surnames: dict[str, set[str]] = {}
    first_seen: dict[str, int] = {}

    def full_name(name: str, span: Span, tokens: range) -> None:
        """A full name whose surname later stands for the person alone."""
        found.append((name, span.start_char, span.end_char, False))
        full_tokens.update(tokens)
        surnames.setdefault(name.split()[-1], set()).add(name)
        first_seen.setdefault(name, span.start_char)

    for ent in doc_ents(doc):
        if ent.label_ == "PERSON":
            name = clean_name(ent.text)
            if len(name.split()) < 2 or name.split()[-1].lower() in SHAPED_NAME_ENDS:
                continue  # "formerly of Brisco Coaches": a business's name, not a person's
            full_name(name, ent, range(ent.start, ent.end))
        elif ent.label_ == "ORG" and person_shaped(ent.text) and \
                PERSON_ONLY_BEFORE.search(text[max(0, ent.start_char - 60):ent.start_char]) and \
                all((m.start, m.end) == (ent.start_char, ent.end_char) and not m.known
                    for m in mentions
                    if overlaps(ent.start_char, ent.end_char, [(m.start, m.end)])):
            # the linker's company of this very name is the model's misreading
            full_name(ent.text, ent, range(ent.start, ent.end))
            own = doc.user_data.setdefault(NAMES_TAKEN_FOR_COMPANIES, set())
            own.add((ent.start_char, ent.end_char))
        elif ent.label_ == "ORG" and person_shaped(ent.text) and \
                person_clause(text, ent.start_char, ent.end_char) and \
                not _starts_in_mention(ent, mentions):
            # "Jane Doe, who runs Acme," or "Acme's Jane Doe said" that the model called an
            # organisation: the clause that says she is a person is read as any person's
            found.append((ent.text, ent.start_char, ent.end_char, False))
        elif ent.label_ == "ORG" and person_shaped(ent.text) and (
                PERSON_BEFORE.search(text[max(0, ent.start_char - 80):ent.start_char]) or
                PERSON_AFTER.match(text[ent.end_char:ent.end_char + 40]) or
                in_succession(text, ent.start_char, ent.end_char)) and \
                not _starts_in_mention(ent, mentions):
            # "the chief executive of Acme, Jane Doe" / "Jane Doe, chief executive of Acme"
            # that the model called an organisation: only these appositions are read
            found.append((ent.text, ent.start_char, ent.end_char, True))
        elif ent.label_ in PLACE_LABELS and person_shaped(ent.text) and \
                APPOINTED_JUST_BEFORE.search(text[max(0, ent.start_char - 30):ent.start_char]) \
                and ROLE_WORD.search(text[ent.end_char:ent.end_char + 40]) and \
                not _starts_in_mention(ent, mentions):
            # "Kappa promoted Jo Roe to chief operating officer" with Jo Roe read as a place
            found.append((ent.text, ent.start_char, ent.end_char, False))
    full = tagged_people(doc)
    # names the model missed beside a role ("Jae-won Park, head of Kappa's unit")
    for span in names_beside_roles(doc, full):
        name = clean_name(span.text)
        if len(name.split()) >= 2 and not overlaps(  # "Mr Ghosn": a surname, read below
                span.start_char, span.end_char,
                [(m.start, m.end) for m in mentions] + [(f[1], f[2]) for f in found]):
            full_name(name, span, range(span.start, span.end))
    for span in shared_surname_names(doc, full):
        full_name(span.kb_id_, span, range(span.start, span.start + 1))
    unique = {surname: next(iter(names)) for surname, names in surnames.items()
              if len(names) == 1 and len(surname) > 2 and surname[:1].isupper()}
    if unique:
        for token in doc:
            name = unique.get(token.text)
            if name is None or token.i in full_tokens or token.idx < first_seen[name]:
                continue
            if _looks_like_surname(doc, token):
                found.append((name, token.idx, token.idx + len(token.text), False))
    return sorted(found, key=lambda f: f[1])


def _looks_like_surname(doc: Doc, token) -> bool:
    """"Mr Doe", "CEO Doe", "said Doe": not "West Virginia", "the West" or "North West"."""
    if token.pos_ != "PROPN":
        return False  # "Price rises ...": a common word at the start of a sentence
    if token.i > 0:
        prev = doc[token.i - 1]
        if prev.lower_ in ("the", "a", "an") or prev.text.endswith("-"):
            return False
        if prev.is_alpha and prev.text[:1].isupper() and not prev.is_sent_start and \
                prev.lower_.rstrip(".") not in HONORIFIC_WORDS and \
                not ROLE_WORD.fullmatch(prev.text):
            return False
    if token.i + 1 < len(doc):
        nxt = doc[token.i + 1]
        if nxt.is_alpha and nxt.text[:1].isupper() or nxt.text in ("-", "–"):
            return False
    return True


def _unknown_name_before(text: str, position: int, sent: Span,
                         mentions: list[CompanyMention]) -> bool:
    """"Fed chairman Jane Doe", "Transport Department CEO Jane Doe": the role belongs to a
    name before it that is not one of the sentence's companies."""
    match = re.search(r"([A-Z][\w&.’'-]*)\s+$", text[sent.start_char:position])
    if match is None:
        return False
    word_start, word_end = sent.start_char + match.start(1), sent.start_char + match.end(1)
    if not text[sent.start_char:word_start].strip(" \n“\"'‘("):
        # "Former CEO Jane Doe": a capital at the start of a sentence is a name only if the
        # model reads a proper noun there ("Acme CEO Jane Doe")
        words = sent.doc.char_span(word_start, word_end, alignment_mode="expand")
        if words is None or all(t.pos_ != "PROPN" for t in words):
            return False
    return not any(m.start < word_end <= m.end or re.fullmatch(
        rf"\s*,?\s*(?:{LEGAL}\.?)?{POSSESSIVE}?", text[m.end:word_end]) for m in mentions
        if m.start < word_end)


def _people_ents(sent: Span, after: int) -> list[Span]:
    """The model's people after `after`; not the companies it calls people ("Jo Roe, who
    chairs Kappa Trucks": the linker read Kappa Trucks as a company)."""
    companies = [(m.start, m.end)
                 for m in sentence_mentions(sent.doc, sent.start_char, sent.end_char)]
    return [e for e in sentence_ents(sent.doc, after, sent.end_char) if e.label_ == "PERSON"
            and not overlaps(e.start_char, e.end_char, companies)]


def main_company(mentions: list[CompanyMention]) -> CompanyMention | None:
    """The company an article is about: the only one it names, else clearly the most mentioned
    one (three times or more)."""
    counts = Counter(m.name for m in mentions).most_common(2)
    if not counts or len(counts) > 1 and (counts[0][1] < 3 or counts[1][1] * 2 > counts[0][1]):
        return None
    return next(m for m in mentions if m.name == counts[0][0])


def is_government(text: str, start: int, mentions: list[CompanyMention]) -> bool:
    """"Lt. Gov. Jane Doe", "Transport Minister Jane Doe"; not "Acme President Jane Doe"."""
    match = GOVERNMENT_TITLE.search(text[max(0, start - 40):start])
    if match is None:
        return False
    if match.group("ambiguous"):
        title_start = start - len(match.group(0))
        return not any(re.fullmatch(rf"\s*{POSSESSIVE}?\s*(?:[A-Z][\w&-]*\s+){{0,3}}",
                                    text[m.end:title_start])
                       for m in mentions if m.end <= title_start)
    return True


def _unit_of(text: str, after: list[CompanyMention], index: int) -> int:
    """"..., chief operating officer of GM's Cruise unit" -> the index of Cruise."""
    if index + 1 < len(after) and re.fullmatch(rf"\s*(?:{LEGAL}\.?)?\s*{POSSESSIVE}\s*",
                                               text[after[index].end:after[index + 1].start]):
        return index + 1
    return index


def _spelled_as(name: str, mentions: list[CompanyMention] | None) -> CompanyMention | None:
    """The company mention whose text, name or short form is this name in other letters
    ("Nio" for "NIO", "Pemberly" for "Pemberly Lease"): the model tags a company once and
    misses the other spelling."""
    words = name.casefold().split()
    for n in range(len(words), 0, -1):  # "Acme UK" is Acme's
        key = " ".join(words[:n])
        if found := next((m for m in mentions or []
                          if key in (m.text.casefold(), m.name.casefold(),
                                     (short_form(m.name) or "").casefold())), None):
            return found
    return None


def _names_someone(words: str) -> bool:
    """"John Doe", "longtime executive John Doe": not "him" or "the old system"."""
    return any(word[:1].isupper() for word in words.split())


def shared_surname_names(doc: Doc, people: list[Span]) -> list[Span]:
    """"founded by Jane and John Roe": the first name alone before "and" shares the full
    name's surname. Each span is the lone first name; its kb_id_ is the full name."""
    mentions = doc._.company_mentions or []
    found = []
    for ent in people:
        if len(ent) != 2 or ent.start < 2 or doc[ent.start - 1].lower_ not in ("and", "&"):
            continue
        first = doc[ent.start - 2]
        if not (first.is_title and first.is_alpha) or first.ent_type_ == "ORG" or \
                first.lower_ in HONORIFIC_WORDS or ROLE_WORD.fullmatch(first.text):
            continue
        if first.i > 0 and doc[first.i - 1].is_title and not first.is_sent_start:
            continue  # "Jane Roe and John Doe": two full names
        if any(m.start <= first.idx < m.end for m in mentions):
            continue  # "Acme and John Roe"
        found.append(Span(doc, first.i, first.i + 1, label="PERSON",
                          kb_id=f"{first.text} {ent[-1].text}"))
    return found


# "Acme's electric van unit": a part of the company named before it
OWN_UNIT_AFTER = re.compile(rf"{POSSESSIVE}\s+(?:[\w-]+\s+){{0,3}}(?:division|unit|business|arm|"
                            r"operations|team|subsidiary)\b", re.I)


def _possessive_kept(text: str, mention: CompanyMention, start: int) -> str:
    """The text from a company's name to a person's, with the possessive the model may have
    tagged as part of the name ("Acme's" as one entity)."""
    tail = re.search(rf"{POSSESSIVE}$", text[mention.start:mention.end])
    return (tail.group(0) if tail else "") + text[mention.end:start]


def _followed_by_possessive(text: str, mention: CompanyMention) -> bool:
    """"Acme's", with the possessive after the name or inside the model's entity."""
    return bool(re.match(rf"{POSSESSIVE}\s", text[mention.end:mention.end + 3]) or
                re.search(rf"\w{POSSESSIVE}$", text[mention.start:mention.end]))


def _last_role(role: str) -> str:
    """"investor, chairman and CEO" -> "chairman and CEO"; keeps a qualifier like "former"."""
    parts = re.split(r",\s*", role)
    return parts[-1] if ROLE_WORD.search(parts[-1]) else role


@Language.factory("rivalscope_people")
def make_people_finder(nlp: Language, name: str) -> PeopleFinder:
    return PeopleFinder()
