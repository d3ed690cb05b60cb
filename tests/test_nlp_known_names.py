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


def _entities(text: str, model: list[tuple[int, int, str]],
              known: list[tuple[int, int]] = ()) -> list[tuple[str, str]]:
    doc = _doc(text)
    chosen = known_names_first([Span(doc, a, b, label) for a, b, label in model],
                               [Span(doc, a, b, "ORG", span_id="known") for a, b in known])
    return [(e.text, e.label_) for e in chosen]


@pytest.mark.parametrize(("text", "model", "known", "entities"), [
    # two unknown names the model tagged as one organisation
    ("Zentrix and Brixa Motors signed", [(0, 4, "ORG")], [],
     [("Zentrix", "ORG"), ("Brixa Motors", "ORG")]),
    # a dateline is no part of the name after it
    ("Lyon: Zentrix Technologies said", [(0, 4, "ORG")], [],
     [("Zentrix Technologies", "ORG")]),
    # the owner of a possessive is the organisation; its plant is no company
    ("Zentrix 's Tolvane plant will close", [(0, 3, "ORG")], [], [("Zentrix", "ORG")]),
    # unless the owner is a person the text names: then the rest is their company
    ("Jo Roe 's Zentrix grew . Roe said so", [(0, 4, "ORG"), (6, 7, "PERSON")], [],
     [("Jo Roe", "PERSON"), ("Zentrix", "ORG"), ("Roe", "PERSON")]),
    # an unknown name before a known one across an "and" is kept
    ("Zentrix and Kappa agreed", [(0, 3, "ORG")], [(2, 3)],
     [("Zentrix", "ORG"), ("Kappa", "ORG")]),
])
def test_an_unknown_organisation_is_cut_where_it_is_no_one_name(text, model, known,
                                                                entities) -> None:
    assert _entities(text, model, known) == entities


def test_an_ampersand_splits_only_names_the_text_also_gives_alone() -> None:
    assert _entities("Brixa & Tolvane said", [(0, 3, "ORG")]) == [("Brixa & Tolvane", "ORG")]
    assert _entities("Brixa & Tolvane Team won . Brixa said", [(0, 4, "ORG"), (6, 7, "ORG")]) \
        == [("Brixa", "ORG"), ("Tolvane Team", "ORG"), ("Brixa", "ORG")]


def test_a_public_body_named_with_an_and_stays_one_name() -> None:
    assert _entities("the Roads and Transport Authority said", [(1, 5, "ORG")]) == [
        ("Roads and Transport Authority", "ORG")]


@pytest.mark.parametrize(("text", "model", "entities"), [
    # a dateline's place and source open the story; neither is a company
    ("MORVIK (Wirenews) — Zentrix said", [(0, 1, "ORG"), (2, 3, "ORG"), (5, 6, "ORG")],
     [("Zentrix", "ORG")]),
    ("MORVIK, Wirenews – Zentrix said", [(2, 3, "ORG"), (4, 5, "ORG")], [("Zentrix", "ORG")]),
    # a ticker with its market is no name of its own, nor part of the one before it
    ("with Zentrix ZNTG.DE and KAPG_p", [(1, 3, "ORG"), (4, 5, "ORG")], [("Zentrix", "ORG")]),
    # a name never runs over a line
    ("Morvik Herald\n\nZentrix said", [(0, 4, "ORG")],
     [("Morvik Herald", "ORG"), ("Zentrix", "ORG")]),
    # the owner of a possessive is a place: the rest is the organisation
    ("Norway 's Zentrix grew", [(0, 3, "ORG")], [("Norway", "GPE"), ("Zentrix", "ORG")]),
    ("Morvia 's Zentrix grew in Morvia", [(0, 3, "ORG"), (5, 6, "GPE")],
     [("Morvia", "GPE"), ("Zentrix", "ORG"), ("Morvia", "GPE")]),
    # a company the model also tags as a place elsewhere is still the owner
    ("Zentrix 's Tolvane Office grew . Zentrix in Zentrix",
     [(0, 4, "ORG"), (6, 7, "GPE"), (8, 9, "ORG")],
     [("Zentrix", "ORG"), ("Zentrix", "GPE"), ("Zentrix", "ORG")]),
    # the possessive ending an organisation is no part of its name
    ("Brixa Corp 's Transit Bus unit", [(0, 3, "ORG"), (3, 5, "ORG")],
     [("Brixa Corp", "ORG"), ("Transit Bus", "ORG")]),
    # a company word alone after an "and" names no second company
    ("Brixa Bus and Parts business", [(0, 4, "ORG")], [("Brixa Bus and Parts", "ORG")]),
    # a legal suffix ends one name that holds an "and"
    ("Brixa Tire and Rubber Co. said", [(0, 5, "ORG")], [("Brixa Tire and Rubber Co.", "ORG")]),
])
def test_an_unknown_organisation_loses_what_is_no_name(text, model, entities) -> None:
    assert _entities(text, model) == entities


def test_a_product_in_the_plural_beside_its_singular_is_no_company() -> None:
    assert _entities("Drivers of Zentrix Volts said the Volt was fine",
                     [(2, 4, "ORG")]) == [("Zentrix Volts", "PRODUCT")]
    assert _entities("Brixa Motors said so", [(0, 2, "ORG")]) == [("Brixa Motors", "ORG")]
