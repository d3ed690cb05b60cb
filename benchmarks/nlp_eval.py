"""Score nlp.analyze (the JSON of `rivalscope analyze`) on the labelled news articles.

    .venv/bin/python benchmarks/nlp_eval.py [--eval DIR] [--no-ablation] [--save FILE]

Prints, side by side, the story-level train and test splits (nlp/corpus/*.txt) and the
5-fold cross-validation by story on train that `make train` recorded when it fitted the
scorer; then precision and recall by confidence threshold on both splits, with the
thresholds the pipeline uses; then the test split again with every gazetteer entry that
names a test-split company removed. Scored by the shared score_nlp.py, so everyone measures
the same way. Test is printed as scores only: this script lists no errors.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

KEYS = ("companies", "deals", "fleet", "people")
FACTS = {"deals": ("deals", "deal"), "fleet": ("fleet_figures", "fleet"),
         "people": ("people", "person"), "companies": ("companies", "company")}
GRID = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)


def predictions(articles, cut_all: bool) -> dict[str, dict]:
    """Analyses of the articles; with cut_all every candidate over 0.05 is kept (for the
    threshold table, filtered by confidence afterwards)."""
    import nlp
    from nlp.pipeline import load_pipeline

    judge = load_pipeline().get_pipe("rivalscope_judge")
    judge.cuts = dict.fromkeys(("deal", "fleet", "person", "company"), 0.05) if cut_all \
        else None
    try:
        return {a.id: x.to_dict() for a, x in
                zip(articles, nlp.analyze_many([a.text for a in articles]), strict=True)}
    finally:
        judge.cuts = None


def above(preds: dict[str, dict], key: str, cut: float) -> dict[str, dict]:
    field = FACTS[key][0]
    return {i: {**p, field: [f for f in p[field] if f.get("confidence", 1) >= cut]}
            for i, p in preds.items()}


def line(result: dict, key: str) -> str:
    r = result[key]
    return f"P {r['precision']:.3f} R {r['recall']:.3f} F1 {r['f1']:.3f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--eval", type=Path, default=None)
    parser.add_argument("--no-ablation", action="store_true")
    parser.add_argument("--save", type=Path, help="write the test predictions to this file")
    parser.add_argument("--split", default=None, help=argparse.SUPPRESS)  # ablation child
    args = parser.parse_args(argv)
    if args.eval:
        os.environ["RIVALSCOPE_EVAL"] = str(args.eval)

    import nlp
    from nlp import scorer
    from nlp.training.corpus import load_aliases, load_split
    from nlp.training.labels import shared_scorer

    score_nlp = shared_scorer()
    aliases = load_aliases()
    if args.split:  # child run with another gazetteer: print the JSON of one split's scores
        arts = load_split(args.split)
        print(json.dumps(score_nlp.score([a.gold for a in arts], predictions(arts, False),
                                         aliases)))
        return 0

    splits = {name: load_split(name) for name in ("train", "test")}
    results, full = {}, {}
    for name, arts in splits.items():
        started = time.perf_counter()
        full[name] = predictions(arts, cut_all=True)
        seconds = time.perf_counter() - started
        preds = predictions(arts, cut_all=False)
        if name == "test" and args.save:
            args.save.write_text(json.dumps(preds, indent=1))
        results[name] = score_nlp.score([a.gold for a in arts], preds, aliases)
        print(f"{name}: {len(arts)} articles, analysed in {seconds:.1f} s")
    recorded = scorer.calibration()
    print(f"\nrivalscope nlp {nlp.PIPELINE_VERSION}: train | test | 5-fold CV by story on "
          "train | the same CV on train's recent web news only (both recorded by `make "
          "train`)")
    for key in KEYS:
        cvs = [line(recorded[name], key) if key in recorded.get(name, {}) else "-"
               for name in ("cv", "cv_recent")]
        print(f"  {key:<10} {line(results['train'], key)} | {line(results['test'], key)} | "
              f"{cvs[0]} | {cvs[1]}")
    blind = ", ".join(recorded.get("blind_trained", [])) or "none"
    print(f"  (scorers that also learnt rule candidates without the rule's features: {blind})")
    for name in ("train", "test"):
        print(f"  deal status accuracy on matched deals ({name}): "
              f"{results[name]['deal_status_accuracy']}")

    print("\nprecision / recall by confidence threshold (train | test); * = emit, "
          "P = profile threshold")
    for key in KEYS:
        kind = FACTS[key][1]
        emit, profile = scorer.threshold(kind, "emit"), scorer.threshold(kind, "profile")
        print(f"  {key} (emit {emit:.2f}, profile {profile:.2f})")
        cuts = sorted({*GRID, emit, profile})
        for cut in cuts:
            mark = ("*" if cut == emit else " ") + ("P" if cut == profile else " ")
            row = []
            for name, arts in splits.items():
                r = score_nlp.score([a.gold for a in arts], above(full[name], key, cut),
                                    aliases)[key]
                row.append(f"P {r['precision']:.3f} R {r['recall']:.3f}")
            print(f"   {mark} {cut:.2f}  {row[0]} | {row[1]}")

    if not args.no_ablation:
        print("\ntest split with every gazetteer entry naming a test-split company removed:")
        ablated = ablation(splits["test"], aliases, score_nlp)
        for key in KEYS:
            print(f"  {key:<10} {line(ablated, key)}")
    return 0


def ablation(test, aliases: dict, score_nlp) -> dict:
    """Scores of the test split from a child process whose gazetteer lacks every entry that
    names a company of the test split's gold labels."""
    from nlp.training.gazetteer import named_companies, without_companies

    kept, removed = without_companies(named_companies(test, aliases, score_nlp.norm),
                                      score_nlp.norm)
    print(f"  ({removed} of {removed + len(kept)} entries removed)")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "companies.jsonl"
        path.write_text("\n".join(kept) + "\n", encoding="utf-8")
        env = {**os.environ, "RIVALSCOPE_GAZETTEER": str(path)}
        out = subprocess.run([sys.executable, __file__, "--split", "test"], env=env,
                             check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


if __name__ == "__main__":
    sys.exit(main())
