"""Batch rendering: worker processes, data-hash skips, "what changed", the CLI commands."""

from __future__ import annotations

import subprocess

from test_reports_data import COMPANY, fill_store

import store
from reports.batch import render_profiles
from rivalscope.cli import main

SLUG = "northwind-mobility-ag"


def pdf_text(path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout


def test_render_profiles_skips_unchanged_and_reports_what_changed(db_path, tmp_path) -> None:
    fill_store(store.open_db(db_path), hostile=False)
    out = tmp_path / "pdfs"
    first = render_profiles(db_path, None, out_dir=out, processes=2)
    assert first["failed"] == {}
    assert sorted(first["rendered"]) == [str(out / f"{SLUG}-full.pdf"),
                                         str(out / f"{SLUG}-sample.pdf")]
    again = render_profiles(db_path, None, out_dir=out, processes=2)
    assert again == {"rendered": [], "skipped": 2, "failed": {}}

    db = store.open_db(db_path)
    sentence = f"{COMPANY} agreed to buy Lumen Fleet Services (deal marker NEW)."
    article = {"url": "https://news.example.com/new-deal", "title": "A new deal",
               "source": "Fleet Wire", "published": "2026-07-01", "text": sentence}
    store.save_article(db, article)
    article["id"] = store.article_id(article["url"])
    store.save_analysis(db, article, {
        "companies": [{"name": COMPANY, "spans": []}, {"name": "Lumen Fleet Services"}],
        "deals": [{"type": "acquisition", "status": "announced",
                   "parties": [COMPANY, "Lumen Fleet Services"], "evidence": sentence}],
    }, "test")
    third = render_profiles(db_path, [SLUG], editions=("full",), out_dir=out, processes=1)
    assert third["rendered"] == [str(out / f"{SLUG}-full.pdf")]
    text = " ".join(pdf_text(out / f"{SLUG}-full.pdf").split())
    assert "New acquisition with Lumen Fleet Services" in text
    editions = list(db["editions"].rows_where("company_id = ? and edition = 'full'", [SLUG]))
    assert len(editions) == 2  # the previous edition is kept


def test_profile_command_renders_and_names_close_matches(db_path, tmp_path, runner) -> None:
    fill_store(store.open_db(db_path), hostile=False)
    target = tmp_path / "nw.pdf"
    result = runner.invoke(main, ["profile", "Northwind", "--edition", "sample", "-o",
                                  str(target), "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    assert "SAMPLE" in pdf_text(target)
    result = runner.invoke(main, ["profile", "Northwind Mobilty", "--db", str(db_path)])
    assert result.exit_code == 1
    assert "Northwind Mobility AG" in result.output and "Traceback" not in result.output


def test_render_command_all(db_path, tmp_path, runner) -> None:
    fill_store(store.open_db(db_path), hostile=False)
    args = ["render", "--all", "--out", str(tmp_path), "--db", str(db_path), "--quiet"]
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "2 rendered, 0 unchanged, 0 failed" in result.output
    assert "0 rendered, 2 unchanged" in runner.invoke(main, args).output


def test_a_profile_over_its_time_limit_fails_alone(db_path, tmp_path) -> None:
    fill_store(store.open_db(db_path), hostile=False)
    out = tmp_path / "out"
    result = render_profiles(db_path, None, out_dir=out, time_limit=0.01)
    assert result["rendered"] == []
    assert "took longer than 0.01 s" in result["failed"][SLUG]
    assert list(out.iterdir()) == []  # no half-written file is left
    assert store.latest_edition(store.open_db(db_path), SLUG, "full") is None


def test_a_profile_over_the_memory_limit_fails_alone(db_path, tmp_path) -> None:
    fill_store(store.open_db(db_path), hostile=False)
    result = render_profiles(db_path, None, out_dir=tmp_path, editions=("full",),
                             memory_limit=150 * 1024**2, time_limit=3)
    assert result["rendered"] == []
    assert result["failed"][SLUG].startswith("full: ")


def test_unknown_company_ids_are_reported_not_raised(db_path, tmp_path) -> None:
    result = render_profiles(db_path, ["no-such-company"], out_dir=tmp_path)
    assert "no-such-company" in result["failed"]
