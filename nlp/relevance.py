"""Is an article about the automotive, fleet or mobility business? A score per text, 0-1.

A spaCy text classifier (bag of words, `textcat_multilabel` with one label, the same
architecture as the fact scorer) trained by `make train` (python -m nlp.training.relevance)
on the labelled corpus's train split as positives and general-news pages as negatives. Its
weights ship in nlp/models/relevance/ and are read offline; nlp/models/relevance.json
holds the threshold the training chose and the figures on held-out pages. The score is the
classifier's probability; the application may set another threshold (its settings).
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language

from nlp import scorer

MODEL = Path(__file__).parent / "models" / "relevance"
FIGURES = MODEL.with_suffix(".json")
# The opening of an article says what it is about. The model adds up its words' weights,
# so a longer text would score more extreme: every text gives the distinct words of its
# opening only (the corpus's articles have ~260 words, general news pages twice as many).
MAX_WORDS = 200
WORD = re.compile(r"[^\W\d_]+(?:['’.-][^\W\d_]+)*")


def words_of(text: str) -> list[str]:
    """The features: the distinct words of the text's first MAX_WORDS, lower-cased, in
    order (numbers left out)."""
    opening = [m.group().lower() for m in WORD.finditer(text[:MAX_WORDS * 20])][:MAX_WORDS]
    return list(dict.fromkeys(opening))


@lru_cache(maxsize=1)
def load_model(path: Path = MODEL) -> Language:
    if not path.exists():
        raise scorer.ScorerMissing(f"{path} is missing: run `make train` to build it")
    return spacy.load(path)


def relevance_many(texts: list[str], model: Path = MODEL) -> list[float]:
    """One score per text: the probability that it is automotive, fleet or mobility news."""
    if not texts:
        return []
    raws = scorer.raw_scores(load_model(model), [words_of(text) for text in texts])
    return [round(raw, 3) for raw in raws]


def relevance(text: str) -> float:
    """relevance_many for one text."""
    return relevance_many([text])[0]


@lru_cache(maxsize=1)
def threshold(figures: Path = FIGURES) -> float:
    """The score from which a text is relevant, as the training chose it (the lowest with a
    cross-validated precision of 0.9 on the train split)."""
    if not figures.exists():
        raise scorer.ScorerMissing(f"{figures} is missing: run `make train` to build it")
    return float(json.loads(figures.read_text(encoding="utf-8"))["threshold"])
