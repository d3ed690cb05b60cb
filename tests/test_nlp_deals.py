"""Deals on sentences we wrote: type, status, parties, roles, value, quantity."""

from __future__ import annotations

import pytest

import nlp


@pytest.fixture(scope="module")
def deals():
    nlp.load_pipeline()
    return lambda text: nlp.analyze(text).to_dict()["deals"]


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
