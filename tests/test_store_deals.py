"""Deals over time: the merge policy, the status history, confidence and sources."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import store

PARTIES = ["Hartwell Rentals", "Voltaro Motors"]


def report(db, url: str, published: str, deal_type: str, status: str, *,
           source: str = "fleetwire", confidence: float = 0.9) -> None:
    """One article reporting one deal between PARTIES, analysed."""
    store.save_article(db, {"url": url, "text": f"{url} {deal_type} {status}",
                            "published": published, "source": source})
    row = next(r for r in store.articles_to_analyze(db, "v1") if r["text"].startswith(url))
    store.save_analysis(db, row, {
        "companies": [{"name": name, "aliases": [], "spans": [], "confidence": 0.9}
                      for name in PARTIES],
        "deals": [{"type": deal_type, "status": status, "parties": PARTIES, "roles": {},
                   "evidence": f"{PARTIES[0]} and {PARTIES[1]}: {deal_type}", "start": 0,
                   "end": 10, "confidence": confidence}],
    }, "v1")


def test_two_orders_between_the_same_parties_years_apart_are_two_deals(db) -> None:
    report(db, "https://a.example/2021", "2021-04-01", "supply", "announced")
    report(db, "https://a.example/2025", "2025-06-10", "supply", "announced")
    deals = sorted(db["deals"].rows, key=lambda d: d["date"])
    assert [(d["type"], d["date"]) for d in deals] == [("supply", "2021-04-01"),
                                                      ("supply", "2025-06-10")]


def test_talks_signed_closed_within_months_is_one_deal_with_three_dated_steps(db) -> None:
    # analysed out of order: the policy does not depend on the order of analysis
    report(db, "https://b.example/closed", "2026-07-20", "acquisition", "completed",
           source="autodaily")
    report(db, "https://b.example/talks", "2026-01-05", "talks", "in_talks")
    report(db, "https://b.example/signed", "2026-03-15", "acquisition", "announced",
           source="motorpost")
    [deal] = list(db["deals"].rows)
    assert (deal["type"], deal["status"], deal["date"]) == ("acquisition", "completed",
                                                            "2026-01-05")
    steps = list(db.query(
        "select e.date, e.status, a.source from deal_evidence e join articles a "
        "on a.id = e.article_id where e.deal_id = ? order by e.date", [deal["id"]]))
    assert [(s["date"], s["status"], s["source"]) for s in steps] == [
        ("2026-01-05", "in_talks", "fleetwire"), ("2026-03-15", "announced", "motorpost"),
        ("2026-07-20", "completed", "autodaily")]
    assert deal["sources"] == 3


def test_a_report_more_than_the_window_after_the_last_one_starts_a_new_deal(db) -> None:
    report(db, "https://c.example/1", "2024-01-01", "partnership", "announced")
    # 11 months after the first: the same deal; the window runs from the last report
    report(db, "https://c.example/2", "2024-12-01", "partnership", "announced")
    report(db, "https://c.example/3", "2025-11-20", "partnership", "announced")
    assert db["deals"].count == 1
    report(db, "https://c.example/4", "2027-01-01", "partnership", "announced")
    assert db["deals"].count == 2


def test_copies_of_one_story_from_one_publisher_count_as_one_source(db) -> None:
    report(db, "https://d.example/1", "2026-02-01", "investment", "announced", confidence=0.4)
    report(db, "https://d.example/2", "2026-02-02", "investment", "announced", confidence=0.6)
    [deal] = list(db["deals"].rows)
    assert deal["sources"] == 1 and deal["confidence"] == 0.6
    report(db, "https://d.example/3", "2026-02-03", "investment", "announced",
           source="otherwire", confidence=0.3)
    assert db["deals"].get(deal["id"])["sources"] == 2


def test_fleet_figures_and_people_keep_their_confidence_and_sources(db) -> None:
    for number, source in enumerate(["fleetwire", "fleetwire", "motorpost"]):
        store.save_article(db, {"url": f"https://e.example/{number}", "text": f"fleet {number}",
                                "published": "2026-03-01", "source": source})
        row = next(r for r in store.articles_to_analyze(db, "v1")
                   if r["text"] == f"fleet {number}")
        store.save_analysis(db, row, {
            "companies": [{"name": "Hartwell Rentals", "aliases": [], "spans": []}],
            "fleet_figures": [{"company": "Hartwell Rentals", "count": 5000, "unit": "vans",
                               "context": "operates", "scope": "total", "start": 0, "end": 9,
                               "evidence": "5,000 vans", "confidence": 0.5 + number / 10}],
            "people": [{"name": "Ada Kerr", "role": "chief executive",
                        "company": "Hartwell Rentals", "confidence": 0.7}],
        }, "v1")
        expected = 1 if number < 2 else 2
        assert {r["sources"] for r in db["fleet_figures"].rows} == {expected}
        assert {r["sources"] for r in db["people"].rows} == {expected}
    assert sorted(r["confidence"] for r in db["fleet_figures"].rows) == [0.5, 0.6, 0.7]


def test_an_older_store_gets_the_parties_of_its_deal_reports(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as conn:
        conn.execute("create table deal_evidence (id text primary key, deal_id text, "
                     "article_id text, type text, status text, date text, sentence text)")
        conn.execute("create table deal_parties (deal_id text, company_id text, role text, "
                     "primary key (deal_id, company_id))")
        conn.execute("insert into deal_evidence (id, deal_id) values ('e1', 'd1')")
        conn.executemany("insert into deal_parties values ('d1', ?, ?)",
                         [("zeta", "target"), ("alpha", "acquirer")])
    db = store.open_db(path)
    row = db["deal_evidence"].get("e1")
    assert row["parties"] == "alpha\x1fzeta"
    assert json.loads(row["roles"]) == {"alpha": "acquirer", "zeta": "target"}


def test_a_deal_completed_in_one_source_and_called_off_in_another_is_a_contradiction(db):
    from store import contradictions

    report(db, "https://f.example/done", "2026-05-01", "acquisition", "completed")
    report(db, "https://f.example/off", "2026-05-03", "acquisition", "called_off",
           source="motorpost")
    [deal] = list(db["deals"].rows)
    first, second = contradictions.deal_contradictions(db, deal["id"])
    assert (first["status"], first["source"]) == ("completed", "fleetwire")
    assert (second["status"], second["source"]) == ("called_off", "motorpost")
    # both reports are kept as steps of the deal
    assert db["deal_evidence"].count == 2
    assert list(contradictions.contradicted_deals(db, store.slugify(PARTIES[0]))) == [
        deal["id"]]
