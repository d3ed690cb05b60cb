"""People with their role and company, on sentences we wrote."""

from __future__ import annotations

import pytest

import nlp


@pytest.fixture(scope="module")
def people():
    nlp.load_pipeline()
    return lambda text: [(p["name"], p["role"], p["company"])
                         for p in nlp.analyze(text).to_dict()["people"]]


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
    found = people("Hertz named Jonathan Miller, the former chief operating officer of General "
                   "Motors Co.'s Cruise robotaxi unit.")
    assert ("Jonathan Miller", "former chief operating officer", "Cruise") in found
    assert all(company != "General Motors" for _, _, company in found)


def test_company_between_former_and_role(people) -> None:
    found = people("Hertz lost money under John Tague, the former United Airlines COO.")
    assert [(n, c) for n, _, c in found] == [("John Tague", "United Airlines")]
