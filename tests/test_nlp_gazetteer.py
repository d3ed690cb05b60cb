"""The gazetteer's procedure: the checker's rules and the builder from open company lists."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nlp.gazetteer import DATA
from nlp.training import gazetteer_sources
from nlp.training.gazetteer import ordinary_word, problems


def test_shipped_gazetteer_keeps_the_procedures_rules() -> None:
    entries = [json.loads(line) for line in
               (DATA / "companies.jsonl").read_text(encoding="utf-8").splitlines()]
    assert problems(entries) == []


@pytest.mark.parametrize(("surface", "ordinary"), [
    ("Target", True), ("Lantern", True), ("Toyota", False), ("UPS", False),
    ("BlueBird", False), ("Target Corporation", False), ("Ford", False),  # kept hand entry
])
def test_ordinary_word_is_one_capitalised_dictionary_word(surface, ordinary) -> None:
    assert ordinary_word(surface) is ordinary


def test_checker_reports_an_ordinary_one_word_alias() -> None:
    entry = {"id": "lantern-corporation", "name": "Lantern Corporation", "aliases": ["Lantern"],
             "kind": "retail", "country": "US"}
    assert problems([entry]) == [
        "Lantern Corporation: 'Lantern' is one ordinary word (a dictionary's)"]


def write_sources(folder: Path) -> list[str]:
    """Small lists in the sources' own formats, of invented companies."""
    (folder / "sp500.csv").write_text(
        "Symbol,Security,GICS Sector,GICS Sub-Industry,Headquarters Location,Date added,CIK,"
        "Founded\n"
        "LNT,Lantern Corporation,Consumer Discretionary,Broadline Retail,\"Austin, Texas\",,1,1\n"
        "NVK,Nordvik,Information Technology,Application Software,\"Dublin, Ireland\",,2,1\n"
        "QUI,Quillon Press,Communication Services,Publishing,\"Austin, Texas\",,3,1\n",
        encoding="utf-8")
    header = "Rank,Company,Country/Territory,Sales,Profits,Assets,Market Value,Sector,Industry\n"
    (folder / "f2020.csv").write_text(
        header
        + "12,Nordvik Systems,Ireland,1,1,1,1,Information Technology,Software & Programming\n"
        + "1500,Brontal Motors,Germany,1,1,1,1,Consumer Discretionary,"
          "Auto & Truck Manufacturers\n"
        + "1200,Zorbex Bank,Germany,1,1,1,1,Financials,Regional Banks\n"
        + "20,Quillon Media,Germany,1,1,1,1,Consumer Discretionary,Broadcasting & Cable\n",
        encoding="utf-8")
    (folder / "f2008.csv").write_text(
        "Company,Industry,Country,Market Value ($bil),Profits ($bil),Assets ($bil),"
        "Sales ($bil),Rank\n"
        "Veltrix Finl Group,Diversified Financials,Germany,1,1,1,1,40\n", encoding="utf-8")
    (folder / "airlines.dat").write_text(
        '7,"Skarvik Air",\\N,"SK","SKV","SKARVIK","Germany","Y"\n'
        '8,"Old Skarvik",\\N,"OS","OSK","OLD","Germany","N"\n', encoding="utf-8")
    (folder / "routes.dat").write_text("SK,7,TXL,1,MUC,2,,0,320\nOS,8,TXL,1,MUC,2,,0,320\n",
                                       encoding="utf-8")
    (folder / "countries.dat").write_text(
        '"Germany","DE","GM"\n"Ireland","IE","EI"\n"United States","US","US"\n',
        encoding="utf-8")
    hand = {"id": "kappa-fleet", "name": "Kappa Fleet", "aliases": [], "kind": "leasing",
            "country": "DE"}
    (folder / "companies.jsonl").write_text(json.dumps(hand) + "\n", encoding="utf-8")
    return ["--sp500", str(folder / "sp500.csv"), "--forbes2020", str(folder / "f2020.csv"),
            "--forbes2008", str(folder / "f2008.csv"), "--airlines", str(folder / "airlines.dat"),
            "--routes", str(folder / "routes.dat"), "--countries", str(folder / "countries.dat"),
            "--file", str(folder / "companies.jsonl")]


def test_builder_adds_the_lists_companies_by_the_procedures_rules(tmp_path) -> None:
    args = write_sources(tmp_path)
    assert gazetteer_sources.main(args) == 0
    written = (tmp_path / "companies.jsonl").read_text(encoding="utf-8")
    entries = {e["name"]: e for e in map(json.loads, written.splitlines())}
    assert list(entries)[0] == "Kappa Fleet" and "source" not in entries["Kappa Fleet"]
    assert entries["Nordvik Systems"]["aliases"] == ["Nordvik"]  # the S&P's spelling, merged
    assert entries["Nordvik Systems"]["country"] == "IE"
    assert entries["Brontal Motors"] == {
        "id": "brontal-motors", "name": "Brontal Motors", "aliases": ["Brontal"],
        "kind": "automaker", "country": "DE", "source": "Forbes Global 2000 (2020)"}
    assert entries["Lantern Corporation"]["aliases"] == []  # "Lantern" is an ordinary word
    assert entries["Veltrix Financial Group"]["aliases"] == ["Veltrix Financial"]
    assert entries["Skarvik Air"]["kind"] == "airline"
    assert not {"Zorbex Bank", "Quillon Media", "Quillon Press", "Old Skarvik"} & set(entries)
    assert problems(list(entries.values())) == []
    assert gazetteer_sources.main(args) == 0  # a second run replaces what the first wrote
    assert (tmp_path / "companies.jsonl").read_text(encoding="utf-8") == written
