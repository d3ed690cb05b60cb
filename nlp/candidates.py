"""Candidate facts and their features, for the trained scorer to judge.

Candidates come from two sources: the rule components (deals, fleet, people, companies),
which are precise but miss much, and broad generators that propose every plausible reading
of a sentence (every pattern-triggered deal type over every set of its companies, every
number beside a vehicle noun for every company that could own it, every person for every
company near them). A candidate's features are plain strings (its type, how it was found,
a few words with the parties masked, how its parts hang together); the scorer learns from
the labelled corpus which combinations make a true fact. Features that name single words
or raw parse labels are kept few: a few hundred labelled facts are learnt by heart through
them (see the cross-validated figures beside each kind's features).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from spacy.tokens import Doc, Span, Token

from nlp.companies import PERSON_VETOES_KEY
from nlp.company_cues import company_cue, describes_next, named_as_company
from nlp.company_forms import looks_like_company
from nlp.deal_evidence import evidence_features
from nlp.doctext import POSSESSIVE, doc_ents, doc_text, overlaps
from nlp.facts import CompanyMention, Deal, FleetFigure, Person
from nlp.fleet import FLEET_WORDS, TRAP_WORDS
from nlp.numbers import NUMBER_RE, parse_number
from nlp.patterns import PatternMatcher, Trigger
from nlp.people import (
    PERSON_PATTERNS,
    ROLE_WORD,
    clean_name,
    normalise_role,
    shared_surname_names,
)
from nlp.person_names import names_beside_roles, role_word, tagged_people
from nlp.posts import POST_WORDS
from nlp.vehicles import VEHICLE_LEMMAS

MAX_PARTIES = 6  # companies of one sentence combined into candidate party sets
STANDING_KEY = "rivalscope_company_standing"  # doc.user_data cache of company_status
# Verbs of having or running a fleet, read around a count (lemmas).
FLEET_VERBS = {"operate", "run", "manage", "own", "lease", "have", "deploy", "field",
               "maintain", "service", "total", "comprise", "include", "number", "grow",
               "expand", "reach", "count", "boast"}
FLEET_WINDOW = 8  # tokens either side of a count


@dataclass
class Candidate:
    """One possible fact: its identity, the fact to emit, and the scorer's features."""

    kind: str  # "deal" | "fleet" | "person" | "company"
    key: tuple
    fact: Any
    features: list[str] = field(default_factory=list)
    rule: bool = False
    score: float = 0.0


def _keep(candidates: dict[tuple, Candidate], key: tuple, candidate: Candidate) -> None:
    """Keep one candidate per key; a rule component's candidate wins over a broad one."""
    if key not in candidates or candidate.rule and not candidates[key].rule:
        candidates[key] = candidate


def _norm(word: str) -> str:
    return re.sub(r"[^a-z0-9$€£%-]+", "", word.lower())[:24] or "sym"


def _word(token: Token, masks: dict[int, str]) -> str | None:
    """A token as the scorer reads it: its mask ("PARTY", "ORG", ...) or its lemma."""
    if token.i in masks:
        return masks[token.i]
    if token.is_space or token.is_punct and token.text not in "$€£%":
        return None
    if token.like_num:
        return "NUM"
    return _norm(token.lemma_ or token.text)


def _masked(tokens: Iterable[Token], masks: dict[int, str]) -> list[str]:
    words: list[str] = []
    for token in tokens:
        word = _word(token, masks)
        if word is not None and not (words and words[-1] == word and word.isupper()):
            words.append(word)
    return words


DESCRIBING = ("relcl", "appos", "acl")  # "Kappa, whose vans cover Ireland, ...", "Kappa, a unit"


def _not_describing(tokens: Span, masks: dict[int, str]) -> list[Token]:
    """The tokens without the clauses and appositions that describe a party ("Kappa, whose
    1,900 vans cover Ireland, is being sold to Beta": "is being sold to")."""
    skipped = {d.i for t in tokens if t.dep_ in DESCRIBING and masks.get(t.head.i) == "PARTY"
               for d in t.subtree}
    return [t for t in tokens if t.i not in skipped]


def _span(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


def _dep_path(a: Token, b: Token, limit: int = 4) -> str:
    """The dependency labels from a up to the common ancestor and down to b."""
    up: list[Token] = [a, *a.ancestors]
    up_index = {t.i: n for n, t in enumerate(up)}
    down: list[str] = []
    node = b
    for _ in range(12):
        if node.i in up_index:
            ups = [t.dep_ for t in up[:up_index[node.i]]]
            path = [f"{d}^" for d in ups] + [f"{d}v" for d in reversed(down)]
            return "_".join(path[:limit]) if len(path) <= limit else "far"
        down.append(node.dep_)
        if node.head.i == node.i:
            break
        node = node.head
    return "none"


def _mention_roots(doc: Doc, mentions: list[CompanyMention]) -> dict[str, list[Token]]:
    roots: dict[str, list[Token]] = {}
    for m in mentions:
        span = _span(doc, m.start, m.end)
        if span is not None:
            roots.setdefault(m.name, []).append(span.root)
    return roots


def _masks(doc: Doc, sent: Span, mentions: list[CompanyMention], parties: set[str],
           extra: dict[int, str] | None = None) -> dict[int, str]:
    masks: dict[int, str] = dict(extra or {})
    for m in mentions:
        span = _span(doc, m.start, m.end)
        if span is None:
            continue
        for token in span:
            masks.setdefault(token.i, "PARTY" if m.name in parties else "ORG")
    for ent in doc_ents(doc):
        if sent.start <= ent.start < sent.end and ent.label_ in ("PERSON", "MONEY", "GPE",
                                                                  "DATE"):
            for token in ent:
                masks.setdefault(token.i, ent.label_)
    return masks


def company_status(doc: Doc, name: str, prefix: str, known_too: bool = True) -> list[str]:
    """What the text says of a fact's company: known to the gazetteer (unless not known_too),
    kept by the linker's rules, how often named. "Mobility & Business" (a role's words the
    model tagged ORG once) is no company a person works for; a company named five times may
    well be."""
    standing = doc.user_data.get(STANDING_KEY)
    if standing is None:  # once per text: name -> [known, linked, times named]
        standing = doc.user_data[STANDING_KEY] = {}
        for m in doc._.company_mentions or []:
            row = standing.setdefault(m.name, [False, False, 0])
            row[0], row[1], row[2] = row[0] or m.known, row[1] or m.linked, row[2] + 1
    if name not in standing:
        return [f"{prefix}_absent"]
    known, linked, count = standing[name]
    return [*([f"{prefix}_known_{known}"] if known_too else []), f"{prefix}_linked_{linked}",
            f"{prefix}_n_{min(count, 4)}"]


# ---------------------------------------------------------------- deals


def deal_candidates(doc: Doc, sentences: list[tuple[Span, list[CompanyMention]]],
                    matcher: PatternMatcher, rule_deals: list[Deal]) -> list[Candidate]:
    """Every pattern-triggered type over every set of companies of its sentence (not the
    words that describe the next one: "Falkirk manufacturer Kappa"), plus the rule
    components' deals (which may reach across sentences)."""
    candidates: dict[tuple, Candidate] = {}
    by_sentence: dict[int, list[Deal]] = {}
    for deal in rule_deals:
        by_sentence.setdefault(deal.start, []).append(deal)
    for sent, mentions in sentences:
        names = list(dict.fromkeys(m.name for m in mentions
                                   if not describes_next(doc, m, mentions)))[:MAX_PARTIES]
        rules_here = by_sentence.get(sent.start_char, [])
        triggers = matcher(sent)
        types = {t.type for t in triggers}
        party_sets: list[tuple[str, ...]] = [tuple(p) for p in combinations(names, 2)]
        if 3 <= len(names) <= 5:
            party_sets.append(tuple(names))
        ruled = {(d.type, frozenset(d.parties)): d for d in rules_here}
        for deal in rules_here:
            types.add(deal.type)
            if tuple(deal.parties) not in party_sets:
                party_sets.append(tuple(deal.parties))
        if not types or not party_sets:
            continue
        roots = _mention_roots(doc, mentions)
        for deal_type in sorted(types):
            for parties in party_sets:
                key = (deal_type, frozenset(parties))
                rule = ruled.get(key)
                features = deal_features(doc, sent, deal_type, parties, names, mentions,
                                         roots, triggers, rule, ruled)
                fact = rule or Deal(type=deal_type, status="announced", parties=list(parties),
                                    roles={}, evidence=sent.text.strip(),
                                    start=sent.start_char, end=sent.end_char)
                _keep(candidates, (key, sent.start_char),
                      Candidate("deal", key, fact, features, rule is not None))
    for deal in rule_deals:  # rule deals whose parties reach past their sentence
        key = (deal.type, frozenset(deal.parties))
        if (key, deal.start) not in candidates:
            sent = _span(doc, deal.start, max(deal.start + 1, deal.end))
            if sent is None:
                continue
            sent = sent.sent
            features = ["rule", f"rule_{deal.type}", f"t_{deal.type}", "cross_sentence",
                        f"np_{min(len(deal.parties), 3)}"]
            candidates[(key, deal.start)] = Candidate("deal", key, deal, features, True)
    return list(candidates.values())


def deal_features(doc: Doc, sent: Span, deal_type: str, parties: tuple[str, ...],
                  names: list[str], mentions: list[CompanyMention],
                  roots: dict[str, list[Token]], triggers: list[Trigger],
                  rule: Deal | None, ruled: dict) -> list[str]:
    t = deal_type
    features = [f"t_{t}", f"np_{min(len(parties), 4)}", f"nc_{min(len(names), 6)}",
                "allin" if len(parties) == len(names) else "notall"]
    if rule is not None:
        # the rule's reading of the parties' parts ("seller" and "acquirer" for "sold its unit
        # to Beta", where "sale" alone is mostly a word of sales figures)
        features += ["rule", f"rule_{t}",
                     f"rule_roles_{'_'.join(sorted(set(rule.roles.values()))) or 'none'}"]
    else:
        same_parties = [d.type for (dt, ps), d in ruled.items() if ps == frozenset(parties)]
        features += [f"rule_other_{d}" for d in same_parties] or ["norule"]
        if ruled:
            features.append("rule_in_sentence")
    if sent.start == 0 or doc_text(doc)[:sent.start_char].count("\n\n") == 0:
        features.append("lead")
    own = [tr for tr in triggers if tr.type == t]
    for tr in own or triggers[:1]:
        features += [f"trig_{tr.name}", f"{t}_trig_{_norm(doc[tr.start].lemma_)}"]
    other_types = {tr.type for tr in triggers} - {t}
    features += [f"also_{o}" for o in sorted(other_types)]
    features += [f"{t}_also_{o}" for o in sorted(other_types)]
    for name in parties:
        for root in roots.get(name, [])[:1]:
            features.append(f"phead_{_norm(root.head.lemma_)}")
    features += _party_standing(doc, parties, roots)
    features += evidence_features(doc, sent, t, parties, mentions, roots, triggers)
    # How each party hangs on the deal word (evidence_features) and the words between the
    # parties; not the raw parse (dependency labels, paths between the parties and to the
    # deal word) nor the words just outside the parties, nor n-grams of the sentence: with a
    # few hundred labelled deals those are learnt by heart. 5-fold CV on train, deals F1
    # with -> without the parse and outside words: 0.579 -> 0.600, with every held-out
    # company unknown (--harsh) 0.533 -> 0.554, harsh with the rules silent on half their
    # facts 0.517 -> 0.532 (n-grams of the sentence cost more: 0.37 against 0.44).
    masks = _masks(doc, sent, mentions, set(parties))
    party_tokens = sorted(i for i, m in masks.items() if m == "PARTY")
    if party_tokens:
        between = _masked(_not_describing(doc[party_tokens[0]:party_tokens[-1] + 1], masks),
                          masks)
        features += [f"btw_{w}" for w in between[:10]]
        features.append(f"span_{min((party_tokens[-1] - party_tokens[0]) // 5, 6)}")
    return features


def _party_standing(doc: Doc, parties: tuple[str, ...],
                    roots: dict[str, list[Token]]) -> list[str]:
    """What the parties are: known to the gazetteer, kept by the linker's rules, how often
    named (the union over the parties: "p_known_False" when one is unknown), and the model's
    label of their words ("Abu Dhabi" GPE, a person's name). Cross-validated on train, the
    deals at the profile threshold: precision 0.82 at recall 0.17 with these, 0.82 at 0.14
    without; F1 at the emit threshold unchanged (0.43)."""
    # Not whether the gazetteer knows a party: it knows nearly every company of the texts the
    # scorer learns from, and far fewer of the news it reads (on the CV of train, deals F1
    # 0.556 -> 0.564, and 0.496 -> 0.500 with every held-out company unknown).
    features = sorted({f for name in parties
                       for f in company_status(doc, name, "p", known_too=False)})
    labels = {roots[name][0].ent_type_ or "none" for name in parties if roots.get(name)}
    return features + [f"pent_{label}" for label in sorted(labels)]


# ---------------------------------------------------------------- fleet figures


def fleet_candidates(doc: Doc, sentences: list[tuple[Span, list[CompanyMention]]],
                     rule_figures: list[FleetFigure], main: str | None) -> list[Candidate]:
    """Every number beside a vehicle noun or a fleet word, for every company that could own
    it, plus the rule component's figures."""
    candidates: dict[tuple, Candidate] = {}
    ruled = {(f.company, f.count): f for f in rule_figures}
    # The owner a rule gave a figure from outside its sentence ("The latter is active ...",
    # "The leasing company operated ..."): a candidate owner there, judged on the same
    # features as the sentence's own companies rather than on the rule alone.
    rule_owners: dict[int, list[str]] = {}
    for figure in rule_figures:
        rule_owners.setdefault(figure.start, []).append(figure.company)
    previous: list[CompanyMention] = []
    text = doc_text(doc)
    for sent, mentions in sentences:
        lemmas = {t.lemma_.lower() for t in sent}
        if not lemmas & VEHICLE_LEMMAS and not lemmas & FLEET_WORDS:
            previous = mentions or previous
            continue
        owners = list(dict.fromkeys(m.name for m in mentions))[:MAX_PARTIES]
        sources = dict.fromkeys(owners, "here")
        if not owners:
            sources = dict.fromkeys(list(dict.fromkeys(m.name for m in previous))[:2],
                                    "previous")
            if main and main not in sources:
                sources[main] = "previous"
        for name in rule_owners.get(sent.start_char, []):
            sources.setdefault(name, "rule")
        owners = list(sources)
        previous = mentions or previous
        roots = _mention_roots(doc, mentions)
        for match in NUMBER_RE.finditer(text, sent.start_char, sent.end_char):
            count = parse_number(match.group(0))
            if count is None or count < 2 or 1900 <= count <= 2100 and "," not in match.group(0):
                continue
            number = _span(doc, match.start(), match.end())
            if number is None or _is_money_or_share(doc, number) or _is_change(doc, number):
                continue
            unit, distance = _unit_after(doc, number)
            fleet_near = any(t.lower_ in FLEET_WORDS for t in
                             doc[max(sent.start, number.start - 8):min(sent.end, number.end + 8)])
            if unit is None and (not fleet_near or _counts_other_things(number)):
                continue
            for owner in owners:
                key = (owner, count)
                rule = ruled.get(key)
                fact = rule or FleetFigure(
                    company=owner, count=count, unit=unit or "vehicles",
                    approximate=_approximate(doc, number), qualifier=None,
                    context="operates", scope="total", evidence=sent.text.strip(),
                    start=sent.start_char, end=sent.end_char)
                features = fleet_features(doc, sent, number, unit, distance, fleet_near,
                                          owner, owners, sources[owner], mentions, roots,
                                          rule, ruled, count)
                _keep(candidates, key, Candidate("fleet", key, fact, features, rule is not None))
    for figure in rule_figures:
        key = (figure.company, figure.count)
        if key not in candidates:
            candidates[key] = Candidate("fleet", key, figure,
                                        ["rule", f"rule_ctx_{figure.context}", "rule_only"],
                                        True)
    return list(candidates.values())


def _is_money_or_share(doc: Doc, number: Span) -> bool:
    before = doc[number.start - 1] if number.start > 0 else None
    after = doc[number.end] if number.end < len(doc) else None
    if before is not None and before.text in "$€£¥":
        return True
    if after is not None and after.lower_ in ("to", "-", "–") and number.end + 2 < len(doc) \
            and doc[number.end + 1].like_num:  # "60 to 75 per cent"
        after = doc[number.end + 2]
    return after is not None and after.lower_ in ("%", "percent", "pct", "per")


def _counts_other_things(number: Span) -> bool:
    """ "700 employees", "three other bidders": the number counts a noun that is no vehicle
    (a count without a unit, beside the word fleet, is read only when it counts nothing
    else: "a fleet of 2,500")."""
    root = number.root
    return root.dep_ == "nummod" and root.head.pos_ in ("NOUN", "PROPN") and \
        root.head.lemma_.lower() not in VEHICLE_LEMMAS and root.head.lower_ not in FLEET_WORDS


def _is_change(doc: Doc, number: Span) -> bool:
    """ "grew by 1,350 to 44,000", "grew by 120 buses to 2,020": the step of a change, not
    a size."""
    if number.start == 0 or doc[number.start - 1].lower_ != "by":
        return False
    after = doc[number.end:number.end + 4]
    if len(after) >= 3 and after[0].lemma_.lower() in VEHICLE_LEMMAS:
        after = after[1:]  # the step's unit
    return len(after) >= 2 and after[0].lower_ == "to" and after[1].like_num


def _unit_after(doc: Doc, number: Span) -> tuple[str | None, int]:
    for distance, token in enumerate(doc[number.end:min(len(doc), number.end + 5)]):
        if token.is_punct and token.text not in "-–":
            break
        if token.lemma_.lower() in VEHICLE_LEMMAS and token.lower_ not in FLEET_WORDS:
            return token.text.lower(), distance
    return None, -1


def _approximate(doc: Doc, number: Span) -> bool:
    before = " ".join(t.lower_ for t in doc[max(0, number.start - 3):number.start])
    return bool(re.search(r"about|around|approximately|roughly|some|nearly|almost|more than|"
                          r"over|close to|estimated|in excess of", before))


def fleet_features(doc: Doc, sent: Span, number: Span, unit: str | None, distance: int,
                   fleet_near: bool, owner: str, owners: list[str], source: str,
                   mentions: list[CompanyMention], roots: dict[str, list[Token]],
                   rule: FleetFigure | None, ruled: dict, count: int) -> list[str]:
    features = [f"src_{source}", f"no_{min(len(owners), 4)}",
                f"mag_{min(len(str(count)), 7)}", "fleet_near" if fleet_near else "no_fleet",
                *company_status(doc, owner, "own")]
    if rule is not None:
        features += ["rule", f"rule_ctx_{rule.context}", f"rule_scope_{rule.scope}"]
    elif any(c == count for (_, c) in ruled):
        features.append("rule_count_other_owner")
    elif any(o == owner for (o, _) in ruled):
        features.append("rule_owner_other_count")
    else:
        features.append("norule")
    features.append(f"unit_{_norm(unit) if unit else 'none'}")
    features.append(f"udist_{distance}")
    # Not the words the number hangs on (its head, the head's head, the verbs above): those
    # are learnt by heart. 5-fold CV on train, fleet F1 with -> without them: 0.808 ->
    # 0.840, with every held-out company unknown (--harsh) 0.752 -> 0.788, harsh with the
    # rules silent on half their facts 0.660 -> 0.667.
    features.append(f"ndep_{number.root.dep_}")
    for root in roots.get(owner, [])[:1]:
        features += [f"odep_{root.dep_}", f"opath_{_dep_path(root, number.root)}",
                     "owner_before" if root.i < number.start else "owner_after"]
        if root.dep_ == "poss" and root.head.lower_ in FLEET_WORDS:
            features.append("owner_owns_fleet")  # "Kappa's electric fleet"
        if root.dep_ in ("nsubj", "nsubjpass") and root.head in number.root.ancestors:
            features.append("owner_subject")  # "Kappa operates over 300 aircraft"
        gap = abs(root.i - number.start)
        features.append(f"ogap_{min(gap // 4, 6)}")
    # The words right beside the number, not n-grams of a window or of the sentence (those
    # are learnt by heart: cross-validated F1 on train 0.55 with a window's, 0.59 without).
    masks = _masks(doc, sent, mentions, {owner}, {t.i: "COUNT" for t in number})
    beside = _masked(doc[max(sent.start, number.start - 2):min(sent.end, number.end + 2)],
                     masks)
    features += [f"near_{w}" for w in beside]
    features += _fleet_cues(doc, sent, number)
    return features


def _fleet_cues(doc: Doc, sent: Span, number: Span) -> list[str]:
    """Classes of words around a count, which a few dozen labelled figures can learn where
    single words cannot: a verb of having a fleet, a word of an order or a sale, "its"."""
    before = doc[max(sent.start, number.start - FLEET_WINDOW):number.start]
    after = doc[number.end:min(sent.end, number.end + FLEET_WINDOW)]
    cues = []
    for side, tokens in (("before", before), ("after", after)):
        if any(TRAP_WORDS.fullmatch(t.text) for t in tokens):
            cues.append(f"trap_{side}")
        if any(t.lemma_.lower() in FLEET_VERBS for t in tokens):
            cues.append(f"fverb_{side}")
        if any(t.lower_ in FLEET_WORDS for t in tokens):
            cues.append(f"fleetword_{side}")
    if any(t.lower_ in ("its", "their") or t.dep_ == "poss" for t in before[-4:]):
        cues.append("possessed")
    return cues or ["no_cue"]


# ---------------------------------------------------------------- people


def people_candidates(doc: Doc, sentences: list[tuple[Span, list[CompanyMention]]],
                      rule_people: list[Person], main: str | None) -> list[Candidate]:
    """Every named person for every company of their sentence (or the text's main company),
    plus the rule component's people."""
    candidates: dict[tuple, Candidate] = {}
    ruled = {(p.name, p.company): p for p in rule_people}
    ents = person_spans(doc)
    full_names: dict[str, str] = {}  # surname -> the first full name that ends with it
    for ent in ents:
        name = person_name(ent)
        if len(name.split()) >= 2:
            full_names.setdefault(name.split()[-1], name)
    sentence_of = {sent.start: (sent, mentions) for sent, mentions in sentences}
    for ent in ents:
        sent = ent.sent
        if sent.start not in sentence_of:
            continue
        _, mentions = sentence_of[sent.start]
        if any((m.start, m.end) == (ent.start_char, ent.end_char) and m.known
               for m in mentions) or named_as_company(ent):
            continue  # a company the gazetteer knows or its name says, taken for a person
        name = person_name(ent)
        if len(name.split()) == 1:  # "Mr Roe" after "Jo Roe" is Jo Roe
            name = full_names.get(name, name)
        # a person is not their own company: the linker's company of this very name is
        # the model's misreading ("headed by Jane Roe" tagged as an organisation)
        companies = list(dict.fromkeys(
            m.name for m in mentions
            if not overlaps(ent.start_char, ent.end_char, [(m.start, m.end)])))[:MAX_PARTIES]
        source = "here"
        if not companies and main:
            companies, source = [main], "main"
        roots = _mention_roots(doc, mentions)
        for company in companies:
            key = (name, company)
            rule = ruled.get(key)
            fact = rule or Person(name=name, role=_role_near(doc, ent), company=company,
                                  evidence=sent.text.strip(), start=sent.start_char,
                                  end=sent.end_char)
            features = person_features(doc, sent, ent, company, companies, source, mentions,
                                       roots, rule, ruled)
            _keep(candidates, key, Candidate("person", key, fact, features, rule is not None))
    for person in rule_people:
        key = (person.name, person.company)
        if key not in candidates:
            candidates[key] = Candidate("person", key, person, [
                "rule", "rule_only", f"rule_via_{_rule_pattern(doc, person)}"], True)
    return list(candidates.values())


def _rule_pattern(doc: Doc, person: Person) -> str:
    """The name of the people pattern that read this person at this company."""
    return doc.user_data.get(PERSON_PATTERNS, {}).get((person.name, person.company)) or "none"


def person_spans(doc: Doc) -> list[Span]:
    """The people of a text, in order: the model's PERSON entities of two words or more, the
    names it missed beside a role (names_beside_roles), and a first name that shares the
    next name's surname ("Jane and John Roe")."""
    # "Atto 3", "Model 3": a name with a number in it is a product's, not a person's
    ents = [e for e in doc_ents(doc) if e.label_ == "PERSON" and len(e) >= 2 and
            not any(t.is_digit for t in e)]
    return sorted([*ents, *names_beside_roles(doc, tagged_people(doc)),
                   *shared_surname_names(doc, ents)],
                  key=lambda e: e.start)


def person_name(span: Span) -> str:
    """The full name a person span stands for ("Jane" of "Jane and John Roe" is Jane Roe)."""
    return span.kb_id_ or clean_name(" ".join(span.text.split()))


def _role_near(doc: Doc, ent: Span) -> str | None:
    """The role phrase nearest the name ("chief financial officer", read with the people
    rules' pattern), else the nearest role word; joining the role words of the window made
    "chief officer" of "chief financial officer"."""
    window = doc[max(0, ent.start - 5):min(len(doc), ent.end + 8)]
    name_at = ent.start_char - window.start_char
    phrases = list(ROLE_WORD.finditer(window.text))
    if phrases:
        return normalise_role(min(phrases, key=lambda m: abs(m.start() - name_at)).group(0))
    words = [t for t in window if t.lower_ in POST_WORDS]
    return min(words, key=lambda t: abs(t.i - ent.start)).lower_ if words else None


def person_features(doc: Doc, sent: Span, ent: Span, company: str, companies: list[str],
                    source: str, mentions: list[CompanyMention],
                    roots: dict[str, list[Token]], rule: Person | None,
                    ruled: dict) -> list[str]:
    in_org = overlaps(ent.start_char, ent.end_char, ((m.start, m.end) for m in mentions))
    features = [f"src_{source}", f"nc_{min(len(companies), 4)}",
                "ner" if ent.label_ == ent.root.ent_type_ else "shape",
                "name_in_org" if in_org else "name_apart",
                f"len_{min(len(ent), 4)}", f"pdep_{ent.root.dep_}",
                *company_status(doc, company, "co")]
    if rule is not None:
        features += ["rule", f"rule_role_{'yes' if rule.role else 'no'}",
                     f"rule_via_{_rule_pattern(doc, rule)}"]
    elif any(n == ent.text for (n, _) in ruled):
        features.append("rule_other_company")
    else:
        features.append("norule")
    for root in roots.get(company, [])[:1]:
        features += [f"cdep_{root.dep_}", f"cpath_{_dep_path(ent.root, root)}",
                     "company_before" if root.i < ent.start else "company_after",
                     f"cgap_{min(abs(root.i - ent.start) // 3, 6)}"]
    # The role words around the name, not the words themselves nor the name's head word:
    # those are learnt by heart. 5-fold CV on train, people F1 with -> without the window's
    # words and bigrams and the head word: 0.860 -> 0.862, with every held-out company
    # unknown (--harsh) 0.831 -> 0.836, harsh with the rules silent on half their facts
    # 0.766 -> 0.789.
    window = doc[max(sent.start, ent.start - 6):min(sent.end, ent.end + 8)]
    roles = [t for t in window if role_word(t)]
    features += [f"role_{role_word(t)}" for t in roles]
    # A role at all, and right beside the name: classes a few hundred people can learn
    close = [t for t in roles if ent.start - 3 <= t.i < ent.end + 3]
    features += ["role_any" if roles else "role_none", "role_close" if close else "role_far"]
    features.append(f"role_owner_{_role_owner(doc, sent, ent, mentions, company)}")
    return features




ROLE_GLUE = {"and", "&", "of", "for", "-", "co", "senior", "executive", "vice", "group",
             "global"}
MAX_ROLE_TOKENS = 8  # "Executive Vice President and Chief Operating Officer"


def _role_owner(doc: Doc, sent: Span, ent: Span, mentions: list[CompanyMention],
                company: str) -> str:
    """Whose role stands right before the name: "Kappa CEO Jo Roe" is the candidate
    company's ("this") when Kappa is it, another name's ("other") when the word before the
    role is a name that is not the company ("Beta CEO Jo Roe", with Beta unrecognised),
    "none" without a role there."""
    start, head = ent.start, ent.root.head
    if ent.root.dep_ == "conj" and head.i < ent.start and head.pos_ == "PROPN":
        start = max(head.left_edge.i, sent.start)  # "Kappa founders Jo Roe and Al Ek"
    i, roles = start - 1, 0
    while i >= sent.start and start - i <= MAX_ROLE_TOKENS and (
            role_word(doc[i]) or doc[i].lower_ in ROLE_GLUE or
            doc[i].text in ("'s", "’s", "'", "’", ",")):
        roles += bool(role_word(doc[i]))
        i -= 1
    if not roles or i < sent.start:
        return "none"
    word = doc[i]
    if any(m.name == company and m.start <= word.idx < m.end for m in mentions):
        return "this"
    if word.text[:1].isupper() and word.is_alpha and (not word.is_sent_start or
                                                      word.pos_ == "PROPN"):
        return "other"
    return "none"


# ---------------------------------------------------------------- companies


# Places whose possessive names no owner: "Germany's Kappa"
PLACE_POSSESSOR_LABELS = ("GPE", "NORP", "LOC")


def _word_before(doc: Doc, start: int) -> str:
    """The word before a company's name as a feature; a place's possessive apart from an
    owner's ("Germany's Kappa" is Kappa, "Kappa's Beta" a thing of Kappa's)."""
    word = doc[start - 1]
    if word.lower_ in POSSESSIVE and start > 1 and \
            doc[start - 2].ent_type_ in PLACE_POSSESSOR_LABELS:
        return "prev_place_s"
    return f"prev_{_norm(word.lemma_)}"


def _name_shape(doc: Doc, group: list[CompanyMention]) -> list[str]:
    """What a name's words say of it: a model number ("F-150 Lightning", "AGX Orin") is a
    product's, a verb inside it ("Italy Gives Conditional Approval") a headline's."""
    shapes = []
    for m in group[:3]:
        span = _span(doc, m.start, m.end)
        if span is None:
            continue
        if any(any(c.isdigit() for c in t.text) for t in span):
            shapes.append("name_digit")
        if any(t.tag_ in ("VBZ", "VBD", "VBP") for t in span[1:]):
            shapes.append("name_verb")
    return sorted(set(shapes)) or ["name_plain"]


def _coordinated_names(doc: Doc, mentions: list[CompanyMention]) -> dict[str, set[str]]:
    """For each company, the other companies named in one list with it ("Kappa and Beta",
    "Kappa, Beta and Gamma"): their mentions' roots hang by conjunctions (or the parser's
    appositions of a list) from one first name."""
    lists: dict[int, set[str]] = {}
    for name, roots in _mention_roots(doc, mentions).items():
        for first in roots:
            while first.dep_ in ("conj", "appos") and first.head.i != first.i:
                first = first.head
            lists.setdefault(first.i, set()).add(name)
    return {name: names - {name} for names in lists.values() if len(names) > 1
            for name in names}


def company_candidates(doc: Doc, mentions: list[CompanyMention],
                       facts: dict[str, set[str]]) -> list[Candidate]:
    """One candidate per canonical company the linker found; facts maps a company to the
    kinds of rule facts that name it."""
    by_name: dict[str, list[CompanyMention]] = {}
    for m in mentions:
        by_name.setdefault(m.name, []).append(m)
    total = max(1, len(mentions))
    text = doc_text(doc)
    in_people = {t.i for e in person_spans(doc) for t in e}
    vetoed = doc.user_data.get(PERSON_VETOES_KEY, set())
    listed_with = _coordinated_names(doc, mentions)
    candidates = []
    for name, group in by_name.items():
        first = group[0]
        inside = [m for m in group if (span := _span(doc, m.start, m.end)) is not None and
                  any(t.i in in_people for t in span)]
        known = next((m for m in group if m.known), None)  # the first mention may be unlinked
        features = [f"known_{known is not None}", f"kind_{(known or first).kind}",
                    f"linked_{any(m.linked for m in group)}",
                    f"n_{min(len(group), 6)}", f"share_{min(int(10 * len(group) / total), 5)}",
                    f"words_{min(len(name.split()), 4)}",
                    "upper" if name.isupper() else "mixed",
                    "first_sentence" if first.sent_start == 0 else "later",
                    "has_parent" if first.parent else "no_parent",
                    "in_person_all" if len(inside) == len(group) else
                    "in_person_some" if inside else "in_person_none",
                    "form_company" if any(looks_like_company(m.text) for m in group) else
                    "form_plain"]
        features += [f"fact_{kind}" for kind in sorted(facts.get(name, ()))] or ["no_fact"]
        cued = False
        for m in group[:6]:
            span = _span(doc, m.start, m.end)
            if span is None:
                continue
            cued = cued or company_cue(doc, span, text) is not None
            root = span.root
            features += [f"dep_{root.dep_}", f"head_{_norm(root.head.lemma_)}",
                         f"label_{span.label_ or root.ent_type_ or 'none'}"]
            if span.start > 0:
                features.append(_word_before(doc, span.start))
            if span.end < len(doc):
                features.append(f"next_{_norm(doc[span.end].lemma_)}")
        features.append("cue" if cued else "no_cue")  # "retailer Kappa", "Kappa, a bus operator"
        partners = listed_with.get(name, set())
        # "Kappa, Beta and Gamma": named in one list with other companies (one the gazetteer
        # knows, or any), as a passing mention of an unknown name often is. 5-fold CV on
        # train, F1 without -> with, normal / harsh / proxy, fold draws 7, 11, 23: companies
        # .888/.845/.846 -> .887/.849/.851, .891/.849/.849 -> .890/.850/.850, .885/.846/.846
        # -> .890/.847/.847; deals .601/.566/.550 -> .608/.563/.548, .584/.556/.538 ->
        # .595/.560/.539, .586/.548/.535 -> .592/.552/.536; people +.003 or unchanged.
        features.append("listed_known" if any(m.known for p in partners for m in by_name[p])
                        else "listed" if partners else "listed_not")
        features += _name_shape(doc, group)
        if vetoed.intersection(m.start for m in group):
            features.append("read_as_person")  # by the linker, where the model said ORG
        candidates.append(Candidate("company", (name,), name, features, True))
    return candidates
