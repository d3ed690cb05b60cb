"""`rivalscope company NAME` shows each fact's confidence, sources and contradictions."""

from __future__ import annotations

import store
from rivalscope.cli import main as cli

COMPANY = "Tamsford Logistics"


def analysed(db, url: str, source: str, analysis: dict) -> None:
    text = f"Story at {url}."
    store.save_article(db, {"url": url, "text": text, "published": "2026-05-04",
                            "source": source})
    row = next(r for r in store.articles_to_analyze(db, "v1") if r["text"] == text)
    store.save_analysis(db, row, {"companies": [{"name": COMPANY, "aliases": []}],
                                  **analysis}, "v1")


def fleet(count: int, confidence: float) -> dict:
    return {"company": COMPANY, "count": count, "unit": "trucks", "context": "operates",
            "scope": "total", "as_of": "2026-05-04", "evidence": f"{count} trucks",
            "start": 0, "end": 9, "confidence": confidence}


def test_company_lists_confidence_sources_and_contradictions(db, db_path, runner) -> None:
    deal = {"type": "supply", "status": "announced", "parties": [COMPANY, "Orrin Trucks"],
            "evidence": "Tamsford ordered trucks from Orrin.", "start": 0, "end": 20}
    analysed(db, "https://a.example/1", "fleetwire", {
        "deals": [{**deal, "confidence": 0.35}], "fleet_figures": [fleet(800, 0.2)]})
    analysed(db, "https://b.example/1", "autodaily", {
        "deals": [{**deal, "confidence": 0.4}], "fleet_figures": [fleet(1200, 0.95)]})
    result = runner.invoke(cli, ["company", COMPANY, "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    out = result.output
    deal_line = next(line for line in out.splitlines() if line.startswith("deal:"))
    assert "[confirmed] confidence 0.40, 2 sources" in deal_line  # corroborated
    fleet_lines = {line.split()[1]: line for line in out.splitlines()
                   if line.startswith("fleet:")}
    assert "[unconfirmed] confidence 0.20, 1 source" in fleet_lines["800"]
    assert "[confirmed] confidence 0.95, 1 source" in fleet_lines["1,200"]
    contradiction = next(line for line in out.splitlines()
                         if line.startswith("contradiction: fleet"))
    assert "800 trucks (fleetwire" in contradiction
    assert "1,200 trucks (autodaily" in contradiction
