"""Languages: each article's language is detected and stored; only supported ones are
analysed, the others are stored, counted, skipped and reported by `rivalscope sources`."""

from __future__ import annotations

from pathlib import Path

import store
from rivalscope.cli import main as cli
from rivalscope.extract import analyze_pending
from rivalscope.languages import SUPPORTED_LANGUAGES, article_language

GERMAN = ("Die Flottenfirma Brantweg Mobil hat am Dienstag bekannt gegeben, dass sie in den "
          "kommenden zwei Jahren rund 4.000 elektrische Lieferwagen bei dem Hersteller "
          "Oskarsfeld Motoren bestellen wird. Nach Angaben des Unternehmens sollen die "
          "Fahrzeuge vor allem in Städten eingesetzt werden, wo die Nachfrage nach "
          "emissionsfreien Lieferungen besonders stark gestiegen ist.")
ENGLISH = ("Brantweg Mobility said on Tuesday that it will order about 4,000 electric vans "
           "from the carmaker Oskarsfeld Motors over the next two years. The company said the "
           "vehicles would mainly be used in cities, where demand for zero-emission deliveries "
           "has grown the most, and that the first vans would arrive in the spring.")


def test_a_german_article_is_stored_and_not_analysed(db, db_path: Path, runner, tmp_path):
    # the German page declares English (a site template): the text decides
    store.save_article(db, {"url": "https://de.example/1", "text": GERMAN, "language": "en",
                            "source": "brantweg-de", "published": "2026-02-01"})
    store.save_article(db, {"url": "https://en.example/1", "text": ENGLISH, "language": None,
                            "source": "brantweg-en", "published": "2026-02-01"})
    counts = analyze_pending(db)
    assert counts["articles"] == 1 and counts["skipped_languages"] == 1
    german = db["articles"].get(store.article_id("https://de.example/1"))
    english = db["articles"].get(store.article_id("https://en.example/1"))
    assert (german["language"], german["language_how"]) == ("de", "detected")
    assert german["skipped"] == "language:de"
    assert english["language"] == "en" and english["skipped"] is None
    assert db.execute("select count(*) from mentions where article_id = ?",
                      [german["id"]]).fetchone()[0] == 0
    assert db.execute("select count(*) from mentions where article_id = ?",
                      [english["id"]]).fetchone()[0] > 0
    # a second run has nothing left to do: the German article is not retried
    assert analyze_pending(db)["articles"] == 0
    sources = tmp_path / "sources.toml"
    sources.write_text(
        '[[source]]\nname = "brantweg-de"\nkind = "feed"\nurls = ["https://de.example/feed"]\n'
        'allowed_domains = ["de.example"]\nlanguage = "de"\n', encoding="utf-8")
    result = runner.invoke(cli, ["sources", "--db", str(db_path), "--sources-file",
                                 str(sources), "--json"])
    assert result.exit_code == 0, result.output
    assert '"skipped_language": 1' in result.output


def test_a_short_text_keeps_the_language_its_page_declares() -> None:
    assert article_language("de-DE", "Kurz.") == ("de", "declared")
    assert article_language(None, ENGLISH) == ("en", "detected")
    assert SUPPORTED_LANGUAGES == ("en",)


def test_an_analysis_run_keeps_nlps_deal_type_registry_in_the_store(db) -> None:
    """reports and the store may not import nlp: they read the registry the run stored."""
    from nlp.patterns import deal_types

    store.save_article(db, {"url": "https://en.example/2", "text": ENGLISH, "language": "en",
                            "source": "brantweg-en", "published": "2026-02-01"})
    analyze_pending(db)
    stored = store.deal_type_registry(db)
    assert {name: entry["label"] for name, entry in stored.items()} == \
        {name: entry["label"] for name, entry in deal_types().items()}
    assert stored["acquisition"]["roles"] == ["acquirer", "target", "seller"]
