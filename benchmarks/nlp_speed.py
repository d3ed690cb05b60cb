"""Words per second and peak memory: our pipeline beside bare en_core_web_sm, same texts.

    .venv/bin/python benchmarks/nlp_speed.py [--repeat N] [--processes N]

Texts: the labelled news articles of ../shared/eval/news (falls back to the demo stories).
Each pipeline runs in its own child process so that peak memory (ru_maxrss) is its own.
Targets: our pipeline at >= 70% of the bare model's throughput, peak memory <= 600 MiB.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import resource
import sys
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
NEWS = ROOT.parent / "shared" / "eval" / "news" / "articles"
DEMO = ROOT / "rivalscope" / "demo" / "articles.toml"


def load_texts() -> list[str]:
    if NEWS.is_dir():
        return [json.loads(p.read_text())["text"] for p in sorted(NEWS.glob("*.json"))]
    stories = tomllib.loads(DEMO.read_text())["article"]
    return [f"{s['title']}\n\n{s['body']}" for s in stories]


def run(which: str, texts: list[str], processes: int, queue) -> None:
    import nlp

    if which == "ours":
        pipeline = nlp.load_pipeline()
        work = lambda: list(nlp.analyze_many(texts, n_process=processes))  # noqa: E731
    else:
        import spacy

        from nlp.pipeline import MODEL_NAMES, load_model
        if which == "bare":  # the model as shipped, every component on
            pipeline = next(_loaded(spacy, name) for name in MODEL_NAMES
                            if _loaded(spacy, name) is not None)
        else:  # the model as our pipeline loads it, nothing of ours
            pipeline = load_model()
        work = lambda: list(pipeline.pipe(texts, n_process=processes,  # noqa: E731
                                          batch_size=16))
    pipeline("Warm up the model.")
    started = time.perf_counter()
    work()
    seconds = time.perf_counter() - started
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    queue.put((seconds, peak_mib))


def _loaded(spacy, name: str):
    try:
        return spacy.load(name)
    except OSError:
        return None


def measure(which: str, texts: list[str], processes: int) -> tuple[float, float]:
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    child = context.Process(target=run, args=(which, texts, processes, queue))
    child.start()
    result = queue.get()
    child.join()
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="copies of the text set")
    parser.add_argument("--processes", type=int, default=1)
    args = parser.parse_args(argv)
    texts = load_texts() * args.repeat
    words = sum(len(t.split()) for t in texts)
    print(f"{len(texts)} texts, {words:,} words, {args.processes} process(es)")
    results = {}
    for which, label in (("bare", "bare en_core_web_sm"), ("model", "  as we load it"),
                         ("ours", "rivalscope pipeline")):
        seconds, peak = measure(which, texts, args.processes)
        results[which] = words / seconds
        print(f"  {label:<22} {words / seconds:8,.0f} words/s   {seconds:6.1f} s   "
              f"peak {peak:6.0f} MiB")
    print(f"  ours / bare: {results['ours'] / results['bare']:.0%} (target >= 70%); "
          f"ours / same model components: {results['ours'] / results['model']:.0%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
