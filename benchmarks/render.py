"""Rendering speed: seconds per profile, pages/s for a ~10-page profile, peak memory, and an
unchanged `render --all` over 200 companies.

    .venv/bin/python benchmarks/render.py [--companies 200] [--big-deals 34] [--repeat 5]
                                          [--render-first]

The store is generated (invented facts written through store.save_analysis). For the
unchanged run the editions are first recorded as rendered: with --render-first by really
rendering all of them (minutes), else by recording each edition's data hash and an empty
file, which leaves render_profiles exactly the work of an unchanged run.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import store  # noqa: E402
from reports.batch import edition_path, plan, preview_path, render_profiles  # noqa: E402
from reports.editions import sample_profile  # noqa: E402
from reports.profile import build_profile  # noqa: E402

TYPES = ("partnership", "supply", "acquisition", "investment", "joint_venture")


def fill(db, companies: int, big_deals: int) -> list[str]:
    """companies small profiles plus one large one (big_deals deals); returns the ids."""
    # as an analysis run does (read from the file: importing nlp would load spaCy and count
    # its memory as the renderer's)
    registry = json.loads((ROOT / "nlp" / "data" / "deal_types.json").read_text())["types"]
    store.save_deal_types(db, registry)
    ids = []
    for c in range(companies):
        name = f"Bench Motors {c:03d} AG"
        ids.append(store.slugify(name))
        deals = big_deals if c == 0 else 4
        for d in range(deals):
            other = f"Partner {c:03d}-{d:03d} Ltd"
            sentence = (f"{name} signed a {TYPES[d % 5].replace('_', ' ')} with {other} "
                        f"covering electric vans and charging in {2020 + d % 6}.")
            url = f"https://bench.example.com/{c}/{d}"
            published = f"{2020 + d % 6}-{1 + d % 12:02d}-{1 + d % 27:02d}"
            store.save_article(db, {"url": url, "title": f"{name} and {other}: deal {d}",
                                    # two publishers: a profile needs two sources
                                    "source": ("Bench Wire", "Bench Review")[d % 2],
                                    "published": published,
                                    "text": sentence})
            article = {"id": store.article_id(url), "published": published}
            spans = [{"start": k * 100, "end": k * 100 + 5, "text": name, "sentence": sentence}
                     for k in range(3)]
            analysis = {
                "companies": [{"name": name, "spans": spans}, {"name": other}],
                "deals": [{"type": TYPES[d % 5], "status": "announced",
                           "parties": [name, other], "evidence": sentence}],
            }
            if d % 3 == 0:
                analysis["fleet_figures"] = [{"company": name, "count": 1000 * (d + 1),
                                              "unit": "vehicles", "context": "operates",
                                              "evidence": sentence, "start": d}]
            if d % 4 == 0:
                analysis["people"] = [{"name": f"Person {c}-{d}", "role": "director",
                                       "company": name, "evidence": sentence}]
            store.save_analysis(db, article, analysis, "bench")
    return ids


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--companies", type=int, default=200)
    parser.add_argument("--big-deals", type=int, default=34,
                        help="deals of the large profile (34 give 10 pages, the target's size)")
    parser.add_argument("--repeat", type=int, default=5, help="renders of the large profile")
    parser.add_argument("--render-first", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db_path = folder / "bench.db"
        db = store.open_db(db_path)
        started = time.perf_counter()
        ids = fill(db, args.companies, args.big_deals)
        print(f"store: {args.companies} companies in {time.perf_counter() - started:.1f} s")

        from pypdf import PdfReader

        from reports.render import render_pdf

        started = time.perf_counter()
        render_pdf(build_profile(db, ids[1]), folder / "warm-up.pdf")
        print(f"first render (warm-up: fonts, templates): "
              f"{time.perf_counter() - started:.2f} s")
        small = []
        for company_id in ids[1:6]:
            started = time.perf_counter()
            render_pdf(build_profile(db, company_id), folder / "small.pdf")
            small.append(time.perf_counter() - started)
        pages = len(PdfReader(folder / "small.pdf").pages)
        print(f"small profile ({pages} pages): {sum(small) / len(small):.2f} s per profile")
        runs = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            full = build_profile(db, ids[0])
            render_pdf(full, folder / "big.pdf")
            runs.append(time.perf_counter() - started)
        pages = len(PdfReader(folder / "big.pdf").pages)
        best, median = min(runs), statistics.median(runs)
        print(f"large profile ({pages} pages, {len(full.deals)} deals): {best:.2f} s per "
              f"profile (best of {args.repeat}; median {median:.2f} s), {pages / best:.1f} "
              f"pages/s; target: under 1.5 s for 10 pages")
        started = time.perf_counter()
        render_pdf(sample_profile(full), folder / "big-sample.pdf")
        print(f"its sample edition: {time.perf_counter() - started:.2f} s")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak memory of this process (store + renders): {peak:.0f} MiB")

        out = folder / "pdfs"
        if args.render_first:
            started = time.perf_counter()
            result = render_profiles(db_path, None, out_dir=out, processes=2)
            print(f"render --all, first run: {len(result['rendered'])} PDFs in "
                  f"{time.perf_counter() - started:.1f} s")
        else:
            out.mkdir()
            jobs, _, _ = plan(db, ids, ("full", "sample"), out, force=True)
            for job in jobs:
                job.path.touch()
                if job.edition == "sample":  # the site's preview image is part of the edition
                    preview_path(out, job.company_id).touch()
                store.record_edition(db, job.company_id, job.edition, job.profile.to_dict(),
                                     job.data_hash, str(job.path))
            assert edition_path(out, ids[0], "full").exists()
        started = time.perf_counter()
        result = render_profiles(db_path, None, out_dir=out, processes=2)
        elapsed = time.perf_counter() - started
        print(f"render --all over {args.companies} companies, nothing changed: {elapsed:.2f} s "
              f"({len(result['rendered'])} rendered, {result['skipped']} skipped)")


if __name__ == "__main__":
    main()
