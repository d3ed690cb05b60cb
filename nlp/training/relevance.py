"""Train the relevance classifier (nlp/relevance.py) and report it on held-out pages.

    .venv/bin/python -m nlp.training.relevance [--out nlp/models]

Positives: the labelled corpus's articles (automotive, fleet and mobility news) of the train
split (nlp/corpus/train.txt). Negatives: general news, the article bodies of the extraction
benchmark's pages (../shared/eval/article-extraction/ground-truth.json), split by page into
halves (CRC-32 of the page id, even: train). A page of that benchmark that is itself about
cars is neither: by the written rule below (AUTOMOTIVE_WORDS at least
AUTOMOTIVE_PER_1000 times per 1,000 words) it is left out of both halves and only reported.
The threshold is chosen by 5-fold cross-validation on train (the lowest cut whose precision
reaches PRECISION). The test figures use the corpus's test split and the other half of the
pages, which are never trained or tuned on. Writes nlp/models/relevance/ and
nlp/models/relevance.json (the threshold and the figures).
"""

from __future__ import annotations

import argparse
import json
import re
import tempfile
import zlib
from pathlib import Path

import spacy

from nlp import scorer
from nlp.relevance import words_of
from nlp.training.corpus import Labelled, eval_dir, load_split
from nlp.training.train import MODELS, _fresh, folds_of, train_model

# A general-news page that uses these words this often is about cars: not a negative.
AUTOMOTIVE_WORDS = re.compile(
    r"\b(?:cars?|vehicles?|automakers?|carmakers?|fleets?|trucks?|suvs?|sedans?|"
    r"dealerships?|evs?|automotive|auto industry)\b", re.IGNORECASE)
AUTOMOTIVE_PER_1000 = 10.0
THRESHOLDS = (0.3, 0.5, 0.7)  # the test figures are printed at each, and at the chosen one
FOLDS = 5
PRECISION = 0.9  # the threshold: the lowest cut with this cross-validated precision on train
GRID = [round(0.05 * i, 2) for i in range(2, 20)]


def about_cars(text: str) -> bool:
    """The written rule that keeps car stories out of the general-news negatives."""
    words = max(len(text.split()), 1)
    return 1000 * len(AUTOMOTIVE_WORDS.findall(text)) / words >= AUTOMOTIVE_PER_1000


def general_news(root: Path | None = None) -> dict[str, dict[str, list[str]]]:
    """The benchmark's article bodies by half ("train", "test") and the car pages left out
    ("about_cars"): half -> page id -> text."""
    truth = json.loads(((root or eval_dir()) / "article-extraction" /
                        "ground-truth.json").read_text(encoding="utf-8"))
    halves: dict[str, dict[str, str]] = {"train": {}, "test": {}, "about_cars": {}}
    for page_id in sorted(truth):
        text = truth[page_id].get("articleBody") or ""
        if not text.strip():
            continue
        half = "train" if zlib.crc32(page_id.encode()) % 2 == 0 else "test"
        halves["about_cars" if about_cars(text) else half][page_id] = text
    return halves


def precision_recall(scores: list[float], labels: list[bool], cut: float) -> dict[str, float]:
    predicted = [s >= cut for s in scores]
    hits = sum(p and y for p, y in zip(predicted, labels, strict=True))
    return {"precision": round(hits / max(sum(predicted), 1), 3),
            "recall": round(hits / max(sum(labels), 1), 3)}


def balanced(positives: list[str], negatives: list[str]) -> list[tuple[list[str], bool]]:
    """Training rows in which each class weighs the same: the negatives are repeated up to
    the positives' number, so a score of 0.5 is an even chance, not the corpus's share."""
    repeats = max(round(len(positives) / max(len(negatives), 1)), 1)
    return [(words_of(t), True) for t in positives] + \
        [(words_of(t), False) for t in negatives] * repeats


def cross_validated(positives: list[Labelled], negatives: list[str],
                    work: Path) -> tuple[list[float], list[bool]]:
    """Held-out scores of the train split by FOLDS-fold cross-validation (the articles of
    one story share a fold; the pages are dealt round)."""
    fold_of = folds_of(positives, FOLDS)  # type: ignore[arg-type]  # id and text suffice
    scores: list[float] = []
    labels: list[bool] = []
    for fold in range(FOLDS):
        rows = balanced([a.text for a, f in zip(positives, fold_of, strict=True) if f != fold],
                        [t for n, t in enumerate(negatives) if n % FOLDS != fold])
        model = spacy.load(train_model(rows, work / f"fold{fold}", _fresh(work / "run")))
        held = [a.text for a, f in zip(positives, fold_of, strict=True) if f == fold]
        held_negatives = [t for n, t in enumerate(negatives) if n % FOLDS == fold]
        scores += scorer.raw_scores(model, [words_of(t) for t in held + held_negatives])
        labels += [True] * len(held) + [False] * len(held_negatives)
    return scores, labels


def choose_threshold(scores: list[float], labels: list[bool]) -> float:
    """The lowest cut whose cross-validated precision reaches PRECISION."""
    precise = [cut for cut in GRID if precision_recall(scores, labels, cut)["precision"]
               >= PRECISION]
    return min(precise) if precise else max(GRID)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=MODELS)
    args = parser.parse_args(argv)
    news = general_news()
    train, test = load_split("train"), load_split("test")
    negatives = list(news["train"].values())
    out = args.out / "relevance"
    with tempfile.TemporaryDirectory() as tmp:
        cv_scores, cv_labels = cross_validated(train, negatives, Path(tmp))
        threshold = choose_threshold(cv_scores, cv_labels)
        train_model(balanced([a.text for a in train], negatives), out, _fresh(Path(tmp) / "run"))
    model = spacy.load(out)
    test_texts = [a.text for a in test] + list(news["test"].values())
    labels = [True] * len(test) + [False] * len(news["test"])
    scores = scorer.raw_scores(model, [words_of(t) for t in test_texts])
    car_scores = scorer.raw_scores(model, [words_of(t) for t in news["about_cars"].values()])
    figures = {
        "threshold": threshold,
        "train": {"positives": len(train), "negatives": len(negatives),
                  "cross_validated": precision_recall(cv_scores, cv_labels, threshold)},
        "test": {"positives": len(test), "negatives": len(news["test"]),
                 **{f"at {cut}": precision_recall(scores, labels, cut)
                    for cut in sorted({*THRESHOLDS, threshold})}},
        "about_cars_left_out": {"pages": len(news["about_cars"]),
                                "scores": sorted(round(s, 3) for s in car_scores)},
    }
    (args.out / "relevance.json").write_text(json.dumps(figures, indent=1) + "\n")
    print(json.dumps(figures, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
