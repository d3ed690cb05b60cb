"""Analyse stored articles with the nlp pipeline and store their facts."""

from __future__ import annotations

from itertools import islice
from typing import Any

from sqlite_utils import Database

import nlp
import store
from nlp.patterns import deal_types
from rivalscope.languages import article_language, is_supported

BATCH = 64


def analyze_pending(db: Database, *, processes: int = 1, progress: bool = False) -> dict[str, Any]:
    """Analyse every article not yet analysed with this pipeline version, with its
    relevance score (nlp.relevance); returns counts.

    Each article's facts are written in their own transaction, so a killed run keeps what it
    finished and the next run picks up the rest.
    """
    totals = {"articles": 0, "mentions": 0, "deals": 0, "fleet_figures": 0, "people": 0,
              "skipped_languages": 0}
    # The stages that may not import nlp read its registry of deal types from the store.
    store.save_deal_types(db, deal_types())
    pending = store.articles_to_analyze(db, nlp.PIPELINE_VERSION)
    remaining = store.count_to_analyze(db, nlp.PIPELINE_VERSION)
    if not remaining:
        return totals
    bar = _progress(remaining, progress)
    while batch := list(islice(pending, BATCH)):
        batch = _supported(db, batch, totals, bar)
        texts = [_text_of(article) for article in batch]
        scores = nlp.relevance_many(texts)
        for article, analysis, relevance in zip(
                batch, nlp.analyze_many(texts, n_process=processes), scores, strict=True):
            # Before the facts: the article counts as analysed once they are saved.
            store.record_relevance(db, article["id"], relevance)
            counts = store.save_analysis(db, article, analysis.to_dict(), nlp.PIPELINE_VERSION)
            totals["articles"] += 1
            for key, value in counts.items():
                totals[key] += value
            bar.update(1)
    bar.close()
    return totals


def _supported(db: Database, batch: list[dict[str, Any]], totals: dict[str, Any],
               bar: Any) -> list[dict[str, Any]]:
    """The articles of batch in a supported language; the others are stored as skipped."""
    kept = []
    for article in batch:
        language, how = article_language(article.get("language"), _text_of(article))
        if is_supported(language):
            store.record_language(db, article["id"], language, how)
            kept.append(article)
            continue
        # Facts an earlier run read from it with the wrong pipeline go.
        store.save_analysis(db, article, {}, nlp.PIPELINE_VERSION)
        store.skip_article(db, article["id"], language, how, nlp.PIPELINE_VERSION)
        totals["skipped_languages"] += 1
        bar.update(1)
    return kept


def _text_of(article: dict[str, Any]) -> str:
    """The text to analyse: the article body. The headline is stored apart as the title and
    left out (extraction drops it from the body; the body restates what it says)."""
    return article.get("text") or ""


def _progress(total: int, enabled: bool):
    from tqdm import tqdm

    return tqdm(total=total, unit="article", desc="analysing", disable=not enabled,
                leave=False)
