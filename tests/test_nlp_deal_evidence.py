"""The evidence features of deal candidates: how the parties hang on the deal word, how far
from it they are named, whether their names look like companies. Invented sentences, read by
the real pipeline in collect mode (the candidates the scorer is trained on)."""

from __future__ import annotations

import pytest

from nlp.analysis import clean_text
from nlp.judge import CANDIDATES_KEY
from nlp.pipeline import load_pipeline


@pytest.fixture(scope="module")
def features():
    pipeline = load_pipeline(collect=True)

    def read(text: str, deal_type: str, parties: set[str]) -> list[str]:
        doc = pipeline(clean_text(text)[0])
        found = [c for c in doc.user_data[CANDIDATES_KEY] if c.kind == "deal"]
        [candidate] = [c for c in found if c.key == (deal_type, frozenset(parties))]
        return candidate.features

    return read


def test_parties_unknown_to_the_gazetteer_as_subjects_of_a_joint_venture(features) -> None:
    found = features("Senford Motor Co and Kuroshi Heavy Industries Ltd said they will form "
                     "a joint venture to build electric buses.", "joint_venture",
                     {"Senford Motor", "Kuroshi Heavy Industries"})
    assert found.count("joint_venture_rel_subj") == 2
    assert {"args_all", "form_all", "first_sentence"} <= set(found)


def test_a_buyer_and_its_seller_are_the_subject_and_from(features) -> None:
    found = features("Talvik Rentals will buy 400 electric vans from Pelmar Motors, the "
                     "lessor said on Monday.", "supply", {"Talvik Rentals", "Pelmar Motors"})
    assert "supply_rels_from_subj" in found and "args_all" in found


def test_a_company_of_another_clause_is_no_argument_of_the_deal_word(features) -> None:
    found = features("Talvik Rentals agreed to acquire Pelmar Vans, while Orbesa Bank reported "
                     "lower profits.", "acquisition", {"Pelmar Vans", "Orbesa Bank"})
    assert "args_some" in found and "acquisition_rel_none" in found


def test_a_deal_is_judged_the_same_whether_the_gazetteer_knows_its_parties(features) -> None:
    known = features("Toyota agreed to buy Halden Freight for $40 million.", "acquisition",
                     {"Toyota", "Halden Freight"})
    unknown = features("Quorlen agreed to buy Halden Freight for $40 million.", "acquisition",
                       {"Quorlen", "Halden Freight"})
    assert known == unknown


def test_a_rule_deal_tells_the_scorer_the_parts_it_read(features) -> None:
    found = features("Talvik Rentals said it completed the sale of its van unit to Orbesa Group "
                     "for 17 mln dlrs.", "acquisition", {"Talvik Rentals", "Orbesa Group"})
    assert "rule_roles_acquirer_seller" in found
