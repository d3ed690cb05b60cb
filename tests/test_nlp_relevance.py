"""The relevance score (nlp.relevance): the trained classifier that tells automotive, fleet
and mobility news from general news, with its weights in the package. Invented texts."""

from __future__ import annotations

import json

import pytest

import nlp
import store
from nlp.relevance import FIGURES, MAX_WORDS, threshold, words_of
from rivalscope.extract import analyze_pending

FLEET_NEWS = (
    "Harrowgate Leasing has ordered 3,500 electric vans for its rental fleet from Tarnby "
    "Motors, the leasing company said on Tuesday. The vans will be delivered to depots in the "
    "Netherlands and Belgium next year, where the fleet operator's corporate customers are "
    "switching their company cars and delivery vehicles to battery power. Charging will be "
    "installed at each depot by a joint venture of the two carmakers' fleet services units.")
GENERAL_NEWS = (
    "The village choir won the regional singing contest on Saturday evening, beating eleven "
    "other choirs with a programme of folk songs and a hymn written by its own conductor. "
    "The judges praised the sopranos and the choice of music. The choir will perform at the "
    "national final in the spring, and rehearsals start again after the holidays, when new "
    "singers are welcome to join the weekly practice in the church hall.")


def test_fleet_news_is_relevant_and_general_news_is_not() -> None:
    fleet, general = nlp.relevance_many([FLEET_NEWS, GENERAL_NEWS])
    assert fleet >= threshold() > general


def test_no_text_no_scores_and_every_score_is_a_probability() -> None:
    assert nlp.relevance_many([]) == []
    assert all(0.0 <= s <= 1.0 for s in nlp.relevance_many(["", "12 345", FLEET_NEWS]))


def test_features_are_the_distinct_words_of_the_opening() -> None:
    words = words_of("Fleet fleet FLEET 2026 van's vans " + "filler " * 1000 + "ending")
    assert words[:4] == ["fleet", "van's", "vans", "filler"]
    assert "ending" not in words and "2026" not in words
    assert len(words_of(" ".join(f"w{chr(97 + i % 26)}x{i}" for i in range(5000)))) <= MAX_WORDS


def test_the_shipped_model_reports_its_threshold_and_held_out_figures() -> None:
    figures = json.loads(FIGURES.read_text())
    assert figures["threshold"] == threshold()
    at_threshold = figures["test"][f"at {threshold()}"]
    assert at_threshold["precision"] >= 0.85 and at_threshold["recall"] >= 0.9


@pytest.mark.parametrize("text", [FLEET_NEWS, GENERAL_NEWS])
def test_extract_stores_each_articles_relevance(db, text: str) -> None:
    url = "https://news.example/story"
    store.save_article(db, {"url": url, "title": "A story", "text": text, "source": "example",
                            "published": "2026-03-04T10:00:00+00:00"})
    analyze_pending(db)
    stored = db["articles"].get(store.article_id(url))["relevance"]
    assert stored == nlp.relevance_many([text])[0]
