"""Score nlp.analyze (the JSON of `rivalscope analyze`) on the hand-labelled news articles.

    .venv/bin/python benchmarks/nlp_eval.py [--eval DIR] [--no-baseline] [--errors]

Prints precision, recall and F1 for companies, deals, fleet figures and people (scored by
the shared score_nlp.py, so everyone measures the same way), beside bare en_core_web_sm ORG
entities taken as companies. --errors lists what was missed and what was wrong, per article.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT_EVAL = ROOT.parent / "shared" / "eval"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--eval", type=Path, default=DEFAULT_EVAL)
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--errors", action="store_true")
    parser.add_argument("--save", type=Path, help="write the predictions to this file")
    args = parser.parse_args(argv)

    sys.path.insert(0, str(args.eval))
    import score_nlp  # the shared scorer

    import nlp

    news = args.eval / "news"
    gold = [json.loads(line) for line in (news / "gold.jsonl").read_text().splitlines()
            if line.strip()]
    aliases = json.loads((news / "aliases.json").read_text())
    texts = [json.loads((news / "articles" / f"{g['id']}.json").read_text())["text"]
             for g in gold]
    started = time.perf_counter()
    preds = {g["id"]: a.to_dict() for g, a in zip(gold, nlp.analyze_many(texts), strict=True)}
    seconds = time.perf_counter() - started
    if args.save:
        args.save.write_text(json.dumps(preds, indent=1))
    result = score_nlp.score(gold, preds, aliases)
    print(f"rivalscope nlp {nlp.PIPELINE_VERSION} on {len(gold)} articles ({seconds:.1f} s)")
    for key in ("companies", "deals", "fleet", "people"):
        r = result[key]
        print(f"  {key:<10} P {r['precision']:.3f}  R {r['recall']:.3f}  F1 {r['f1']:.3f}"
              f"   (tp {r['tp']}, fp {r['fp']}, fn {r['fn']})")
    print(f"  deal status accuracy on matched deals: {result['deal_status_accuracy']}")
    if not args.no_baseline:
        base = score_nlp.score(gold, score_nlp.spacy_baseline(gold, news / "articles"), aliases)
        r = base["companies"]
        print(f"bare en_core_web_sm ORG entities as companies:\n  companies  "
              f"P {r['precision']:.3f}  R {r['recall']:.3f}  F1 {r['f1']:.3f}")
    if args.errors:
        print_errors(gold, preds, aliases, score_nlp)
    return 0


def print_errors(gold: list[dict], preds: dict, aliases: dict, score_nlp) -> None:
    """Per article: the scorer's view of each category, for a developer reading the misses."""
    for g in gold:
        one = score_nlp.score([g], {g["id"]: preds[g["id"]]}, aliases)
        bad = {k: one[k] for k in ("companies", "deals", "fleet", "people")
               if one[k]["fp"] or one[k]["fn"]}
        if not bad:
            continue
        print(f"\n== {g['id']}: " + ", ".join(f"{k} fp {v['fp']} fn {v['fn']}"
                                             for k, v in bad.items()))
        p = preds[g["id"]]
        if "companies" in bad:
            print("  false companies:", [n for _, n in one["examples"]["false_companies"]])
            print("  missed companies:", [n for _, n in one["examples"]["missed_companies"]])
        if "deals" in bad:
            print("  gold deals:", [(d["type"], d["parties"], d.get("optional", False))
                                    for d in g.get("deals", [])])
            print("  pred deals:", [(d["type"], d["parties"]) for d in p["deals"]])
        if "fleet" in bad:
            print("  gold fleet:", [(f["company"], f["count"], f.get("optional", False))
                                    for f in g.get("fleet_figures", [])])
            print("  pred fleet:", [(f["company"], f["count"], f["context"])
                                    for f in p["fleet_figures"]])
        if "people" in bad:
            print("  gold people:", [(x["name"], x["company"]) for x in g.get("people", [])])
            print("  pred people:", [(x["name"], x["company"]) for x in p["people"]])


if __name__ == "__main__":
    sys.exit(main())
