"""Which of the extraction post-filter's patterns earn their place: 5-fold cross-validation over
the benchmark's pages (../shared/eval/article-extraction).

Each pattern of crawlers.extraction_clean (the named furniture and call-to-action patterns, the
repeated-title and link-only-line steps) is judged on held-out pages: in each fold the patterns
are selected on the other four folds (kept when turning one off lowers F1 there), and the
selection is scored on the fold left out, beside all patterns and none. A pattern is kept when
it was selected in most folds and its held-out gain, summed over those folds, is positive.

    .venv/bin/python benchmarks/extraction_cv.py [--eval DIR] [--folds 5] [--seed 0]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
EVAL = ROOT.parent / "shared" / "eval"
STEPS = {"repeated title": "is_repeated_title", "link-only lines": "is_link_line"}


def cleaner_inputs(pages: dict[str, str], urls: dict[str, str | None]
                   ) -> dict[str, tuple[str, str | None, set[str]]]:
    """What extract_article hands the post-filter for each page (raw text, title, links)."""
    import crawlers.extraction as extraction

    seen: dict[str, tuple[str, str | None, set[str]]] = {}
    original = extraction.clean_text
    for key, html in pages.items():
        def record(text: str, title: str | None, links: set[str], key: str = key) -> str:
            seen[key] = (text, title, links)
            return text

        extraction.clean_text = record
        try:
            extraction.extract_article(html, urls.get(key))
        except extraction.NotAnArticle:
            seen[key] = ("", None, set())
        finally:
            extraction.clean_text = original
    return seen


def pattern_names() -> list[str]:
    from crawlers import extraction_clean as clean

    return [*clean.FURNITURE_PATTERNS, *clean.CALL_TO_ACTION_PATTERNS, *STEPS]


def texts_with(enabled: set[str], inputs: dict[str, tuple[str, str | None, set[str]]]
               ) -> dict[str, str]:
    """Each page's text with only the enabled patterns and steps on."""
    from crawlers import extraction_clean as clean

    saved = (clean._BOILERPLATE, clean._CALL_TO_ACTION,
             {step: getattr(clean, attribute) for step, attribute in STEPS.items()})
    clean._BOILERPLATE, clean._CALL_TO_ACTION = clean.compile_furniture(enabled)
    off: Callable[..., bool] = lambda *args: False  # noqa: E731
    for step, attribute in STEPS.items():
        if step not in enabled:
            setattr(clean, attribute, off)
    try:
        return {key: (clean.clean_text(raw, title, links) or raw) if raw else ""
                for key, (raw, title, links) in inputs.items()}
    finally:
        clean._BOILERPLATE, clean._CALL_TO_ACTION = saved[0], saved[1]
        for step, attribute in STEPS.items():
            setattr(clean, attribute, saved[2][step])


class Scorer:
    """F1 of a set of enabled patterns on a subset of pages (per-page counts cached)."""

    def __init__(self, truth: dict, inputs: dict) -> None:
        import score_extraction

        self.metric, self.truth, self.inputs = score_extraction, truth, inputs
        self.rows: dict[frozenset[str], dict[str, tuple[float, float, float]]] = {}

    def f1(self, enabled: set[str], keys: list[str]) -> float:
        frozen = frozenset(enabled)
        if frozen not in self.rows:
            texts = texts_with(set(enabled), self.inputs)
            self.rows[frozen] = {k: self.metric.doc_counts(
                self.truth[k].get("articleBody") or "", texts[k]) for k in self.inputs}
        return self.metric.aggregate([self.rows[frozen][k] for k in keys])["f1"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--eval", type=Path, default=EVAL, help="the shared eval folder")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(args.eval))
    from extraction import load_pages

    data = args.eval / "article-extraction"
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf8"))
    pages = load_pages(data)
    inputs = cleaner_inputs(pages, {key: truth[key].get("url") for key in pages})
    scorer = Scorer(truth, inputs)
    names = pattern_names()
    everything = set(names)
    keys = sorted(pages)
    random.Random(args.seed).shuffle(keys)
    folds = [keys[n::args.folds] for n in range(args.folds)]
    print(f"{len(keys)} pages, {args.folds} folds, {len(names)} patterns")
    print(f"{'fold':<5} {'pages':>5} {'held-out F1: none':>18} {'all':>7} {'selected':>9}  "
          "dropped by the selection")
    selected_in = {name: 0 for name in names}
    held_out_gain = {name: 0.0 for name in names}
    for number, test in enumerate(folds, 1):
        train = [k for k in keys if k not in set(test)]
        base = scorer.f1(everything, train)
        selected = {n for n in names if scorer.f1(everything - {n}, train) < base}
        for name in selected:
            selected_in[name] += 1
            held_out_gain[name] += (scorer.f1(everything, test)
                                    - scorer.f1(everything - {name}, test))
        print(f"{number:<5} {len(test):>5} {scorer.f1(set(), test):>18.4f} "
              f"{scorer.f1(everything, test):>7.4f} {scorer.f1(selected, test):>9.4f}  "
              f"{', '.join(sorted(everything - selected)) or '-'}")
    print(f"\n{'pattern':<24} {'selected in':>11} {'held-out gain':>14}  verdict")
    keep = []
    for name in names:
        kept = selected_in[name] > args.folds // 2 and held_out_gain[name] > 0
        if kept:
            keep.append(name)
        print(f"{name:<24} {selected_in[name]:>8}/{args.folds} {held_out_gain[name]:>+14.5f}  "
              f"{'keep' if kept else 'drop'}")
    print(f"\nall pages: none {scorer.f1(set(), keys):.4f}, all {scorer.f1(everything, keys):.4f},"
          f" kept {scorer.f1(set(keep), keys):.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
