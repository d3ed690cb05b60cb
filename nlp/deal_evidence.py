"""What a deal candidate's sentence says for it, whoever its parties are: how each party
hangs on the deal word (its subject, its object, "with", "from", "by" ...), how far from it
each party is named, and whether the names look like companies (a legal form or a business
word, the model's ORG label). These read the same on news whose companies the gazetteer
does not know, where "known to the gazetteer" and "named five times" say little."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from nlp.company_forms import looks_like_company
from nlp.deals import describes_the_subject, party_relation
from nlp.facts import CompanyMention
from nlp.patterns import Trigger

MAX_TRIGGERS = 3  # of the candidate's type, nearest first
NEAR, MID = 4, 10  # tokens between a party and its deal word
ARGUMENTS = frozenset({"subj", "obj", "poss", "by", "with", "from", "to", "of", "between",
                       "among", "into", "for", "and"})


def trigger_root(doc: Doc, trigger: Trigger) -> Token:
    """The word of a pattern's match that the parse hangs it on ("venture" of "joint
    venture")."""
    return doc[trigger.start:trigger.end].root


def evidence_features(doc: Doc, sent: Span, deal_type: str, parties: tuple[str, ...],
                      mentions: list[CompanyMention], roots: dict[str, list[Token]],
                      triggers: list[Trigger]) -> list[str]:
    """The candidate's evidence as scorer features (see the module's docstring)."""
    t = deal_type
    own = [trigger_root(doc, tr) for tr in triggers if tr.type == t][:MAX_TRIGGERS]
    features = ["first_sentence"] if sent.start == 0 else []
    relations, distances = [], []
    for name in parties:
        in_sentence = [r for r in roots.get(name, []) if sent.start <= r.i < sent.end]
        best, gap = "none", None
        for root in in_sentence:
            for trigger in own:
                relation = party_relation(root, trigger) or "none"
                distance = abs(root.i - trigger.i)
                if gap is None or (relation != "none", -distance) > (best != "none", -gap):
                    best, gap = relation, distance
        relations.append(best if best in ARGUMENTS else "other" if best != "none" else best)
        distances.append(gap)
    features += [f"{t}_rel_{r}" for r in relations]
    features.append(f"{t}_rels_{'_'.join(sorted(set(relations)))}")
    bound = sum(r in ARGUMENTS for r in relations)
    features.append("args_all" if bound == len(parties) else
                    "args_some" if bound else "args_none")
    known = [d for d in distances if d is not None]
    if known:
        far = max(known)
        features.append("dist_near" if far <= NEAR else "dist_mid" if far <= MID else
                        "dist_far")
    names = {m.name: m for m in mentions}
    formed = sum(looks_like_company(names[p].text) or looks_like_company(p)
                 for p in parties if p in names)
    features.append("form_all" if formed == len(parties) else
                    "form_some" if formed else "form_none")
    # "Kappa, which Beta owns, ordered vans from Gamma": Beta only describes Kappa
    if any(describes_the_subject(sent, names[p], mentions) for p in parties if p in names):
        features.append("party_describes_subject")
    tagged = sum(any(r.ent_type_ == "ORG" for r in roots.get(p, [])) for p in parties)
    features.append("org_all" if tagged == len(parties) else
                    "org_some" if tagged else "org_none")
    return features
