"""The must-show check of the profile rule: the extraction benchmark's real pages (mostly
general news, in ../shared/eval/article-extraction, read at run time and never copied) served
on 127.0.0.1, crawled by the real crawl, analysed by the real model: no word, person or
product gets a profile, and only a handful of companies do."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import store

pytestmark = pytest.mark.e2e

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

from general_news_profiles import EXTRACTION, run  # noqa: E402

HANDFUL = 5


@pytest.fixture(scope="module")
def pages() -> Path:
    if not (EXTRACTION / "html").is_dir():
        pytest.skip(f"the shared extraction benchmark is not here ({EXTRACTION / 'html'})")
    return EXTRACTION


@pytest.mark.parametrize("per_publisher", [False, True], ids=["one-site", "per-publisher"])
def test_general_news_gives_a_handful_of_profiles_of_known_companies(
        pages: Path, tmp_path: Path, per_publisher: bool) -> None:
    figures = run(pages, tmp_path, per_publisher)
    assert figures["analysed"] >= 100 and figures["companies"] >= 50  # the pipeline ran
    assert len(figures["profiled"]) <= HANDFUL, figures["profiled"]
    if not per_publisher:
        assert figures["profiled"] == []  # one site is one source
    db = store.open_db(tmp_path / "general-news.db")
    for name in figures["profiled"]:
        company = store.find_company(db, name)
        # Only known companies: no word, person or product the model took for one.
        assert company and company["kind"], name
