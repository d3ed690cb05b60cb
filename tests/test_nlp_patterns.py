"""Every trigger pattern matches the sentences it lists and none of those it must not."""

from __future__ import annotations

import pytest

from nlp.patterns import PatternMatcher, deal_types, load_patterns
from nlp.pipeline import load_model

CASES = [(p.name, sentence, True) for p in load_patterns("deal") for sentence in p.match] + [
    (p.name, sentence, False) for p in load_patterns("deal") for sentence in p.no_match]


@pytest.fixture(scope="module")
def tagger():
    return load_model()


@pytest.mark.parametrize(("name", "sentence", "expected"), CASES,
                         ids=[f"{n}-{'match' if e else 'no_match'}-{i}"
                              for i, (n, _, e) in enumerate(CASES)])
def test_deal_pattern_examples(tagger, name: str, sentence: str, expected: bool) -> None:
    matcher = PatternMatcher(tagger.vocab, "deal")
    names = {t.name for t in matcher(tagger(sentence))}
    assert (name in names) is expected


def test_every_pattern_has_examples_both_ways() -> None:
    for pattern in load_patterns("deal"):
        assert pattern.match and pattern.no_match, pattern.name


def test_every_pattern_proposes_a_registered_deal_type() -> None:
    registry = deal_types()
    for pattern in load_patterns("deal"):
        assert pattern.type in registry, pattern.name


def test_registry_orders_types_by_a_unique_precedence() -> None:
    precedence = [entry["precedence"] for entry in deal_types().values()]
    assert len(set(precedence)) == len(precedence)
