"""The store: schema, migration, idempotent article and fact writes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

import store

ARTICLE = {"url": "https://news.example/a?utm_source=x", "canonical_url": "https://news.example/a",
           "title": "Fleet news", "text": "Volkswagen manages a fleet of 1,000 vans.",
           "published": "2026-03-01T08:00:00", "source": "example"}


def analysis(deal_type: str = "partnership", status: str = "announced", start: int = 0) -> dict:
    return {
        "companies": [
            {"name": "Volkswagen AG", "aliases": ["VW", "Volkswagen"], "kind": "automaker",
             "country": "DE", "spans": [{"start": 0, "end": 10, "text": "Volkswagen",
                                         "sentence": ARTICLE["text"]}]},
            {"name": "Uber", "aliases": [], "spans": []},
        ],
        "deals": [{"type": deal_type, "status": status, "parties": ["Volkswagen AG", "Uber"],
                   "roles": {}, "evidence": "VW and Uber agreed.", "start": start, "end": 20}],
        "fleet_figures": [{"company": "Volkswagen AG", "count": 1000, "unit": "vans",
                           "approximate": False, "context": "manages", "scope": "total",
                           "evidence": ARTICLE["text"], "start": 0, "end": 40}],
        "people": [{"name": "Jane Roe", "role": "chief executive", "company": "Uber",
                    "evidence": "Jane Roe, chief executive of Uber", "start": 50, "end": 80}],
    }


def counts(db) -> dict[str, int]:
    return {t: db[t].count for t in ("companies", "mentions", "deals", "deal_parties",
                                       "deal_evidence", "fleet_figures", "people")}


def test_open_db_uses_wal_and_creates_every_table(tmp_path: Path) -> None:
    db = store.open_db(tmp_path / "s.db")
    assert db.execute("pragma journal_mode").fetchone()[0] == "wal"
    assert set(store.SCHEMA) <= set(db.table_names())
    assert db["articles"].detect_fts()


def test_open_db_adds_columns_missing_from_an_older_store(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as conn:
        conn.execute("create table articles (id text primary key, url text, text text)")
    db = store.open_db(path)
    assert {"analyzed_with", "content_hash", "canonical_url", "relevance"} <= \
        set(db["articles"].columns_dict)


def test_save_article_is_idempotent_and_records_changes(db) -> None:
    assert store.save_article(db, ARTICLE) == "new"
    assert store.save_article(db, ARTICLE) == "unchanged"
    assert db["articles"].count == 1
    changed = {**ARTICLE, "text": ARTICLE["text"] + " It plans 2,000 by 2027."}
    assert store.save_article(db, changed) == "updated"
    assert db["articles"].count == 1
    assert db["article_changes"].count == 1


def test_save_article_refuses_an_article_without_text(db) -> None:
    with pytest.raises(ValueError, match="no text"):
        store.save_article(db, {**ARTICLE, "text": "  "})


def test_changed_article_is_analysed_again(db) -> None:
    store.save_article(db, ARTICLE)
    row = next(store.articles_to_analyze(db, "v1"))
    store.save_analysis(db, row, analysis(), "v1")
    assert list(store.articles_to_analyze(db, "v1")) == []
    assert len(list(store.articles_to_analyze(db, "v2"))) == 1
    store.save_article(db, {**ARTICLE, "text": "A new text entirely."})
    assert len(list(store.articles_to_analyze(db, "v1"))) == 1


def test_save_analysis_twice_duplicates_nothing(db) -> None:
    store.save_article(db, ARTICLE)
    row = next(store.articles_to_analyze(db, "v1"))
    store.save_analysis(db, row, analysis(), "v1")
    first = counts(db)
    store.save_analysis(db, row, analysis(), "v1")
    assert counts(db) == first
    assert first["deals"] == 1 and first["fleet_figures"] == 1 and first["people"] == 1


def test_same_deal_from_two_articles_is_one_deal_with_two_pieces_of_evidence(db) -> None:
    for n in range(2):
        store.save_article(db, {**ARTICLE, "canonical_url": f"https://news.example/{n}",
                                "text": f"Story {n}"})
    for row in store.articles_to_analyze(db, "v1"):
        store.save_analysis(db, row, analysis(), "v1")
    assert db["deals"].count == 1
    assert db["deal_evidence"].count == 2


def test_talks_then_completion_become_one_deal_with_a_status_history(db) -> None:
    early = {**ARTICLE, "canonical_url": "https://news.example/talks", "text": "talks",
             "published": "2026-01-10"}
    late = {**ARTICLE, "canonical_url": "https://news.example/done", "text": "done",
            "published": "2026-05-02"}
    store.save_article(db, early)
    store.save_article(db, late)
    rows = {r["text"]: r for r in store.articles_to_analyze(db, "v1")}
    store.save_analysis(db, rows["talks"], analysis("talks", "in_talks"), "v1")
    store.save_analysis(db, rows["done"], analysis("acquisition", "completed"), "v1")
    deals = list(db["deals"].rows)
    assert len(deals) == 1
    assert deals[0]["type"] == "acquisition" and deals[0]["status"] == "completed"
    history = [(e["date"], e["status"]) for e in db["deal_evidence"].rows_where(order_by="date")]
    assert history == [("2026-01-10", "in_talks"), ("2026-05-02", "completed")]


def test_reanalysis_without_the_deal_removes_it(db) -> None:
    store.save_article(db, ARTICLE)
    row = next(store.articles_to_analyze(db, "v1"))
    store.save_analysis(db, row, analysis(), "v1")
    store.save_analysis(db, row, {**analysis(), "deals": []}, "v2")
    assert db["deals"].count == 0 and db["deal_parties"].count == 0


def test_find_company_by_alias_any_case(db) -> None:
    store.save_article(db, ARTICLE)
    row = next(store.articles_to_analyze(db, "v1"))
    store.save_analysis(db, row, analysis(), "v1")
    assert store.find_company(db, "vw")["id"] == "volkswagen-ag"
    assert store.find_company(db, "Volkswagen AG")["country"] == "DE"
    assert store.find_company(db, "Nobody Motors") is None


def test_facts_naming_a_company_by_a_former_name_belong_to_it(db) -> None:
    store.save_article(db, ARTICLE)
    row = next(store.articles_to_analyze(db, "v1"))
    renamed = analysis()
    renamed["companies"][0]["aliases"].append("Old Wagon Works")
    renamed["fleet_figures"][0]["company"] = "Old Wagon Works"
    renamed["deals"][0]["parties"] = ["Old Wagon Works", "Uber"]
    store.save_analysis(db, row, renamed, "v1")
    assert [r["company_id"] for r in db["fleet_figures"].rows] == ["volkswagen-ag"]
    assert {r["company_id"] for r in db["deal_parties"].rows} == {"volkswagen-ag", "uber"}
    assert db["companies"].count == 2


def test_slugify_makes_ascii_ids() -> None:
    assert store.slugify("Škoda Auto a.s.") == "skoda-auto-a-s"
    assert store.slugify("Volkswagen AG") == "volkswagen-ag"


@pytest.mark.parametrize("first", ["Voltera Charging", "Voltera"])
def test_an_unknown_company_with_and_without_its_company_word_is_one(db, first: str) -> None:
    second = "Voltera" if first == "Voltera Charging" else "Voltera Charging"
    for number, name in enumerate([first, second]):
        article = {**ARTICLE, "url": f"https://news.example/{number}",
                   "canonical_url": f"https://news.example/{number}", "text": f"{name} news."}
        store.save_article(db, article)
        row = next(store.articles_to_analyze(db, "v1"))
        store.save_analysis(db, row, {"companies": [
            {"name": name, "short_form": "Voltera" if name == "Voltera Charging" else None,
             "aliases": [], "spans": [
                {"start": 0, "end": len(name), "text": name, "sentence": article["text"]}]},
            # known companies (with a kind) are never merged by name form
            {"name": "Ford" if number else "Ford Credit", "kind": "automaker", "aliases": [],
             "short_form": None, "spans": []}]}, "v1")
    rows = {r["name"]: r["id"] for r in db["companies"].rows}
    assert rows["Voltera Charging"] and "Voltera" not in rows
    assert {"Ford", "Ford Credit"} <= set(rows)
    assert store.find_company(db, "Voltera")["name"] == "Voltera Charging"
    assert db.execute("select count(distinct company_id) from mentions").fetchone()[0] == 1


def test_two_long_forms_of_one_short_name_stay_two_companies(db) -> None:
    """"Kestrel Leasing" and "Kestrel Energy" share the short form "Kestrel" but neither is
    the other: only a bare name and its long form merge."""
    for number, name in enumerate(["Kestrel Leasing", "Kestrel Energy"]):
        article = {**ARTICLE, "url": f"https://news.example/k{number}",
                   "canonical_url": f"https://news.example/k{number}", "text": f"{name} news."}
        store.save_article(db, article)
        row = next(store.articles_to_analyze(db, "v1"))
        store.save_analysis(db, row, {"companies": [
            {"name": name, "short_form": "Kestrel", "aliases": [], "spans": [
                {"start": 0, "end": len(name), "text": name, "sentence": article["text"]}]}]},
            "v1")
    assert {r["name"] for r in db["companies"].rows} == {"Kestrel Leasing", "Kestrel Energy"}
