"""Fleet figures on sentences we wrote, traps included.

These test the rule components, which propose candidates to the trained scorer
(nlp.analyze(text, rules_only=True)); the scored output is tested in test_nlp_scorer.py.
"""

from __future__ import annotations

import pytest

import nlp
from nlp.judge import CANDIDATES_KEY


@pytest.fixture(scope="module")
def fleet():
    nlp.load_pipeline()
    return lambda text: nlp.analyze(text, rules_only=True).to_dict()["fleet_figures"]


def test_fleet_figures_read_a_managed_fleet_with_its_qualifier(fleet) -> None:
    [figure] = fleet("Ayvens manages a fleet of about 3.3 million vehicles.")
    assert (figure["company"], figure["count"], figure["unit"]) == ("Ayvens", 3_300_000,
                                                                    "vehicles")
    assert figure["approximate"] and figure["qualifier"] == "about"
    assert figure["context"] == "manages" and figure["scope"] == "total"
    assert figure["evidence"] == "Ayvens manages a fleet of about 3.3 million vehicles."


def test_fleet_figures_read_word_numbers_and_k(fleet) -> None:
    assert [f["count"] for f in fleet("Metro Buses Ltd runs two thousand buses.")] == [2000]
    assert [f["count"] for f in fleet("Bolt operates 10k scooters in Berlin.")] == [10_000]


def test_fleet_figures_mark_plans_and_segments(fleet) -> None:
    [figure] = fleet("Amazon plans to have 100,000 electric delivery vans on the road by 2030.")
    assert figure["context"] == "plans" and figure["scope"] == "segment"
    [figure] = fleet("Sixt now has only 8,000 EVs in its fleet.")
    assert (figure["count"], figure["unit"], figure["approximate"]) == (8_000, "EVs", False)


def test_fleet_figures_keep_up_to_as_qualifier(fleet) -> None:
    [figure] = fleet("Arval leases up to 50,000 vans to small businesses.")
    assert figure["qualifier"] == "up to" and figure["context"] == "leases"


def test_fleet_owner_is_the_subsidiary_not_its_parent(fleet) -> None:
    [figure] = fleet("Lyft's Flexdrive unit owns a fleet of about 15,000 rental cars.")
    assert figure["company"] == "Flexdrive" and figure["context"] == "owns"


@pytest.mark.parametrize("text", [
    "Tarrow Rail said it has agreed to buy Quill Leasing Ltd, which owns 1,200 rail wagons, "
    "for 140 mln stg.",
    "Tarrow Rail will buy Quill Leasing, which runs 1,200 wagons.",
])
def test_fleet_owner_is_the_company_a_relative_clause_speaks_of(fleet, text) -> None:
    assert [(f["company"], f["count"]) for f in fleet(text)] == [("Quill Leasing", 1200)]


def test_fleet_owner_is_the_possessor_of_the_fleet(fleet) -> None:
    [figure] = fleet("Sixt's fleet of electric cars has grown to 12,500 vehicles.")
    assert figure["company"] == "Sixt" and figure["count"] == 12_500


def test_fleet_owner_is_not_the_maker_named_in_the_count(fleet) -> None:
    [figure] = fleet("Arriva runs more than 250 Volvo electric buses on its routes.")
    assert figure["company"] == "Arriva"


def test_the_company_refers_back_to_the_last_named_company(fleet) -> None:
    [figure] = fleet("DHL opened a depot on Monday. The company operates about 42,000 parcel "
                     "vans in Europe.")
    assert figure["company"] == "DHL" and figure["count"] == 42_000


@pytest.mark.parametrize("text", [
    "Amazon ordered 10,000 electric vans from Rivian.",
    "Hertz sold 20,000 EVs last year.",
    "Sixt said it would sell off a quarter of its diesel fleet, some 9,000 vehicles in all.",
    "Uber has more than 7 million drivers and couriers worldwide.",
    "BP Pulse installed 3,000 chargers for Arval.",
    "Rivian will add 1,500 jobs at its plant, the company said.",
    "Toyota built 70,000 cars a year at the plant.",
    "Hertz will add 10,000 more EVs to its rental fleet.",
    "DHL has tested more than 12 models of electric vans.",
    "Arval said 60% of its fleet of leased cars will be electric by 2030.",
])
def test_orders_sales_drivers_chargers_and_jobs_are_not_fleet_figures(fleet, text) -> None:
    assert fleet(text) == []


def test_possessor_of_an_existing_fleet_owns_it(fleet) -> None:
    found = fleet("Europcar said the deal adds 900 vans to the rental brand Sixt's existing "
                  "fleet of 3,700, and more customers.")
    assert [(f["company"], f["count"]) for f in found] == [("Sixt", 3700)]


def test_of_which_gives_a_segment_of_the_fleet(fleet) -> None:
    found = fleet("Arval manages a fleet of about 1.8 million vehicles, of which around "
                  "300,000 are electric.")
    assert [(f["count"], f["scope"]) for f in found] == [(1_800_000, "total"),
                                                         (300_000, "segment")]


def test_the_latter_is_the_last_company_named_and_with_n_gives_its_fleet(fleet) -> None:
    found = fleet("Renault and Getaround signed a partnership. The latter is active in eight "
                  "cities with about 4,500 cars, with 1,200 being EVs.")
    assert [(f["company"], f["count"], f["scope"], f["unit"], f["approximate"])
            for f in found] == [("Getaround", 4500, "total", "cars", True),
                                ("Getaround", 1200, "segment", "EVs", False)]


def test_the_former_is_the_first_company_named(fleet) -> None:
    found = fleet("Lime and Tier compete in Paris. The former operates in 30 cities with "
                  "20,000 e-scooters.")
    assert [(f["company"], f["count"]) for f in found] == [("Lime", 20_000)]


def test_with_n_vehicles_after_launch_or_presence(fleet) -> None:
    assert [(f["company"], f["count"]) for f in fleet("Zipcar launched in Lyon with 300 cars.")
            ] == [("Zipcar", 300)]
    assert [(f["company"], f["count"]) for f in fleet(
        "Getaround is now present in 12 countries with 3,000 vans.")] == [("Getaround", 3000)]


@pytest.mark.parametrize("text", [
    "Renault agreed to supply Getaround with 500 electric cars.",
    "Getaround is active in eight cities, with 500 cars to be delivered next year.",
    "Toyota was the world's biggest carmaker with 10 million vehicles.",
    "Getaround signed a deal with 500 vehicles in mind.",
])
def test_with_n_vehicles_of_a_supply_sale_or_ranking_is_not_a_fleet(fleet, text) -> None:
    assert fleet(text) == []


def test_a_possessed_fleet_of_n_keeps_its_size_when_it_is_sold(fleet) -> None:
    found = fleet("Hertz said its airport fleet of 1,200 vans was sold to Sixt.")
    assert [(f["company"], f["count"]) for f in found] == [("Hertz", 1200)]
    found = fleet("Hertz sold its fleet of 1,200 vans to Sixt for $40 million.")
    assert [(f["company"], f["count"]) for f in found] == [("Hertz", 1200)]


@pytest.mark.parametrize("text", [
    "Brisko Transit will replace its entire fleet of 760 diesel buses by 2031.",
    "Brisko Transit added 40 vans to its fleet of 760 last year.",
])
def test_a_change_made_to_a_possessed_whole_fleet_keeps_its_size(fleet, text) -> None:
    assert [(f["company"], f["count"]) for f in fleet(text)] == [("Brisko Transit", 760)]


@pytest.mark.parametrize("text", [
    "Brisko Transit will replace 60 diesel buses next year.",
    "Hertz sold a fleet of 1,200 vans to Sixt.",  # no owner's fleet: a sale count
    "Hertz ordered its new fleet of 1,200 vans from Ford.",  # an order stays an order
    "Hertz will sell 1,200 vans from its fleet.",
])
def test_sold_or_ordered_counts_stay_traps(fleet, text) -> None:
    assert fleet(text) == []


def test_a_definite_description_echoing_a_name_owns_the_fleet(fleet) -> None:
    found = fleet("Hyundai Motor Group reorganised its units. After the restructuring of the "
                  "motor group, its rental fleet of some 4,000 cars was sold to Sixt.")
    assert [(f["company"], f["count"], f["approximate"]) for f in found] == [
        ("Hyundai Motor Group", 4000, True)]


def test_a_combined_business_belongs_to_the_acquirer(fleet) -> None:
    found = fleet("Arval completed its acquisition of Zipcar. The combined business will "
                  "manage a fleet of about 1.9 million vehicles.")
    assert [(f["company"], f["count"]) for f in found] == [("Arval", 1_900_000)]
    found = fleet("The takeover of Zipcar by Sixt closed in May. This new group, which operates "
                  "250,000 cars, keeps the Zipcar brand.")
    assert [(f["company"], f["count"]) for f in found] == [("Sixt", 250_000)]
    found = fleet("Getaround was acquired by Lyft last year. The enlarged company has 80,000 "
                  "vehicles on its platform.")
    assert [(f["company"], f["count"]) for f in found] == [("Lyft", 80_000)]


def test_the_new_group_with_a_fleet_is_the_acquirer_not_the_target(fleet) -> None:
    found = fleet("The acquisition by Arval of Zipcar gives the new group a lead in car sharing, "
                  "with a fleet of 41,000.")
    assert [(f["company"], f["count"]) for f in found] == [("Arval", 41_000)]


@pytest.mark.parametrize(("text", "share", "count"), [
    ("Arval manages a fleet of about 120,000 vehicles, two-thirds of which are vans.",
     0.6667, 80_000),
    ("Hertz operates 40,000 cars, 30% of which are electric.", 0.3, 12_000),
    ("Hertz operates 40,000 cars, about a quarter of them electric.", 0.25, 10_000),
])
def test_a_share_of_the_fleet_is_a_segment_figure(text: str, share: float, count: int) -> None:
    figures = nlp.analyze(text, rules_only=True).fleet_figures
    assert [(f.scope, f.share) for f in figures] == [("total", None), ("segment", share)]
    assert figures[1].count == count and figures[1].approximate
    assert figures[1].company == figures[0].company


@pytest.mark.parametrize(("text", "count", "unit"), [
    ("Tollmark Freight runs its 3,870 truck fleet from two hubs.", 3_870, "trucks"),
    ("Pelworth Mobility has a 640-strong taxi fleet in Leeds.", 640, "taxis"),
    ("Pelworth Mobility has a 640-strong fleet in Leeds.", 640, "vehicles"),
    ("Orsk Rental put its 12,500-car rental fleet up for refinancing.", 12_500, "cars"),
])
def test_the_size_before_the_word_fleet(fleet, text: str, count: int, unit: str) -> None:
    assert [(f["count"], f["unit"]) for f in fleet(text)] == [(count, unit)]


@pytest.mark.parametrize("text", [
    "Tollmark Freight starts its 2027 truck fleet review in March.",
    "Tollmark Freight signed a 5 year van fleet contract with Orsk Rental.",
])
def test_a_year_or_a_term_before_fleet_is_no_size(fleet, text: str) -> None:
    assert fleet(text) == []


@pytest.mark.parametrize(("text", "count"), [
    ("Tollmark Freight wants to grow its electric fleet to 1,400 by 2028.", 1_400),
    ("Tollmark Freight expects the fleet to top out at 390 next spring.", 390),
    ("Tollmark Freight will double its van fleet to 5,000 vans.", 5_000),
])
def test_a_whole_fleet_growing_to_a_size_is_a_plan(fleet, text: str, count: int) -> None:
    [figure] = fleet(text)
    assert figure["count"] == count and figure["context"] == "plans"


def test_growing_a_fleet_to_a_number_of_places_is_no_size(fleet) -> None:
    assert fleet("Tollmark Freight will expand its fleet to 14 cities this year.") == []


def test_servicing_vehicles_is_a_fleet(fleet) -> None:
    [figure] = fleet("Dunlace Fleet Care services around 52,000 vehicles for corporate clients.")
    assert (figure["count"], figure["approximate"]) == (52_000, True)


def test_a_planned_fleet_size_of_a_name_the_linker_missed(fleet) -> None:
    # "Couriers" is no count of couriers here, and the subject owns the fleet it expands
    [figure] = fleet("Brackwell Couriers will expand its fleet to 8,500 by next spring.")
    assert (figure["company"], figure["count"], figure["context"]) == (
        "Brackwell Couriers", 8_500, "plans")


def test_fleets_counted_place_by_place_belong_to_the_operator(fleet) -> None:
    found = fleet("Marrow Cabs runs fleets in Lille (310) and Nantes (95).")
    assert [(f["company"], f["count"], f["scope"]) for f in found] == [
        ("Marrow Cabs", 310, "segment"), ("Marrow Cabs", 95, "segment")]
    found = fleet("Orsk Rental keeps fleets across Porto (1,200 cars), Braga (300 vans) and "
                  "Faro (80).")
    assert [(f["company"], f["count"], f["unit"]) for f in found] == [
        ("Orsk Rental", 1_200, "cars"), ("Orsk Rental", 300, "vans"),
        ("Orsk Rental", 80, "vehicles")]


def test_a_count_in_brackets_without_a_list_of_fleets_is_no_figure(fleet) -> None:
    assert fleet("Orsk Rental opened offices in Porto (2019) and Braga (40 staff).") == []


def test_words_of_a_company_name_are_no_fleet_and_no_trap(fleet) -> None:
    assert fleet("Fleet Partners Ltd suggested a first batch of six vans to the charity.") == []
    [figure] = fleet("Dorrow Couriers Ltd operates 400 vans in Kent.")
    assert (figure["company"], figure["count"]) == ("Dorrow Couriers", 400)


@pytest.mark.parametrize(("text", "count"), [
    ("Tollmark Freight said the size of its fleet grew by 1,350 to 44,000.", 44_000),
    ("Tollmark Freight said its fleet has risen by 4% to 21,500 vehicles.", 21_500),
    ("Tollmark Freight said its fleet grew by 400 trucks to 5,200 trucks last year.", 5_200),
    ("Tollmark Freight's fleet grew 8% to 310,000 vehicles last year.", 310_000),
    ("Tollmark Freight said its fleet rose 12 per cent to 31,000 cars.", 31_000),
    ("The coaches come in June and will boost the size of Tollmark Freight's bus fleet to "
     "615 buses.", 615),
])
def test_a_fleet_grown_by_a_step_to_a_size_is_the_size(fleet, text: str, count: int) -> None:
    assert [f["count"] for f in fleet(text)] == [count]


def test_an_airline_named_x_air_owns_its_aircraft(fleet) -> None:
    found = fleet("Vantor Air operates 42 aircraft.")
    assert [(f["company"], f["count"]) for f in found] == [("Vantor Air", 42)]


def test_a_place_with_vehicles_is_owned_by_no_company_named_before(fleet) -> None:
    assert fleet("Brimley Vans ordered trucks from Renault. The town will own 2,400 "
                 "electric cars by 2031.") == []


@pytest.mark.parametrize("second", [
    "Its fleet includes 3,000 vans.", "Its 3,000 vans run on diesel.",
    "Today its fleet numbers 3,000 vans.", "Their fleet of 3,000 vans is growing.",
    "The fleet consists of 3,000 vans.",
])
def test_a_fleet_of_the_company_named_before_is_its_figure(fleet, second) -> None:
    found = fleet(f"Kappa Logistics is based in Leeds. {second}")
    assert [(f["company"], f["count"]) for f in found] == [("Kappa Logistics", 3_000)]


def test_the_subject_named_owns_the_fleet_not_a_company_named_before(fleet) -> None:
    found = fleet("Airbus won an order for 50 jets. These days Zorvik Air operates some 140 "
                  "planes.")
    assert [(f["company"], f["count"]) for f in found] == [("Zorvik Air", 140)]
    found = fleet("Ocado bought vans from Renault. Kappa Belgium's whole fleet grew to "
                  "9,700 vehicles.")
    assert [(f["company"], f["count"]) for f in found] == [("Kappa Belgium", 9_700)]


def test_no_candidate_for_the_step_of_a_growth_or_a_range_of_shares() -> None:
    doc = nlp.load_pipeline(collect=True)(
        "Tollmark Freight said its fleet size grew by 1,350 to 44,000. It wants its fleet "
        "to be 60 to 75 per cent electric by 2031.")
    counts = {c.key[1] for c in doc.user_data[CANDIDATES_KEY] if c.kind == "fleet"}
    assert 44_000 in counts and not counts & {1_350, 60}




def test_an_owner_a_rule_found_outside_the_sentence_is_judged_on_the_counts_context() -> None:
    doc = nlp.load_pipeline(collect=True)(
        "Renault, Toyota and Getaround signed a partnership. The latter is "
        "active in eight cities with about 4,500 cars.")
    [owner] = [c for c in doc.user_data[CANDIDATES_KEY]
               if c.kind == "fleet" and c.key == ("Getaround", 4_500)]
    assert owner.rule and "rule_only" not in owner.features
    assert {"src_rule", "unit_cars", "near_COUNT"} <= set(owner.features)


def test_no_candidate_for_a_count_of_other_things_beside_a_fleet() -> None:
    doc = nlp.load_pipeline(collect=True)(
        "With 700 employees, Tollmark Freight runs a fleet of about 9,100. Orsk Rental picked "
        "Tollmark Freight over three other bidders to manage its fleet.")
    counts = {c.key[1] for c in doc.user_data[CANDIDATES_KEY] if c.kind == "fleet"}
    assert 9_100 in counts and not counts & {700, 3}


def test_we_in_a_quote_is_not_the_company_named_before(fleet) -> None:
    assert fleet("Airbus won an order. “We have around 70 electric trucks on the road "
                 "today,” said Jo Vantrell.") == []


def test_an_average_fleet_is_a_figure(fleet) -> None:
    [figure] = fleet("Tollmark Freight owned an average of 19,300 vehicles during 2021.")
    assert (figure["company"], figure["count"], figure["context"]) == (
        "Tollmark Freight", 19_300, "owns")


def test_a_fronted_with_gives_the_subjects_fleet(fleet) -> None:
    found = fleet("With 4,000 cars on the road, Brindle Mobility is the biggest car-sharing "
                  "company in Denmark.")
    assert [(f["company"], f["count"], f["unit"]) for f in found] == [
        ("Brindle Mobility", 4_000, "cars")]


@pytest.mark.parametrize("text", [
    "With 2 million cars, Tollmark Motors is the biggest carmaker in Asia.",
    "With 2 million cars sold last year, Tollmark Motors is the biggest maker in Asia.",
    "With 300 vans to be delivered next year, Orsk Rental is growing fast.",
    "With 300 vans arriving in May, Orsk Rental is growing fast.",
])
def test_a_fronted_with_of_a_maker_or_of_vehicles_to_come_is_no_fleet(fleet, text) -> None:
    assert fleet(text) == []


def test_a_named_part_of_a_possessed_fleet_is_a_segment(fleet) -> None:
    found = fleet("Of Brindle Mobility's 7,000 trucks, 300 are electric.")
    assert [(f["company"], f["count"], f["scope"]) for f in found] == [
        ("Brindle Mobility", 7_000, "total"), ("Brindle Mobility", 300, "segment")]


@pytest.mark.parametrize("text", [
    "London's 9,000 buses run on diesel, Orsk Rental said.",
    "Of Tollmark Freight's 700 employees, 300 are drivers.",
    "Tollmark Freight's 5,000 vans were delivered by Renault.",
])
def test_a_place_s_vehicles_staff_or_deliveries_are_no_possessed_fleet(fleet, text) -> None:
    assert fleet(text) == []


def test_the_possessor_of_a_service_owns_its_vehicles(fleet) -> None:
    [figure] = fleet("Brindle Mobility's car-sharing service has 2,500 cars.")
    assert (figure["company"], figure["count"]) == ("Brindle Mobility", 2_500)


@pytest.mark.parametrize(("text", "company"), [
    ("Orsk Rental said the company's 800-vehicle fleet is all electric.", "Orsk Rental"),
    ("Tollmark Freight said Orsk Rental's 800-vehicle fleet is all electric.", "Orsk Rental"),
])
def test_the_size_before_a_possessed_fleet(fleet, text: str, company: str) -> None:
    assert [(f["company"], f["count"]) for f in fleet(text)] == [(company, 800)]


def test_a_model_name_between_count_and_fleet_is_the_unit(fleet) -> None:
    [figure] = fleet("Tollmark Freight has 24 Vantor Model Ks in its fleet.")
    assert (figure["company"], figure["count"], figure["unit"]) == (
        "Tollmark Freight", 24, "Vantor Model Ks")
    assert fleet("Tollmark Freight added 24 Vantor Model Ks to its fleet.") == []


def test_an_airline_flies_its_aircraft(fleet) -> None:
    found = fleet("Lufthansa said on Monday that the airline flies 150 aircraft.")
    assert [(f["company"], f["count"]) for f in found] == [("Lufthansa", 150)]


@pytest.mark.parametrize("text", [
    "Tollmark Freight’s 60 new coaches are to be built near Leeds.",
    "Tollmark Freight said its 200 buses will be built in Leeds.",
    "Tollmark Freight’s 200 new buses arrive in May.",
])
def test_possessed_vehicles_still_to_be_built_are_no_fleet(fleet, text) -> None:
    assert fleet(text) == []


def test_two_qualifiers_before_a_count(fleet) -> None:
    [figure] = fleet("Tollmark Freight owned an average of about 19,300 vehicles during 2021.")
    assert (figure["count"], figure["approximate"]) == (19_300, True)


def test_the_company_refers_to_the_fleet_owner_before_the_maker(fleet) -> None:
    found = fleet("Twenty Ford E-Transits arrived at the Leeds depot in March, taking Hermes’s "
                  "electric fleet to 210 vans. The parcel company aims to have 400 EVs on the "
                  "road by 2027.")
    assert [(f["company"], f["count"]) for f in found] == [("Hermes", 210), ("Hermes", 400)]


def test_units_of_vehicles_are_vehicles(fleet) -> None:
    [figure] = fleet("Tollmark Freight will put roughly 4,000 units of electric vans in its "
                     "fleet by 2027.")
    assert (figure["count"], figure["unit"]) == (4_000, "vans")
    assert fleet("Tollmark Freight has tested 12 models of electric vans.") == []


@pytest.mark.parametrize("text", [
    "Hermes opened a depot in Leeds last year. The fleet now numbers 900 vans, and Renault "
    "builds most of them.",
    "Hermes opened a depot in Leeds last year. The fleet consists of 900 vans (Renault makes "
    "two in three).",
])
def test_a_maker_named_after_the_count_is_not_the_owner(fleet, text: str) -> None:
    assert [(f["company"], f["count"]) for f in fleet(text)] == [("Hermes", 900)]


def test_a_company_the_vehicles_are_run_for_after_the_count_owns_them(fleet) -> None:
    found = fleet("Hermes opened a depot in Leeds last year. A fleet of 900 vans is operated "
                  "for Amazon there.")
    assert [(f["company"], f["count"]) for f in found] == [("Amazon", 900)]


@pytest.mark.parametrize(("text", "company", "count"), [
    ("Tovel Taxi, which counts 780 cars in Lisbon, will add electric models this year.",
     "Tovel Taxi", 780),
    ("Ostend Cabs boasts 1,250 vehicles across the coast.", "Ostend Cabs", 1250),
    ("Dornier Post took delivery of 250 electric vans, bringing its e-fleet to 1,100.",
     "Dornier Post", 1100),
])
def test_a_fleet_counted_or_boasted_or_an_e_fleet_grown_is_read(fleet, text, company,
                                                                 count) -> None:
    assert (company, count) in {(f["company"], f["count"]) for f in fleet(text)}


def test_a_total_after_additions_to_a_fleet_is_its_size(fleet) -> None:
    found = fleet("Corrin Rentals said it would add 900 cars to its fleet this year, bringing the "
                  "total to 14,500.")
    assert [(f["company"], f["count"]) for f in found] == [("Corrin Rentals", 14500)]
    assert fleet("Corrin Rentals hired 90 staff this year, bringing the total to 1,450.") == []


@pytest.mark.parametrize(("text", "owner", "count"), [
    ("Corlan Haulage has a fleet numbering more than 500 trucks.", "Corlan Haulage", 500),
    ("The company's 600 trucks cover the whole of Scotland, Corlan Haulage said.",
     "Corlan Haulage", 600),
    ("With a fleet of 1,200 coaches, Travis Coachlines is the largest operator in the region.",
     "Travis Coachlines", 1200),
    ("Meridian Rail Leasing owns more than 4,000 railcars, which it leases to operators.",
     "Meridian Rail Leasing", 4000),
])
def test_more_ways_of_giving_a_fleet(fleet, text, owner, count) -> None:
    assert (owner, count) in [(f["company"], f["count"]) for f in fleet(text)]


def test_no_candidate_for_the_step_of_a_growth_with_its_unit() -> None:
    doc = nlp.load_pipeline(collect=True)("Travis Coachlines' fleet grew by 120 buses to 2,020 "
                                          "last year.")
    counts = {c.key[1] for c in doc.user_data[CANDIDATES_KEY] if c.kind == "fleet"}
    assert 120 not in counts and 2020 in counts


@pytest.mark.parametrize(("text", "owner", "count"), [
    # the vehicles named before the clause that says whose they are
    ("Norvane Logistics said the 2,800 trucks that it operates in Poland will run on biodiesel.",
     "Norvane Logistics", 2800),
    ("The 90 coaches which Brimley Travel runs are to be repainted.", "Brimley Travel", 90),
    ("The 900 buses that Tamsin Transit runs are the oldest in the state.", "Tamsin Transit",
     900),
    # another count before the vehicles', of people or of things
    ("Halden Transit owns 45 depots and 1,900 buses.", "Halden Transit", 1900),
    ("Quellin Cabs has around 6,000 drivers and 2,800 cars on its books.", "Quellin Cabs",
     2800),
])
def test_vehicles_counted_in_a_clause_or_after_another_count(fleet, text, owner, count) -> None:
    assert (owner, count) in [(f["company"], f["count"]) for f in fleet(text)]


@pytest.mark.parametrize("text", [
    "Halden Transit said the 40 buses that it has bought are electric.",
    "The 300 vans that run on biogas belong to a farm co-operative.",
])
def test_a_clause_that_buys_or_has_no_owner_is_no_fleet(fleet, text) -> None:
    assert fleet(text) == []


def test_a_business_sized_fleet_has_an_owner_whatever_the_model_tags_the_name(fleet) -> None:
    # The model reads both names as a person's: thousands of vans are a business's, two
    # cars are a person's.
    found = fleet("Pellan Parcel, which runs 3,400 vans, said profits rose.")
    assert [(f["company"], f["count"]) for f in found] == [("Pellan Parcel", 3400)]
    assert fleet("Jane Roe owns three cars.") == []


@pytest.mark.parametrize(("text", "owner", "count"), [
    ("Quillory Cabs, with 400 vehicles, is the city's second-largest taxi firm.",
     "Quillory Cabs", 400),
    ("Ostrava Haulage, one of the largest hauliers with 7,000 trucks, backed the plan.",
     "Ostrava Haulage", 7000),
])
def test_a_with_phrase_describing_a_named_subject_is_its_fleet(fleet, text, owner,
                                                               count) -> None:
    assert [(f["company"], f["count"]) for f in fleet(text)] == [(owner, count)]


@pytest.mark.parametrize("text", [
    "Velora Motors, the carmaker with 10 million cars on the road, backed the plan.",
    "The city, with 400 buses, is served by Halvik Transit.",
    "Halvik Transit, with 300 new buses arriving, is hiring drivers.",
])
def test_a_makers_a_places_or_a_coming_with_phrase_is_no_fleet(fleet, text) -> None:
    assert fleet(text) == []


def test_a_second_count_with_its_own_vehicle_unit_is_a_second_segment(fleet) -> None:
    found = fleet("Brenlow Grocers operates 480 vans and 200 trucks.")
    assert [(f["company"], f["count"], f["unit"], f["scope"]) for f in found] == [
        ("Brenlow Grocers", 480, "vans", "segment"), ("Brenlow Grocers", 200, "trucks",
                                                      "segment")]
    assert [f["count"] for f in fleet("Kestrel Couriers runs 3,000 e-bikes and 1,000 drivers "
                                      "in Oslo.")] == [3000]


@pytest.mark.parametrize("unit", ["hybrids", "PHEVs", "pickups", "motorbikes", "e-mopeds",
                                  "forklifts", "tuk-tuks", "sedans", "automobiles", "rigs",
                                  "tractor-trailers", "vessels"])
def test_more_vehicle_words_count_a_fleet(fleet, unit) -> None:
    found = fleet(f"Kestrel Couriers operates 1,200 {unit}.")
    assert [(f["company"], f["count"]) for f in found] == [("Kestrel Couriers", 1200)]


@pytest.mark.parametrize("modifier", ["forklift", "sedan", "vessel", "unit"])
def test_every_vehicle_word_names_the_vehicles_of_a_fleet_before_it(fleet, modifier) -> None:
    found = fleet(f"Kestrel Couriers runs a 340-{modifier} fleet from Hull.")
    assert [(f["company"], f["count"]) for f in found] == [("Kestrel Couriers", 340)]


def test_no_fleet_candidate_counts_models() -> None:
    doc = nlp.load_pipeline(collect=True)(
        "Velora Motors will launch 12 new models next year and already runs 400 vans.")
    counts = {c.key[1] for c in doc.user_data[CANDIDATES_KEY] if c.kind == "fleet"}
    assert counts == {400}


def test_a_whose_fleet_is_the_fleet_of_the_name_the_clause_hangs_on(fleet) -> None:
    found = fleet("Pemberly Lease, whose fleet numbers 45,000 cars, signed a partnership with "
                  "Quillory Cabs.")
    assert [(f["company"], f["count"]) for f in found] == [("Pemberly Lease", 45000)]
    assert fleet("The city, whose fleet numbers 450 buses, signed a partnership with "
                 "Quillory Cabs.") == []


@pytest.mark.parametrize(("text", "owner"), [
    ("Velora Motors supplies Kestrel Couriers. The courier has 800 vans on the road.",
     "Kestrel Couriers"),
    ("Velora Motors supplies Brenlow Grocers. The grocer has 800 vans on the road.",
     "Brenlow Grocers"),
])
def test_the_company_noun_a_fleets_subject_refers_by_is_the_company_named_so(fleet, text,
                                                                             owner) -> None:
    assert [(f["company"], f["count"]) for f in fleet(text)] == [(owner, 800)]


@pytest.mark.parametrize(("text", "owner"), [
    ("Halden Transit reported a higher profit. The company, which operates 3,000 buses "
     "across the north, said fares would stay frozen.", "Halden Transit"),
    ("Velora Motors supplies Kestrel Couriers. The courier, which runs 3,000 vans, will "
     "test them in winter.", "Kestrel Couriers"),
])
def test_a_clause_hanging_on_the_company_noun_gives_the_fleet_to_the_company_meant(
        fleet, text, owner) -> None:
    assert [(f["company"], f["count"]) for f in fleet(text)] == [(owner, 3000)]


def test_the_fleet_rules_read_the_same_company_nouns_as_the_deal_rules(fleet) -> None:
    # one list (nlp.companies.COMPANY_NOUNS): "the truck maker" points back for both
    found = fleet("Karsk Motors opened a depot in Leeds on Monday. The truck maker runs 640 "
                  "service vans across Britain.")
    assert [(f["company"], f["count"]) for f in found] == [("Karsk Motors", 640)]


def test_a_clause_hanging_on_a_town_gives_no_company_a_fleet(fleet) -> None:
    assert fleet("Halden Transit reported a higher profit. The town, which owns 300 buses, "
                 "said fares would stay frozen.") == []


@pytest.mark.parametrize(("text", "count"), [
    ("Strand Haulage operates a large fleet, with 1,300 trucks.", 1300),
    ("Strand Haulage runs one of the region's biggest bus fleets, with 640 buses.", 640),
    ("Across its 14 depots, Strand Haulage keeps 610 coaches.", 610),
])
def test_vehicles_a_fleet_is_made_of_or_a_company_keeps(fleet, text, count) -> None:
    assert [(f["company"], f["count"]) for f in fleet(text)] == [("Strand Haulage", count)]


def test_vehicles_of_an_ordered_fleet_are_no_fleet_figure(fleet) -> None:
    assert fleet("Strand Haulage ordered a new fleet, with 300 buses.") == []


@pytest.mark.parametrize(("text", "count"), [
    ("Quillory Cabs fleet hits 1,000 robotaxis", 1000),
    ("Quillory Cabs' fleet has passed 1,200 vehicles", 1200),
    ("Quillory Cabs grows robotaxi fleet to 2,000 in Texas", 2000),
])
def test_headline_forms_of_a_fleet_size(fleet, text, count) -> None:
    assert [(f["company"], f["count"]) for f in fleet(text)] == [("Quillory Cabs", count)]


def test_a_fleet_grown_to_a_number_of_cities_is_no_fleet_size(fleet) -> None:
    assert fleet("Quillory Cabs expands fleet to 12 cities") == []


@pytest.mark.parametrize("text", [
    "Brightway Rentals' fleet grew 20% year on year to 12,000 cars.",
    "Brightway Rentals' fleet grew by 1,500 vehicles last year to 12,000.",
])
def test_a_fleets_growth_over_a_time_to_a_size(fleet, text) -> None:
    assert [(f["company"], f["count"]) for f in fleet(text)] == [("Brightway Rentals", 12000)]


@pytest.mark.parametrize(("text", "count"), [
    ("Dunmere Parcels will convert all 1,850 of its delivery vans to electric by 2029.", 1850),
    ("Regulators said all 75 of Dunmere Parcels' trucks passed inspection.", 75),
    ("Dunmere Parcels closed 2024 with 64,000 vehicles under management.", 64000),
])
def test_every_vehicle_of_an_owner_or_those_under_its_management(fleet, text, count) -> None:
    assert [(f["company"], f["count"]) for f in fleet(text)] == [("Dunmere Parcels", count)]


def test_a_size_the_fleet_is_to_reach_after_the_current_one(fleet) -> None:
    figures = fleet("Dunmere Robotaxi runs 180 driverless cars in Denver and aims to reach "
                    "700 by 2027.")
    assert [(f["company"], f["count"], f["unit"]) for f in figures] == [
        ("Dunmere Robotaxi", 180, "cars"), ("Dunmere Robotaxi", 700, "cars")]
    assert [f["context"] for f in figures] == ["operates", "plans"]


def test_a_plan_to_reach_a_number_of_places_is_no_fleet_size(fleet) -> None:
    figures = fleet("Dunmere Robotaxi runs 180 driverless cars and plans to reach 9 cities.")
    assert [(f["company"], f["count"]) for f in figures] == [("Dunmere Robotaxi", 180)]


def test_a_relative_clause_on_an_apposition_gives_the_named_company_its_fleet(fleet) -> None:
    figures = fleet("Velmora Mobility has agreed to buy Fenwick Lease, a Dutch company that "
                    "leases about 18,000 vans to small businesses.")
    assert [(f["company"], f["count"]) for f in figures] == [("Fenwick Lease", 18000)]


@pytest.mark.parametrize("second", [
    "Around 380 of them are electric.",
    "Of these, 380 are fully electric.",
])
def test_a_part_of_the_fleet_in_the_next_sentence_is_a_segment(fleet, second) -> None:
    figures = fleet(f"Tarrow Bus runs about 2,400 buses across the north. {second}")
    assert [(f["company"], f["count"], f["scope"]) for f in figures] == [
        ("Tarrow Bus", 2400, "total"), ("Tarrow Bus", 380, "segment")]


def test_vehicles_of_the_fleet_bought_in_the_next_sentence_are_no_segment(fleet) -> None:
    figures = fleet("Tarrow Bus runs about 2,400 buses. 380 of them were bought last year.")
    assert [f["count"] for f in figures] == [2400]


@pytest.mark.parametrize(("text", "unit"), [
    ("Harlow Group has agreed to buy Corran Buses, a 300-bus operator in Wales.", "buses"),
    ("Harlow Group has agreed to buy Corran Buses, operator of 300 buses in Wales.", "buses"),
    ("Harlow Group has agreed to buy Corran Buses, the 300-vehicle operator.", "vehicles"),
])
def test_an_operator_described_by_its_fleet_owns_it(fleet, text, unit) -> None:
    assert [(f["company"], f["count"], f["unit"]) for f in fleet(text)] == \
        [("Corran Buses", 300, unit)]


@pytest.mark.parametrize(("text", "owner", "count"), [
    ("Tarrow Parcel, whose 1,900 delivery vans cover most of Wales, is up for sale.",
     "Tarrow Parcel", 1900),
    ("Brisling Fleet Services handles 220,000 company cars for corporate clients.",
     "Brisling Fleet Services", 220000),
    ("Brisling Vans rents out about 7,500 light commercial vehicles to builders.",
     "Brisling Vans", 7500),
    ("Fleet manager Corrigan, which looks after 45,000 vehicles, won a new client.",
     "Corrigan", 45000),
    ("Dorrit Bus will put 45 electric buses on the new routes, adding to a fleet of 310.",
     "Dorrit Bus", 310),
])
def test_fleets_told_by_whose_handles_rents_out_and_adding_to(fleet, text, owner,
                                                              count) -> None:
    assert (owner, count) in [(f["company"], f["count"]) for f in fleet(text)]


def test_a_whose_count_of_a_place_is_no_company_fleet(fleet) -> None:
    assert fleet("The city, whose 450 buses run on diesel, signed a deal with Quillory "
                 "Cabs.") == []


def test_a_plan_in_another_clause_leaves_a_current_fleet_current(fleet) -> None:
    figures = fleet("Dorrit Freight named its new depot manager. The haulier, which runs 640 "
                    "trucks from nine depots, will take 20 electric ones in 2027.")
    assert [(f["company"], f["count"], f["context"]) for f in figures] == [
        ("Dorrit Freight", 640, "operates")]


def test_a_fleet_at_the_close_of_a_period_and_a_unit_named_in_apposition(fleet) -> None:
    figures = fleet("Velmora Rent said sales rose. The group ended September with 4,100 "
                    "electric vehicles, up from 2,900 a year earlier. Velmora's subscription "
                    "unit, Velmora Flex, counted 21,000 cars on contract.")
    assert [(f["company"], f["count"]) for f in figures] == [
        ("Velmora Rent", 4100), ("Velmora Flex", 21000)]
