"""People with their role and company, on sentences we wrote.

These test the rule components, which propose candidates to the trained scorer
(nlp.analyze(text, rules_only=True)); the scored output is tested in test_nlp_scorer.py.
"""

from __future__ import annotations

import pytest

import nlp


@pytest.fixture(scope="module")
def people():
    nlp.load_pipeline()
    return lambda text: [(p["name"], p["role"], p["company"])
                         for p in nlp.analyze(text, rules_only=True).to_dict()["people"]]


@pytest.mark.parametrize(("text", "expected"), [
    ("Dr Herbert Diess, chief executive of Volkswagen AG, said sales rose.",
     ("Herbert Diess", "chief executive", "Volkswagen AG")),
    ("Hertz chief executive Stephen Scherr resigned on Monday.",
     ("Stephen Scherr", "chief executive", "Hertz")),
    ("Uber's chief executive, Dara Khosrowshahi, welcomed the deal.",
     ("Dara Khosrowshahi", "chief executive", "Uber")),
    ("\"We are ready,\" said Anna Becker, chief operating officer at Volkswagen.",
     ("Anna Becker", "chief operating officer", "Volkswagen AG")),
])
def test_people_read_name_role_and_company(people, text, expected) -> None:
    assert expected in people(text)


def test_a_person_without_a_company_role_is_left_out(people) -> None:
    assert people("Anna Becker went to the cinema with friends on Sunday.") == []


def test_role_at_a_parents_unit_belongs_to_the_unit(people) -> None:
    found = people("Sixt hired Nadia Brandt, the former chief operating officer of General "
                   "Motors Co.'s Cruise robotaxi unit.")
    assert ("Nadia Brandt", "former chief operating officer", "Cruise") in found
    assert all(company != "General Motors" for _, _, company in found)


def test_company_between_former_and_role(people) -> None:
    found = people("Sixt grew fast under Peter Lindqvist, the former Lufthansa COO.")
    assert [(n, c) for n, _, c in found] == [("Peter Lindqvist", "Lufthansa")]


@pytest.mark.parametrize(("text", "expected"), [
    # a relative clause: "who ran / joined / founded Company"
    ("Daniel Whitcombe, who ran Sixt for a decade, will retire in June.",
     ("Daniel Whitcombe", "head", "Sixt")),
    ("Priya Raman, a veteran of the rental industry who joined Europcar last year, said "
     "prices would rise.", ("Priya Raman", None, "Europcar")),
    ("Tomasz Adler, 58, founded Geotab after leaving university.",
     ("Tomasz Adler", "founder", "Geotab")),
    # a predicate: "is to become / was named ROLE of Company", "became Company's ROLE"
    ("Marta Kovalenko is to become chief financial officer of Arval in May.",
     ("Marta Kovalenko", "chief financial officer", "Arval")),
    ("Helen Okafor was named president of Zipcar on Tuesday.",
     ("Helen Okafor", "president", "Zipcar")),
    ("Last year Helen Okafor became Lyft's chief operating officer.",
     ("Helen Okafor", "chief operating officer", "Lyft")),
    # "the previous ROLE of Company, Name"
    ("The unit will be run by the previous chief executive of Arval, Jonas Berg.",
     ("Jonas Berg", "previous chief executive", "Arval")),
])
def test_more_ways_of_naming_a_role(people, text, expected) -> None:
    assert expected in people(text)


def test_a_company_the_model_calls_a_person_does_not_end_the_clause_that_names_it(
        people) -> None:
    # the model tags "Vantor Trucks" as a person; the linker reads it as a company by its
    # business word
    found = people("Elise Brandt, who chairs Vantor Trucks, said the board backed the plan.")
    assert ("Elise Brandt", "chairman", "Vantor Trucks") in found


def test_a_name_after_role_of_company_is_a_person_even_if_tagged_as_an_organisation() -> None:
    nlp.load_pipeline()
    result = nlp.analyze("The post went to the previous CEO of Athlon, Dimitris Papadakis.")
    assert [c["name"] for c in result.companies] == ["Athlon"]
    assert [(p.name, p.company) for p in result.people] == [("Dimitris Papadakis", "Athlon")]


def test_a_verb_on_a_companys_possession_is_not_a_role(people) -> None:
    assert people("Daniel Whitcombe led Sixt's bid for the airport contract.") == []


def test_appointment_as_the_role_of_a_company(people) -> None:
    found = people("The board installed Daniel Whitcombe, who had run Avis Budget Group, as "
                   "Sixt's interim chief executive.")
    assert ("Daniel Whitcombe", "head", "Avis Budget Group") in found
    assert ("Daniel Whitcombe", "interim chief executive", "Sixt") in found
    found = people("Rivian hired Priya Raman as its chief technology officer.")
    assert found == [("Priya Raman", "chief technology officer", "Rivian")]


def test_as_its_role_needs_the_person_as_subject(people) -> None:
    # the role belongs to another company named between the person and "as its"
    assert people("Priya Raman said Rivian sees Lucid as its chief rival.") == []


def test_one_role_at_two_companies(people) -> None:
    found = people("Priya Raman, a former executive at Lyft and General Motors' Cruise unit, "
                   "spoke first.")
    assert [c for _, _, c in found] == ["Lyft", "Cruise"]


def test_later_mentions_by_surname(people) -> None:
    found = people("Tomasz Adler has led the leasing business since 2019. Mr Adler is to "
                   "become chairman of Arval in April. Before that, Adler held the same "
                   "position at Athlon.")
    assert ("Tomasz Adler", "chairman", "Arval") in found
    assert ("Tomasz Adler", None, "Athlon") in found


def test_a_surname_that_is_part_of_a_place_is_not_the_person(people) -> None:
    found = people("Anna West spoke at the fair. Sales in West Virginia rose, and the West "
                   "Coast division of Sixt grew.")
    assert found == []


def test_an_executive_without_a_company_in_the_sentence_works_for_the_main_one(
        people) -> None:
    text = ("Zipcar added 500 cars in Boston. Zipcar also opened two depots. Zipcar said "
            "demand was strong. Priya Raman replaced ousted CEO Daniel Whitcombe last year.")
    assert ("Daniel Whitcombe", "ousted ceo", "Zipcar") in people(text)


def test_no_main_company_no_guess(people) -> None:
    text = ("Zipcar added 500 cars. Sixt added 400 cars. Priya Raman replaced ousted CEO "
            "Daniel Whitcombe last year.")
    assert people(text) == []


@pytest.mark.parametrize("text", [
    "\"Canoo is a leader,\" said Lt. Gov. Helen Okafor, secretary of Commerce and Trade.",
    "Transport Minister Helen Okafor said Sixt would add 300 electric cars.",
    "Sixt will add 300 electric cars, said Transport Secretary Helen Okafor.",
    "Zipcar praised the plan, which President Helen Okafor signed on Monday.",
])
def test_government_people_are_left_out(people, text) -> None:
    assert people(text) == []


def test_a_company_president_is_kept(people) -> None:
    assert ("Helen Okafor", "president", "Zipcar") in people(
        "Zipcar President Helen Okafor said the fleet would grow.")


def test_analysts_and_reporters_are_left_out(people) -> None:
    assert people("\"Demand is soft,\" said Jonas Berg, a senior analyst and partner at "
                  "Lazard.") == []
    assert people("Sixt shares fell, said Jonas Berg, chief strategist at UBS.") == []


def test_a_relative_clause_belongs_to_the_nearest_person(people) -> None:
    found = people("Sixt hired Jonas Berg, replacing Daniel Whitcombe, who ran Europcar.")
    assert ("Daniel Whitcombe", "head", "Europcar") in found
    assert all(not (n == "Jonas Berg" and c == "Europcar") for n, _, c in found)


@pytest.mark.parametrize("text", [
    "Sixt shares rose after Transit Authority chairman Jonas Berg spoke.",
    "Zipcar added cars. Zipcar opened depots. Zipcar hired staff. Transit Authority chairman "
    "Jonas Berg spoke on Monday.",
    "Zipcar added cars. Zipcar opened depots. Zipcar hired staff. Former president Jonas "
    "Berg spoke on Monday.",
])
def test_a_role_of_another_organisation_is_not_given_to_the_company(people, text) -> None:
    assert people(text) == []


def test_a_company_with_a_legal_suffix_before_the_role(people) -> None:
    assert ("Jonas Berg", "chief executive", "Sixt") in people(
        "Sixt SE CEO Jonas Berg said the fleet would grow.")


def test_a_role_after_an_unrecognised_name_is_not_given_to_another_company(people) -> None:
    found = people("Acme CEO Jonas Berg said Sixt is the leader of the market.")
    assert ("Jonas Berg", "Sixt") not in [(n, c) for n, _, c in found]
    assert ("Jonas Berg", "former ceo", "Sixt") in people(
        "Former CEO Jonas Berg said Sixt had lost its way.")


def test_its_role_before_a_name_is_the_company_named_just_before(people) -> None:
    found = people("Harrowgate Vans Ltd added 300 vans this year. Its president Odile Brask "
                   "said the depot in Hull would double in size.")
    assert found == [("Odile Brask", "president", "Harrowgate Vans")]


@pytest.mark.parametrize("text", [
    "Harrowgate Vans Ltd added 300 vans this year. Its rival Odile Brask said so.",
    "Its president Odile Brask said the depot in Hull would double in size.",
])
def test_its_without_a_role_or_an_earlier_company_names_no_one(people, text: str) -> None:
    assert people(text) == []


def parsed(text: str):
    """The model's parse and entities, without our components."""
    pipeline = nlp.load_pipeline()
    ours = [n for n in pipeline.pipe_names if n.startswith("rivalscope_")
            and n != "rivalscope_paragraphs"]
    with pipeline.select_pipes(disable=ours):
        return pipeline(text)


@pytest.mark.parametrize(("text", "name"), [
    ("\"It works,\" said Kappa Executive Chair Jo Tannery on Tuesday.", "Jo Tannery"),
    ("Orvil Brant, head of sustainability at Kappa Freight, said vans were cheaper.",
     "Orvil Brant"),
    ("Kappa's chief executive, Mira Colbeck, joined from a rival.", "Mira Colbeck"),
    ("Talvor Logistics, headed by Nadia Petrova, runs 300 vans.", "Nadia Petrova"),
])
def test_a_name_beside_a_role_is_proposed_as_a_person(text, name) -> None:
    from nlp.person_names import names_beside_roles

    doc = parsed(text)
    assert name in [span.text for span in names_beside_roles(doc, [])]


@pytest.mark.parametrize("text", [
    "Kappa Motors said sales rose in Northern Europe last year.",
    "The Country Manager said sales rose.",
    "Kappa Freight was funded by Harbour Ventures in 2019.",
    "Jo Roe is the former chairman of General Motors Company.",
])
def test_capitalised_words_without_a_role_are_no_person(text) -> None:
    from nlp.person_names import names_beside_roles

    doc = parsed(text)
    assert names_beside_roles(doc, []) == []


def test_a_later_mr_surname_is_proposed_as_the_full_name() -> None:
    from nlp.judge import CANDIDATES_KEY

    doc = nlp.load_pipeline(collect=True)(
        "Jo Tannery, chief executive of Kappa Freight, spoke first. \"We will hire,\" said "
        "Mr Tannery.")
    names = {c.key[0] for c in doc.user_data[CANDIDATES_KEY] if c.kind == "person"}
    assert "Jo Tannery" in names
    assert not names & {"Mr Tannery", "Tannery"}


@pytest.mark.parametrize(("text", "role"), [
    ("Brennick Haulage Ltd said chief operating officer Tavia Roune would retire in June.",
     "chief operating officer"),
    ("Brennick Haulage Ltd told investors that chief financial officer Tavia Roune would leave.",
     "chief financial officer"),
])
def test_a_role_keeps_none_of_the_words_before_it(people, text, role) -> None:
    """The role patterns allow a few words before a role head ("former", "global"); a verb
    or a preposition there is no part of the role."""
    assert ("Tavia Roune", role, "Brennick Haulage") in people(text)


@pytest.mark.parametrize(("text", "successor", "predecessor", "company"), [
    ("Ilse Varga has replaced Piotr Lenk as chief executive of Hallam Freight.",
     ("Ilse Varga", "chief executive"), ("Piotr Lenk", "former chief executive"),
     "Hallam Freight"),
    ("Sofia Lund will succeed Henrik Dahl as Vestra Logistics' chief executive.",
     ("Sofia Lund", "chief executive"), ("Henrik Dahl", "former chief executive"),
     "Vestra Logistics"),
    ("Henrik Dahl was replaced by Sofia Lund as chief executive of Vestra Logistics.",
     ("Sofia Lund", "chief executive"), ("Henrik Dahl", "former chief executive"),
     "Vestra Logistics"),
    ("Vestra Logistics said Sofia Lund would succeed Henrik Dahl as president.",
     ("Sofia Lund", "president"), ("Henrik Dahl", "former president"), "Vestra Logistics"),
    # the model tags both names of the first sentence as organisations, and the successor
    # of this one
    ("Marta Ilves has replaced Oskar Brandt as chief executive of Talgo Freight.",
     ("Marta Ilves", "chief executive"), ("Oskar Brandt", "former chief executive"),
     "Talgo Freight"),
])
def test_a_successor_takes_the_role_and_the_one_replaced_held_it_before(
        people, text, successor, predecessor, company) -> None:
    found = people(text)
    assert (*successor, company) in found
    assert (*predecessor, company) in found
    assert all(c == company for _, _, c in found)


def test_a_company_replacing_a_company_is_no_succession(people) -> None:
    assert people("Hallam Freight has replaced Norden Logistics as chief supplier of Kappa "
                  "Motors.") == []


@pytest.mark.parametrize(("text", "company", "founders"), [
    ("Talgo Freight was founded by Marta and Piet Ilves in 1998.", "Talgo Freight",
     ["Marta Ilves", "Piet Ilves"]),
    ("Kestrel Haulage was founded in 1972 by Peter and Anne Walsh.", "Kestrel Haulage",
     ["Peter Walsh", "Anne Walsh"]),
    ("Vestra Logistics, founded in 1987 by Henrik Lund and his wife, Sofia Lund, runs 300 "
     "trucks.", "Vestra Logistics", ["Henrik Lund", "Sofia Lund"]),
    ("Peter and Anne Walsh founded Kestrel Haulage in 1972.", "Kestrel Haulage",
     ["Peter Walsh", "Anne Walsh"]),
])
def test_founders_named_after_founded_by(people, text, company, founders) -> None:
    found = people(text)
    assert sorted((n, c) for n, _, c in found) == sorted((f, company) for f in founders)
    assert {r for _, r, _ in found} == {"founder"}


def test_a_first_name_before_a_full_name_takes_only_a_shared_surname(people) -> None:
    # "Jane Roe and John Doe" are two full names, not "Roe Doe"
    found = people("Kestrel Haulage was founded by Peter Walsh and Tomas Novak in 1972.")
    assert sorted(n for n, _, _ in found) == ["Peter Walsh", "Tomas Novak"]


def test_succession_and_founders_survive_the_scorer() -> None:
    nlp.load_pipeline()
    for text, names in [
        ("Marta Ilves has replaced Oskar Brandt as chief executive of Talgo Freight.",
         {"Marta Ilves", "Oskar Brandt"}),
        ("Talgo Freight was founded by Marta and Piet Ilves in 1998.",
         {"Marta Ilves", "Piet Ilves"}),
    ]:
        result = nlp.analyze(text)
        assert {(p.name, p.company) for p in result.people} == {
            (name, "Talgo Freight") for name in names}


@pytest.mark.parametrize(("text", "expected"), [
    # "NAME, ROLE, COMPANY" closing a quote or a sentence
    ("\"Vans are cheaper,\" said Sofia Lund, founder and chief executive officer (CEO), "
     "Vestra Logistics.", ("Sofia Lund", "founder and chief executive officer (ceo)",
                           "Vestra Logistics")),
    ("Henrik Dahl, CEO and CTO, Vestra Logistics said the vans were cheaper.",
     ("Henrik Dahl", "ceo and cto", "Vestra Logistics")),
    # a role with its own "for ..." or "of ..." between the company and the name
    ("Vestra Logistics chief commercial officer for retail Henrik Dahl spoke first.",
     ("Henrik Dahl", "chief commercial officer for retail", "Vestra Logistics")),
    ("Vestra Logistics head of electric mobility Henrik Dahl spoke first.",
     ("Henrik Dahl", "head of electric mobility", "Vestra Logistics")),
    # "the company's ROLE NAME" in a sentence that names no company
    ("Vestra Logistics opened a depot. The company's chief operating officer Henrik Dahl said "
     "it was the largest.", ("Henrik Dahl", "chief operating officer", "Vestra Logistics")),
    # "backed by investor NAME"
    ("Kestrel Haulage, which is backed by Swiss investor Henrik Dahl, runs 400 trucks.",
     ("Henrik Dahl", "investor", "Kestrel Haulage")),
    # the company the model tagged under another spelling, and a country after its name
    ("\"Our work with VESTRA and Shell will cut what drivers pay to charge,\" said Vestra "
     "founder and CEO Henrik Dahl.",
     ("Henrik Dahl", "founder and ceo", "VESTRA")),
    # "is head of X at Company"
    ("Henrik Dahl is head of vehicle operations at Vestra Logistics.",
     ("Henrik Dahl", "head of vehicle operations", "Vestra Logistics")),
    # "succeeded NAME at Company": a post at the company, its title not said
    ("Early last year, Henrik Dahl succeeded Sofia Lund at Vestra Logistics, the "
     "leasing arm of Kestrel Haulage.", ("Henrik Dahl", None, "Vestra Logistics")),
])
def test_roles_read_in_more_places(people, text, expected) -> None:
    assert expected in people(text)


@pytest.mark.parametrize("text", [
    # a role and a company in a list, not one person's post
    "Henrik Dahl, CEO and CTO, Vestra Logistics and Kestrel Haulage met on Monday.",
    # another company's possession
    "Vestra Logistics opened a depot. Kestrel Haulage said the company's chief operating "
    "officer Henrik Dahl had left.",
    # a unit named after the company: "Company of America CEO"
    "Vestra Logistics said on Monday that Sixt of America CEO Henrik Dahl had left.",
])
def test_roles_read_in_more_places_stay_where_they_belong(people, text) -> None:
    found = [(n, c) for n, _, c in people(text)]
    assert ("Henrik Dahl", "Vestra Logistics") not in found
    assert ("Henrik Dahl", "Sixt") not in found


@pytest.mark.parametrize(("text", "company", "owner"), [
    # the role right before the name belongs to the company named before it
    ("Kestrel Haulage grew fast. Vestra Logistics chief executive Henrik Dahl said so.",
     "Vestra Logistics", "this"),
    # ... and not to another company of the text
    ("Kestrel Haulage grew fast. Vestra Logistics chief executive Henrik Dahl said so.",
     "Kestrel Haulage", "other"),
    ("Kestrel Haulage grew fast, said chief executive Henrik Dahl.", "Kestrel Haulage", "none"),
])
def test_a_proposed_person_knows_whose_role_stands_before_the_name(text, company,
                                                                   owner) -> None:
    """The scorer reads whose role is right before a name: "Beta CEO Jo Roe" proposed as a
    person of Kappa, because Beta went unrecognised, is no person of Kappa."""
    from nlp.candidates import _role_owner, person_spans
    from nlp.companies import sentence_mentions

    pipeline = nlp.load_pipeline()
    with pipeline.select_pipes(disable=["rivalscope_judge", "rivalscope_result"]):
        doc = pipeline(text)
    ent = next(e for e in person_spans(doc) if e.text == "Henrik Dahl")
    sent = ent.sent
    assert _role_owner(doc, sent, ent, sentence_mentions(doc, sent.start_char, sent.end_char),
                       company) == owner


@pytest.mark.parametrize(("text", "expected"), [
    ("Orvane Industries Inc named Dana Lorne chief financial officer.",
     ("Dana Lorne", "chief financial officer", "Orvane Industries")),
    ("Talvor Corp's board elected Rupert Hale chairman on Tuesday.",
     ("Rupert Hale", "chairman", "Talvor")),
    ("Senford Motor Co said it hired Paul Denner, formerly of Kuroshi Heavy Industries, as its "
     "new chief operating officer.", ("Paul Denner", "chief operating officer", "Senford Motor")),
])
def test_the_appointing_company_is_where_the_role_is_held(people, text, expected) -> None:
    assert expected in people(text)


def test_an_appointment_role_followed_by_another_company_is_not_the_appointers(people) -> None:
    found = people("Talvor Corp named Rupert Hale chief executive of Orvane Industries.")
    assert ("Rupert Hale", "chief executive", "Talvor") not in found


def test_a_spokesman_for_a_company_named_after_it(people) -> None:
    assert ("Tomas Kriel", "spokesman", "Varnel Motors") in people(
        "A spokesman for Varnel Motors, Tomas Kriel, declined to comment on the talks.")


@pytest.mark.parametrize(("text", "expected"), [
    # the model tags the name after "headed by" as an organisation
    ("Talvor Logistics, headed by Nadia Petrova, runs 300 vans.",
     ("Nadia Petrova", "head", "Talvor Logistics")),
    ("Brantley Freight, which is run by Oskar Velde, ordered 40 trucks.",
     ("Oskar Velde", "head", "Brantley Freight")),
])
def test_the_head_of_a_company_named_after_headed_by(people, text, expected) -> None:
    assert expected in people(text)


def test_its_role_before_a_name_tagged_as_an_organisation(people) -> None:
    # the model tags "Walter Brisk" as an organisation, and the linker takes it for a company
    assert people("Talvor Logistics opened a depot in Leeds. Its president, Walter Brisk, said "
                  "it was the largest.") == [("Walter Brisk", "president", "Talvor Logistics")]


def test_a_fund_that_leads_a_round_is_no_person(people) -> None:
    assert people("Talvor Logistics raised $50m in a round led by Harbour Ventures.") == []


@pytest.mark.parametrize(("text", "expected"), [
    # a title between the role and the name: old wire and BBC style
    ("Brantley Freight sold its bus unit. Brantley Freight's chairman, Sir Alwyn Roe, said "
     "the price was fair.", ("Alwyn Roe", "chairman", "Brantley Freight")),
    ("Brantley Freight sold its bus unit to Talvor Logistics. Brantley Freight chairman Lord "
     "Alwyn Roe said the price was fair.", ("Alwyn Roe", "chairman", "Brantley Freight")),
])
def test_a_title_before_the_name_keeps_the_role(people, text, expected) -> None:
    assert expected in people(text)


def test_a_rule_candidate_names_its_pattern_for_the_scorer() -> None:
    """The scorer learns how sure each people pattern is ("succeeded ... at" less than
    "Acme chief executive Jane Doe")."""
    from nlp.judge import CANDIDATES_KEY

    pipeline = nlp.load_pipeline(collect=True)
    doc = pipeline("Talvor Logistics, headed by Nadia Petrova, runs 300 vans.")
    person = next(c for c in doc.user_data[CANDIDATES_KEY]
                  if c.kind == "person" and c.key == ("Nadia Petrova", "Talvor Logistics"))
    assert "rule_via_founded_by" in person.features


def test_a_role_alone_before_said_is_the_role_at_the_texts_company(people) -> None:
    assert ("Oskar Velde", "chief executive", "Brantley Freight") in people(
        "Brantley Freight will buy 40 trucks. Oskar Velde, chief executive officer, said: "
        "“Our results show the strength of the group.”")


def test_a_role_alone_before_said_guesses_no_company_among_several(people) -> None:
    assert people("Talvor Logistics and Brantley Freight will merge. Oskar Velde, managing "
                  "director, said the deal made sense.") == []


def test_a_name_with_a_number_is_a_product_not_a_person() -> None:
    from spacy.tokens import Doc

    from nlp.candidates import person_spans

    vocab = nlp.load_pipeline().vocab
    doc = Doc(vocab, words=["Renters", "liked", "the", "Corvo", "7", "and", "Ida", "Lunde", "."],
              ents=["O", "O", "O", "B-PERSON", "I-PERSON", "O", "B-PERSON", "I-PERSON", "O"])
    assert [span.text for span in person_spans(doc)] == ["Ida Lunde"]


def test_a_department_named_before_the_company_is_not_the_company(people) -> None:
    found = people("Ida Lunde, head of Kappa Mobility operations at Talvor Logistics, signed "
                   "the contract.")
    assert [(n, c) for n, _, c in found] == [("Ida Lunde", "Talvor Logistics")]


def test_a_company_the_model_took_for_a_person_is_no_person_candidate() -> None:
    """Known to the gazetteer, or named with a business word ("Corvina Coaches"); an unknown
    plain name ("Corvina Dunmore") stays a person candidate for the scorer to judge."""
    from spacy.tokens import Doc

    from nlp.candidates import people_candidates
    from nlp.facts import CompanyMention

    vocab = nlp.load_pipeline().vocab

    def proposed(second_word: str, known: bool) -> set[str]:
        words = ["Buyers", "chose", "Corvina", second_word, ",", "said", "Ida", "Lunde", "."]
        doc = Doc(vocab, words=words, sent_starts=[True] + [False] * 8,
                  ents=["O", "O", "B-PERSON", "I-PERSON", "O", "O", "B-PERSON", "I-PERSON",
                        "O"])
        ents = list(doc.ents)
        name = f"Corvina {second_word}"
        mention = CompanyMention(name=name, text=name, start=ents[0].start_char,
                                 end=ents[0].end_char, sent_start=0, known=known)
        doc._.company_mentions = [mention]
        found = people_candidates(doc, [(doc[:], [mention])], [], "Talvor Logistics")
        return {c.key[0] for c in found}

    assert proposed("Dunmore", known=True) == {"Ida Lunde"}
    assert proposed("Dunmore", known=False) == {"Ida Lunde", "Corvina Dunmore"}
    assert proposed("Coaches", known=False) == {"Ida Lunde"}
@pytest.mark.parametrize("text", [
    'Grellon Autos said on Thursday it would cut 2,000 jobs. "We have to act now," said '
    "chief executive Mara Olsen.",
    "Shares in Grellon Autos fell 6% on Monday. Chief executive Mara Olsen said the firm was "
    '"disappointed".',
])
def test_an_executive_in_a_text_that_names_one_company_is_that_companys(people,
                                                                        text) -> None:
    assert ("Mara Olsen", "chief executive", "Grellon Autos") in people(text)


def test_a_photo_note_after_a_name_does_not_hide_the_post(people) -> None:
    found = people("Mia Chen (pictured), general manager at Osprey Leasing, said the firm "
                   "would add 500 cars.")
    assert ("Mia Chen", "general manager", "Osprey Leasing") in found


def test_its_after_a_former_employer_is_the_hiring_companys(people) -> None:
    found = people("Brenner Auto has hired former Talon Freight executive Omar Haddad as its "
                   "new chief operating officer.")
    assert ("Omar Haddad", "chief operating officer", "Brenner Auto") in found
    assert ("Omar Haddad", "chief operating officer", "Talon Freight") not in found


def test_a_company_possessive_the_model_tagged_as_a_title_is_the_persons_company(
        people) -> None:
    found = people("\"Electric vans are now cheaper to run,\" Vanta Mobility's fleet director, "
                   "Leo Brandt, told reporters.")
    assert ("Leo Brandt", "fleet director", "Vanta Mobility") in found


@pytest.mark.parametrize("text", [
    "Ardent Logistics, whose founder is Paul Lenz, has raised new funds.",
    "The shares of Pemberly Inc, whose chairman is Otto Brandt, fell 3% on Friday.",
])
def test_a_role_in_a_whose_clause_belongs_to_the_company_before_it(people, text) -> None:
    found = people(text)
    assert any(name in {"Paul Lenz", "Otto Brandt"} and role in {"founder", "chairman"}
               and company in {"Ardent Logistics", "Pemberly"} for name, role, company in found)


def test_an_effect_after_the_role_is_no_company(people) -> None:
    found = people("Dunmore Fleet has appointed Rhea Patel as chief financial officer with "
                   "immediate effect.")
    assert ("Rhea Patel", "chief financial officer", "Dunmore Fleet") in found


@pytest.mark.parametrize(("text", "expected"), [
    ("Brannock Freight Inc said its board elected Edith Morgan a vice president and treasurer.",
     ("Edith Morgan", "vice president", "Brannock Freight")),
    ("Brannock Freight Inc said Omar Tully, formerly a director of Vessel Hire Co, has joined "
     "the company as president.", ("Omar Tully", "president", "Brannock Freight")),
    ("Brannock Freight Inc said its chairman, Ruth Abney, will retire in May and be succeeded "
     "by Omar Tully, currently president.", ("Omar Tully", "president", "Brannock Freight")),
])
def test_wire_style_appointments(people, text, expected) -> None:
    assert expected in people(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("Corvane Leasing's Greta Holm said the company had no plans to sell.",
     ("Greta Holm", None, "Corvane Leasing")),
    ("Greta Holm of Tallon Fleet said the market was tough.", ("Greta Holm", None, "Tallon Fleet")),
    ("\"It's a hard market,\" said Greta Holm, from Tallon Fleet.",
     ("Greta Holm", None, "Tallon Fleet")),
    ("Greta Holm takes over as chief executive of Tallon Fleet next month.",
     ("Greta Holm", "chief executive", "Tallon Fleet")),
    ("Greta Holm, who leads Corvane Leasing's electric van unit, said uptake was slow.",
     ("Greta Holm", "head", "Corvane Leasing")),
    ("Tallon Fleet co-founders Greta Holm and Jonas Pike started the company in 2015.",
     ("Jonas Pike", "co-founder", "Tallon Fleet")),
    ("Tallon Fleet co-founders Greta Holm and Jonas Pike started the company in 2015.",
     ("Greta Holm", "co-founder", "Tallon Fleet")),
])
def test_a_person_of_from_or_possessed_by_a_company(people, text, expected) -> None:
    assert expected in people(text)


def test_a_person_who_ran_a_companys_rival_is_not_its_head(people) -> None:
    found = people("Greta Holm, who once ran Tallon Fleet's biggest rival, joined Corvo Lease.")
    assert not any(company == "Tallon Fleet" for _, _, company in found)


def test_its_before_a_role_points_back_past_a_company_named_after_it(people) -> None:
    found = people("Harbury Trucking Inc agreed to buy Selden Haulage Co. Selden, based in "
                   "Leeds, runs 400 trucks. Its president, Walter Brandt, will join Harbury's "
                   "board, the company said.")
    assert ("Walter Brandt", "president", "Selden Haulage") in found
    assert not any(company == "Harbury Trucking" for _, _, company in found)


def test_an_appointer_that_also_said(people) -> None:
    found = people("Harbury Trucking Inc also said it named Lois Tennant vice president.")
    assert ("Lois Tennant", "vice president", "Harbury Trucking") in found


@pytest.mark.parametrize(("text", "expected"), [
    ("Jane Whitaker, VP of product at Corvane Mobility, said the app would launch in May.",
     ("Jane Whitaker", "vp of product", "Corvane Mobility")),
    ("Corvane Mobility hired Jane Whitaker, a former Orlo engineer, to lead its battery team.",
     ("Jane Whitaker", "head", "Corvane Mobility")),
])
def test_tech_news_posts(people, text, expected) -> None:
    assert expected in people(text)


@pytest.mark.parametrize(("text", "role"), [
    ("Brantley Motors said sales fell 5%. Susan Harlan, the firm's chief executive, blamed weak "
     "demand.", "chief executive"),
    ("Brantley Motors has a new boss. Susan Harlan, who previously ran the firm's US arm, takes "
     "over on Monday.", "head"),
])
def test_the_firms_post_in_a_sentence_naming_no_company_is_at_the_company_named_before(
        people, text, role) -> None:
    assert ("Susan Harlan", role, "Brantley Motors") in people(text)


def test_a_verb_before_the_post_is_no_part_of_the_role(people) -> None:
    found = people("Corlan Haulage's board has ousted chief executive Tom Reddy after a string "
                   "of losses.")
    assert ("Tom Reddy", "ousted chief executive", "Corlan Haulage") in found


def test_a_company_named_in_a_persons_place_is_no_person(people) -> None:
    found = people("Tarrow Rail agreed to buy Quill Leasing Ltd. Quill Leasing's owner, "
                   "Brenner Holdings, will receive cash.")
    assert not any(name == "Brenner Holdings" for name, _, _ in found)


@pytest.mark.parametrize(("text", "expected"), [
    ("Arden Motor Corp said Frank Ellis, 58, will become chief executive on July 1.",
     ("Frank Ellis", "chief executive", "Arden Motor")),
    ("Arden Motor Corp said Frank Ellis would take over as chairman in May.",
     ("Frank Ellis", "chairman", "Arden Motor")),
    ("Marlo Energy appointed Ken Sato to the role of chief digital officer.",
     ("Ken Sato", "chief digital officer", "Marlo Energy")),
])
def test_a_post_the_reporting_or_appointing_company_gives(people, text, expected) -> None:
    assert expected in people(text)


def test_a_post_at_another_company_is_not_the_reporters(people) -> None:
    found = people("Arden Motor Corp said Frank Ellis will become chief executive of its truck "
                   "unit, Tallis Trucks.")
    assert not any(company == "Arden Motor" for _, _, company in found)



@pytest.mark.parametrize(("text", "expected"), [
    ("Anika Roos has been named chief operating officer at Tavel Freight, effective May 1.",
     ("Anika Roos", "chief operating officer", "Tavel Freight")),
    ("Anika Roos, 44, has been appointed head of operations for Tavel Freight.",
     ("Anika Roos", "head of operations", "Tavel Freight")),
])
def test_the_verb_of_an_appointment_is_no_part_of_the_role(people, text, expected) -> None:
    assert expected in people(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("Gerda Holm (Korvane Motors) and Piet Daal (Lindfors Bus) spoke on the panel.",
     ("Piet Daal", None, "Lindfors Bus")),
    ("Gerda Holm, Head of EV Strategy, Korvane Motors, said the targets were within reach.",
     ("Gerda Holm", "head of ev strategy", "Korvane Motors")),
    ("Gerda Holm, Director of Fleet Operations at Korvane Motors, said sales rose.",
     ("Gerda Holm", "director of fleet operations", "Korvane Motors")),
])
def test_a_company_in_brackets_or_after_a_posts_department(people, text, expected) -> None:
    assert expected in people(text)



def test_a_person_of_a_company_the_model_tagged_as_one_organisation(people) -> None:
    assert people("The plan was welcomed by Lena Dahl of Lindfors Bus.") == [
        ("Lena Dahl", None, "Lindfors Bus")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Ivo Brandt, who runs Halden Transit, said demand was strong.",
     ("Ivo Brandt", "head", "Halden Transit")),
    ("Ivo Brandt joined Halden Transit as finance director in 2019.",
     ("Ivo Brandt", "finance director", "Halden Transit")),
    ("Ivo Brandt is the chief executive of Halden Transit.",
     ("Ivo Brandt", "chief executive", "Halden Transit")),
    ("Halden Transit's Ivo Brandt said demand was strong.", ("Ivo Brandt", None, "Halden Transit")),
    ("Halden Transit CEO and co-founder Ivo Brandt said the company would list in London.",
     ("Ivo Brandt", "ceo and co-founder", "Halden Transit")),
])
def test_a_clause_only_a_person_takes_makes_a_name_tagged_organisation_a_person(
        people, text, expected) -> None:
    assert expected in people(text)


def test_a_name_ending_in_a_business_word_is_no_person(people) -> None:
    found = people("Halden Transit has hired Selma Dorn, formerly of Brisco Coaches, as its new "
                   "chief operating officer.")
    assert ("Selma Dorn", "chief operating officer", "Halden Transit") in found
    assert all(name != "Brisco Coaches" for name, _, _ in found)


def test_a_spokesperson_named_in_a_sentence_without_a_company_speaks_for_the_articles(
        people) -> None:
    found = people('Halden Transit reported record profits. "We grew," said spokesman Tomas Ruel.')
    assert ("Tomas Ruel", "spokesman", "Halden Transit") in found
    assert people('Halden Transit reported record profits. "We grew," said a government '
                  'spokesman, Tomas Ruel.') == []


def test_the_owner_of_a_new_post_taken_with_its_possessive_is_the_company(people) -> None:
    found = people("Dovrin Cargo's new CEO, Petra Lund, takes over from Jonas Wirth in May.")
    assert ("Petra Lund", "chief executive", "Dovrin Cargo") in found
    assert all(company != "Jonas Wirth" for _, _, company in found)


def test_a_hire_from_another_company_to_lead_a_team_is_the_hirers(people) -> None:
    found = people("Dunmore Robotics has hired Tariq Bose from Velora Motors to lead its "
                   "software team.")
    assert [(name, company) for name, _, company in found] == [("Tariq Bose",
                                                                 "Dunmore Robotics")]


def test_a_post_the_model_took_into_a_persons_name_is_left_out_of_it(people) -> None:
    found = people("Norvane Logistics CEO Sven-Erik Lund and CFO Maja Berg presented the "
                   "results.")
    assert ("Sven-Erik Lund", "chief executive", "Norvane Logistics") in found
    assert ("Maja Berg", "chief financial officer", "Norvane Logistics") in found


def test_a_speech_verb_put_before_the_speakers_name_is_no_part_of_it(people) -> None:
    found = people('Said Nora Lisk, head of fleet at Quarry Motors: "The depot opens in May."')
    assert found == [("Nora Lisk", "head of fleet", "Quarry Motors")]
    found = people("Said Al Rashid, chief executive of Quarry Motors, said the depot would "
                   "open in May.")
    assert found == [("Said Al Rashid", "chief executive", "Quarry Motors")]


def test_a_person_promoted_to_a_post_whom_the_model_read_as_a_place(people) -> None:
    assert people("Norvane Logistics promoted Eva Lind to chief operating officer.") == [
        ("Eva Lind", "chief operating officer", "Norvane Logistics")]
    assert people("Norvane Logistics named Santa Clara its new base.") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Jonas Wirth, Dovrin Cargo's operations director since 2019, said the vans were ready.",
     ("Jonas Wirth", "operations director", "Dovrin Cargo")),
    ("Dovrin Cargo chief Petra Lund met the minister.", ("Petra Lund", "chief", "Dovrin Cargo")),
])
def test_a_cargo_firms_people(people, text, expected) -> None:
    assert expected in people(text)


def test_a_post_at_a_company_named_by_its_short_form(people) -> None:
    found = people("Pemberly Lease agreed to buy Orbelle Rentals. Pemberly CEO Jonas Falk will "
                   "lead the new company.")
    assert ("Jonas Falk", "chief executive", "Pemberly Lease") in found


def test_a_company_whose_business_word_alone_the_model_tags_keeps_its_whole_name(people) -> None:
    # the model tags only "Mobility" (as a person) of "Orvo Mobility's"
    assert ("Ben Adeyemi", "vice president", "Orvo Mobility") in people(
        "Ben Adeyemi, Orvo Mobility's vice president of operations, said the vans would "
        "arrive soon.")


@pytest.mark.parametrize(("text", "name"), [
    # the model tags only the family name, or nothing, of a hyphenated given name
    ("Halvard Motors named Min-jun Kim as its new chief financial officer.", "Min-jun Kim"),
    ("Jae-won Park, head of Halvard Motors' European unit, said prices would rise.",
     "Jae-won Park"),
])
def test_a_hyphenated_given_name_stays_in_the_persons_name(text, name) -> None:
    nlp.load_pipeline()
    people = {(p.name, p.company) for p in nlp.analyze(text).people}
    assert (name, "Halvard Motors") in people


def test_a_place_before_a_hyphen_is_no_given_name() -> None:
    nlp.load_pipeline()
    people = {p.name for p in nlp.analyze("Oslo-born Kari Nordby, chief executive of Halvard "
                                          "Motors, said prices would rise.").people}
    assert people == {"Kari Nordby"}


@pytest.mark.parametrize("text", [
    "Maren Holt, Brisbury Freight's managing director, told staff the depot would close.",
    "Maren Holt, Brisbury Freight's chief executive, said the depot would close.",
])
def test_a_company_post_in_apposition_marks_a_person_the_model_calls_an_organisation(
        people, text) -> None:
    assert [(name, company) for name, _, company in people(text)] == \
        [("Maren Holt", "Brisbury Freight")]


def test_a_company_beside_another_companys_rival_stays_a_company(people) -> None:
    result = nlp.analyze("The deal with Harwick Motors, Brisbury Freight's chief rival, was "
                         "signed.", rules_only=True).to_dict()
    assert {"Harwick Motors", "Brisbury Freight"} <= {c["name"] for c in result["companies"]}
    assert result["people"] == []


def test_founders_after_a_description_are_people_and_no_party_of_a_deal(people) -> None:
    text = ("Ardent Charging, founded in 2017 by former energy executives Lucas Marsh and "
            "Hannah Cole, raised £45 million in a funding round led by Greystone Partners.")
    assert sorted(people(text)) == [("Hannah Cole", "founder", "Ardent Charging"),
                                    ("Lucas Marsh", "founder", "Ardent Charging")]
    result = nlp.analyze(text, rules_only=True).to_dict()
    assert "Lucas Marsh" not in {c["name"] for c in result["companies"]}
    assert [sorted(d["parties"]) for d in result["deals"]] == \
        [["Ardent Charging", "Greystone Partners"]]


def test_its_post_belongs_to_the_subject_of_the_sentence_before(people) -> None:
    text = ("Ardent Charging raised £45 million in a round led by Greystone Partners. Its chief "
            "executive, Lucas Marsh, said the money would fund 200 new chargers.")
    assert people(text) == [("Lucas Marsh", "chief executive", "Ardent Charging")]


def test_a_persons_surname_alone_is_no_company_and_no_party(people) -> None:
    text = ("Velmora Mobility chief executive Sophie Marchand said the deal fitted its "
            "strategy. Velmora Mobility is also in talks with several manufacturers about "
            "supplying electric vans, Marchand said.")
    result = nlp.analyze(text, rules_only=True).to_dict()
    assert [c["name"] for c in result["companies"]] == ["Velmora Mobility"]
    assert result["deals"] == []


def test_an_appointment_as_a_post_after_a_former_employer_keeps_both_companies(people) -> None:
    # "..., as its chief executive" after "Northline Rail" is no post of Northline Rail's
    # name, and a headline that ends in a post is no part of the lead's first name.
    text = ("Tarrow Bus names former rail boss as chief executive\n\nTarrow Bus Group has "
            "appointed Graham Oduya, the former managing director of Northline Rail, as its "
            "chief executive, the company said.")
    found = {(name, company) for name, _, company in people(text)}
    assert {("Graham Oduya", "Tarrow Bus Group"), ("Graham Oduya", "Northline Rail")} <= found
    result = nlp.analyze(text, rules_only=True).to_dict()
    assert {"Tarrow Bus Group", "Northline Rail"} <= {c["name"] for c in result["companies"]}


def test_the_one_replaced_after_an_appointment_held_the_post_at_the_appointer(people) -> None:
    found = people("Tarrow Bus Group has appointed Graham Oduya as its chief executive, "
                   "replacing Fiona Keel, who retires in June.")
    assert ("Fiona Keel", "former chief executive", "Tarrow Bus Group") in found


def test_its_post_after_a_sentence_about_the_company_reaches_back_to_its_name(people) -> None:
    found = people("Arvella has kept its place as the largest lessor, with 312,400 vehicles. "
                   "The company, owned by Spanish bank Banco Meridia, added 14,000 vehicles "
                   "over the year. Its managing director, Oliver Pratt, said growth came from "
                   "salary sacrifice.")
    assert [(name, company) for name, _, company in found] == [("Oliver Pratt", "Arvella")]


@pytest.mark.parametrize(("text", "role"), [
    ("Helena Brandt, who took over as chief executive of Corvane Rentals in March, said "
     "bookings were up.", "chief executive"),
    ("Corvane Rentals has promoted Helena Brandt to chief executive.", "chief executive"),
    ("Corvane Rentals said Helena Brandt, its chief financial officer, would leave in May.",
     "chief financial officer"),
    ("Helena Brandt is stepping down as chief executive of Corvane Rentals after five years.",
     "chief executive"),
])
def test_a_name_the_model_calls_an_organisation_taking_or_leaving_a_post_is_a_person(
        people, text, role) -> None:
    assert people(text) == [("Helena Brandt", role, "Corvane Rentals")]


def test_the_post_a_person_joined_a_company_as_is_their_role_there(people) -> None:
    found = people("Former Corvane Rentals chief executive Jane Porter joined Tallis Motors "
                   "as chairwoman.")
    assert ("Jane Porter", "chairwoman", "Tallis Motors") in found


def test_a_post_acronym_the_model_takes_into_an_organisation_opens_a_persons_name(
        people) -> None:
    # the model tags "CTO Ravi Menon" as one organisation
    assert people("Dravik Logistics co-founder and CTO Ravi Menon built the platform.") == [
        ("Ravi Menon", "co-founder and cto", "Dravik Logistics")]


@pytest.mark.parametrize(("text", "person"), [
    ('Corrow Bus is adding 40 routes. "Ridership is back," said Helga Brun, the chief '
     'executive.', ("Helga Brun", "chief executive", "Corrow Bus")),
    ('Corrow Bus is adding 40 routes. "Ridership is back," said Helga Brun, chief operating '
     'officer, at the launch.', ("Helga Brun", "chief operating officer", "Corrow Bus")),
    ("Corrow Bus reported a loss. Finance director Helga Brun blamed fuel prices.",
     ("Helga Brun", "finance director", "Corrow Bus")),
])
def test_a_post_alone_beside_a_speaker_is_the_post_at_the_company_of_the_text(people, text,
                                                                              person) -> None:
    assert people(text) == [person]


def test_a_post_alone_after_a_speaker_names_no_company_where_the_text_has_two(people) -> None:
    assert people('Corrow Bus and Tennet Rail agreed a joint ticket. "It is simple," said '
                  'Helga Brun, the chief executive.') == []


def test_the_rules_read_a_name_the_model_missed_beside_a_role(people) -> None:
    assert people("Jae-won Park, head of Halvard Motors' European unit, said prices would "
                  "rise.") == [("Jae-won Park", "head", "Halvard Motors")]
    assert people("In his new role as Halvard Motors chief executive, Mr Park will move to "
                  "Seoul.") == []


def test_a_company_post_and_person_the_model_tagged_as_one_organisation(people) -> None:
    assert people("According to Vellmont Rent spokesperson Ilse Maar, demand for vans "
                  "rose.") == [("Ilse Maar", "spokesperson", "Vellmont Rent")]
