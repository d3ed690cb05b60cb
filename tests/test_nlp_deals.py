"""Deals on sentences we wrote: type, status, parties, roles, value, quantity.

These test the rule components, which propose candidates to the trained scorer
(nlp.analyze(text, rules_only=True)); the scored output is tested in test_nlp_scorer.py.
"""

from __future__ import annotations

import pytest

import nlp


@pytest.fixture(scope="module")
def deals():
    nlp.load_pipeline()
    return lambda text: nlp.analyze(text, rules_only=True).to_dict()["deals"]


def test_an_order_is_a_supply_deal_with_its_quantity(deals) -> None:
    [deal] = deals("Amazon ordered 10,000 electric vans from Rivian, the companies said.")
    assert deal["type"] == "supply" and deal["status"] == "announced"
    assert deal["roles"] == {"Amazon": "customer", "Rivian": "supplier"}
    assert deal["parties"] == ["Rivian", "Amazon"]  # supplier first
    assert deal["quantity"] == {"count": 10_000, "unit": "vans"}


def test_agreed_to_buy_is_an_announced_acquisition_with_value(deals) -> None:
    [deal] = deals("Hertz agreed to buy Dollar Thrifty for $2.3 billion.")
    assert (deal["type"], deal["status"]) == ("acquisition", "announced")
    assert deal["roles"] == {"Hertz": "acquirer", "Dollar Thrifty": "target"}
    assert deal["value"] == {"amount": 2_300_000_000, "currency": "USD"}


def test_completed_the_acquisition_is_completed(deals) -> None:
    [deal] = deals("Hertz completed the acquisition of Kappa Fleet, a Texas lessor.")
    assert (deal["type"], deal["status"]) == ("acquisition", "completed")
    assert deal["parties"] == ["Hertz", "Kappa Fleet"]


def test_people_familiar_make_a_deal_rumoured(deals) -> None:
    [deal] = deals("Toyota is considering an investment in Uber, according to people familiar "
                   "with the matter.")
    assert (deal["type"], deal["status"]) == ("investment", "rumoured")
    assert deal["roles"] == {"Toyota": "investor", "Uber": "target"}


def test_in_talks_is_in_talks(deals) -> None:
    [deal] = deals("Volkswagen is in talks with Ayvens about a leasing venture.")
    assert deal["status"] == "in_talks"
    assert set(deal["parties"]) == {"Volkswagen AG", "Ayvens"}


def test_partnership_keeps_its_evidence_and_offsets(deals) -> None:
    text = "Markets were calm. Volkswagen and Microsoft signed a partnership to build a cloud."
    [deal] = deals(text)
    assert deal["type"] == "partnership"
    assert text[deal["start"]:deal["end"]].strip() == deal["evidence"]
    assert deal["evidence"].startswith("Volkswagen and Microsoft")


def test_joint_venture_lists_every_party(deals) -> None:
    [deal] = deals("Ford and Mazda formed a joint venture with Matsushita to make parts.")
    assert deal["type"] == "joint_venture"
    assert len(deal["parties"]) == 3


def test_one_company_alone_makes_no_deal(deals) -> None:
    assert deals("Tesla agreed to buy a plot of land in Texas.") == []


def test_orders_from_two_makers_are_two_supply_deals(deals) -> None:
    found = deals("Hertz ordered 5,000 cars from Tesla and Polestar last year.")
    assert sorted(tuple(d["parties"]) for d in found) == [("Polestar", "Hertz"),
                                                          ("Tesla", "Hertz")]


def test_later_sentences_about_the_same_parties_are_the_same_deal(deals) -> None:
    found = deals("Volkswagen agreed to acquire Voltera Charging GmbH for EUR 450 million. "
                  "Volkswagen and Voltera Charging will also cooperate on software.")
    assert len(found) == 1 and found[0]["type"] == "acquisition"


def test_a_company_quoting_a_deal_is_not_a_party(deals) -> None:
    [deal] = deals("Hertz agreed to buy Kappa Fleet Services, Avis said on Monday.")
    assert set(deal["parties"]) == {"Hertz", "Kappa Fleet Services"}


def test_deals_carry_the_date_their_sentence_names(deals) -> None:
    [deal] = deals("Volkswagen and Microsoft signed a partnership on September 28, 2018.")
    assert deal["date"] == "2018-09-28"


def test_owners_named_in_passing_are_not_parties(deals) -> None:
    [deal] = deals("The service was born by merging Daimler's car-sharing arm car2go with BMW's "
                   "DriveNow.")
    assert deal["type"] == "merger" and set(deal["parties"]) == {"car2go", "DriveNow"}


def test_a_standing_stake_is_not_a_deal(deals) -> None:
    assert deals("General Motors holds a 38.6 pct stake in Isuzu.") == []


def test_a_parent_working_with_its_own_unit_is_not_a_deal(deals) -> None:
    assert deals("Stellantis signed an agreement with its own brand Free2move.") == []


def test_it_as_subject_is_the_company_of_the_sentence_before(deals) -> None:
    found = deals("Sixt reported record revenue on Tuesday. It also partnered with Uber to "
                  "offer rental cars to drivers.")
    assert [(d["type"], set(d["parties"])) for d in found] == [("partnership",
                                                               {"Sixt", "Uber"})]


def test_a_noun_with_its_own_parties_leaves_out_a_company_compared(deals) -> None:
    [deal] = deals("The acquisition by Arval of Merchants Fleet would make the group bigger "
                   "than Enterprise Fleet Management.")
    assert deal["type"] == "acquisition"
    assert deal["roles"] == {"Arval": "acquirer", "Merchants Fleet": "target"}


def test_a_rival_is_not_a_party(deals) -> None:
    [deal] = deals("Hertz is competing with Avis to buy Kappa Fleet Services.")
    assert set(deal["parties"]) == {"Hertz", "Kappa Fleet Services"}


def test_selling_to_a_buyer_is_an_acquisition_with_seller(deals) -> None:
    [deal] = deals("Toyota and Nissan agreed to sell their car-sharing unit Zipcar to Lyft.")
    assert deal["type"] == "acquisition" and deal["status"] == "announced"
    assert deal["roles"]["Lyft"] == "acquirer"
    assert deal["roles"]["Zipcar"] == "target"
    assert deal["roles"]["Toyota"] == "seller"


def test_a_merger_in_a_relative_clause_is_a_second_deal(deals) -> None:
    found = deals("Avis Budget Group agreed to sell its unit Zipcar to Lyft, a company formed "
                  "last year through a merger of Nissan and Renault.")
    by_type = {d["type"]: d for d in found}
    assert set(by_type) == {"acquisition", "merger"}
    assert set(by_type["merger"]["parties"]) == {"Nissan", "Renault"}
    assert by_type["merger"]["status"] == "completed"
    assert by_type["acquisition"]["status"] == "announced"
    assert "Renault" not in by_type["acquisition"]["parties"]


def test_a_stake_in_a_joint_venture_is_an_investment(deals) -> None:
    [deal] = deals("Toyota is negotiating with Hyundai Motor and Kia to buy a 15% stake in "
                   "their joint venture.")
    assert deal["type"] == "investment" and deal["status"] == "in_talks"


def test_buying_a_stake_is_an_investment(deals) -> None:
    [deal] = deals("Volkswagen agreed to buy a 20% stake in Rivian for $5 billion.")
    assert deal["type"] == "investment"
    assert deal["roles"] == {"Volkswagen AG": "investor", "Rivian": "target"}


def test_it_as_subject_beside_two_suppliers(deals) -> None:
    found = deals("Hertz reported results on Monday. It announced plans to buy 5,000 EVs from "
                  "General Motors, and another 2,000 from Polestar.")
    assert sorted(tuple(d["parties"]) for d in found) == [("General Motors", "Hertz"),
                                                          ("Polestar", "Hertz")]


def test_a_brand_naming_the_vehicles_ordered_is_the_supplier(deals) -> None:
    found = deals("Avis said that it would buy 3,000 vans from Ford, weeks after the company "
                  "decided to order 2,000 Tesla vehicles.")
    assert sorted(tuple(d["parties"]) for d in found) == [("Ford", "Avis Budget Group"),
                                                          ("Tesla", "Avis Budget Group")]
    assert all(d["roles"]["Avis Budget Group"] == "customer" for d in found)


def test_a_brand_naming_a_car_is_not_a_party(deals) -> None:
    [deal] = deals("Hertz is negotiating with Geely about adding the Volvo 400 mid-sized car "
                   "to its fleet.")
    assert deal["type"] == "talks" and set(deal["parties"]) == {"Hertz", "Geely"}


def test_press_reports_make_talks_rumoured(deals) -> None:
    [deal] = deals("Uber is negotiating with Lyft about a takeover, the newspaper said.")
    assert deal["status"] == "rumoured"


def test_concluding_an_agreement_is_announced_not_completed(deals) -> None:
    [deal] = deals("Hertz concluded an agreement with Uber to supply 5,000 cars to its drivers.")
    assert deal["status"] == "announced"


def test_the_acquired_unit_s_parent_is_the_seller(deals) -> None:
    [deal] = deals("Arval bought Leasys, the leasing arm of Stellantis, last year.")
    assert deal["roles"] == {"Arval": "acquirer", "Leasys": "target", "Stellantis": "seller"}
    assert deal["status"] == "completed"


def test_winning_an_order_makes_the_winner_the_supplier(deals) -> None:
    [deal] = deals("Volvo won an order from Arriva for 120 electric buses.")
    assert deal["type"] == "supply"
    assert deal["roles"] == {"AB Volvo": "supplier", "Arriva": "customer"}


def test_launching_on_another_company_s_app_is_a_partnership(deals) -> None:
    [deal] = deals("Zoox will launch robotaxi rides in Denver on the Lyft app next spring.")
    assert deal["type"] == "partnership" and set(deal["parties"]) == {"Zoox", "Lyft"}


def test_no_plans_to_buy_is_no_deal(deals) -> None:
    assert deals("BMW said it has no plans to buy Uber.") == []


def test_top_selling_is_not_a_sale(deals) -> None:
    assert deals("Toyota's top-selling SUV beat the best-selling models of Ford.") == []


def test_a_sale_without_a_named_buyer_is_no_deal(deals) -> None:
    assert deals("Ford sold more trucks than Toyota last year.") == []


def test_a_topic_coordinated_with_the_deal_word_is_not_a_party(deals) -> None:
    assert deals("Growth came from Arval's cooperation with BNP Paribas, and the launch of "
                 "Ayvens' new offer.") == []


def test_a_piece_cut_after_an_opening_bracket_joins_the_next(deals) -> None:
    from nlp.deals import _sentences

    doc = nlp.load_pipeline().make_doc("Lex Service said it had acquired <Kappa Fleet Ltd> "
                                       "for 33 mln stg. Shares rose.")
    cuts = {doc[0].i, next(t.i for t in doc if t.text == "Kappa"),
            next(t.i for t in doc if t.text == "Shares")}
    for token in doc:
        token.is_sent_start = token.i in cuts
    assert [s.text.split()[0] for s in _sentences(doc)] == ["Lex", "Shares"]


def test_a_company_reporting_what_another_will_do_keeps_the_other_role(deals) -> None:
    [deal] = deals("Tesla said Panasonic would supply batteries for its cars.")
    assert deal["roles"] == {"Panasonic": "supplier", "Tesla": "customer"}


def test_a_bid_for_a_company_is_an_acquisition(deals) -> None:
    [deal] = deals("Toyota is said to be weighing a bid for Kia.")
    assert (deal["type"], deal["status"]) == ("acquisition", "rumoured")
    assert deal["roles"] == {"Toyota": "acquirer", "Kia": "target"}


def test_money_from_others_in_a_round_makes_them_investors(deals) -> None:
    [deal] = deals("SoftBank led a $2 billion funding round in Grab, with participation from "
                   "Toyota and Hyundai.")
    assert deal["roles"]["Grab"] == "target"
    assert deal["roles"]["Toyota"] == deal["roles"]["SoftBank"] == "investor"


def test_the_mention_nearest_the_deal_word_gives_the_role(deals) -> None:
    [deal] = deals("Arrival's vans will be built for UPS, which invested in Arrival in 2020.")
    assert deal["roles"] == {"UPS": "investor", "Arrival": "target"}


def test_two_clauses_with_their_own_subjects_are_two_deals(deals) -> None:
    found = deals("Ford and Volkswagen announced a global alliance on Tuesday, while GM and "
                  "Honda deepened their partnership.")
    assert sorted(sorted(d["parties"]) for d in found) == [["Ford", "Volkswagen AG"],
                                                           ["General Motors", "Honda"]]


def test_a_coordinated_statement_of_another_company_is_apart(deals) -> None:
    found = deals("Hertz agreed to buy Dollar Thrifty, and Avis said it would partner with "
                  "Uber.")
    assert sorted((d["type"], tuple(sorted(d["parties"]))) for d in found) == [
        ("acquisition", ("Dollar Thrifty", "Hertz")),
        ("partnership", ("Avis Budget Group", "Uber"))]


def test_a_deal_in_a_clause_with_its_own_subject_leaves_out_the_main_clause(deals) -> None:
    [deal] = deals("Lyft shares fell after Uber announced a deal with Waymo.")
    assert set(deal["parties"]) == {"Uber", "Waymo"}


def test_a_sale_with_no_buyer_gives_way_to_the_merger_beside_it(deals) -> None:
    [deal] = deals("Kappa Motors, formed in 2021 by the merger of Nissan and Renault, sells "
                   "cars in Europe.")
    assert (deal["type"], deal["status"]) == ("merger", "completed")
    assert set(deal["parties"]) == {"Nissan", "Renault"}


def test_a_deal_in_a_subordinate_clause_beside_the_main_clause_deal(deals) -> None:
    found = deals("Renault and Nissan rework their alliance as Nissan buys 15% of Ampere.")
    assert sorted((d["type"], tuple(sorted(d["parties"]))) for d in found) == [
        ("investment", ("Ampere", "Nissan")), ("partnership", ("Nissan", "Renault"))]


def test_a_backer_named_in_a_compound_is_not_a_party(deals) -> None:
    assert deals("Amazon-backed Rivian will deliver 10,000 vans this year.") == []


def test_to_be_acquired_is_announced(deals) -> None:
    [deal] = deals("Arval is to be acquired by BNP Paribas.")
    assert (deal["type"], deal["status"]) == ("acquisition", "announced")
    assert deal["roles"] == {"BNP Paribas": "acquirer", "Arval": "target"}


def test_money_received_from_companies_is_their_investment(deals) -> None:
    [deal] = deals("Grab received $250 million from Hyundai and Kia.")
    assert deal["type"] == "investment"
    assert deal["roles"] == {"Grab": "target", "Hyundai Motor": "investor", "Kia": "investor"}


def test_money_raised_by_an_unnamed_company_is_no_deal_between_its_backers(deals) -> None:
    assert deals("The startup raised $40 million in new funding from Toyota and Hyundai.") == []


def test_a_new_boss_taking_over_is_no_takeover(deals) -> None:
    assert deals("Weeks after Jane Roe took over, Hertz and Avis both cut prices.") == []


def test_a_participle_after_a_comma_has_the_main_subject(deals) -> None:
    found = deals("Hertz expanded quickly after Jane Roe took over, placing large orders with "
                  "Polestar and GM.")
    assert sorted(tuple(d["parties"]) for d in found) == [("General Motors", "Hertz"),
                                                          ("Polestar", "Hertz")]
    assert all(d["status"] == "announced" for d in found)  # "took over" is not a closing


def test_owners_described_beside_a_party_are_not_parties(deals) -> None:
    [deal] = deals("Hertz placed an order with Polestar, the carmaker owned by Geely, for "
                   "5,000 cars.")
    assert deal["parties"] == ["Polestar", "Hertz"]


def test_a_pronoun_after_an_opening_phrase_and_a_rival_as_partner(deals) -> None:
    [deal] = deals("Isuzu reported higher sales. In May, it signed a production agreement "
                   "with its rival Toyota to supply it with 8,000 trucks.")
    assert deal["type"] == "supply" and set(deal["parties"]) == {"Isuzu", "Toyota"}


def test_the_company_after_an_opening_phrase_and_owners_in_the_phrase(deals) -> None:
    [deal] = deals("Hertz emerged from bankruptcy in 2021. Under new owners Kappa Capital "
                   "Partners and Lambda Equity, the rental company ordered 50,000 cars from "
                   "Tesla.")
    assert deal["roles"] == {"Hertz": "customer", "Tesla": "supplier"}


def test_labour_supply_is_no_supply_deal(deals) -> None:
    assert deals("Audi and BMW both warned about the labour supply in Hungary.") == []


def test_two_companies_signing_a_supply_deal_or_speaking_of_their_deal(deals) -> None:
    [signed] = deals("Tesla and Hertz signed a supply agreement.")
    assert signed["roles"] == {"Tesla": "supplier", "Hertz": "customer"}
    [spoken] = deals("Tesla and Hertz said the deal would close in May.")
    assert set(spoken["parties"]) == {"Tesla", "Hertz"}


def test_the_merger_told_of_before_has_no_new_parties(deals) -> None:
    found = deals("Ayvens completed its purchase of LeasePlan. While the merger changes nothing "
                  "for drivers, Avis and Hertz still lead the rental market.")
    assert [(d["type"], d["parties"]) for d in found] == [("acquisition", ["Ayvens", "LeasePlan"])]


def test_ending_a_deal_and_a_settlement_are_other_deals(deals) -> None:
    [ending] = deals("Lyft is negotiating with Hertz to end their rental deal.")
    assert (ending["type"], ending["status"]) == ("other", "in_talks")
    [settlement] = deals("Ford reached a $1bn settlement with Tesla over patents.")
    assert settlement["type"] == "other" and set(settlement["parties"]) == {"Ford", "Tesla"}
    [ended] = deals("Nissan ended its alliance with Renault.")
    assert (ended["type"], ended["status"]) == ("other", "completed")


def test_agreeing_to_form_a_company_is_a_joint_venture(deals) -> None:
    [deal] = deals("Honda said it agreed with LG and Panasonic to form a company that will "
                   "make batteries.")
    assert deal["type"] == "joint_venture"
    assert set(deal["parties"]) == {"Honda", "LG", "Panasonic"}


def test_buying_into_a_company_is_an_investment(deals) -> None:
    [deal] = deals("Toyota bought into Isuzu in 2006.")
    assert deal["type"] == "investment"
    assert deal["roles"] == {"Toyota": "investor", "Isuzu": "target"}


def test_the_signer_of_an_agreement_to_buy_is_the_acquirer(deals) -> None:
    [deal] = deals("Hertz has signed an agreement to buy Kappa Fleet Ltd and Lambda Vans Ltd.")
    assert deal["roles"] == {"Hertz": "acquirer", "Kappa Fleet": "target",
                             "Lambda Vans": "target"}


def test_a_company_in_another_action_of_the_subject_is_not_a_party(deals) -> None:
    [deal] = deals("Volvo agreed to buy Kappa Fleet Ltd and hired a former Tesla manager to "
                   "run it.")
    assert deal["parties"] == ["AB Volvo", "Kappa Fleet"]


def test_a_stake_sold_to_a_bank_named_with_its_title(deals) -> None:
    [deal] = deals("Renault chose to sell part of its holding in Kappa Mobility to French bank "
                   "BNP Paribas for 500 million euros.")
    assert deal["type"] == "investment"
    assert deal["roles"] == {"Renault": "seller", "Kappa Mobility": "target",
                             "BNP Paribas": "investor"}


def test_supply_to_units_of_two_companies_keeps_the_supplier(deals) -> None:
    found = deals("Nissan is negotiating the supply of engine parts to the Mexican units of "
                  "Ford and Chrysler.")
    assert sorted(tuple(d["parties"]) for d in found) == [("Nissan", "Chrysler"),
                                                          ("Nissan", "Ford")]


def test_ticker_markup_is_read_past_and_kept_in_the_evidence(deals) -> None:
    text = ("Talbot Motor Co Ltd <TALB.L> said it agreed to buy Renwick Fleet Plc <RENW.L> "
            "from Omega Holdings.")
    [deal] = deals(text)
    assert deal["roles"] == {"Talbot Motor": "acquirer", "Renwick Fleet": "target",
                             "Omega Holdings": "seller"}
    assert deal["evidence"] == text


def test_a_group_and_its_short_name_make_one_deal() -> None:
    from nlp.deals import _short_forms_of
    assert _short_forms_of(["Kappa Motor", "Lambda"], ["Kappa Motor Group", "Lambda"])
    assert not _short_forms_of(["Kappa", "Lambda"], ["Kappa Leasing", "Lambda"])


def test_no_sentence_starts_after_a_lower_case_word() -> None:
    from nlp.pipeline import paragraph_breaks

    doc = paragraph_breaks(nlp.load_pipeline().make_doc(
        "Fiat sold a stake to local bank Kappa for $1bn. Kappa said so.\nNext line"))
    marks = [(t.text, t.is_sent_start) for t in doc]
    assert ("bank", False) in marks and ("Kappa", False) in marks  # after "local", "bank"
    assert ("Next", True) in marks  # a new line still starts a sentence


@pytest.mark.parametrize(("text", "expected"), [
    ("Kappa Media sells consoles, but players still have to buy the games outright from "
     "Orion Studios.", []),
    ("Hertz agreed to buy the car-rental business of Kappa Group.",
     [("acquisition", {"Hertz", "Kappa Group"})]),
    ("Ayvens agreed to buy the leasing portfolio of Kappa Bank.",
     [("acquisition", {"Ayvens", "Kappa Bank"})]),
])
def test_buying_goods_is_no_takeover(deals, text, expected) -> None:
    assert [(d["type"], set(d["parties"])) for d in deals(text)] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Kappa Securities said the order favoured lenders such as Orion Bank and Sigma Bank.", []),
    ("The order for 40 electric buses from Volvo was signed by Arriva on Monday.",
     [("supply", {"AB Volvo", "Arriva"})]),
])
def test_an_order_that_rules_is_no_purchase(deals, text, expected) -> None:
    assert [(d["type"], set(d["parties"])) for d in deals(text)] == expected


@pytest.mark.parametrize(("text", "status"), [
    ("Talgo Freight was taken private by Orvane Holdings in a deal worth $2 billion.",
     "completed"),
    ("Talgo Freight agreed to be taken private by Orvane Holdings for $2 billion.",
     "announced"),
    ("Talgo Freight is being taken private by Orvane Holdings.", "announced"),
    ("Orvane Holdings took Talgo Freight private in a $2 billion deal.", "announced"),
])
def test_taken_private_is_an_acquisition(deals, text, status) -> None:
    [deal] = deals(text)
    assert (deal["type"], deal["status"]) == ("acquisition", status)
    assert deal["roles"] == {"Orvane Holdings": "acquirer", "Talgo Freight": "target"}


def test_private_the_parser_hangs_on_a_name_still_takes_it_private(deals) -> None:
    found = deals("Orvane Holdings plans to take its affiliate Talgo Industries private in a "
                  "deal valued at $4 billion.")
    assert [(d["type"], set(d["parties"])) for d in found] == [
        ("acquisition", {"Orvane Holdings", "Talgo Industries"})]


def test_being_bought_out_is_an_acquisition_not_yet_done(deals) -> None:
    [deal] = deals("Talgo Freight is being bought out by Orvane Holdings.")
    assert (deal["type"], deal["status"]) == ("acquisition", "announced")
    assert deal["roles"] == {"Orvane Holdings": "acquirer", "Talgo Freight": "target"}


def test_a_stake_sold_to_a_buyer_names_seller_target_and_investor(deals) -> None:
    [deal] = deals("Pellman Group has sold its 30% stake in Talgo Freight to Orvane Holdings "
                   "for $80 million.")
    assert (deal["type"], deal["status"]) == ("investment", "completed")
    assert deal["roles"] == {"Pellman Group": "seller", "Talgo Freight": "target",
                             "Orvane Holdings": "investor"}
    assert deal["value"] == {"amount": 80_000_000, "currency": "USD"}


@pytest.mark.parametrize("text", [
    "Norvane Mobility has agreed to buy 12 hydrogen coaches from Dundee manufacturer Lorvic "
    "Motors.",
    "Norvane Mobility is buying 20 double-deck buses from Swindon bus maker Lorvic Motors for "
    "its airport shuttle.",
])
def test_a_name_before_a_kind_noun_describes_the_next_company(deals, text) -> None:
    [deal] = deals(text)
    assert deal["type"] == "supply"
    assert deal["roles"] == {"Norvane Mobility": "customer", "Lorvic Motors": "supplier"}


def test_a_person_owning_the_investor_is_not_a_party(deals) -> None:
    [deal] = deals("Back in 2021, Quellis Energy received $90 million from Hiroshi Tanabe's "
                   "SoftBank.")
    assert deal["roles"] == {"Quellis Energy": "target", "SoftBank": "investor"}


@pytest.mark.parametrize("text", [
    "Orlund Bank will provide Kestrel Logistics with a €35m loan to renew its trucks.",
    "Orlund Bank is to provide €35m of financing to Kestrel Logistics.",
    "Orlund Bank will provide Kestrel Logistics with fresh funding.",
])
def test_money_provided_to_a_company_is_an_investment(deals, text) -> None:
    [deal] = deals(text)
    assert deal["type"] == "investment"
    assert deal["roles"] == {"Orlund Bank": "investor", "Kestrel Logistics": "target"}


def test_vans_provided_to_a_company_stay_a_supply(deals) -> None:
    [deal] = deals("Kestrel Logistics will provide Orlund Bank with 40 electric vans.")
    assert deal["type"] == "supply"


def test_buying_a_company_that_brings_vehicles_is_an_acquisition(deals) -> None:
    [deal] = deals("Tolsby Freight has agreed to buy courier firm Nimblo for £150m, forming "
                   "a group with 6,500 vans.")
    assert (deal["type"], deal["status"]) == ("acquisition", "announced")
    assert deal["roles"] == {"Tolsby Freight": "acquirer", "Nimblo": "target"}


def test_the_sale_of_a_unit_to_a_buyer_names_the_buyer_and_the_seller(deals) -> None:
    [deal] = deals("Marlow Group completed the sale of its coach hire arm to Ferndale "
                   "Holdings.")
    assert (deal["type"], deal["status"]) == ("acquisition", "completed")
    assert deal["roles"] == {"Ferndale Holdings": "acquirer", "Marlow Group": "seller"}
    assert deal["parties"] == ["Ferndale Holdings", "Marlow Group"]


@pytest.mark.parametrize("text", [
    "Dunmore Logistics has partnered with suppliers including Larkin Motors, Oswin Energy "
    "and Cordell Robotics.",
    "Dunmore Logistics works with retailers Larkin Motors, Oswin Energy and Cordell Robotics.",
    "Dunmore Logistics offers rentals through partnerships with Larkin Motors, Oswin Energy "
    "and Cordell Robotics.",
])
def test_partners_listed_after_a_company_are_one_deal_each(deals, text) -> None:
    found = deals(text)
    assert sorted(sorted(d["parties"]) for d in found) == [
        ["Cordell Robotics", "Dunmore Logistics"], ["Dunmore Logistics", "Larkin Motors"],
        ["Dunmore Logistics", "Oswin Energy"]]
    assert {d["type"] for d in found} == {"partnership"}


@pytest.mark.parametrize("text", [
    "Larkin Motors, Oswin Energy and Cordell Robotics formed an alliance to build hubs.",
    "Larkin Motors has partnered with Oswin Energy and Cordell Robotics to build hubs.",
])
def test_a_consortium_stays_one_deal(deals, text) -> None:
    [deal] = deals(text)
    assert set(deal["parties"]) == {"Larkin Motors", "Oswin Energy", "Cordell Robotics"}


def test_an_order_received_is_a_sale_not_funding(deals) -> None:
    [deal] = deals("Kessler Rail Corp said it received a 60 mln dlr order from Lakeview Lines "
                   "Inc for 120 passenger coaches.")
    assert deal["type"] == "supply"
    assert deal["roles"] == {"Kessler Rail": "supplier", "Lakeview Lines": "customer"}


def test_a_funding_round_led_by_an_investor_is_an_investment(deals) -> None:
    [deal] = deals("Halvorsen Mobility has raised $85 million in a Series C round led by "
                   "Quint Ventures.")
    assert deal["type"] == "investment"
    assert deal["roles"] == {"Halvorsen Mobility": "target", "Quint Ventures": "investor"}



def test_the_lead_of_a_funding_round_invests_in_its_company(deals) -> None:
    [deal] = deals("Kappa Ventures led the funding round in Beta Mobility.")
    assert deal["type"] == "investment"
    assert deal["roles"] == {"Kappa Ventures": "investor", "Beta Mobility": "target"}


def test_a_division_sold_is_no_party_of_its_sale(deals) -> None:
    [deal] = deals("Brantley Industries Inc said it agreed to sell its Castor Axle division to "
                   "Meridian Parts Corp for about 48 mln dlrs in cash.")
    assert deal["type"] == "acquisition"
    assert set(deal["parties"]) == {"Brantley Industries", "Meridian Parts"}


def test_a_unit_sold_that_has_a_legal_form_is_a_party_of_its_sale(deals) -> None:
    [deal] = deals("Brantley Industries Inc said it agreed to sell its Castor Axle Co unit to "
                   "Meridian Parts Corp for about 48 mln dlrs in cash.")
    assert deal["roles"] == {"Brantley Industries": "seller", "Castor Axle": "target",
                             "Meridian Parts": "acquirer"}


@pytest.mark.parametrize("text", [
    "Pike Transit awarded a contract for 60 electric buses to Volta Coachworks.",
    "Pike Transit awarded Volta Coachworks a contract for 60 electric buses.",
    "Volta Coachworks was awarded a contract for 60 electric buses by Pike Transit.",
    "Volta Coachworks won a contract for 60 electric buses from Pike Transit.",
])
def test_a_contract_awarded_makes_the_one_awarding_the_customer(deals, text) -> None:
    [deal] = deals(text)
    assert deal["type"] == "supply"
    assert deal["roles"] == {"Pike Transit": "customer", "Volta Coachworks": "supplier"}


def test_a_vehicle_word_in_the_bought_companys_name_does_not_make_an_order(deals) -> None:
    [deal] = deals("Strathmore Mobility is buying Pinewood Cars in a deal valued at $450 million.")
    assert deal["type"] == "acquisition"
    assert deal["roles"] == {"Strathmore Mobility": "acquirer", "Pinewood Cars": "target"}


@pytest.mark.parametrize(("text", "roles"), [
    ("Orrin Group has offloaded its van rental arm to Calloway Holdings.",
     {"Orrin Group": "seller", "Calloway Holdings": "acquirer"}),
    ("Delphy Labs was snapped up by Orrin Group last year.",
     {"Delphy Labs": "target", "Orrin Group": "acquirer"}),
])
def test_offloading_and_snapping_up_are_takeovers(deals, text, roles) -> None:
    [deal] = deals(text)
    assert deal["type"] == "acquisition" and deal["roles"] == roles


@pytest.mark.parametrize("text", [
    "Corran Motors has rejected a £2bn takeover bid from Belvoir Group.",
    "Corran Motors agreed to a £1.8bn takeover by Belvoir Group.",
    "Corran Motors Inc said it agreed in principle to be acquired by Belvoir Group Inc.",
])
def test_the_bidder_buys_and_the_subject_that_answers_the_bid_is_the_target(deals,
                                                                           text) -> None:
    [deal] = deals(text)
    assert deal["type"] == "acquisition"
    assert deal["roles"] == {"Corran Motors": "target", "Belvoir Group": "acquirer"}


def test_a_company_agreeing_to_be_bought_is_taken_over_whatever_vehicles_it_runs(deals) -> None:
    [deal] = deals("Coach operator Lanark Group has agreed to be bought by investment firm "
                   "Stonebridge Partners for 200m pounds, a deal that covers its 2,400 buses.")
    assert deal["type"] == "acquisition"
    assert deal["roles"] == {"Lanark Group": "target", "Stonebridge Partners": "acquirer"}


def test_a_stake_in_a_rival_makes_the_rival_a_party(deals) -> None:
    [deal] = deals("Skylark Airways has bought a 29% stake in rival carrier Aerlyn Air for "
                   "150m euros.")
    assert deal["roles"] == {"Skylark Airways": "investor", "Aerlyn Air": "target"}


@pytest.mark.parametrize("text", [
    "Pemberton Leasing Corp said its board rejected an unsolicited 18 dlrs a share offer from "
    "Talbot Partners, saying the bid was inadequate.",
    "Talbot Partners made a 21 dlrs a share offer for Pemberton Leasing Corp.",
])
def test_a_price_a_share_offer_is_a_takeover_by_its_bidder(deals, text) -> None:
    [deal] = deals(text)
    assert deal["type"] == "acquisition"
    assert deal["roles"] == {"Talbot Partners": "acquirer", "Pemberton Leasing": "target"}



@pytest.mark.parametrize(("text", "parties"), [
    ("Ferrolux Leasing, the leasing arm of Norden Bank, has signed a partnership with charging "
     "firm Voltane to install 5,000 chargers.", {"Ferrolux Leasing", "Voltane"}),
    ("Ferrolux Leasing, a unit of Norden Bank, has agreed to buy Voltane.",
     {"Ferrolux Leasing", "Voltane"}),
    # the owner of the company bought is its seller
    ("Quellmark Rentals bought Voltane, a unit of Norden Bank.",
     {"Quellmark Rentals", "Voltane", "Norden Bank"}),
])
def test_the_owner_in_a_description_of_the_subject_is_no_party(deals, text, parties) -> None:
    assert [set(d["parties"]) for d in deals(text)] == [parties]


def test_taking_control_of_a_company_is_an_acquisition(deals) -> None:
    [deal] = deals("Halden Transit took full control of Brisco Coaches last year.")
    assert (deal["type"], set(deal["parties"])) == ("acquisition",
                                                    {"Halden Transit", "Brisco Coaches"})
    assert deals("The driver took control of the Brisco Coaches bus.") == []


@pytest.mark.parametrize("text", [
    "Ferrow Buses has chosen Kelmar Coachworks as its sole bus supplier.",
    "Kelmar Coachworks was selected as the preferred bus supplier for Ferrow Buses.",
])
def test_the_one_choosing_a_supplier_is_its_customer(deals, text) -> None:
    [deal] = deals(text)
    assert deal["type"] == "supply"
    assert deal["roles"] == {"Ferrow Buses": "customer", "Kelmar Coachworks": "supplier"}


def test_a_consortium_formed_by_three_is_a_partnership_of_the_three(deals) -> None:
    [deal] = deals("Velora Motors, Norvane Logistics and Halvik Transit have formed a "
                   "consortium to build charging hubs.")
    assert deal["type"] == "partnership"
    assert set(deal["parties"]) == {"Velora Motors", "Norvane Logistics", "Halvik Transit"}


@pytest.mark.parametrize("text", [
    "Quillory Cabs, which Pemberly Capital owns, has ordered 200 cars from Velora Motors.",
    "Quillory Cabs, which is backed by Pemberly Capital, has ordered 200 cars from Velora "
    "Motors.",
])
def test_an_owner_named_in_a_clause_describing_the_subject_is_no_party(deals, text) -> None:
    assert [set(d["parties"]) for d in deals(text)] == [{"Quillory Cabs", "Velora Motors"}]


@pytest.mark.parametrize("text", [
    "Pemberly Capital has poured $200 million into Dunmore Robotics.",
    "Pemberly Capital will inject EUR 200 million into Dunmore Robotics.",
])
def test_money_poured_or_injected_into_a_company_is_an_investment(deals, text) -> None:
    [deal] = deals(text)
    assert deal["type"] == "investment"
    assert deal["roles"] == {"Pemberly Capital": "investor", "Dunmore Robotics": "target"}
    assert deal["value"]["amount"] == 200_000_000


@pytest.mark.parametrize("text", [
    # the model tags the long form a person and the short form an organisation
    "Halvik Transit signed a deal with Velora Motors last year. On Monday Halvik ordered 40 "
    "more buses from Brisco Coachworks.",
    # the model tags the short form nothing
    "Quorvane Charging signed a deal with Velora Motors last year. On Monday Quorvane "
    "ordered 40 more buses from Brisco Coachworks.",
])
def test_a_company_named_again_by_its_short_form_is_a_party(deals, text) -> None:
    found = [(d["type"], set(d["parties"])) for d in deals(text)]
    buyer = text.split(" signed")[0]
    assert ("supply", {buyer, "Brisco Coachworks"}) in found


@pytest.mark.parametrize(("text", "deals_expected"), [
    ("Tolvane has raised $25 million. The round was led by Brisco Capital, with Quenby "
     "Ventures also taking part.", [{"Tolvane", "Brisco Capital", "Quenby Ventures"}]),
    ("Brisco Capital led a $25 million round in Tolvane. The round also included Quenby "
     "Ventures.", [{"Brisco Capital", "Tolvane"}, {"Tolvane", "Quenby Ventures"}]),
])
def test_a_round_told_of_before_is_an_investment_in_the_company_that_raised_it(
        deals, text, deals_expected) -> None:
    found = [set(d["parties"]) for d in deals(text) if d["type"] == "investment"]
    assert all(expected in found for expected in deals_expected)
    assert {"Brisco Capital", "Quenby Ventures"} not in found


def test_a_round_of_talks_is_no_investment(deals) -> None:
    assert not [d for d in deals("The second round of talks between Brisco Capital and Quenby "
                                 "Ventures was led by mediators.") if d["type"] == "investment"]


@pytest.mark.parametrize(("text", "deal_type"), [
    ("Nordhav Bus has signed a framework agreement with Caldor Coachworks for up to 300 "
     "buses.", "supply"),
    ("Nordhav Bus struck a deal with Caldor Coachworks for 40 electric coaches.", "supply"),
    ("Nordhav Bus signed a deal with Caldor Coachworks for the next five years.",
     "partnership"),
])
def test_an_agreement_for_vehicles_is_a_supply_deal(deals, text, deal_type) -> None:
    assert [(d["type"], set(d["parties"])) for d in deals(text)] == [
        (deal_type, {"Nordhav Bus", "Caldor Coachworks"})]


@pytest.mark.parametrize("text", [
    "Rival Lumsden Fleet agreed in March to merge with Tovar Leasing.",
    "Rival car rental firm Lumsden Fleet agreed to merge with Tovar Leasing.",
    "Lumsden Fleet agreed to merge with Tovar Leasing, creating a company with 90,000 cars.",
])
def test_a_rival_that_opens_the_sentence_merges_and_a_merger_creates_no_joint_venture(
        deals, text) -> None:
    assert [(d["type"], set(d["parties"])) for d in deals(text)] == \
        [("merger", {"Lumsden Fleet", "Tovar Leasing"})]


def test_the_company_a_deal_noun_points_back_to_is_named_in_its_own_sentence(deals) -> None:
    # "The purchase ..., the company said": the company is Velmora, named again; not Dorrin
    # Bank, which only describes Velmora in the sentence before.
    found = deals("Velmora Mobility buys Dutch van lessor Fenwick\n\nAMSTERDAM (Fleet Wire) – "
                  "Velmora Mobility, the leasing arm of French bank Dorrin Bank, has agreed to "
                  "buy Fenwick Lease. The purchase, for which terms were not disclosed, will lift "
                  "Velmora's fleet to 240,000 vehicles, the company said.")
    assert [(d["type"], set(d["parties"])) for d in found] == \
        [("acquisition", {"Velmora Mobility", "Fenwick Lease"})]


def test_the_group_as_the_subject_of_a_second_clause_is_the_company_before(deals) -> None:
    found = deals("Tarrow Bus runs about 2,400 buses across the north. Around 380 of them "
                  "are electric, and the group has ordered a further 150 from Scottish "
                  "manufacturer Clydebuilt.")
    assert [(d["type"], set(d["parties"])) for d in found] == \
        [("supply", {"Tarrow Bus", "Clydebuilt"})]


def test_it_after_a_sentence_about_its_investors_is_the_company_before(deals) -> None:
    found = deals("Haulsafe Technologies has raised more than $400 million to date. Its "
                  "investors include logistics giant Pemberton Group and Sandhill Road "
                  "Partners. In March, it acquired lidar startup Opticore for an undisclosed "
                  "sum.")
    assert ("acquisition", {"Haulsafe Technologies", "Opticore"}) in \
        [(d["type"], set(d["parties"])) for d in found]
    assert not any("Pemberton Group" in d["parties"] and d["type"] == "acquisition"
                   for d in found)


@pytest.mark.parametrize("text", [
    "Kavro Electric has raised over $200 million from Tellin Ventures.",
    "Kavro Electric has secured more than €50m from Tellin Ventures.",
    "Kavro Electric has raised a further $20 million from Tellin Ventures.",
])
def test_money_raised_with_a_qualifier_is_an_investment(deals, text) -> None:
    assert [(d["type"], set(d["parties"])) for d in deals(text)] == \
        [("investment", {"Kavro Electric", "Tellin Ventures"})]


def test_the_lead_of_a_companys_round_invests_in_it(deals) -> None:
    found = deals("Oslin Capital led Kavro Mobility's $40 million Series B.")
    assert [(d["type"], d["roles"]) for d in found] == [
        ("investment", {"Oslin Capital": "investor", "Kavro Mobility": "target"})]
    assert deals("Oslin Capital led Kavro Mobility's expansion into Spain.") == []


@pytest.mark.parametrize("vehicles", ["hybrid cabs", "double-deckers", "minibuses", "e-vans"])
def test_buying_vehicles_of_any_fleet_word_from_a_maker_is_a_supply_deal(deals,
                                                                         vehicles) -> None:
    found = deals(f"Ride app Tovelo is buying 1,000 {vehicles} from Karsk Motors.")
    assert [(d["type"], set(d["parties"])) for d in found] == [
        ("supply", {"Tovelo", "Karsk Motors"})]


def test_who_backs_a_company_in_a_description_of_it_is_no_deal(deals) -> None:
    assert deals("Voltarra Energy is a charging company backed by Northwold Partners and "
                 "Essling Ventures.") == []
    found = deals("Kestrel Mobility, a start-up backed by Vantage Peak Capital and Orrin "
                  "Ventures, signed a deal with Brandmoor Charging.")
    assert [(d["type"], set(d["parties"])) for d in found] == [
        ("partnership", {"Kestrel Mobility", "Brandmoor Charging"})]


@pytest.mark.parametrize("text", [
    "Brightwater Mobility and Ostrava Energy have formed a 50-50 joint venture, Brightwater "
    "Ostrava Charging, to build 2,000 fast chargers.",
    "Brightwater Mobility and Ostrava Energy set up a joint venture called Brightwater "
    "Ostrava Charging.",
])
def test_a_joint_ventures_own_name_is_no_party_of_it(deals, text) -> None:
    assert [(d["type"], set(d["parties"])) for d in deals(text)] == [
        ("joint_venture", {"Brightwater Mobility", "Ostrava Energy"})]
