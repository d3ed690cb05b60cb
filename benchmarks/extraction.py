"""Article-body extraction quality and speed on real pages with hand-marked bodies.

Scores crawlers.extraction.extract_article on ../shared/eval/article-extraction with the
benchmark's own scorer (score_extraction.py, imported from ../shared/eval), beside plain
`trafilatura.extract(html, include_comments=False)` and trafilatura's precision mode on the same
pages in the same run. Prints precision, recall, F1 (± bootstrap std) and ms per page.

    .venv/bin/python benchmarks/extraction.py [--eval DIR] [--save-pred DIR] [--worst N]
                                              [--ablation]

--ablation also scores our extraction with each of its steps turned off, one at a time.
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
EVAL = ROOT.parent / "shared" / "eval"


def load_pages(data: Path) -> dict[str, str]:
    pages = {}
    for path in sorted((data / "html").glob("*.html.gz")):
        with gzip.open(path, "rt", encoding="utf8") as handle:
            pages[path.name.split(".")[0]] = handle.read()
    return pages


def ours(html: str, url: str | None) -> str:
    from crawlers.extraction import NotAnArticle, extract_article

    try:
        return extract_article(html, url).text
    except NotAnArticle:
        return ""


def plain_trafilatura(html: str, url: str | None) -> str:
    import trafilatura

    return trafilatura.extract(html, include_comments=False) or ""


def precision_trafilatura(html: str, url: str | None) -> str:
    import trafilatura

    return trafilatura.extract(html, include_comments=False, favor_precision=True) or ""


# Our extraction with one step off: (module, attribute, replacement).
ABLATIONS: dict[str, tuple[str, str, object]] = {
    "- precision mode": ("crawlers.extraction", "FAVOR_PRECISION", False),
    "- recall fallback": ("crawlers.extraction", "RECALL_FALLBACK_SHARE", 0.0),
    "- form blocks": ("crawlers.extraction", "prune_form_blocks", lambda tree: None),
    "- repeated title": ("crawlers.extraction_clean", "is_repeated_title", lambda *a: False),
    "- furniture lines": ("crawlers.extraction_clean", "is_furniture", lambda *a: False),
    "- link-only lines": ("crawlers.extraction_clean", "is_link_line", lambda *a: False),
}


def ablated(module: str, attribute: str, replacement: object
            ) -> Callable[[str, str | None], str]:
    def system(html: str, url: str | None) -> str:
        import importlib

        target = importlib.import_module(module)
        saved = getattr(target, attribute)
        setattr(target, attribute, replacement)
        try:
            return ours(html, url)
        finally:
            setattr(target, attribute, saved)

    return system


SYSTEMS: dict[str, Callable[[str, str | None], str]] = {
    "trafilatura (plain)": plain_trafilatura,
    "trafilatura precision": precision_trafilatura,
    "rivalscope": ours,
}


def run(system: Callable[[str, str | None], str], pages: dict[str, str],
        urls: dict[str, str | None]) -> tuple[dict[str, dict[str, str]], list[float]]:
    system(next(iter(pages.values())), None)  # warm-up: imports and lazy set-up
    predictions, times = {}, []
    for key, html in pages.items():
        start = time.perf_counter()
        predictions[key] = {"articleBody": system(html, urls.get(key))}
        times.append((time.perf_counter() - start) * 1000)
    return predictions, times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--eval", type=Path, default=EVAL, help="the shared eval folder")
    parser.add_argument("--save-pred", type=Path, help="write each system's predictions here")
    parser.add_argument("--worst", type=int, default=0, help="list our N worst pages")
    parser.add_argument("--ablation", action="store_true",
                        help="also score ours with each step turned off")
    parser.add_argument("--n-bootstrap", type=int, default=1000)
    args = parser.parse_args(argv)
    systems = dict(SYSTEMS)
    if args.ablation:
        systems.update({f"rivalscope {name}": ablated(*change)
                        for name, change in ABLATIONS.items()})
    sys.path.insert(0, str(args.eval))
    import score_extraction  # the benchmark's own metric, shared by every project benchmark

    data = args.eval / "article-extraction"
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf8"))
    pages = load_pages(data)
    urls = {key: truth[key].get("url") for key in pages}
    print(f"{len(pages)} pages from {data}")
    print(f"{'system':<30} {'F1':>16} {'precision':>15} {'recall':>15} "
          f"{'ms/page':>8} {'p90 ms':>7}")
    results = {}
    for name, system in systems.items():
        predictions, times = run(system, pages, urls)
        metrics = score_extraction.evaluate(truth, predictions, args.n_bootstrap)
        results[name] = metrics
        p90 = statistics.quantiles(times, n=10)[-1]
        print(f"{name:<30} {metrics['f1']:.4f} ± {metrics['f1_std']:.3f}  "
              f"{metrics['precision']:.3f} ± {metrics['precision_std']:.3f}  "
              f"{metrics['recall']:.3f} ± {metrics['recall_std']:.3f}  "
              f"{statistics.mean(times):8.1f} {p90:7.1f}")
        if args.save_pred:
            args.save_pred.mkdir(parents=True, exist_ok=True)
            slug = name.replace(" ", "_").replace("(", "").replace(")", "")
            (args.save_pred / f"{slug}.json").write_text(json.dumps(predictions))
    if args.worst:
        per_doc = results["rivalscope"]["per_doc"]
        print(f"\nour {args.worst} worst pages (precision, recall):")
        for key in sorted(per_doc, key=lambda k: per_doc[k]["precision"] + per_doc[k]["recall"])[
                :args.worst]:
            print(f"  {key[:12]}  {per_doc[key]['precision']:.3f} {per_doc[key]['recall']:.3f}"
                  f"  {urls[key]}")
    gain = results["rivalscope"]["f1"] - results["trafilatura (plain)"]["f1"]
    print(f"\nF1 gain over plain trafilatura: {gain:+.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
