"""The gazetteer's names against the model's entities, and one name one company per text."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc, Span

import nlp
from nlp.known_names import is_longer_name, known_names_first


@pytest.fixture(scope="module")
def analyze():
    nlp.load_pipeline()
    return lambda text: nlp.analyze(text, rules_only=True).to_dict()


def _doc(text: str) -> Doc:
    return nlp.load_pipeline().make_doc(text)


def test_a_longer_organisation_name_the_model_found_holds_the_known_name() -> None:
    doc = _doc("Kappa Chrysler Automobiles said on Monday")
    longer, known = Span(doc, 0, 3, "ORG"), Span(doc, 1, 2, "ORG", span_id="Chrysler")
    assert is_longer_name(longer, known)
    assert [e.text for e in known_names_first([longer], [known])] == [
        "Kappa Chrysler Automobiles"]


@pytest.mark.parametrize(("text", "org_end", "entities"), [
    ("Kappa Group said on Monday", 2, ["Kappa"]),  # a company word only dresses the name
    ("Kappa Motor Co. said on Monday", 4, ["Kappa"]),
    ("Kappa and Beta said on Monday", 3, ["Kappa", "Beta"]),  # two names, not one
    ("Kappa 's Midwest Regional team", 4, ["Kappa"]),  # a thing of Kappa's
    ("Kappa KAPG.DE said on Monday", 2, ["Kappa"]),  # a stock ticker
    ("Kappa, Jo Roe said", 4, ["Kappa", "Jo Roe"]),
])
def test_the_known_name_wins_where_the_longer_one_is_no_other_name(text, org_end,
                                                                    entities) -> None:
    doc = _doc(text)
    longer, known = Span(doc, 0, org_end, "ORG"), Span(doc, 0, 1, "ORG", span_id="Kappa")
    assert not is_longer_name(longer, known)
    assert [e.text for e in known_names_first([longer], [known])] == entities


def test_a_dateline_is_no_part_of_the_name_after_it() -> None:
    doc = _doc("Lyon: Kappa Beta said")
    model, known = [Span(doc, 0, 4, "ORG")], [Span(doc, 2, 4, "ORG", span_id="Kappa Beta")]
    assert [e.text for e in known_names_first(model, known)] == ["Kappa Beta"]


def test_two_known_names_one_taking_the_other_are_two_names() -> None:
    doc = _doc("the takeover by Kappa of Beta Fleet")
    model = [Span(doc, 3, 7, "ORG")]
    known = [Span(doc, 3, 4, "ORG", span_id="Kappa"), Span(doc, 5, 7, "ORG", span_id="Beta")]
    assert [e.text for e in known_names_first(model, known)] == ["Kappa", "Beta Fleet"]
    joined = _doc("Kappa & Beta Fleet agreed")
    model = [Span(joined, 0, 4, "ORG")]
    known = [Span(joined, 0, 1, "ORG", span_id="Kappa"), Span(joined, 2, 4, "ORG", span_id="B")]
    assert [e.text for e in known_names_first(model, known)] == ["Kappa", "Beta Fleet"]
    merged = _doc("Kappa Beta Automobiles said")
    model = [Span(merged, 0, 3, "ORG")]
    known = [Span(merged, 0, 1, "ORG", span_id="Kappa"), Span(merged, 1, 2, "ORG", span_id="B")]
    assert [e.text for e in known_names_first(model, known)] == ["Kappa Beta Automobiles"]


def test_a_known_name_wins_over_another_label_and_other_entities_stay() -> None:
    doc = _doc("Kappa hired Jo Roe in Lyon")
    model = [Span(doc, 0, 1, "PERSON"), Span(doc, 2, 4, "PERSON"), Span(doc, 5, 6, "GPE")]
    chosen = known_names_first(model, [Span(doc, 0, 1, "ORG", span_id="Kappa")])
    assert [(e.text, e.label_, e.id_) for e in chosen] == [
        ("Kappa", "ORG", "Kappa"), ("Jo Roe", "PERSON", ""), ("Lyon", "GPE", "")]


def test_a_unit_named_after_a_known_parent_is_its_own_company(analyze) -> None:
    found = analyze("Amazon India will put 500 electric three-wheelers on the road this year.")
    assert [c["name"] for c in found["companies"]] == ["Amazon India"]


def test_a_name_once_shown_to_be_a_company_is_that_company_where_the_model_doubts(
        analyze) -> None:
    found = analyze("Brisko SE raised its forecast on Monday. Brisko said demand from fleets "
                    "was strong, and Brisko expects more orders.")
    assert [(c["name"], c["mentions"]) for c in found["companies"]] == [("Brisko", 3)]


def test_a_surname_of_a_person_named_in_full_is_still_no_company(analyze) -> None:
    found = analyze("Anna Becker joined the board of Brisko SE. Becker said the plan made "
                    "sense.")
    assert [c["name"] for c in found["companies"]] == ["Brisko"]
