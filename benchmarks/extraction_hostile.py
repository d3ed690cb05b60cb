"""How fast extraction refuses or survives hostile pages (the speed the tests no longer time).

Prints seconds per page for a page over the size limit, one with 300,000 elements and one
nested 50,000 deep; the tests check only what happens to them.

    .venv/bin/python benchmarks/extraction_hostile.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crawlers.extraction import NotAnArticle, extract_article  # noqa: E402
from crawlers.extraction_decode import MAX_HTML_BYTES  # noqa: E402

STORY = (ROOT / "tests" / "fixtures" / "pages" / "clutter.html").read_text(encoding="utf-8")
PAGES = {
    "over the size limit": b"<html><body><p>" + b"fleet " * (MAX_HTML_BYTES // 6 + 10)
    + b"</p></body></html>",
    "300,000 elements": "<html><body><article>" + "<span>x</span>" * 300_000
    + "</article></body></html>",
    "nested 50,000 deep": STORY.replace("<main>", "<main>" + "<div>" * 50_000, 1)
    .replace("</main>", "</div>" * 50_000 + "</main>", 1),
}


def main() -> None:
    for name, page in PAGES.items():
        start = time.perf_counter()
        try:
            extract_article(page)
            outcome = "extracted"
        except NotAnArticle as error:
            outcome = f"refused ({error})"[:60]
        print(f"{name:<22} {time.perf_counter() - start:7.3f} s  {outcome}")


if __name__ == "__main__":
    main()
