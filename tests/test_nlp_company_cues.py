"""Company nouns beside a name ("bus operator Kappa") make it a company candidate whatever
the model tagged it; lists the model tagged as one organisation are split. Invented names
and wording throughout."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc, Span

import nlp
from nlp.company_forms import descriptors
from nlp.doctext import doc_ents


@pytest.fixture(scope="module")
def companies():
    nlp.load_pipeline()
    return lambda text: [c["name"] for c in
                         nlp.analyze(text, rules_only=True).to_dict()["companies"]]


@pytest.mark.parametrize(("text", "name"), [
    ("Swiss building materials retailer Brandolux has ordered 40 electric vans.", "Brandolux"),
    ("The trial runs in partnership with Quorvel, a regional mobility operator.", "Quorvel"),
    ("Budget carrier Zentaro said it would lease more aircraft next year.", "Zentaro"),
    ("Online grocer Vellmora runs a fleet of 900 delivery vans.", "Vellmora"),
    ("It is in merger talks with rival haulier Greystoke.", "Greystoke"),
    ("Shares in Dalmore rose 5% after the results.", "Dalmore"),
    ("The airline, Skyreach, flies a fleet of 62 jets.", "Skyreach"),
    ("Dunmore Haulage has taken a 30% stake in charging start-up Voltmira.", "Voltmira"),
    ("Dunmore Group said its car subscription arm, Dunmore Flex, now has 6,500 cars.",
     "Dunmore Flex"),
    ("Tovelo co-founder and CEO Priya Raman said the firm would expand to Spain.", "Tovelo"),
    ("The deal was signed by Ostler Group's chief executive, Ian Burke, and Vantor's "
     "president, Mei Chen.", "Vantor"),
])
def test_a_name_after_a_company_noun_is_a_company(companies, text, name) -> None:
    assert name in companies(text)


@pytest.mark.parametrize(("text", "name"), [
    ("Billionaire investor Ronald Haverby backed the young carmaker.", "Ronald Haverby"),
    ("The union leader Marta Quillane said the strike would go on.", "Marta Quillane"),
    ("Sales in Portavel rose by a tenth last year.", "Portavel"),
])
def test_a_person_or_place_without_a_company_noun_stays_out(companies, text, name) -> None:
    assert name not in companies(text)


def test_descriptor_tiers_do_not_overlap() -> None:
    always, not_person = descriptors()
    assert always and not_person and not always & not_person


def _doc_with_org(words: list[str], start: int, end: int) -> Doc:
    doc = Doc(spacy.blank("en").vocab, words=words)
    doc.ents = [Span(doc, start, end, label="ORG")]
    return doc


def test_an_organisation_listed_with_commas_is_split_into_its_names() -> None:
    doc = _doc_with_org(["with", "Kappa", "Chem", ",", "Zentrix", ",", "Morvana", "and",
                         "Tolbek", "."], 1, 9)
    assert [e.text for e in doc_ents(doc)] == ["Kappa Chem", "Zentrix", "Morvana", "Tolbek"]


def test_an_organisation_with_a_comma_and_a_lower_case_part_stays_whole() -> None:
    doc = _doc_with_org(["Kappa", ",", "inc", "said"], 0, 3)
    assert [e.text for e in doc_ents(doc)] == ["Kappa , inc"]


def test_a_trailing_and_is_no_part_of_a_company_name() -> None:
    from nlp.companies import CompanyLinker
    from nlp.gazetteer import load_gazetteer

    doc = Doc(spacy.blank("en").vocab, words=["Zentrix", "and", "Morvana", "signed", "."])
    doc.ents = [Span(doc, 0, 2, label="ORG")]
    mention = CompanyLinker(load_gazetteer()).link(doc, doc.ents[0], {})
    assert mention is not None and (mention.name, mention.text) == ("Zentrix", "Zentrix")


def test_a_name_joined_to_another_kind_and_name_is_a_company_itself(companies) -> None:
    found = companies("Chinese carmaker Zentrix and oil company Brixa have entered a "
                      "partnership.")
    assert "Zentrix" in found


@pytest.mark.parametrize("text", [
    "Quorvia's chief executive said the firm would expand into Spain.",
    "Quorvia's shareholders approved the plan on Monday.",
])
def test_what_only_a_company_has_makes_its_owner_a_company(companies, text) -> None:
    assert "Quorvia" in companies(text)


@pytest.mark.parametrize(("text", "name"), [
    # a list the company noun heads, or that ends in "and other" company nouns
    ("Ride-hailing firms Tavio and Quorra have signed a deal with the city.", "Quorra"),
    ("Kia, Brovix, Zentano and other makers from China are expanding.", "Zentano"),
    # an apposition with a dotted word, after a dash, or after a possessive superlative
    ("Parcel carrier Dexmont will lease vans from Zelrow, a U.K. startup making small trucks.",
     "Zelrow"),
    ("Tavio has teamed up with Morvanta, Indonesia's biggest taxi operator, on charging.",
     "Morvanta"),
    # a post held there, a fleet owned, a company's deed done by an untagged name
    ("Fleet orders rose, said Jane Holt, fleet manager at Brandel Autolease.",
     "Brandel Autolease"),
    ("Corvane's fleet grew by 5% last year.", "Corvane"),
    ("Lennow delivers 120 electric buses to Oporto.", "Lennow"),
    # a part of a company, named in apposition
    ("Dravik Corp said it will sell Pellworth Axle, its brake-making subsidiary, next year.",
     "Pellworth Axle"),
])
def test_words_around_a_name_the_model_misreads_make_it_a_company(companies, text,
                                                                   name) -> None:
    assert name in companies(text)


@pytest.mark.parametrize(("text", "name"), [
    ("In Portavel, Kappa's competitors include scooter makers.", "Portavel"),
    ("Bill Roe, chief executive of Oslo-based Brixa, said sales rose.", "Oslo"),
    ("MUNICH and LISLE, Ill. — Brixa and Kappa Trucks announced a merger on Monday.",
     "MUNICH"),
    ("Both companies, said Zentrix Founder and CEO Pavel Orlo, agree on the plan.",
     "Zentrix Founder"),
    # a word opening a headline before a plural company noun
    ("Omnibus firms Peltar and Vosk call off merger", "Omnibus"),
    # a known name that is a common word where it opens the sentence
    ("Budget carrier Zentaro said it would lease more aircraft next year.", "Budget"),
])
def test_places_people_and_posts_beside_company_words_stay_out(companies, text,
                                                               name) -> None:
    assert name not in companies(text)


def test_a_name_before_a_boss_and_a_person_is_a_company(companies) -> None:
    assert "Bravoline" in companies("Bravoline boss Tom Hadley said the buses would arrive "
                                    "in May.")
    assert "Union" not in companies("Union boss Tom Hadley said the strike would go on.")


@pytest.mark.parametrize(("text", "name"), [
    ("Portavel's largest fleet of electric trucks will run on its northern roads.",
     "Portavel"),
    ("Dravelo Bus UK managing director Jane Holt said the order was its largest.", "UK"),
])
def test_a_place_ranking_fleets_or_ending_a_name_before_a_post_is_no_company(
        companies, text, name) -> None:
    assert name not in companies(text)


@pytest.mark.parametrize(("text", "name"), [
    ("It has joint ventures with carmakers including Volkswagen, Brixhal, and Tovenka.",
     "Brixhal"),
    ("Rental firms such as Hertz and Travixo rent out electric cars.", "Travixo"),
    ("Tesco was involved in an electric van partnership with Vodec in 2007.", "Vodec"),
    ("The company has deals with Waymo, Nuvaro, Pony.ai and Zoxa.", "Nuvaro"),
    ("The acquisition of Brisca by Talvora, announced in June, closed this week.", "Talvora"),
])
def test_a_name_a_company_noun_lists_or_a_deal_word_leads_to_is_a_company(companies, text,
                                                                          name) -> None:
    assert name in companies(text)


def test_a_joint_venture_named_by_its_short_form_is_no_company(companies) -> None:
    assert "JV" not in companies("Kappa plans to lower its share of the driverless JV to a "
                                 "minority.")


@pytest.mark.parametrize(("text", "name"), [
    ("The group's bus division will deliver 300 coaches to Danish logistics giant Holtrim.",
     "Holtrim"),
    ("Charging network Evolta is going public.", "Evolta"),
    ("Tavio Partners agreed a business combination with Gorvan Halsey, Inc., which will "
     "close in May.", "Gorvan Halsey"),
])
def test_a_company_noun_the_model_reads_as_an_adjective_or_a_legal_form_after_a_comma(
        companies, text, name) -> None:
    assert name in companies(text)


@pytest.mark.parametrize(("text", "name"), [
    # a business word ends the name the model tagged as a person's
    ("Grellon Autos said on Thursday it would cut 2,000 jobs.", "Grellon Autos"),
    ("Pemberton Rail has won a contract worth £300m to supply 60 trains to Northway "
     "Railways.", "Northway Railways"),
    # the model's edges: a descriptor taken in, a first word or a company word left out
    ("Carmaker Holbrook has agreed to sell its Swedish truck unit to rival Vantaa Motors.",
     "Holbrook"),
    ("Lumen Freight said it had completed its takeover of smaller rival Coastway Haulage.",
     "Lumen Freight"),
    ("The boss of Tremont Cars, Luca Ferri, has quit after just 18 months in the job.",
     "Tremont Cars"),
    ("Bremen-based Hansa Carsharing is being bought by Talos Mobility.", "Hansa Carsharing"),
    # untagged, with a business word at its end
    ("Kiwa Bus has teamed up with Solvane Energy to trial hydrogen buses.", "Kiwa Bus"),
    ("Pike Transit awarded a contract for 60 electric buses to Volta Coachworks.",
     "Pike Transit"),
    ("Tarrow Taxis has added 500 hybrid cabs, taking its fleet past 2,000.", "Tarrow Taxis"),
    # a company noun the model read as a verb
    ("Japanese carmaker Oshiro Motor has taken a 5% stake in US electric truck startup "
     "Ridgeback, it said on Friday.", "Ridgeback"),
])
def test_a_name_the_model_cut_or_mislabelled_is_the_whole_company(companies, text,
                                                                   name) -> None:
    assert name in companies(text)


def test_a_name_made_of_two_companies_names_is_neither_of_them(companies) -> None:
    found = companies("Corvan Corp and Pell Trucking Co said they have agreed to merge. The "
                      "combined company will be called Corvan-Pell Transport.")
    assert {"Corvan", "Pell Trucking"} <= set(found)


def test_a_verb_before_a_name_is_no_company_noun(companies) -> None:
    assert "Harrow Quist" not in companies("Two uncles will fund Harrow Quist next year.")


def test_a_nationality_and_a_company_noun_the_model_tagged_as_one_name_are_no_company(
        companies) -> None:
    found = companies("Rivenhall, which is owned by Dutch bank Hollandia, signed a deal.")
    assert "Dutch bank" not in found


@pytest.mark.parametrize(("text", "name"), [
    ("Fleetwise has selected Arcon Charging to install 400 chargers at its depots.",
     "Fleetwise"),
    ("Verlo has chosen Ambit Telematics as its telematics provider.", "Verlo"),
    ("Corvanta inks deal with Halberd Rail to supply signalling systems.", "Corvanta"),
    ("Veltro has tapped Marisol Energy to build charging hubs for its trucks.", "Veltro"),
    ("Skyreach flies a fleet of 62 jets from two airports.", "Skyreach"),
])
def test_an_untagged_name_that_selects_or_chooses_a_supplier_is_a_company(companies, text,
                                                                          name) -> None:
    assert name in companies(text)


def test_a_company_before_whose_and_a_role_is_no_person(companies) -> None:
    assert "Pemberly" in companies("The shares of Pemberly Inc, whose chairman is Otto Brandt, "
                                   "fell 3% on Friday.")


def test_a_place_a_company_invests_in_stays_a_place(companies) -> None:
    assert "Texas" not in companies("Halbrook Motors will invest $2 billion in Texas.")


def test_a_possessive_before_a_name_shaped_as_a_company_is_no_part_of_it() -> None:
    from nlp.companies import CompanyLinker
    from nlp.gazetteer import load_gazetteer

    # a blank pipeline: no entities, so only the name's shape makes it a company
    doc = spacy.blank("en")("Pembrook agreed a deal with Korea's Dongsan Automotive today.")
    found = CompanyLinker(load_gazetteer()).add_unlabelled_names(doc, [], {})
    assert [m.name for m in found] == ["Dongsan Automotive"]


def test_a_name_after_a_title_is_a_person_whatever_it_does(companies) -> None:
    assert companies("Mr Ferrant, who took charge of the firm in 2019, said cost cuts would "
                     "continue.") == []


@pytest.mark.parametrize(("text", "name"), [
    ("The company's 600 trucks cover the whole of Scotland, Corlan Haulage said.", "Scotland"),
    ("Kiran Rao, Brenner Auto's vice president of electrification, will lead the new unit.",
     "Kiran Rao"),
])
def test_a_comma_before_a_company_makes_no_list(companies, text, name) -> None:
    assert name not in companies(text)


@pytest.mark.parametrize(("text", "name"), [
    ("Arden Mobility announced a strategic partnership with Sable Maps on Tuesday.",
     "Sable Maps"),
    ("Bexley Energy's takeover of Rolfe Charging was cleared by the regulator.",
     "Rolfe Charging"),
    ("Solvent Energy and Axiom Drive signed a memorandum of understanding on fast chargers.",
     "Axiom Drive"),
    ("Lena Marsh, Ostrander's director of communications, declined to comment.", "Ostrander"),
])
def test_a_longer_name_where_only_a_company_can_stand_is_a_company(companies, text,
                                                                   name) -> None:
    assert name in companies(text)


@pytest.mark.parametrize(("text", "name"), [
    ("Harlan Motors signed a contract with Jonas Weller to design its cars.", "Jonas Weller"),
    ("Harlan Motors and Jonas Weller will collaborate on the design.", "Jonas Weller"),
    ("Harlan Motors announced an investment in South Africa.", "South Africa"),
])
def test_a_person_or_a_place_a_company_deals_with_stays_out(companies, text, name) -> None:
    assert name not in companies(text)


@pytest.mark.parametrize(("text", "department"), [
    ("Gerda Holm, Vice President of Product Marketing, Korvane Motors, said orders doubled.",
     "Product Marketing"),
    ("The agreement was signed by Ivo Marr, Vice President of Growth & Markets operations of "
     "Korvane Motors.", "Growth & Markets"),
])
def test_the_capitalised_department_of_a_post_is_no_company(companies, text,
                                                           department) -> None:
    found = companies(text)
    assert department not in found
    assert "Korvane Motors" in found


def test_an_institution_of_a_place_stays_one_name(companies) -> None:
    assert "Bank of Scotland" in companies("The Bank of Scotland and Korvane Motors signed "
                                           "the loan.")


@pytest.mark.parametrize(("text", "name"), [
    # names the model calls a person, buying or running vehicles by the dozen
    ("Sparrow Grocers has committed to purchasing 500 electric vans from Sable Motors.",
     "Sparrow Grocers"),
    ("Kestrel Parcel is buying 80 electric trucks from Brisco Trucks.", "Kestrel Parcel"),
])
def test_a_name_that_deals_in_vehicles_by_the_dozen_is_a_company(companies, text, name) -> None:
    assert name in companies(text)


@pytest.mark.parametrize("name", ["Penmore Securities", "Zevra Foods", "Calder Investments"])
def test_more_business_words_end_a_companys_name(name) -> None:
    from nlp.company_forms import looks_like_company

    assert looks_like_company(name)


@pytest.mark.parametrize("text", [
    "Jane Roe bought two cars.",
    "Jane Roe said the city needs 500 buses.",  # the vehicles of a clause of its own
])
def test_a_person_with_a_few_cars_or_reporting_others_vehicles_stays_a_person(
        companies, text) -> None:
    assert "Jane Roe" not in companies(text)


def test_the_company_a_funding_round_is_in_is_a_company_even_as_the_models_place(
        companies) -> None:
    # the model tags "Routelio" a place; no place raises a round
    assert "Routelio" in companies("Tarrow Capital led a $60 million funding round in Routelio.")
    assert "South Africa" not in companies("Tarrow Capital invested in South Africa.")


def test_an_unknown_name_read_as_a_common_noun_is_a_company_when_an_apposition_says_so(
        companies) -> None:
    # the model reads "Corvane" as a common noun and tags nothing
    assert "Corvane" in companies("Corvane, the Oslo-based car-sharing service, is adding 300 "
                                  "electric cars.")
    assert companies("Transport, a huge sector, is changing.") == []


def test_an_unknown_name_read_as_a_common_noun_acting_as_a_company_is_one(companies) -> None:
    # "Corvane" opens the sentence, read as a common noun; it is capitalised mid-sentence too
    assert "Corvane" in companies("Corvane has ordered 400 vans from Sable Motors. The order "
                                  "was welcomed by Corvane staff.")
    assert companies("Management said costs fell. Customers ordered more vans.") == []


@pytest.mark.parametrize(("text", "name"), [
    ("Dovrin Cargo's new CEO, Petra Lund, starts in May.", "Dovrin Cargo"),
    ("Quorra Freight's new chief executive, Anna Berg, starts in March.", "Quorra Freight"),
])
def test_a_post_owner_the_model_tagged_with_its_possessive_is_a_company(companies, text,
                                                                        name) -> None:
    assert name in companies(text)


@pytest.mark.parametrize(("text", "name"), [
    ("Corvath Mobility is set to take over Alder Quist in a deal worth $90 million.",
     "Alder Quist"),
    ("Alder Quist signed a memorandum of understanding with Norvane Logistics on depots.",
     "Alder Quist"),
])
def test_a_name_taken_over_or_signing_what_only_companies_sign_is_a_company(companies, text,
                                                                           name) -> None:
    assert name in companies(text)


@pytest.mark.parametrize("name", ["Brenlow Grocers", "Kessry Express", "Tarvin Parcel"])
def test_retail_and_parcel_words_end_a_companys_name(companies, name) -> None:
    assert name in companies(f"{name} has selected Halvik Transit as its new van supplier.")


def test_a_name_the_model_read_as_a_place_in_a_partnership_between_companies(companies) -> None:
    found = companies("The partnership between Halvik Transit and Velora Motors will cover "
                      "12 European markets.")
    assert {"Halvik Transit", "Velora Motors"} <= set(found)


def test_three_names_forming_a_consortium_are_companies_whatever_the_model_tags(
        companies) -> None:
    found = companies("Velora Motors, Norvane Logistics and Halvik Transit have formed a "
                      "consortium to build charging hubs.")
    assert {"Velora Motors", "Norvane Logistics", "Halvik Transit"} <= set(found)


def test_two_investors_the_model_cut_at_their_and_stay_two(companies) -> None:
    found = companies("Dunmore Robotics raised $50 million from investors including Pemberly "
                      "Capital and Orbelle Ventures.")
    assert {"Pemberly Capital", "Orbelle Ventures"} <= set(found)
    assert not any(" and " in name for name in found)


@pytest.mark.parametrize(("text", "name"), [
    ("Ride-hailing app Zoomo expanded to Lisbon.", "Zoomo"),
    ("Revenue at Halbrook & Sons rose 4% in the quarter.", "Halbrook & Sons"),
])
def test_an_app_or_a_family_firm_is_a_company_whatever_the_model_tags(companies, text,
                                                                      name) -> None:
    assert name in companies(text)


@pytest.mark.parametrize("text", [
    "Hanna Kreutz took over as chief executive of Velora Motors in 2021.",
    "Hanna Kreutz stepped down as chairman of Velora Motors.",
    "Hanna Kreutz was appointed chief financial officer of Velora Motors.",
])
def test_a_name_taking_or_leaving_a_post_is_no_company_whatever_the_model_tags(
        companies, text) -> None:
    assert companies(text) == ["Velora Motors"]


def test_a_name_ending_in_a_word_no_place_ends_in_is_a_company_whatever_its_label(
        companies) -> None:
    names = companies("The car uses batteries from Sunvolt Cells and software from Quantix AI.")
    assert "Quantix AI" in names


def test_a_company_noun_that_does_not_fit_the_models_label_leaves_the_deal_cue(
        companies) -> None:
    names = companies("The loan follows Kestrin's acquisition of rival Flinko last year.")
    assert "Flinko" in names
    assert "Jane Doe" not in companies("Her rival Jane Doe won the vote.")
