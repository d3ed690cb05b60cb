"""The trained scorer: every fact carries a calibrated confidence, and the scored pipeline
keeps plain deals, fleet figures and people while it drops what is no fact.

Sentences and companies are invented; what depends on the trained weights is tested with
the shipped weights (nlp/models/), never faked.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import nlp
from nlp import scorer
from nlp.candidates import Candidate
from nlp.decide import PARTY_FLOOR, decide_all, decide_deals, decide_fleet
from nlp.facts import Deal, FleetFigure


@pytest.fixture(scope="module")
def analyze():
    nlp.load_pipeline()
    return lambda text: nlp.analyze(text).to_dict()


def test_every_fact_carries_a_confidence_between_0_and_1(analyze) -> None:
    result = analyze("Norvane Mobility has agreed to acquire Quellis Rentals, the Lyon van "
                     "lessor, for EUR 45 million. Quellis operates a fleet of about 4,210 "
                     "vans. Norvane chief executive Jane Roe said the deal would close soon.")
    facts = [*result["companies"], *result["deals"], *result["fleet_figures"],
             *result["people"]]
    assert facts
    assert all(0.0 <= f["confidence"] <= 1.0 for f in facts)


def test_a_plain_takeover_is_kept_with_its_value(analyze) -> None:
    result = analyze("Norvane Mobility has agreed to acquire Quellis Rentals for EUR 45 "
                     "million, the two companies said on Tuesday.")
    deals = [(d["type"], set(d["parties"])) for d in result["deals"]]
    assert ("acquisition", {"Norvane Mobility", "Quellis Rentals"}) in deals
    deal = next(d for d in result["deals"] if d["type"] == "acquisition")
    assert deal["value"] == {"amount": 45_000_000, "currency": "EUR"}
    assert deal["confidence"] >= scorer.threshold("deal")


def test_a_plain_fleet_size_is_kept(analyze) -> None:
    result = analyze("Brimfield Leasing manages a fleet of around 86,000 vehicles across "
                     "Scandinavia, the company said.")
    assert [(f["company"], f["count"]) for f in result["fleet_figures"]] == [
        ("Brimfield Leasing", 86_000)]


def test_thresholds_set_on_the_loaded_pipeline_are_the_ones_analyze_uses(analyze) -> None:
    # benchmarks/nlp_eval.py lowers the judge's cuts this way for its threshold table
    judge = nlp.load_pipeline().get_pipe("rivalscope_judge")
    text = "Brimfield Leasing manages a fleet of around 86,000 vehicles across Scandinavia."
    assert analyze(text)["fleet_figures"]
    judge.cuts = dict.fromkeys(scorer.KINDS, 1.01)  # over every confidence
    try:
        assert analyze(text)["fleet_figures"] == []
    finally:
        judge.cuts = None


def test_companies_named_side_by_side_without_a_deal_word_make_no_deal(analyze) -> None:
    result = analyze("Norvane Mobility and Quellis Rentals both reported higher quarterly "
                     "revenue on Thursday.")
    assert result["deals"] == []


def test_an_order_count_is_no_fleet_figure(analyze) -> None:
    result = analyze("Ostrava Fleet Services said it will sell 1,200 used vans at auction "
                     "next month.")
    assert result["fleet_figures"] == []


def test_calibration_keeps_the_order_of_raw_scores() -> None:
    params = scorer.calibration()["deal"]
    raws = [0.05, 0.2, 0.5, 0.8, 0.95]
    calibrated = [scorer.calibrated(r, params) for r in raws]
    assert calibrated == sorted(calibrated)


def test_thresholds_are_shipped_for_every_kind() -> None:
    for kind in scorer.KINDS:
        assert 0 < scorer.threshold(kind, "emit") <= scorer.threshold(kind, "profile") < 1


def _deal(deal_type: str, parties: tuple[str, ...], score: float) -> Candidate:
    fact = Deal(type=deal_type, status="announced", parties=list(parties),
                          roles={}, evidence="x", start=0, end=1)
    return Candidate("deal", (deal_type, frozenset(parties)), fact, [], False, score)


def test_one_type_per_set_of_parties_the_best_scored() -> None:
    kept = decide_deals([_deal("supply", ("A", "B"), 0.6), _deal("partnership", ("A", "B"), 0.7),
                         _deal("merger", ("A", "C"), 0.2)], cut=0.5)
    assert [(d.type, d.confidence) for d in kept] == [("partnership", 0.7)]


def test_of_two_types_scored_alike_the_rules_reading_stays() -> None:
    ruled = _deal("supply", ("A", "B"), 0.5)
    ruled.rule = True
    kept = decide_deals([_deal("partnership", ("A", "B"), 0.5), ruled], cut=0.4)
    assert [d.type for d in kept] == ["supply"]


def test_nested_readings_of_one_sentence_keep_the_best_scored() -> None:
    # "Kappa bought Orion Fleet from Sigma": A+B and A+B+C are two readings of one deal;
    # A+C, not nested in A+B, is another deal of the sentence and stays.
    kept = decide_deals([_deal("acquisition", ("A", "B"), 0.8),
                         _deal("acquisition", ("A", "B", "C"), 0.6),
                         _deal("supply", ("A", "C"), 0.7)], cut=0.5)
    assert sorted((d.type, tuple(sorted(d.parties))) for d in kept) == [
        ("acquisition", ("A", "B")), ("supply", ("A", "C"))]
    larger_first = decide_deals([_deal("acquisition", ("A", "B"), 0.6),
                                 _deal("acquisition", ("A", "B", "C"), 0.8)], cut=0.5)
    assert [sorted(d.parties) for d in larger_first] == [["A", "B", "C"]]


def test_nested_party_sets_of_different_sentences_are_different_deals() -> None:
    first = _deal("acquisition", ("A", "B"), 0.8)
    later = _deal("acquisition", ("A", "B", "C"), 0.6)
    later.fact = Deal(type="acquisition", status="announced", parties=["A", "B", "C"],
                      roles={}, evidence="y", start=5, end=9)
    assert len(decide_deals([first, later], cut=0.5)) == 2


def test_a_count_goes_to_its_best_scored_owner() -> None:
    def figure(company: str, score: float) -> Candidate:
        fact = FleetFigure(company=company, count=500, unit="vans", approximate=False,
                                     qualifier=None, context="operates", scope="total",
                                     evidence="x", start=0, end=1)
        return Candidate("fleet", (company, 500), fact, [], False, score)

    kept = decide_fleet([figure("A", 0.55), figure("B", 0.9)], cut=0.5)
    assert [(f.company, f.confidence) for f in kept] == [("B", 0.9)]


def test_a_fact_whose_party_is_unlikely_a_company_is_dropped() -> None:
    def company(name: str, score: float) -> Candidate:
        return Candidate("company", (name,), name, [], True, score)

    cuts = dict.fromkeys(scorer.KINDS, 0.5)
    sure = decide_all([_deal("supply", ("A", "B"), 0.9), company("A", 0.9),
                       company("B", 0.8)], cuts)
    doubtful = decide_all([_deal("supply", ("A", "B"), 0.9), company("A", 0.9),
                           company("B", PARTY_FLOOR / 2)], cuts)
    assert [d.parties for d in sure.deals] == [["A", "B"]]
    assert doubtful.deals == [] and "B" not in doubtful.companies


def test_a_deal_is_scored_as_likely_as_its_least_likely_company() -> None:
    def company(name: str, score: float) -> Candidate:
        return Candidate("company", (name,), name, [], True, score)

    found = [_deal("supply", ("A", "B"), 0.9), company("A", 0.95), company("B", 0.8)]
    assert [p for _, p in scorer.joint_products(found)] == [pytest.approx(0.72)]
    scorer.party_weighted(found, None)
    assert found[0].score == pytest.approx(0.72)
    recalibrated = [_deal("supply", ("A", "B"), 0.9), company("A", 0.95), company("B", 0.8)]
    scorer.party_weighted(recalibrated, {"a": -2.0, "b": 0.0})
    assert recalibrated[0].score == pytest.approx(scorer.calibrated(0.72, {"a": -2.0}),
                                                  abs=1e-3)
    # a sure deal with a doubtful party falls under the threshold (0.9 x 0.5); the party
    # stays a company of the text
    doubtful = [_deal("supply", ("A", "B"), 0.9), company("A", 0.95), company("B", 0.5)]
    scorer.party_weighted(doubtful, None)
    decided = decide_all(doubtful, dict.fromkeys(scorer.KINDS, 0.5))
    assert decided.deals == [] and "B" in decided.companies


def test_the_shipped_calibration_recalibrates_deals_with_their_companies() -> None:
    assert {"a", "b"} <= set(scorer.calibration()["deal"]["party_weighted"])


def test_a_known_company_the_linker_left_out_keeps_its_known_name() -> None:
    from nlp.judge import unlinked_organisations

    pipeline = nlp.load_pipeline()
    with pipeline.select_pipes(disable=["rivalscope_judge", "rivalscope_result"]):
        doc = pipeline("General Motors said on Monday that GM EV drivers would soon charge "
                       "at the new Kappa stations.")
    names = {m.text: m.name for m in unlinked_organisations(doc, doc._.company_mentions)}
    assert names.get("GM", "General Motors") == "General Motors"
    assert "GM" not in names.values()


@pytest.mark.parametrize(("sentence", "name", "role"), [
    ("Tavia Roune, chief financial officer at Brennick Haulage, left in May.", "Tavia Roune",
     "chief financial officer"),
    ("Brennick Haulage chief operating officer Tavia Roune spoke first.", "Tavia Roune",
     "chief operating officer"),
    ("Tavia Roune toured the Brennick Haulage depot on Monday.", "Tavia Roune", None),
])
def test_a_proposed_persons_role_is_the_role_phrase_nearest_the_name(sentence, name,
                                                                     role) -> None:
    from nlp.candidates import _role_near

    doc = nlp.load_pipeline()(sentence)
    start = sentence.index(name)
    assert _role_near(doc, doc.char_span(start, start + len(name))) == role


def test_taken_private_in_a_deal_is_an_acquisition_not_a_partnership(analyze) -> None:
    result = analyze("Talgo Freight was taken private by Orvane Holdings in a deal worth "
                     "$2 billion.")
    deals = [(d["type"], set(d["parties"])) for d in result["deals"]]
    assert deals == [("acquisition", {"Orvane Holdings", "Talgo Freight"})]


def test_deal_candidates_say_what_their_parties_are() -> None:
    from nlp.judge import CANDIDATES_KEY

    doc = nlp.load_pipeline(collect=True)(
        "Norvane Mobility said Volkswagen would supply 400 vans to its depots.")
    [candidate] = [c for c in doc.user_data[CANDIDATES_KEY] if c.kind == "deal" and
                   c.key == ("supply", frozenset({"Norvane Mobility", "Volkswagen AG"}))]
    # the model reads the unknown one as a person; whether the gazetteer knows a party is
    # left out (see test_nlp_deal_evidence)
    assert {"p_linked_True", "pent_ORG", "pent_PERSON"} <= set(candidate.features)
    assert not any(f.startswith("p_known") for f in candidate.features)


def test_deal_candidates_read_the_words_between_the_parties_not_the_raw_parse() -> None:
    from nlp.judge import CANDIDATES_KEY

    doc = nlp.load_pipeline(collect=True)(
        "Yesterday Halden Transit agreed to buy Moravia Logistics outright.")
    [candidate] = [c for c in doc.user_data[CANDIDATES_KEY] if c.kind == "deal" and
                   c.key == ("acquisition", frozenset({"Halden Transit", "Moravia Logistics"}))]
    between = [f for f in candidate.features if f.startswith("btw_")]
    assert between == ["btw_PARTY", "btw_agree", "btw_to", "btw_buy", "btw_PARTY"]
    assert {"acquisition_rel_subj", "acquisition_rel_obj"} <= set(candidate.features)
    # dependency labels, paths and the words outside the parties are learnt by heart
    assert not [f for f in candidate.features if re.match(
        r"(?:\w+_)?(?:pdep|p0dep|odep|path|sdp|trigdep|trigtag|pprev|pnext)_", f)]


def test_deal_candidates_read_past_a_clause_that_describes_a_party() -> None:
    from nlp.judge import CANDIDATES_KEY

    doc = nlp.load_pipeline(collect=True)(
        "Tarrow Parcel, whose 1,900 delivery vans cover most of Wales, is being sold to "
        "Gaskell Post.")
    [candidate] = [c for c in doc.user_data[CANDIDATES_KEY] if c.kind == "deal" and
                   c.key == ("acquisition", frozenset({"Tarrow Parcel", "Gaskell Post"}))]
    between = [f for f in candidate.features if f.startswith("btw_")]
    assert between == ["btw_PARTY", "btw_be", "btw_be", "btw_sell", "btw_to", "btw_PARTY"]
    assert not [f for f in candidate.features if "also_supply" in f]  # "delivery vans"


def test_company_candidates_say_whether_a_name_holds_a_model_number_or_a_verb() -> None:
    from nlp.candidates import _name_shape
    from nlp.facts import CompanyMention
    from nlp.judge import CANDIDATES_KEY

    pipeline = nlp.load_pipeline(collect=True)
    doc = pipeline("Regulator Gives Conditional Nod to Kappa Takeover\n\n"
                   "Kappa Motors said the F-150 Lightning sold well.")
    shapes = {c.key[0]: {f for f in c.features if f.startswith("name_")}
              for c in doc.user_data[CANDIDATES_KEY] if c.kind == "company"}
    assert shapes["F-150 Lightning"] == {"name_digit"}
    assert shapes["Kappa Motors"] == {"name_plain"}
    # a phrase of a headline the model took for a name (the linker drops those a title-case
    # headline alone names; a name read elsewhere is judged with its shape)
    phrase = CompanyMention("Regulator Gives Conditional Nod", "Regulator Gives Conditional Nod",
                            0, 31, 0)
    assert _name_shape(doc, [phrase]) == ["name_verb"]


def test_company_candidates_tell_a_places_possessive_from_an_owners() -> None:
    from nlp.judge import CANDIDATES_KEY

    doc = nlp.load_pipeline(collect=True)(
        "Norway's Brantel Leasing AG said Toyota's Kinto would lease it 300 cars.")
    features = {c.key[0]: set(c.features) for c in doc.user_data[CANDIDATES_KEY]
                if c.kind == "company"}
    assert {"prev_place_s", "form_company"} <= features["Brantel Leasing"]
    assert {"prev_s", "form_plain"} <= features["KINTO"]



def test_company_candidates_say_which_names_stand_in_one_list() -> None:
    from nlp.judge import CANDIDATES_KEY

    doc = nlp.load_pipeline(collect=True)(
        "Orvanto Freight, Silvermere and Toyota each bought a stake. Kestle Motors, a unit "
        "of Drummond Holdings, stayed out.")
    features = {c.key[0]: set(c.features) for c in doc.user_data[CANDIDATES_KEY]
                if c.kind == "company"}
    assert "listed_known" in features["Orvanto Freight"]  # listed with Toyota, a known name
    assert "listed" in features["Toyota"]  # its partners are unknown
    assert "listed_not" in features["Kestle Motors"]  # "a unit of" is no list
    assert "listed_not" in features["Drummond Holdings"]


@pytest.mark.parametrize(("text", "name"), [
    ("Velmora, which is backed by two funds, raised $40 million on Tuesday.", "Velmora"),
    ("Halbrook Motors is in talks to acquire Ostrevo for $1 billion, people familiar said.",
     "Ostrevo"),
    ("Pelham Vans manages around 62,000 vehicles on behalf of corporate clients.",
     "Pelham Vans"),
])
def test_a_name_acting_as_a_company_bought_or_ending_in_a_business_word_has_a_cue(
        text, name) -> None:
    from nlp.judge import CANDIDATES_KEY

    doc = nlp.load_pipeline(collect=True)(text)
    features = {c.key[0]: set(c.features) for c in doc.user_data[CANDIDATES_KEY]
                if c.kind == "company"}
    assert "cue" in features[name]


def _person(name: str, company: str, score: float, rule: bool, role: str | None
            ) -> Candidate:
    from nlp.facts import Person

    fact = Person(name=name, role=role, company=company, evidence="x", start=0, end=1)
    return Candidate("person", (name, company), fact, [], rule, score)


def test_a_person_keeps_a_second_company_only_where_a_rule_read_a_role() -> None:
    from nlp.decide import decide_people

    kept = decide_people([_person("Jo Roe", "A", 0.9, True, "chief executive"),
                          _person("Jo Roe", "B", 0.6, True, "former executive"),
                          _person("Jo Roe", "C", 0.7, False, "chief executive"),
                          _person("Jo Roe", "D", 0.6, True, None)], cut=0.5)
    assert sorted(p.company for p in kept) == ["A", "B"]


def test_a_person_goes_to_the_best_company_that_is_likely_a_company() -> None:
    from nlp.decide import decide_people

    kept = decide_people([_person("Jo Roe", "A", 0.9, False, None),
                          _person("Jo Roe", "B", 0.6, False, None)], cut=0.5,
                         company_ok=lambda name: name != "A")
    assert [p.company for p in kept] == ["B"]


def test_shipped_scorers_name_no_temporary_training_file(tmp_path) -> None:
    from nlp.scorer import KINDS, MODELS
    from nlp.training.train import forget_training_paths

    config = tmp_path / "config.cfg"
    config.write_text('[paths]\ntrain = "/tmp/x/train.spacy"\ndev = "/tmp/x/dev.spacy"\n'
                      '\n[training]\ntrain_corpus = "corpora.train"\n', encoding="utf-8")
    forget_training_paths(config)
    assert config.read_text(encoding="utf-8") == (
        '[paths]\ntrain = null\ndev = null\n\n[training]\ntrain_corpus = "corpora.train"\n')
    for kind in KINDS:  # `make train` wrote them through forget_training_paths
        assert "/tmp" not in (MODELS / kind / "config.cfg").read_text(encoding="utf-8")


def test_each_kind_learns_from_the_views_its_figures_chose() -> None:
    from nlp.training.train import BLIND_KINDS, FEATURES_BY_KIND, learnt_from

    full, unseen = ["full-a", "full-b"], ["unseen-a", "unseen-b"]
    assert learnt_from(full, unseen, [1], FEATURES_BY_KIND["company"]) == ["full-b", "unseen-b"]
    assert learnt_from(full, unseen, [1], FEATURES_BY_KIND.get("deal", "full")) == ["full-b"]
    shipped = json.loads((Path(nlp.__file__).parent / "models" / "calibration.json").read_text())
    assert shipped["features"] == {k: FEATURES_BY_KIND.get(k, "full")
                                   for k in ("deal", "fleet", "person", "company")}
    assert shipped["blind_trained"] == sorted(BLIND_KINDS)


def test_both_people_after_a_plural_post_keep_the_post_and_company(analyze) -> None:
    people = {(p["name"], p["company"]) for p in analyze(
        "Norvane Logistics co-founders Aisha Doyle and Tomas Reiner started the firm in "
        "2015.")["people"]}
    assert people == {("Aisha Doyle", "Norvane Logistics"), ("Tomas Reiner", "Norvane Logistics")}


def test_person_candidates_read_a_plural_post_and_its_owner_for_every_name_listed() -> None:
    from nlp.judge import CANDIDATES_KEY

    doc = nlp.load_pipeline(collect=True)(
        "Norvane Logistics co-founders Aisha Doyle and Tomas Reiner started the firm.")
    features = {c.key[0]: set(c.features) for c in doc.user_data[CANDIDATES_KEY]
                if c.kind == "person"}
    for name in ("Aisha Doyle", "Tomas Reiner"):
        assert {"role_founder", "role_owner_this"} <= features[name]


def test_a_name_the_model_missed_before_a_photo_note_and_a_post_is_a_person_candidate() -> None:
    from nlp.judge import CANDIDATES_KEY

    doc = nlp.load_pipeline(collect=True)(
        "Ines Vidal (pictured), managing director of Orbelle Rentals, said the fleet would grow.")
    keys = {c.key for c in doc.user_data[CANDIDATES_KEY] if c.kind == "person"}
    assert ("Ines Vidal", "Orbelle Rentals") in keys


def test_deal_candidates_say_when_a_party_only_describes_the_subject() -> None:
    from nlp.judge import CANDIDATES_KEY

    doc = nlp.load_pipeline(collect=True)(
        "Quillory Cabs, which Pemberly Capital owns, has ordered 200 cars from Velora Motors.")
    described = {c.key[1] for c in doc.user_data[CANDIDATES_KEY] if c.kind == "deal" and
                 "party_describes_subject" in c.features}
    assert frozenset({"Quillory Cabs", "Velora Motors"}) not in described
    assert frozenset({"Pemberly Capital", "Velora Motors"}) in described


def test_a_name_after_an_appointing_verb_and_before_a_post_is_a_person_candidate() -> None:
    from nlp.judge import CANDIDATES_KEY

    doc = nlp.load_pipeline(collect=True)(
        "Brenlow Grocers has named Tobias Weil its new head of logistics.")
    keys = {c.key for c in doc.user_data[CANDIDATES_KEY] if c.kind == "person"}
    assert ("Tobias Weil", "Brenlow Grocers") in keys


def test_a_person_who_took_over_a_post_is_kept_whatever_the_model_tags(analyze) -> None:
    people = analyze("Hanna Kreutz took over as chief executive of Velora Motors in 2021. "
                     "Ms Kreutz said the vans would sell well.")["people"]
    assert [(p["name"], p["company"]) for p in people] == [("Hanna Kreutz", "Velora Motors")]


def test_an_unknown_companys_short_form_is_that_company_in_every_fact(analyze) -> None:
    # the model tags "Harbeck Mobil" a person in its last sentence; "Harbeck" is still the
    # company's short form, and its fleet and its chief executive are Harbeck Mobil's
    result = analyze(
        "Harbeck Mobil to buy 200 electric cabs from Velora Motors\n\nVelora Motors will "
        "deliver the cabs over two years. Harbeck, which runs around 900 cabs in Bergen, said "
        "the order was its largest. \"A big day for us,\" said Harbeck chief executive Siri "
        "Dahl. Harbeck Mobil was bought by private equity firm Ostvik Partners in 2019.")
    assert "Harbeck" not in {c["name"] for c in result["companies"]}
    assert [(f["company"], f["count"]) for f in result["fleet_figures"]] == [
        ("Harbeck Mobil", 900)]
    assert ("Siri Dahl", "Harbeck Mobil") in [(p["name"], p["company"])
                                             for p in result["people"]]


def _fleet(owner: str, count: int, features: list[str], rule: bool) -> Candidate:
    fact = FleetFigure(company=owner, count=count, unit="vans", approximate=False,
                       qualifier=None, context="operates", scope="total", evidence="x",
                       start=0, end=1)
    return Candidate("fleet", (owner, count), fact, features, rule)


def test_a_rule_blind_candidate_keeps_its_context_and_loses_the_rules_word() -> None:
    from nlp.training.train import rule_blind

    assert rule_blind(["src_here", "rule", "rule_ctx_operates", "near_van"]) == [
        "src_here", "near_van", "norule"]


def test_blind_training_adds_each_rule_candidate_once_more_without_the_rule() -> None:
    from nlp.training.train import Collected, examples

    ruled = _fleet("Kappa", 400, ["rule", "rule_ctx_operates", "near_van"], True)
    broad = _fleet("Beta", 400, ["norule", "near_van"], False)
    only = _fleet("Kappa", 90, ["rule", "rule_only"], True)
    item = Collected("a", "x", {}, [ruled, broad, only], [True, False, True], [], {})
    assert examples([item], "fleet") == [(ruled.features, True), (broad.features, False),
                                        (only.features, True)]
    assert examples([item], "fleet", blind=True)[3:] == [(["near_van", "norule"], True)]


def test_rules_silent_on_a_share_of_facts_are_silent_on_a_fixed_draw() -> None:
    from nlp.training.train import Collected, blinded

    candidates = [_fleet("Kappa", n, ["rule", "near_van"], True) for n in range(2, 202)]
    item = Collected("a", "x", {}, candidates, [True] * 200, [], {})
    half = blinded(item, 0.5)
    silent = [c for c in half.candidates if not c.rule]
    assert 70 < len(silent) < 130
    assert all(c.features == ["near_van", "norule"] for c in silent)
    assert [c.key for c in blinded(item, 0.5).candidates if not c.rule] == \
        [c.key for c in silent]
    assert not [c for c in blinded(item, 1.0).candidates if c.rule]
    assert blinded(item, 0.0).candidates == candidates
