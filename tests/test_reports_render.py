"""Render the full and the sample edition from a filled store and read the PDFs back."""

from __future__ import annotations

import re
import subprocess
from dataclasses import replace
from pathlib import Path

import pypdf
import pytest
from test_reports_data import COMPANY, DEALS, fill_store

import store
from reports.editions import sample_profile
from reports.profile import build_profile
from reports.render import render_pdf


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("pdfs")
    db = store.open_db(folder / "store.db")
    fill_store(db)
    full = build_profile(db, COMPANY)
    return {"full": render_pdf(full, folder / "full.pdf"),
            "sample": render_pdf(sample_profile(full), folder / "sample.pdf")}


def text_of(path: Path, *options: str) -> str:
    """The PDF's text in reading order (pdftotext; "-layout" keeps columns side by side)."""
    return subprocess.run(["pdftotext", *options, str(path), "-"], check=True,
                          capture_output=True, text=True).stdout


def pages_of(path: Path) -> list[str]:
    return text_of(path, "-layout").split("\f")[:-1]


def everything_in(path: Path) -> str:
    """Text, metadata, outline titles and link targets: every place a fact could hide."""
    reader = pypdf.PdfReader(path)
    parts = [text_of(path), str(reader.metadata)]

    def walk(items) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                parts.append(str(item.title))
    walk(reader.outline)
    for page in reader.pages:
        parts.extend(page.extract_text() or "" for _ in [0])
        for annot in page.get("/Annots") or []:
            parts.append(str(annot.get_object()))
    return "\n".join(parts)


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub("\u2010\\s*", "", text))


def squashed(text: str) -> str:
    """Text without white space (URLs wrap anywhere)."""
    return re.sub(r"\s+", "", text.replace("\u2010", ""))


def test_full_edition_has_every_section_with_page_numbers(pdfs) -> None:
    text = text_of(pdfs["full"], "-layout")
    for heading in ("Contents", "Executive summary", "Overview", "Key people",
                    "Deals and alliances", "Fleet figures", "Recent news", "Related companies",
                    "Charts", "What changed", "Sources"):
        assert heading in text
    pages = pages_of(pdfs["full"])
    contents = next(page for page in pages if "Contents" in page)
    for entry in ("Executive summary", "Deals and alliances", "Sources"):
        number = re.search(rf"{entry}\s+(\d+)\s*$", contents, re.M)
        assert number, f"the contents give {entry!r} a page number"
        page = int(number.group(1)) - 1
        assert page != pages.index(contents) and 0 <= page < len(pages)
        assert re.search(rf"^\s*{entry}\s*$", pages[page], re.M), f"{entry!r} heads page {page}"
    assert all(f"of {len(pages)}" in page for page in pages)


def test_full_edition_shows_deals_fleet_people_and_footnotes(pdfs) -> None:
    text = flat(text_of(pdfs["full"]))
    for counterparty, *_ in DEALS:
        assert counterparty.split()[0] in text
    assert "Northwind Mobility AG" in text
    assert "EUR 1.2 billion" in text
    assert "in talks" in text and "completed" in text  # the acquisition's status history
    assert "104,000" in text and "sources disagree" in text
    assert "Latest figure per context" in text and "Earlier figures" in text
    assert "Greta Lindqvist" in text and "chief executive" in text
    assert "https://news.example.com/story-3" in squashed(text)
    assert "deal marker D3" in text  # the quote of the sentence behind the deal
    # a source's link and its quote read as two things, not one run-on word
    assert re.search(r"/story-\d+ \u201c", text) and not re.search(r"/story-\d+\u201c", text)
    assert "More text follows" not in text  # never the article text beyond the quote


def test_full_edition_metadata_and_tags(pdfs) -> None:
    reader = pypdf.PdfReader(pdfs["full"])
    meta = reader.metadata
    assert meta.title == f"{COMPANY}: company profile (full edition)"
    assert meta.author == "Rivalscope"
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"]


def test_sample_is_marked_on_every_page_and_shows_fewer_deals(pdfs) -> None:
    pages = pages_of(pdfs["sample"])
    assert all("SAMPLE" in page for page in pages)
    full_text, sample_text = flat(text_of(pdfs["full"])), flat(text_of(pdfs["sample"]))
    assert sample_text.count("deal marker") < full_text.count("deal marker")
    assert "+4 more deals with status histories in the full edition" in sample_text
    assert "Get the full profile" in pages[-1]


def test_sample_holds_none_of_the_withheld_facts(pdfs) -> None:
    everything = flat(everything_in(pdfs["sample"]))
    # The sample shows the two newest deals (D6, D5); the older four are withheld.
    assert "deal marker D6" in everything
    for marker in ("D1", "D2", "D3", "D4"):
        assert f"deal marker {marker}" not in everything
    assert not re.search(r"story-1(?!\d)", squashed(everything))
    for withheld in ("Harbor Logistics", "Quasar", "Zephyr", "Tundra", "story-3",
                     "1.2 billion", "F80000", "F95000", "Ines Marchetti"):
        assert squashed(withheld) not in squashed(everything), withheld


def test_hostile_title_is_plain_text_within_the_page(pdfs) -> None:
    text = text_of(pdfs["full"])
    assert "<img src=" in text and "<b>Bold</b>" in text  # shown, not interpreted
    assert "root:x:0:0" not in flat(everything_in(pdfs["full"]))
    bbox = subprocess.run(["pdftotext", "-bbox", str(pdfs["full"]), "-"], check=True,
                          capture_output=True, text=True).stdout
    width = float(re.search(r'<page width="([\d.]+)"', bbox).group(1))
    right_edges = [float(x) for x in re.findall(r'xMax="([\d.]+)"', bbox)]
    assert max(right_edges) <= width - 20


def test_only_http_links_reach_the_pdf(pdfs) -> None:
    for path in pdfs.values():
        reader = pypdf.PdfReader(path)
        for page in reader.pages:
            for annot in page.get("/Annots") or []:
                action = annot.get_object().get("/A") or {}
                uri = action.get("/URI")
                if uri is not None:
                    assert str(uri).startswith(("https://", "http://")), uri


def test_long_tables_split_with_repeated_headers(tmp_path) -> None:
    db = store.open_db(tmp_path / "store.db")
    fill_store(db, hostile=False)
    full = build_profile(db, COMPANY)
    long = replace(full, deals=full.deals * 12)
    pages = pages_of(render_pdf(long, tmp_path / "long.pdf"))
    with_deals = [page for page in pages if "Harbor Logistics" in page and "[7]" in page]
    assert len(with_deals) >= 3
    assert all("Status history" in page for page in with_deals)
