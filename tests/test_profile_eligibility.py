"""Who gets a profile (reports.eligibility): a known or confident company, named in relevant
articles of two independent sources. Invented companies and wording, written through
store.save_analysis as the pipeline would; the rule's users (render --all, the catalogue,
`rivalscope companies`) all follow it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import store
from reports.eligibility import ProfileRule, is_profiled, profiled, standings
from rivalscope.cli import main

RULE = ProfileRule(company_confidence=0.55, relevance=0.6)
KNOWN = {"kind": "leasing", "country": "NL"}


def report(db, n: int, source: str, relevance: float | None,
           companies: list[tuple[str, dict[str, Any]]], duplicate_of: str | None = None) -> str:
    """One article of `source` naming `companies` ((name, extra fields)); returns its id."""
    url = f"https://{source.lower().replace(' ', '-')}.example/story-{n}"
    text = " ".join(f"{name} was named in story {n}." for name, _ in companies)
    store.save_article(db, {"url": url, "title": f"Story {n}", "text": text, "source": source,
                            "published": "2026-05-01T08:00:00", "duplicate_of": duplicate_of})
    article_id = store.article_id(url)
    if relevance is not None:
        store.record_relevance(db, article_id, relevance)
    store.save_analysis(db, {"id": article_id, "published": "2026-05-01"}, {"companies": [
        {"name": name, "aliases": [], **extra,
         "spans": [{"start": text.find(name), "end": text.find(name) + len(name),
                    "text": name, "sentence": text}]}
        for name, extra in companies]}, "test")
    return article_id


def reasons(db) -> dict[str, str | None]:
    return {row["name"]: row["reason"] for row in standings(db, RULE)}


def test_a_known_company_in_relevant_news_of_two_publishers_gets_a_profile(db) -> None:
    report(db, 1, "Fleet Courier", 0.9, [("Kestrel Lease", KNOWN)])
    report(db, 2, "Van Ledger", 0.8, [("Kestrel Lease", KNOWN)])
    assert reasons(db) == {"Kestrel Lease": None}
    assert [row["id"] for row in profiled(db, RULE)] == ["kestrel-lease"]


def test_one_publisher_is_one_source_however_often_it_writes(db) -> None:
    for n in range(4):
        report(db, n, "Fleet Courier", 0.9, [("Kestrel Lease", KNOWN)])
    assert reasons(db) == {"Kestrel Lease": "1 source"}
    assert not is_profiled(db, "kestrel-lease", RULE)


def test_names_in_general_news_get_no_profile_however_many_publishers(db) -> None:
    for n, source in enumerate(["Daily Globe", "Evening Star", "Metro Post"]):
        report(db, n, source, 0.1, [("Quillfeather", {"confidence": 0.9}),
                                    ("Kestrel Lease", KNOWN)])
    assert reasons(db) == {"Quillfeather": "not relevant", "Kestrel Lease": "not relevant"}


def test_only_the_publishers_of_relevant_articles_count(db) -> None:
    report(db, 1, "Fleet Courier", 0.9, [("Kestrel Lease", KNOWN)])
    report(db, 2, "Daily Globe", 0.2, [("Kestrel Lease", KNOWN)])
    assert reasons(db) == {"Kestrel Lease": "1 relevant source"}
    # A second relevant publisher: general news naming it as well does not hold it back.
    report(db, 3, "Van Ledger", 0.7, [("Kestrel Lease", KNOWN)])
    assert reasons(db) == {"Kestrel Lease": None}


def test_an_unknown_name_the_pipeline_is_unsure_of_gets_no_profile(db) -> None:
    for n, source in enumerate(["Fleet Courier", "Van Ledger"]):
        report(db, n, source, 0.9, [("Brightwater", {"confidence": 0.3}),
                                    ("Ostrander Fleet", {"confidence": 0.8})])
    found = reasons(db)
    assert found["Brightwater"] == "low confidence (0.30 < 0.55)"
    assert found["Ostrander Fleet"] is None


def test_a_known_company_needs_no_confidence(db) -> None:
    for n, source in enumerate(["Fleet Courier", "Van Ledger"]):
        report(db, n, source, 0.9, [("Kestrel Lease", {**KNOWN, "confidence": 0.2})])
    assert reasons(db) == {"Kestrel Lease": None}


def test_a_syndicated_copy_adds_no_source(db) -> None:
    original = report(db, 1, "Fleet Courier", 0.9, [("Kestrel Lease", KNOWN)])
    # A copy on another site is stored with duplicate_of and never analysed: no mention.
    url = "https://van-ledger.example/copy"
    store.save_article(db, {"url": url, "title": "Copy", "text": "Kestrel Lease copy.",
                            "source": "Van Ledger", "duplicate_of": original})
    assert reasons(db) == {"Kestrel Lease": "1 source"}


def test_articles_analysed_before_relevance_existed_count_as_relevant(db) -> None:
    report(db, 1, "Fleet Courier", None, [("Kestrel Lease", KNOWN)])
    report(db, 2, "Van Ledger", None, [("Kestrel Lease", KNOWN)])
    assert reasons(db) == {"Kestrel Lease": None}


@pytest.fixture
def mixed_store(db_path: Path) -> Path:
    db = store.open_db(db_path)
    for n, source in enumerate(["Fleet Courier", "Van Ledger"]):
        report(db, n, source, 0.9, [("Kestrel Lease", KNOWN)])
    report(db, 5, "Fleet Courier", 0.9, [("Harrowgate Motors", {"kind": "automaker"})])
    for n, source in enumerate(["Daily Globe", "Evening Star"]):
        report(db, 10 + n, source, 0.05, [("Moonstep Gala", {"confidence": 0.9})])
    db.close()
    return db_path


def test_companies_lists_the_profiled_and_all_says_why_the_others_are_not(
        runner, mixed_store: Path) -> None:
    result = runner.invoke(main, ["companies", "--db", str(mixed_store)],
                           env={"RIVALSCOPE_RELEVANCE_THRESHOLD": "0.6"})
    assert result.exit_code == 0, result.output
    assert "Kestrel Lease" in result.output
    assert "Harrowgate" not in result.output and "Moonstep" not in result.output
    result = runner.invoke(main, ["companies", "--all", "--db", str(mixed_store)],
                           env={"RIVALSCOPE_RELEVANCE_THRESHOLD": "0.6"})
    lines = {line.split("(")[0].strip().split(None, 1)[1]: line
             for line in result.output.splitlines()}
    assert "no profile" not in lines["Kestrel Lease"]
    assert lines["Harrowgate Motors"].endswith("no profile: 1 source")
    assert lines["Moonstep Gala"].endswith("no profile: not relevant")


def test_render_all_renders_the_profiled_companies_only(runner, mixed_store: Path,
                                                         tmp_path: Path) -> None:
    out = tmp_path / "pdfs"
    result = runner.invoke(main, ["render", "--all", "--edition", "full", "--db",
                                  str(mixed_store), "--out", str(out), "--quiet"],
                           env={"RIVALSCOPE_RELEVANCE_THRESHOLD": "0.6"})
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.glob("*.pdf")) == ["kestrel-lease-full.pdf"]


def test_the_catalogue_and_company_pages_offer_the_profiled_companies_only(
        mixed_store: Path, tmp_path: Path) -> None:
    from rivalscope.site import create_app

    app = create_app({"TESTING": True, "SECRET_KEY": "t", "DB_PATH": str(mixed_store),
                      "PDF_DIR": str(tmp_path),
                      "PROFILE_RELEVANCE": 0.6})
    client = app.test_client()
    catalogue = client.get("/").get_data(as_text=True)
    assert "Kestrel Lease" in catalogue
    assert "Harrowgate" not in catalogue and "Moonstep" not in catalogue
    assert client.get("/companies/kestrel-lease").status_code == 200
    assert client.get("/companies/harrowgate-motors").status_code == 404
    assert client.get("/companies/moonstep-gala").status_code == 404
