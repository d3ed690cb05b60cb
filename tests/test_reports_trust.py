"""Trust in the PDFs: unconfirmed facts in the full edition's appendix and never in the
sample, contradicting fleet figures side by side with their sources (real PDFs read back)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

import store
from reports.editions import sample_profile
from reports.profile import build_profile
from reports.render import render_pdf

COMPANY = "Korvell Fleet Services"
# The profile thresholds as nlp would pass them (any values: the test sets the facts' own).
THRESHOLDS = {"deal": 0.8, "fleet": 0.7, "person": 0.75, "company": 0.5}


def analysed(db, url: str, source: str, published: str, analysis: dict) -> None:
    """One article from source, stored and analysed as analysis says."""
    text = f"Story at {url}."
    store.save_article(db, {"url": url, "title": f"Headline {url.rsplit('/', 1)[1]}",
                            "text": text, "published": published, "source": source})
    row = next(r for r in store.articles_to_analyze(db, "v1") if r["text"] == text)
    spans = [{"start": 0, "end": 5, "text": COMPANY, "sentence": text}]
    store.save_analysis(db, row, {
        "companies": [{"name": COMPANY, "aliases": [], "spans": spans, "confidence": 0.95},
                      *analysis.pop("others", [])],
        **analysis}, "v1")


def deal(partner: str, confidence: float, deal_type: str = "supply") -> dict:
    return {"type": deal_type, "status": "announced", "parties": [COMPANY, partner],
            "roles": {}, "evidence": f"{COMPANY} signed with {partner}.", "start": 0,
            "end": 30, "confidence": confidence}


def fleet(count: int, confidence: float, start: int = 0) -> dict:
    return {"company": COMPANY, "count": count, "unit": "vans", "context": "operates",
            "scope": "total", "as_of": "2026-04-01", "evidence": f"It runs {count:,} vans.",
            "start": start, "end": start + 20, "confidence": confidence}


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("trust")
    db = store.open_db(folder / "store.db")
    # A confident deal, and a deal only one low-confidence article reports.
    analysed(db, "https://wire.example/confident", "fleetwire", "2026-03-01", {
        "others": [{"name": "Dunmore Vans", "aliases": []}],
        "deals": [deal("Dunmore Vans", 0.93)]})
    analysed(db, "https://blog.example/guess", "motorblog", "2026-03-05", {
        "others": [{"name": "Quillon Batteries", "aliases": []}],
        "deals": [deal("Quillon Batteries", 0.31, "partnership")]})
    # A low-confidence deal corroborated by two independent sources: confirmed.
    for source in ("fleetwire", "autodaily"):
        analysed(db, f"https://{source}.example/corroborated", source, "2026-03-10", {
            "others": [{"name": "Pellam Leasing", "aliases": []}],
            "deals": [deal("Pellam Leasing", 0.4, "investment")]})
    # Two confident sources that disagree on the fleet on the same day.
    analysed(db, "https://wire.example/fleet-a", "fleetwire", "2026-04-01",
             {"fleet_figures": [fleet(12000, 0.9)]})
    analysed(db, "https://news.example/fleet-b", "autodaily", "2026-04-01",
             {"fleet_figures": [fleet(15500, 0.88, 5)]})
    full = build_profile(db, COMPANY, THRESHOLDS)
    return {"full": render_pdf(full, folder / "full.pdf"),
            "sample": render_pdf(sample_profile(full), folder / "sample.pdf")}


def text_of(path: Path, *options: str) -> str:
    return subprocess.run(["pdftotext", *options, str(path), "-"], check=True,
                          capture_output=True, text=True).stdout


def section(text: str, title: str, following: str) -> str:
    """The text between a section heading and the next (the contents page skipped)."""
    starts = [m.start() for m in re.finditer(re.escape(title), text)]
    start = starts[-1]
    # the next heading: the last occurrence (a table header may repeat its word)
    return text[start:text.rindex(following)]


def flat(text: str) -> str:
    """Words as one line (table cells wrap names; WeasyPrint hyphenates with U+2010)."""
    return re.sub(r"\s+", " ", re.sub("\u2010\\s*", "", text))


def test_a_fact_from_one_low_confidence_article_is_in_the_appendix_only(pdfs) -> None:
    text = flat(text_of(pdfs["full"]))
    main = section(text, "Deals and alliances", "Fleet figures")
    appendix = section(text, "Unconfirmed reports", "Sources")
    assert "Quillon Batteries" not in main
    assert "Quillon Batteries" in appendix and "0.31" in appendix
    assert "Dunmore Vans" in main and "Dunmore Vans" not in appendix
    # corroborated by two independent sources: confirmed despite its low confidence
    assert "Pellam Leasing" in main and "Pellam Leasing" not in appendix
    # the appendix cites its evidence: the blog's article is among the sources
    assert "motorblog" in text[text.rindex("Sources"):]


def test_the_sample_never_shows_an_unconfirmed_fact(pdfs) -> None:
    text = flat(text_of(pdfs["sample"]))
    assert "Quillon Batteries" not in text and "motorblog" not in text
    assert "Unconfirmed reports" not in text


def test_two_contradicting_fleet_figures_appear_side_by_side_with_their_sources(pdfs) -> None:
    layout = text_of(pdfs["full"], "-layout")
    table = section(layout, "Contradicting reports", "Unconfirmed reports")
    row = next(line for line in table.splitlines() if "12,000" in line)
    assert "15,500" in row  # one line: side by side
    notes = re.findall(r"\[(\d+)\]", row)
    assert len(notes) == 2
    sources = layout[layout.rindex("Sources"):]
    cited = {n: re.search(rf"^\s*{n}\.\s+(.*)$", sources, re.M).group(1) for n in notes}
    assert any("fleetwire" in line for line in cited.values())
    assert any("autodaily" in line for line in cited.values())


def test_the_site_teaser_counts_confirmed_facts_only(tmp_path) -> None:
    from store.catalogue import teaser

    db = store.open_db(tmp_path / "teaser.db")
    analysed(db, "https://wire.example/t1", "fleetwire", "2026-03-01", {
        "others": [{"name": "Dunmore Vans", "aliases": []},
                   {"name": "Quillon Batteries", "aliases": []}],
        "deals": [deal("Dunmore Vans", 0.93), deal("Quillon Batteries", 0.31, "partnership")],
        "fleet_figures": [fleet(900, 0.2)],
        "people": [{"name": "Ilse Marrow", "role": "chief executive", "company": COMPANY,
                    "confidence": 0.3}]})
    company = teaser(db, store.slugify(COMPANY), THRESHOLDS)
    assert (company["deals"], company["fleet"], company["people"]) == (1, 0, 0)
    # (no analysis run stored nlp's registry here: the type's own name)
    assert company["deal_types"] == [{"type": "supply", "n": 1, "label": "supply"}]
