"""analyze() on bad input, `rivalscope analyze`, and `extract` writing facts idempotently."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import nlp
import store
from rivalscope.cli import main
from rivalscope.extract import analyze_pending

EMPTY = {"companies": [], "deals": [], "fleet_figures": [], "people": []}
STORY = ("Amazon ordered 10,000 electric vans from Rivian on Tuesday. Amazon operates about "
         "30,000 delivery vans in Europe, said Maria Santos, director of fleet at Amazon.")


@pytest.fixture(scope="module", autouse=True)
def model():
    return nlp.load_pipeline()


def test_load_pipeline_is_cached_and_holds_our_components() -> None:
    pipeline = nlp.load_pipeline()
    assert pipeline is nlp.load_pipeline()
    assert {"rivalscope_companies", "rivalscope_deals", "rivalscope_fleet",
            "rivalscope_people"} <= set(pipeline.pipe_names)


@pytest.mark.parametrize("text", ["", "   \n\n ", "\x00\x01\x02\x7f" * 50,
                                  bytes(range(256)).decode("latin-1") * 20])
def test_empty_control_and_binary_text_give_an_empty_analysis(text: str) -> None:
    assert nlp.analyze(text).to_dict() == EMPTY


def test_other_languages_give_a_result_not_a_crash() -> None:
    result = nlp.analyze("Der Autobauer hat im Jahr viele Fahrzeuge verkauft. 这是一个测试。")
    assert result.to_dict()["fleet_figures"] == []


def test_a_5_mb_text_is_cut_and_says_so() -> None:
    text = "Hertz rents cars at airports. " + "x" * 5_000_000
    result = nlp.analyze(text).to_dict()
    assert result["truncated"] is True
    assert result["companies"][0]["name"] == "Hertz"


def test_control_characters_keep_offsets() -> None:
    text = "Ayvens\x07 manages a fleet of 3 million vehicles."
    result = nlp.analyze(text).to_dict()
    span = result["companies"][0]["spans"][0]
    assert text[span["start"]:span["end"]] == "Ayvens"


def test_analyze_many_keeps_input_order() -> None:
    results = list(nlp.analyze_many(["Hertz grew.", "", "Sixt grew."]))
    assert [[c["name"] for c in r.to_dict()["companies"]] for r in results] == [
        ["Hertz"], [], ["Sixt"]]


def test_analyze_command_prints_one_json_line_per_file(runner, tmp_path: Path) -> None:
    first, second = tmp_path / "a.txt", tmp_path / "b.bin"
    first.write_text(STORY)
    second.write_bytes(b"\x00\xff\xfe garbage \x00" * 100)
    result = runner.invoke(main, ["analyze", str(first), str(second)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == 2
    assert lines[0]["deals"][0]["quantity"] == {"count": 10_000, "unit": "vans"}
    assert lines[1]["companies"] == []


def test_analyze_command_refuses_a_directory_clearly(runner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["analyze", str(tmp_path)])
    assert result.exit_code != 0 and "directory" in result.output
    assert "Traceback" not in result.output


def _store_story(db) -> None:
    store.save_article(db, {"url": "https://news.example/amazon-rivian", "title": "Vans",
                            "text": STORY, "published": "2025-03-04T10:00:00+00:00",
                            "source": "example"})


def test_extract_writes_facts_once_and_again_after_a_version_bump(db, monkeypatch) -> None:
    _store_story(db)
    counts = analyze_pending(db)
    assert counts["articles"] == 1 and counts["deals"] == 1 and counts["fleet_figures"] == 1
    assert counts["people"] == 1 and counts["mentions"] >= 3
    rows = {table: db[table].count for table in ("mentions", "deals", "fleet_figures", "people")}
    assert analyze_pending(db)["articles"] == 0  # nothing pending: nothing written
    monkeypatch.setattr(nlp, "PIPELINE_VERSION", nlp.PIPELINE_VERSION + "-next")
    assert analyze_pending(db)["articles"] == 1
    assert rows == {table: db[table].count
                    for table in ("mentions", "deals", "fleet_figures", "people")}
    figure = next(db["fleet_figures"].rows)
    assert figure["count"] == 30_000 and "30,000" in figure["sentence"]


def test_extract_command_reports_counts(runner, db_path: Path) -> None:
    _store_story(store.open_db(db_path))
    result = runner.invoke(main, ["extract", "--db", str(db_path), "--quiet"])
    assert result.exit_code == 0, result.output
    assert "1 articles" in result.output and "1 deals" in result.output


def test_a_headline_without_full_stop_is_its_own_sentence() -> None:
    result = nlp.analyze("Ayvens orders 20,000 cars from BYD\n\nThe order was signed in Paris.")
    assert result.to_dict()["deals"][0]["evidence"] == "Ayvens orders 20,000 cars from BYD"


def test_no_sentence_ends_inside_a_name_after_a_headline() -> None:
    doc = nlp.load_pipeline()("Velora Motors Buys Dunmore Robotics In $1bn Deal\n\nVelora Motors "
                              "has agreed to buy Dunmore Robotics for $1 billion, the companies "
                              "said. Dunmore Robotics makes delivery robots.")
    assert [s.text.strip() for s in doc.sents][1:] == [
        "Velora Motors has agreed to buy Dunmore Robotics for $1 billion, the companies said.",
        "Dunmore Robotics makes delivery robots."]
    deals = doc._.analysis["deals"]
    assert [(d["type"], set(d["parties"])) for d in deals] == [
        ("acquisition", {"Velora Motors", "Dunmore Robotics"})]


def test_company_command_shows_facts_with_their_sources(runner, db_path: Path) -> None:
    db = store.open_db(db_path)
    _store_story(db)
    analyze_pending(db)
    result = runner.invoke(main, ["company", "--db", str(db_path), "Amazon"])
    assert result.exit_code == 0, result.output
    assert "supply" in result.output and "https://news.example/amazon-rivian" in result.output
    assert "30,000 vans" in result.output
    result = runner.invoke(main, ["companies", "--db", str(db_path)])
    assert result.exit_code == 0 and "Amazon" not in result.output  # one source: no profile
    result = runner.invoke(main, ["companies", "--all", "--db", str(db_path)])
    assert "Amazon" in result.output and "Rivian" in result.output
    assert "no profile: 1 source" in result.output


def test_analyze_many_over_two_processes_gives_the_same_facts() -> None:
    texts = [STORY, "Ayvens manages a fleet of 3 million cars.", "",
             "Lennow delivers 120 electric buses to Oporto, Jo Roe said.",  # an untagged name
             "Fjordline Coaches, led by chief executive Halvard Lunde, runs 300 coaches."]
    one = [a.to_dict() for a in nlp.analyze_many(texts)]
    two = [a.to_dict() for a in nlp.analyze_many(texts, n_process=2, batch_size=1)]
    assert one == two
