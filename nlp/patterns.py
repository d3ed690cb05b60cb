"""Rules as data: trigger patterns read from nlp/data/*_patterns.json into spaCy Matchers.

A pattern has a name, the fact type it proposes, a Matcher pattern over lemmas and
part-of-speech tags, and example sentences it must and must not match (a test runs them).
The code here interprets patterns; it spells none out.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

DATA = Path(__file__).parent / "data"


@dataclass(frozen=True)
class Pattern:
    name: str
    type: str
    pattern: list[dict[str, Any]]
    match: tuple[str, ...] = ()
    no_match: tuple[str, ...] = ()
    rule: bool = False  # also a trigger of the rule component, not only of candidates


@dataclass(frozen=True)
class Trigger:
    """One pattern's match: the pattern name, the type it proposes and the matched tokens."""

    name: str
    type: str
    start: int  # token offsets in the Doc
    end: int


@lru_cache(maxsize=4)
def load_patterns(kind: str) -> tuple[Pattern, ...]:
    """The patterns of nlp/data/<kind>_patterns.json ("deal", ...)."""
    data = json.loads((DATA / f"{kind}_patterns.json").read_text(encoding="utf-8"))
    return tuple(Pattern(p["name"], p["type"], p["pattern"], tuple(p.get("match", ())),
                         tuple(p.get("no_match", ())), p.get("rule", False))
                 for p in data["patterns"])


@lru_cache(maxsize=1)
def deal_types() -> dict[str, dict[str, Any]]:
    """The registry of deal types (nlp/data/deal_types.json): precedence, roles, labels."""
    data = json.loads((DATA / "deal_types.json").read_text(encoding="utf-8"))
    return data["types"]


class PatternMatcher:
    """A Matcher over one pattern file (or only its patterns marked "rule"), returning named,
    typed triggers."""

    def __init__(self, vocab: Vocab, kind: str, rules_only: bool = False) -> None:
        self.patterns = {p.name: p for p in load_patterns(kind) if p.rule or not rules_only}
        self.matcher = Matcher(vocab)
        for pattern in self.patterns.values():
            self.matcher.add(pattern.name, [pattern.pattern])

    def __call__(self, doclike: Doc | Span) -> list[Trigger]:
        offset = doclike.start if isinstance(doclike, Span) else 0
        found = []
        for match_id, start, end in self.matcher(doclike):
            name = self.matcher.vocab.strings[match_id]
            found.append(Trigger(name, self.patterns[name].type, offset + start, offset + end))
        return sorted(set(found), key=lambda t: (t.start, t.end, t.name))
