"""The walking skeleton end to end: real server, real Scrapy crawl, real model, real PDFs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

import store
from reports.editions import sample_profile
from reports.profile import build_profile
from rivalscope.trust import profile_thresholds

pytestmark = pytest.mark.e2e


def run_demo(out: Path, db: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "rivalscope", "demo", "--out", str(out), "--db", str(db),
         "--quiet"],
        capture_output=True, text=True, timeout=600, check=False,
    )


def pdf_pages(path: Path) -> list[str]:
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages]


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("demo")
    out, db = tmp / "out", tmp / "demo.db"
    first = run_demo(out, db)
    assert first.returncode == 0, first.stderr[-3000:]
    return out, db, first


def test_demo_prints_the_pdf_paths(demo_run) -> None:
    out, _, result = demo_run
    printed = [Path(line) for line in result.stdout.splitlines() if line.endswith(".pdf")]
    assert printed, result.stdout
    assert all(path.exists() and path.parent == out for path in printed)
    assert {p.name.rsplit("-", 1)[1] for p in printed} == {"full.pdf", "sample.pdf"}


def test_full_profile_of_the_most_mentioned_company_has_a_deal_and_a_fleet_figure(demo_run):
    out, db_path, _ = demo_run
    db = store.open_db(db_path)
    top = store.companies_by_mentions(db, 3)[0]
    text = " ".join(pdf_pages(out / f"{top['id']}-full.pdf"))
    deals = list(db.query(
        "select d.type, group_concat(c.name, '|') as parties from deals d "
        "join deal_parties p on p.deal_id = d.id join companies c on c.id = p.company_id "
        "where d.id in (select deal_id from deal_parties where company_id = ?) group by d.id",
        [top["id"]]))
    assert deals, "the demo's most-mentioned company has no deal"
    counterparties = {name for deal in deals for name in deal["parties"].split("|")
                      if name != top["name"]}
    assert top["name"] in text
    assert any(name in text.replace("‐ ", "").replace("- ", "") for name in counterparties)
    figures = list(db["fleet_figures"].rows_where("company_id = ?", [top["id"]]))
    assert figures, "the demo's most-mentioned company has no fleet figure"
    assert any(f"{f['count']:,}" in text for f in figures)


def test_sample_is_marked_on_every_page_and_holds_fewer_deals(demo_run) -> None:
    out, db_path, _ = demo_run
    db = store.open_db(db_path)
    top = store.companies_by_mentions(db, 3)[0]
    pages = pdf_pages(out / f"{top['id']}-sample.pdf")
    assert pages and all("SAMPLE" in page for page in pages)
    # the thresholds the demo rendered with: facts under them are not in the main sections
    full = build_profile(db, top["id"], profile_thresholds())
    sample = sample_profile(full)
    assert len(sample.deals) < len(full.deals)
    sample_text = " ".join(pages)
    withheld = [d for d in full.deals if d.id not in {s.id for s in sample.deals}]
    # A headline can be the evidence of a withheld deal and also the title of an article the
    # sample cites for a fact it shows; the title is then the source of that shown fact.
    # A sentence that is also the evidence of a shown fact is cited without the sentence
    # (reports.editions), so no withheld deal's sentence may appear at all.
    cited = {note.title for note in sample.footnotes}
    quotes = [full.footnotes[number - 1].quote for deal in withheld for number in deal.notes]
    assert quotes, "no withheld deal has a source"
    for quote in quotes:
        if quote not in cited:
            assert quote[:60] not in sample_text, "a withheld deal's source is in the sample"


def test_second_run_duplicates_nothing_and_renders_nothing(demo_run) -> None:
    out, db_path, _ = demo_run
    db = store.open_db(db_path)
    before = {t: db[t].count for t in ("articles", "deals", "fleet_figures", "people",
                                       "mentions", "editions")}
    again = run_demo(out, db_path)
    assert again.returncode == 0, again.stderr[-3000:]
    after = {t: db[t].count for t in before}
    assert after == before
    assert "0 PDFs rendered" in again.stdout
