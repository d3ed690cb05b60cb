"""Bad input at each stage gets a clear message, not a traceback."""

from __future__ import annotations

import json
from pathlib import Path

from rivalscope.cli import main

DEMO_NEWS = Path(__file__).parent.parent / "rivalscope" / "demo" / "site" / "news"
DEMO_PAGE = DEMO_NEWS / "arval-volkswagen-joint-venture.html"


def test_analyze_missing_file_says_so(runner) -> None:
    result = runner.invoke(main, ["analyze", "/no/such/file.txt"])
    assert result.exit_code != 0
    assert "no such file" in result.output
    assert "Traceback" not in result.output


def test_analyze_empty_text_gives_an_empty_analysis(runner, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = runner.invoke(main, ["analyze", str(empty)])
    assert result.exit_code == 0
    assert json.loads(result.output) == {"companies": [], "deals": [], "fleet_figures": [],
                                         "people": []}


def test_analyze_prints_the_documented_shape(runner) -> None:
    result = runner.invoke(main, ["analyze", "-"], input=(
        "Volkswagen AG and Uber Technologies announced a partnership on Tuesday. "
        "VW manages a fleet of about 1,000 electric vans."))
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) >= {"companies", "deals", "fleet_figures", "people"}
    assert {"name", "mentions", "aliases"} <= set(data["companies"][0])
    deal = data["deals"][0]
    assert {"type", "status", "parties", "date", "value", "quantity", "evidence"} <= set(deal)
    assert set(deal["parties"]) == {"Volkswagen AG", "Uber"}
    figure = data["fleet_figures"][0]
    assert (figure["company"], figure["count"], figure["unit"], figure["approximate"]) == (
        "Volkswagen AG", 1000, "vans", True)


def test_extract_html_removes_the_page_clutter(runner) -> None:
    result = runner.invoke(main, ["extract-html", str(DEMO_PAGE)])
    assert result.exit_code == 0, result.output
    article = json.loads(result.output)
    assert article["title"].startswith("Arval and Volkswagen form joint venture")
    assert "joint venture" in article["text"]
    for clutter in ("cookies", "Download free sample", "Advertisement", "Newsletter",
                    "Related stories"):
        assert clutter not in article["text"]
    assert article["published"].startswith("2026-04-18")
    assert article["author"] == "Sophie Marchand"


def test_extract_html_on_a_page_that_is_not_html(runner, tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(b"%PDF-1.7 binary \x00\x01 not a page")
    result = runner.invoke(main, ["extract-html", str(page)])
    assert result.exit_code == 1
    assert "not HTML" in result.output


def test_extract_html_missing_file(runner) -> None:
    result = runner.invoke(main, ["extract-html", "/no/such/page.html"])
    assert result.exit_code == 1
    assert "no such file" in result.output


def test_profile_of_an_unknown_company_names_close_matches(runner, db_path: Path,
                                                           tmp_path: Path) -> None:
    import store

    db = store.open_db(db_path)
    db["companies"].insert({"id": "volkswagen-ag", "name": "Volkswagen AG"})
    result = runner.invoke(main, ["profile", "Volkswagen AF", "--db", str(db_path),
                                  "-o", str(tmp_path / "x.pdf")])
    assert result.exit_code != 0, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        repr(result.exception)
    assert "no company called 'Volkswagen AF'" in result.output
    assert "Volkswagen AG" in result.output
    assert not (tmp_path / "x.pdf").exists()
