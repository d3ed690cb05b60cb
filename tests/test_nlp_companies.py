"""Company mentions: gazetteer, canonical names, aliases, parents, sources left out.

These test the rule components, which propose candidates to the trained scorer
(nlp.analyze(text, rules_only=True)); the scored output is tested in test_nlp_scorer.py.
"""

from __future__ import annotations

import json

import pytest

import nlp
from nlp.gazetteer import DATA, canonical_name, load_gazetteer, name_key


@pytest.fixture(scope="module")
def analyze():
    nlp.load_pipeline()  # cached: the model loads once per test session
    return lambda text: nlp.analyze(text, rules_only=True).to_dict()


def names(result: dict) -> list[str]:
    return [c["name"] for c in result["companies"]]


def test_gazetteer_holds_at_least_200_companies_whose_parents_are_known() -> None:
    gazetteer = load_gazetteer()
    assert len(gazetteer.companies) >= 200
    for company in gazetteer.companies.values():
        assert company.parent is None or company.parent in gazetteer.companies, company.name


def test_gazetteer_file_is_one_json_object_per_line() -> None:
    for line in (DATA / "companies.jsonl").read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        assert entry["name"] and isinstance(entry.get("aliases", []), list)


@pytest.mark.parametrize(("surface", "name"), [
    ("Chrysler Corp", "Chrysler"), ("Voltera Charging GmbH", "Voltera Charging"),
    ("the Acme Group's", "Acme Group"), ("Nordwind Logistics S.p.A.", "Nordwind Logistics"),
    ("Kappa Fleet, Inc.", "Kappa Fleet"), ("Kappa‘s", "Kappa"),
])
def test_canonical_name_drops_articles_possessives_and_legal_suffixes(surface, name) -> None:
    assert canonical_name(surface) == name


def test_name_key_ignores_case_accents_and_punctuation() -> None:
    assert name_key("Société Générale S.A.") == name_key("societe generale")


def test_volkswagen_surface_forms_are_one_company(analyze) -> None:
    result = analyze("VW said on Monday that Volkswagen AG would hire. Volkswagen expects "
                     "growth, and the Volkswagen Group will invest more.")
    assert names(result) == ["Volkswagen AG"]
    company = result["companies"][0]
    assert company["mentions"] >= 3
    assert {"VW", "Volkswagen"} <= set(company["aliases"])


def test_known_subsidiary_carries_its_parent(analyze) -> None:
    result = analyze("Volkswagen Pon Financial Services (VWPFS) expanded its business. "
                     "VWPFS now leases cars to small firms.")
    company = next(c for c in result["companies"]
                   if c["name"] == "Volkswagen Pon Financial Services")
    assert company["parent"] == "Volkswagen Financial Services"
    assert "VWPFS" in company["aliases"]


def test_abbreviation_in_brackets_becomes_an_alias_of_an_unknown_company(analyze) -> None:
    result = analyze("Nordlicht Mobility Solutions GmbH (NMS) agreed to buy a rival. "
                     "NMS said the deal would close in March.")
    company = next(c for c in result["companies"] if c["name"] == "Nordlicht Mobility Solutions")
    assert "NMS" in company["aliases"] and company["mentions"] >= 2


def test_leasing_arm_links_an_unknown_subsidiary_to_its_parent(analyze) -> None:
    result = analyze("Toyota's leasing arm Zeta Lease grew its book by a fifth last year.")
    company = next(c for c in result["companies"] if c["name"] == "Zeta Lease")
    assert company["parent"] == "Toyota"


def test_short_and_long_form_of_a_new_company_are_one(analyze) -> None:
    result = analyze("Volkswagen is in talks to buy Voltera. Voltera Charging GmbH builds "
                     "depot chargers in Bavaria.")
    assert "Voltera" not in names(result)
    assert "Voltera Charging" in names(result)


def test_an_unknown_long_name_carries_its_short_form_for_other_stories(analyze) -> None:
    result = analyze("Nordvik Mobility signed a deal with Volkswagen to supply 400 vans to "
                     "Nordvik Mobility depots.")
    forms = {c["name"]: c["short_form"] for c in result["companies"]}
    assert forms["Nordvik Mobility"] == "Nordvik"
    assert forms["Volkswagen AG"] is None  # known companies are never merged by name form


@pytest.mark.parametrize(("name", "expected"), [
    ("Quarrow Leasing", "Quarrow"), ("Quarrow", None), ("Quarrow Freight", "Quarrow"),
    ("Quarrow Bridge", None),
    ("GO Charging", None), ("Quarrow Fleet Services", "Quarrow Fleet")])
def test_short_form_drops_one_trailing_company_word(name: str, expected: str | None) -> None:
    from nlp.company_forms import short_form

    assert short_form(name) == expected


def test_news_agencies_and_research_firms_are_not_actors(analyze) -> None:
    result = analyze("Hertz will sell part of its fleet, Reuters reported. A Hertz spokesperson "
                     "told Bloomberg the plan was final, according to data from Cox Automotive.")
    assert names(result) == ["Hertz"]


def test_every_mention_keeps_its_text_offsets_and_sentence(analyze) -> None:
    text = "Ayvens and Arval compete. Uber did not comment."
    result = analyze(text)
    for company in result["companies"]:
        for span in company["spans"]:
            assert text[span["start"]:span["end"]] == span["text"]
            assert span["text"] in span["sentence"] and span["sentence"] in text


def test_model_names_after_a_brand_are_products_not_companies(analyze) -> None:
    result = analyze("The city bought Tesla and Polestar models for its staff.")
    assert "Polestar" not in names(result)


def test_a_compound_word_after_a_name_is_no_product_of_it(analyze) -> None:
    # The model tags "Penrith Mobility's" as a person; "car-sharing" is no "Penrith car".
    result = analyze("Penrith Mobility's car-sharing fleet of 2,600 cars serves five cities.")
    assert "Penrith Mobility" in names(result)
    assert [(f["company"], f["count"]) for f in result["fleet_figures"]] == \
        [("Penrith Mobility", 2600)]


def test_known_name_plus_ventures_is_a_subsidiary_of_it(analyze) -> None:
    result = analyze("UPS Ventures invested in a battery start-up on Monday.")
    company = next(c for c in result["companies"] if c["name"] == "UPS Ventures")
    assert company["parent"] == "UPS"


def test_public_bodies_and_amounts_are_not_companies(analyze) -> None:
    result = analyze("The Department of Transportation and Stanford University praised Waymo. "
                     "Waymo raised 331bn yen.")
    assert names(result) == ["Waymo"]


def test_facts_name_a_rebranded_company_as_the_text_does(analyze) -> None:
    # ALD Automotive became Ayvens: an old story's facts keep the name of their time, the
    # company entry gives today's name with the old one as an alias.
    old = analyze("ALD Automotive said it manages a fleet of about 50,000 cars in Norway. "
                  "Pia Lund, chief executive of ALD Automotive, said demand grew.")
    assert [(c["name"], c["aliases"]) for c in old["companies"]] == \
        [("Ayvens", ["ALD Automotive"])]
    assert [f["company"] for f in old["fleet_figures"]] == ["ALD Automotive"]
    assert [p["company"] for p in old["people"]] == ["ALD Automotive"]
    new = analyze("Ayvens, the former ALD Automotive, said it manages a fleet of about "
                  "50,000 cars in Norway.")
    assert [f["company"] for f in new["fleet_figures"]] == ["Ayvens"]


def test_a_name_an_apposition_calls_a_product_is_not_a_company() -> None:
    from spacy.util import filter_spans

    pipeline = nlp.load_pipeline()
    text = ("BMW will test robots like Orion — Vantor’s humanoid robot — in its plants. "
            "Orion can lift 20 kg.")
    doc = pipeline.make_doc(text)
    for name, component in pipeline.pipeline:
        if name == "rivalscope_companies":
            break
        doc = component(doc)
    # The model sometimes tags such a product as an organisation: tag both "Orion" so.
    orions = [doc.char_span(i, i + 5, label="ORG") for i in (text.index("Orion"),
                                                            text.rindex("Orion"))]
    doc.ents = filter_spans([*orions, *doc.ents])
    pipeline.get_pipe("rivalscope_companies")(doc)
    assert {m.name for m in doc._.company_mentions} == {"BMW"}


def test_a_short_form_of_a_common_noun_is_not_a_company(analyze) -> None:
    result = analyze("DHL added 400 battery electric trucks (BET) to its fleet. Each BET "
                     "covers 300 km a day.")
    assert names(result) == ["DHL"]


@pytest.mark.parametrize("text", [
    "Fjordline Coaches, led by chief executive Halvard Lunde, runs 300 coaches.",
    "Fjordline Coaches, run by its founder Halvard Lunde, runs 300 coaches.",
])
def test_a_company_led_by_a_person_is_a_company_and_the_person_is_not(analyze, text) -> None:
    assert set(names(analyze(text))) == {"Fjordline Coaches"}


def test_a_known_name_before_a_company_noun_and_a_name_stays_a_company(analyze) -> None:
    assert {"Toyota", "Honda"} <= set(names(analyze("Toyota rival Honda said sales rose.")))


def test_a_business_line_of_a_company_is_not_a_company(analyze) -> None:
    result = analyze("Nordic Bus Corp said it agreed to buy General Motors Corp's City Coach "
                     "and Spares business.")
    assert set(names(result)) == {"Nordic Bus", "General Motors"}


def test_names_shaped_as_company_names_are_companies(analyze) -> None:
    result = analyze("Fleetwise Solutions said it ordered 300 electric vans from Kappa Motors "
                     "Ltd. Quadrant Leasing GmbH has acquired Motorpool Services Ltd.")
    assert {"Fleetwise Solutions", "Quadrant Leasing"} <= set(names(result))


def test_a_legal_form_the_model_tags_alone_takes_the_name_before_it(analyze) -> None:
    # The model tags only "AG" of "GreenFuel AG"; the linker made "GreenFuel" and "AG".
    result = analyze("Hylen will also supply hydrogen through its partner GreenFuel AG, "
                     "which operates 14 refuelling stations in Germany.")
    assert "AG" not in names(result) and "GreenFuel" in names(result)


def test_an_organisation_the_model_cut_in_two_is_joined() -> None:
    from spacy.tokens import Span

    from nlp.doctext import doc_ents

    doc = nlp.load_pipeline().make_doc("Kappa Media bought Orion Fleet.")
    doc.ents = [Span(doc, 0, 1, "ORG"), Span(doc, 1, 2, "ORG"), Span(doc, 3, 5, "ORG")]
    assert [e.text for e in doc_ents(doc)] == ["Kappa Media", "Orion Fleet"]
    known = nlp.load_pipeline().make_doc("Uber Lyft")
    known.ents = [Span(known, 0, 1, "ORG", span_id="Uber"), Span(known, 1, 2, "ORG")]
    assert [e.text for e in doc_ents(known)] == ["Uber", "Lyft"]


def test_an_owner_is_not_joined_to_the_organisation_after_it() -> None:
    from spacy.tokens import Span

    from nlp.doctext import doc_ents

    doc = nlp.load_pipeline().make_doc("Kappa's Orion Fleet grew.")
    doc.ents = [Span(doc, 0, 2, "ORG"), Span(doc, 2, 4, "ORG")]
    assert [e.text for e in doc_ents(doc)] == ["Kappa's", "Orion Fleet"]


def test_a_legal_form_after_a_comma_stays_with_its_name() -> None:
    from spacy.tokens import Span

    from nlp.doctext import doc_ents

    doc = nlp.load_pipeline().make_doc("Kestrel Rentals, Inc. said so.")
    doc.ents = [Span(doc, 0, 4, "ORG")]
    assert [e.text for e in doc_ents(doc)] == ["Kestrel Rentals, Inc."]
    listed = nlp.load_pipeline().make_doc("Kappa Chem, Inc., Beta Corp, Gamma")
    listed.ents = [Span(listed, 0, 9, "ORG")]
    assert [e.text for e in doc_ents(listed)] == ["Kappa Chem, Inc.", "Beta Corp", "Gamma"]


def test_a_short_form_the_model_calls_a_place_is_the_company_named_before(analyze) -> None:
    found = analyze("Dubai carrier Emirates Airline ordered 30 jets from Boeing. As of "
                    "October, Emirates had a fleet of 270 aircraft.")
    assert [(f["company"], f["count"]) for f in found["fleet_figures"]] == \
        [("Emirates Airline", 270)]
    places = analyze("Dubai Taxi Corporation said it would add 400 cars to its fleet in Dubai.")
    assert [c["name"] for c in places["companies"]] == ["Dubai Taxi"]
    assert places["companies"][0]["mentions"] == 1


def test_gazetteer_keeps_to_its_documented_procedure() -> None:
    from nlp.training.gazetteer import problems

    rows = [json.loads(line) for line in (DATA / "companies.jsonl").read_text(
        encoding="utf-8").splitlines() if line.strip()]
    assert problems(rows) == []
    assert all(row.get("id") for row in rows)


def test_gazetteer_check_names_a_parent_that_is_no_entry() -> None:
    from nlp.training.gazetteer import problems

    rows = [{"id": "norvane", "name": "Norvane", "kind": "leasing", "country": "FR",
             "parent": "Nowhere Holdings"}]
    assert problems(rows) == ["Norvane: parent Nowhere Holdings is no entry"]


def test_a_cross_validation_fold_sees_a_gazetteer_without_the_companies_only_it_names() -> None:
    """make train's held-out folds: entries naming a company only the fold's labels name are
    left out, as if the gazetteer had been written from the other folds."""
    from types import SimpleNamespace

    from nlp.training.gazetteer import named_companies, without_companies

    def article(*companies: str) -> SimpleNamespace:
        return SimpleNamespace(gold={"companies": list(companies)})

    held = [article("Hertz", "Volkswagen AG"), article("Norvane Fleet")]
    rest = [article("Volkswagen AG")]
    only_held = (named_companies(held, {"Hertz": ["Hertz Global"]}, str.lower)
                 - named_companies(rest, {}, str.lower))
    assert only_held == {"hertz", "hertz global", "norvane fleet"}
    kept, removed = without_companies(only_held, str.lower)
    names = {json.loads(row)["name"] for row in kept}
    assert removed == 1 and "Hertz" not in names and "Volkswagen AG" in names


def test_a_place_that_says_where_the_next_company_is_names_no_company(analyze) -> None:
    found = analyze("The Oslo operator Harlow Buses runs 650 buses on its city routes.")
    assert names(found) == ["Harlow Buses"]
    assert [(f["company"], f["count"]) for f in found["fleet_figures"]] == [("Harlow Buses", 650)]


@pytest.mark.parametrize("text", [
    "Tarnow Freight acquired logistics company Quickvan for $40 million.",
    "Hanvel Cargo has bought parcel firm Quickvan.",
])
def test_a_company_before_a_verb_and_a_kind_noun_is_the_verbs_subject(analyze, text) -> None:
    found = analyze(text)
    assert len(names(found)) == 2 and "Quickvan" in names(found)
    assert [sorted(d["parties"]) for d in found["deals"]] == [sorted(names(found))]


def test_the_first_word_of_a_capitalised_post_is_no_part_of_the_name(analyze) -> None:
    found = analyze("Brantel Executive Vice President Jo Roe said demand was strong.")
    assert names(found) == ["Brantel"]
    assert [(p["name"], p["company"]) for p in found["people"]] == [("Jo Roe", "Brantel")]
    assert names(analyze("Executive Jet Group will buy 20 aircraft.")) == ["Executive Jet Group"]


def test_the_first_word_of_a_post_the_model_took_into_the_company_is_left_out(analyze) -> None:
    found = analyze("Kestle Motors Country Manager Dario Venn opened the depot in Ghent.")
    assert names(found) == ["Kestle Motors"]
    assert [(p["name"], p["role"], p["company"]) for p in found["people"]] == [
        ("Dario Venn", "country manager", "Kestle Motors")]


def test_a_ticker_in_market_markup_is_the_company_before_it(analyze) -> None:
    found = analyze("Its investors include Brixa Petroleum Corporation (NYSE: BXP) and "
                    "Tolvane Power Company Inc (NYSE: TPC). BXP shares rose 3% on the news.")
    companies = {c["name"]: c for c in found["companies"]}
    assert set(companies) == {"Brixa Petroleum", "Tolvane Power"}
    assert companies["Brixa Petroleum"]["mentions"] == 3  # the markup's BXP and the later one


def test_a_ticker_with_its_market_is_no_company() -> None:
    from spacy.tokens import Span

    pipeline = nlp.load_pipeline()
    doc = pipeline.make_doc("Zentrix teamed up with Kappa KAPG_p and Brixa.")
    for name, component in pipeline.pipeline:
        if name == "rivalscope_companies":
            break
        doc = component(doc)
    doc.ents = [Span(doc, 0, 1, "ORG"), Span(doc, 5, 6, "ORG"), Span(doc, 7, 8, "ORG")]
    pipeline.get_pipe("rivalscope_companies")(doc)
    assert [m.text for m in doc._.company_mentions] == ["Zentrix", "Brixa"]


def test_a_company_name_the_model_tags_once_is_that_company_where_it_tags_nothing(
        analyze) -> None:
    found = analyze("Brenlow Logistics Inc said on Monday it would cut jobs. Brenlow will "
                    "also stop serving the airport, and Brenlow told drivers so.")
    assert [(c["name"], c["mentions"]) for c in found["companies"]] == [("Brenlow Logistics", 3)]


def test_a_name_with_a_legal_suffix_tagged_as_a_person_makes_no_person_words(analyze) -> None:
    found = analyze("Zentrix Inc and Brixa have vowed to stop service in Morvik. Zentrix said "
                    "it would leave the city. Zentrix told reporters so.")
    assert [(c["name"], c["mentions"]) for c in found["companies"]] == [("Zentrix", 3)]


@pytest.mark.parametrize("markup", ["<KAPG_p.DE>", "<KAPGn.DE>", "<KESR.N>", "<KAP>"])
def test_wire_ticker_markup_is_read_as_blank_space(markup: str) -> None:
    from nlp.analysis import without_markup

    text = f"Kappa Werke AG {markup} said it would buy <Beta Fleet Ltd>."
    read = without_markup(text)
    assert len(read) == len(text)  # offsets are kept
    assert markup.strip("<>") not in read
    assert "Beta Fleet Ltd" in read


def test_a_company_reporting_results_is_an_actor_and_a_paper_reporting_news_a_source(
        analyze) -> None:
    assert "Rentorix" in names(analyze("Rentorix reported a profit of 20 million euros."))
    assert names(analyze("Vans sold well, the Morvik Herald reported on Monday.")) == []


def test_the_place_before_based_is_no_company_even_as_the_models_organisation() -> None:
    # the model tags "Oslo" an organisation here; the post is held at the company after it
    result = nlp.analyze("\"Investors believe in it,\" Selma Dorn, CEO of Oslo-based Haldex, "
                         "told the BBC.", rules_only=True).to_dict()
    assert "Oslo" not in [c["name"] for c in result["companies"]]
    assert [(p["name"], p["company"]) for p in result["people"]] == [("Selma Dorn", "Haldex")]


def test_a_headline_phrase_named_nowhere_else_is_no_company() -> None:
    text = ("Regulator Gives Conditional Approval To Velora Motors' Takeover Of Danvik Buss\n\n"
            "The regulator has given conditional approval to the sale of Danvik Buss to Velora "
            "Motors, a person familiar with the matter said. Velora agreed to buy the coach "
            "operator in May.")
    names = {c["name"] for c in nlp.analyze(text, rules_only=True).to_dict()["companies"]}
    assert names == {"Velora Motors", "Danvik Buss"}


@pytest.mark.parametrize("text", [
    # a headline in title case whose companies the story names by their short forms
    "Velora Motors To Supply 40 Electric Coaches To Danvik Buss\n\nThe coaches Velora "
    "builds will arrive in May, Danvik Buss said.",
    # a headline in sentence case is no title-case headline
    "Danvik Buss orders 40 electric coaches from Velora Motors\n\nThe operator said the "
    "coaches would arrive in May.",
])
def test_a_headlines_companies_stay(text) -> None:
    names = {c["name"] for c in nlp.analyze(text, rules_only=True).to_dict()["companies"]}
    assert {"Velora Motors", "Danvik Buss"} <= names


def test_a_fuel_the_model_tags_as_an_organisation_is_no_company_and_owns_no_fleet() -> None:
    result = nlp.analyze("Diesel makes up 96% of the van fleet, whose 399,000 vans Orvane "
                         "Leasing manages. LPG and the MoU with the city were discussed.",
                         rules_only=True).to_dict()
    names = {c["name"] for c in result["companies"]}
    assert not names & {"Diesel", "LPG", "MoU"}
    assert "Diesel" not in {f["company"] for f in result["fleet_figures"]}


def test_the_short_form_of_a_new_company_the_model_calls_a_person_is_that_company(
        analyze) -> None:
    result = analyze("Haulsafe Technologies has expanded its partnership with Merrow Freight. "
                     "Under the new agreement, Merrow will buy 50 trucks from Kestner Trucks.")
    deals = [(d["type"], set(d["parties"])) for d in result["deals"]]
    assert ("supply", {"Merrow Freight", "Kestner Trucks"}) in deals


@pytest.mark.parametrize(("text", "owner"), [
    ("Garvey Holdings will buy Ostler Vans, a van rental firm. Ostler, which is backed by "
     "Dunmore Capital, rents out 6,200 vans.", "Ostler Vans"),
    ("Garvey Holdings will buy Ostler Taxis, a cab firm. Ostler, which is backed by "
     "Dunmore Capital, runs 900 taxis.", "Ostler Taxis"),
])
def test_the_short_form_of_a_van_or_taxi_company_owns_its_fleet(analyze, text,
                                                                    owner) -> None:
    figures = analyze(text)["fleet_figures"]
    assert [f["company"] for f in figures] == [owner]
