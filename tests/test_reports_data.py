"""Invented news facts for the report tests, written through store.save_analysis.

Other test_reports_* modules import fill_store() from here; the tests in this module check
that the store -> Profile assembly reads those facts back.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

import store
from nlp.patterns import deal_types
from reports.editions import sample_profile
from reports.model import DealRow
from reports.profile import UnknownCompany, build_profile
from reports.summary import _deal_sentences

COMPANY = "Northwind Mobility AG"
HOSTILE_TITLE = (
    '<img src="file:///etc/passwd"><style>body{display:none}</style>'
    '<script>alert(1)</script><b>Bold</b> claim ' + "X" * 2000
)

# (counterparty, type, status, date, value) - newest deals first once sorted by date.
DEALS: list[tuple[str, str, str, str, float | None]] = [
    ("Zephyr Rentals Ltd", "partnership", "announced", "2026-01-10", None),
    ("Quasar Batteries SA", "supply", "completed", "2026-02-12", 45e6),
    ("Harbor Logistics GmbH", "acquisition", "completed", "2026-03-15", 1.2e9),
    ("Tundra Telematics Oy", "investment", "announced", "2026-04-18", 30e6),
    ("Vela Charging BV", "joint_venture", "announced", "2026-05-20", None),
    ("Orchid Leasing plc", "partnership", "announced", "2026-06-22", None),
]


def _article(db, n: int, title: str, published: str, text: str,
             url: str | None = None, source: str = "Fleet Wire") -> dict[str, Any]:
    article = {"url": url or f"https://news.example.com/story-{n}", "title": title,
               "source": source, "published": published, "text": text}
    store.save_article(db, article)
    article["id"] = store.article_id(article["url"])
    return article


def _company(name: str, sentence: str, **extra: Any) -> dict[str, Any]:
    start = max(sentence.find(name), 0)
    return {"name": name, "aliases": extra.pop("aliases", []),
            "spans": [{"start": start, "end": start + len(name), "text": name,
                       "sentence": sentence}],
            **extra}


def fill_store(db, *, hostile: bool = True) -> None:
    """Six deals, a fleet history with a conflict, three people, and a hostile headline."""
    store.save_deal_types(db, deal_types())  # as an analysis run does: nlp's registry
    n = 0
    for counterparty, deal_type, status, date, value in DEALS:
        n += 1
        sentence = (f"{COMPANY} signed a {deal_type.replace('_', ' ')} with {counterparty} "
                    f"worth {value or 'an undisclosed sum'} (deal marker D{n}).")
        article = _article(db, n, f"{COMPANY} and {counterparty} agree {deal_type}", date,
                           sentence + " More text follows. " * 5)
        # Three mentions of the company per article, so it passes the --all threshold.
        company = _company(COMPANY, sentence, aliases=["Northwind"], kind="fleet operator",
                           country="DE", parent="Northwind Holding")
        company["spans"] = [{**company["spans"][0], "start": k * 1000} for k in range(3)]
        deal = {"type": deal_type, "status": status, "parties": [COMPANY, counterparty],
                "date": date, "value": {"amount": value, "currency": "EUR"} if value else None,
                "quantity": None, "evidence": sentence, "start": 0, "end": len(sentence)}
        if deal_type == "acquisition":
            # The same acquisition was first reported as talks: one deal, a status history.
            talks = f"{COMPANY} is in talks to buy {counterparty} (deal marker D{n}-talks)."
            early = _article(db, 100 + n, f"{COMPANY} in talks with {counterparty}",
                             "2026-03-01", talks)
            store.save_analysis(db, early, {
                "companies": [company, _company(counterparty, talks)],
                "deals": [{"type": "talks", "status": "in_talks",
                           "parties": [COMPANY, counterparty], "date": "2026-03-01",
                           "evidence": talks, "start": 0, "end": len(talks)}],
            }, "test")
        store.save_analysis(db, article, {
            "companies": [company, _company(counterparty, sentence)], "deals": [deal],
        }, "test")
    fleet = [  # (count, context, as_of, approximate)
        (80000, "manages", "2025-11-01", True),
        (95000, "manages", "2026-02-01", False),
        (100000, "manages", "2026-06-01", True),
        (104000, "manages", "2026-06-01", False),  # same day, another figure: a conflict
        (250000, "plans", "2026-05-01", False),
    ]
    for count, context, as_of, approximate in fleet:
        n += 1
        sentence = f"{COMPANY} {context} {count:,} vehicles (fleet marker F{count})."
        article = _article(db, n, f"{COMPANY} fleet update {n}", as_of, sentence)
        store.save_analysis(db, article, {
            "companies": [_company(COMPANY, sentence)],
            "fleet_figures": [{"company": COMPANY, "count": count, "unit": "vehicles",
                               "approximate": approximate, "context": context,
                               "as_of": as_of, "evidence": sentence, "start": 0}],
        }, "test")
    people = [("Greta Lindqvist", "chief executive"), ("Tomas Berger", "chief financial officer"),
              ("Ines Marchetti", "head of fleet sales")]
    for name, role in people:
        n += 1
        sentence = f"{name}, {role} of {COMPANY}, spoke to reporters (person marker P{n})."
        # Another publisher: the company has two independent sources (a profile needs them);
        # every fact is still reported once.
        article = _article(db, n, f"Interview with {name}", "2026-04-01", sentence,
                           source="Lease Journal")
        store.save_analysis(db, article, {
            "companies": [_company(COMPANY, sentence)],
            "people": [{"name": name, "role": role, "company": COMPANY, "evidence": sentence}],
        }, "test")
    if hostile:
        n += 1
        sentence = f"{COMPANY} was named in a strange story."
        article = _article(db, n, HOSTILE_TITLE, "2026-06-30", sentence,
                           url="https://news.example.com/hostile")
        store.save_analysis(db, article, {
            "companies": [_company(COMPANY, sentence)],
            "fleet_figures": [{"company": COMPANY, "count": 1200, "unit": "vans",
                               "context": "leases", "as_of": "2026-06-30",
                               "evidence": sentence + " " + "Y" * 600, "start": 0}],
        }, "test")
        # A crawled article whose URL is not http(s) must never become a link.
        n += 1
        sentence = f"{COMPANY} appeared in a local file."
        article = _article(db, n, "Local file story", "2026-06-29", sentence,
                           url="file:///etc/passwd")
        store.save_analysis(db, article, {"companies": [_company(COMPANY, sentence)]}, "test")


@pytest.fixture
def filled_db(db):
    fill_store(db)
    return db


def test_profile_reads_every_fact_with_a_footnote(filled_db) -> None:
    profile = build_profile(filled_db, COMPANY)
    assert profile.overview.id == "northwind-mobility-ag"
    assert profile.overview.parent == "Northwind Holding"
    assert "Northwind" in profile.overview.aliases
    assert len(profile.deals) == 6
    counterparties = {c for d in profile.deals for c in d.counterparties}
    assert "Harbor Logistics GmbH" in counterparties
    acquisition = next(d for d in profile.deals if d.type == "acquisition")
    assert [status for _, status in acquisition.history] == ["in_talks", "completed"]
    assert len(acquisition.notes) == 2
    assert {p.name for p in profile.people} >= {"Greta Lindqvist", "Tomas Berger"}
    numbers = {f.number for f in profile.footnotes}
    cited = {n for d in profile.deals for n in d.notes} | {f.note for f in profile.fleet} | \
        {p.note for p in profile.people}
    assert cited <= numbers


def test_fleet_keeps_the_latest_figure_per_context_and_flags_conflicts(filled_db) -> None:
    fleet = build_profile(filled_db, COMPANY).fleet
    managed = [f for f in fleet if f.context == "manages"]
    assert {f.count for f in managed if f.conflict} == {100000, 104000}
    assert {f.count for f in managed if f.superseded} == {80000, 95000}
    assert any(f.context == "plans" and not f.superseded for f in fleet)


def test_related_companies_come_from_shared_articles(filled_db) -> None:
    related = {r.name: r for r in build_profile(filled_db, COMPANY).related}
    assert related["Harbor Logistics GmbH"].together == 2  # the talks and the acquisition
    assert related["Harbor Logistics GmbH"].deals == ["acquisition (target)"]
    assert related["Zephyr Rentals Ltd"].deals == ["partnership"]


def test_summary_is_written_from_the_facts(filled_db) -> None:
    summary = " ".join(build_profile(filled_db, COMPANY).summary)
    assert "Since January 2026, Northwind Mobility AG completed one acquisition and one " \
        "supply deal; it announced two partnerships" in summary
    assert "It manages 104,000 vehicles as of June 2026; other sources that day say 100,000" \
        in summary
    assert "plans to reach 250,000 vehicles" in summary
    assert "Greta Lindqvist (chief executive)" in summary


def test_sample_is_a_reduced_profile(filled_db) -> None:
    full = build_profile(filled_db, COMPANY)
    sample = sample_profile(full)
    assert len(full.deals) == 6 and len(sample.deals) == 2
    assert sample.deals == [
        replace(d, notes=sample.deals[i].notes, history=d.history[-1:])
        for i, d in enumerate(full.deals[:2])]
    cited = {n for d in sample.deals for n in d.notes} | {f.note for f in sample.fleet} | \
        {p.note for p in sample.people}
    assert cited == {n.number for n in sample.footnotes}
    assert len(full.deals) == 6  # the full profile is untouched
    assert "2 of 6 deals" in sample.summary[-1]


@pytest.mark.parametrize("typo", ["Northwind Mobilty", "northwind mobility", "Northwnd"])
def test_unknown_company_suggests_close_matches(filled_db, typo: str) -> None:
    with pytest.raises(UnknownCompany, match="did you mean Northwind Mobility AG"):
        build_profile(filled_db, typo)


@pytest.mark.parametrize(("deal_type", "phrase"), [
    ("acquisition", "The latest, an acquisition with Calder Leasing (May 2026), is completed."),
    ("supply", "The latest, a supply deal with Calder Leasing (May 2026), is completed."),
])
def test_summary_names_the_latest_deal_in_good_english(deal_type: str, phrase: str) -> None:
    entry = deal_types()[deal_type]
    deal = DealRow(id="d", type=deal_type, status="completed", date="2026-05-04",
                   counterparties=["Calder Leasing"], roles={}, value=None, quantity=None,
                   history=[], notes=[], label=entry["label"], plural=entry["plural"])
    assert phrase in _deal_sentences("Northwind", [deal])


def test_a_deal_type_is_named_as_the_stored_registry_names_it(db) -> None:
    """Adding or renaming a type is one entry in nlp's registry: reports read the copy an
    analysis run keeps in the store."""
    fill_store(db, hostile=False)
    store.save_deal_types(db, {**deal_types(), "supply": {
        **deal_types()["supply"], "label": "delivery contract", "plural": "delivery contracts"}})
    profile = build_profile(db, COMPANY)
    assert "one delivery contract" in " ".join(profile.summary)
    assert {d.label for d in profile.deals if d.type == "supply"} == {"delivery contract"}


def test_sample_cites_without_quoting_a_sentence_that_is_a_withheld_deals_source(
        filled_db) -> None:
    full = build_profile(filled_db, COMPANY)
    withheld_deal = full.deals[-1]
    secret = next(n.quote for n in full.footnotes if n.number == withheld_deal.notes[0])
    person_note = full.people[0].note  # the same sentence is also a shown person's source
    full.footnotes = [replace(n, quote=secret) if n.number == person_note else n
                      for n in full.footnotes]
    sample = sample_profile(full)
    assert full.people[0].name in [p.name for p in sample.people]
    assert all(secret not in n.quote for n in sample.footnotes)
    assert len(sample.footnotes) == len({n for d in sample.deals for n in d.notes} |
                                        {f.note for f in sample.fleet} |
                                        {p.note for p in sample.people})


def test_a_relation_is_shown_only_with_articles_naming_both(filled_db) -> None:
    """'Articles together' counts the articles that name both companies; a counterparty that
    shares no article with the company (a deal row naming a company no article names beside
    it) is no relation and is never shown with 0."""
    from reports.profile import _related

    company_id = store.find_company(filled_db, COMPANY)["id"]
    lonely = DealRow("d-lonely", "partnership", "announced", "2026-01-01",
                     ["Solitaire Freight Oy"], {"Solitaire Freight Oy": "partner"}, None, None,
                     [], [])
    related = {r.name: r.together for r in _related(filled_db, company_id, [lonely])}
    assert "Solitaire Freight Oy" not in related
    assert related and min(related.values()) >= 1
