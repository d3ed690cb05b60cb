"""Publication dates: crawlers.extraction_meta beside htmldate on the same real pages.

The pages of ../shared/eval/article-extraction have no hand-marked dates; a date in the page's
own URL (/2019/11/18/ or 2019-11-18) is the reference where there is one. Prints, for our
structured-data reader (extraction_meta.page_meta), for htmldate (trafilatura's date finder)
and for what extract_article stores (ours, htmldate's where ours finds none or is one day
off it): how many pages get a date, how
many agree with htmldate, and how many agree with the URL's date.

    .venv/bin/python benchmarks/extraction_dates.py [--eval DIR] [--show]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from extraction import EVAL, load_pages  # noqa: E402

URL_DAY = re.compile(r"/(20\d\d|19\d\d)[/-](\d\d?)[/-](\d\d?)(?:/|-|\.|$)")


def url_day(url: str) -> str | None:
    match = URL_DAY.search(url)
    if not match:
        return None
    year, month, day = (int(part) for part in match.groups())
    return f"{year:04d}-{month:02d}-{day:02d}" if 1 <= month <= 12 and 1 <= day <= 31 else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=EVAL / "article-extraction")
    parser.add_argument("--show", action="store_true", help="list the pages where they differ")
    args = parser.parse_args()
    warnings.filterwarnings("ignore")
    import htmldate
    from trafilatura.utils import load_html

    from crawlers.extraction import extract_article
    from crawlers.extraction_decode import decode_html
    from crawlers.extraction_meta import page_meta

    truth = json.loads((args.eval / "ground-truth.json").read_text(encoding="utf-8"))
    rows = []
    for key, html in load_pages(args.eval).items():
        url = truth[key]["url"]
        page = decode_html(html)
        found = page_meta(load_html(page), url).published
        ours = found.day if found else None
        library = htmldate.find_date(page, url=url, original_date=True, outputformat="%Y-%m-%d")
        rows.append({"page": key[:8], "url": url, "reference": url_day(url), "ours": ours,
                     "how": found.how if found else None, "htmldate": library,
                     "stored": extract_article(html, url).published})
    with_reference = [r for r in rows if r["reference"]]
    print(f"{len(rows)} pages, {len(with_reference)} with a date in their URL")
    print(f"{'method':<34} {'dated':>6} {'= htmldate':>11} {'= URL date':>11}")
    for method, label in (("ours", "extraction_meta (structured data)"), ("htmldate", "htmldate"),
                          ("stored", "stored by extract_article")):
        dated = sum(1 for r in rows if r[method])
        same = sum(1 for r in rows if r[method] and r[method] == r["htmldate"])
        right = sum(1 for r in with_reference if r[method] == r["reference"])
        print(f"{label:<34} {dated:>6} {same:>11} {right:>8}/{len(with_reference)}")
    if args.show:
        for r in rows:
            if r["ours"] != r["htmldate"]:
                print(r["page"], r["ours"], r["how"], "| htmldate", r["htmldate"], "| URL",
                      r["reference"], r["url"][:70])
    return 0


if __name__ == "__main__":
    sys.exit(main())
