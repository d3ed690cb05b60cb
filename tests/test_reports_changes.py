"""What changed since the previous edition: new deals, status changes, fleet deltas."""

from __future__ import annotations

from reports.changes import describe_changes


def _deal(deal_id: str, status: str) -> dict:
    return {"id": deal_id, "type": "acquisition", "status": status,
            "counterparties": ["Harbor Logistics GmbH"]}


def _fleet(count: int, superseded: bool = False) -> dict:
    return {"context": "manages", "scope": "total", "unit": "vehicles", "count": count,
            "superseded": superseded}


def test_first_edition_has_no_changes() -> None:
    assert describe_changes(None, {"deals": [_deal("a", "announced")]}) == []


def test_status_changes_new_deals_fleet_deltas_and_people() -> None:
    previous = {"deals": [_deal("a", "in_talks")], "fleet": [_fleet(95000)], "people": []}
    current = {"deals": [_deal("a", "completed"), {**_deal("b", "announced"),
                                                   "type": "joint_venture"}],
               "fleet": [_fleet(104000), _fleet(95000, superseded=True)],
               "people": [{"name": "Greta Lindqvist", "role": "chief executive"}]}
    changes = describe_changes(previous, current)
    assert "The acquisition with Harbor Logistics GmbH moved from in talks to completed." \
        in changes
    assert "New joint venture with Harbor Logistics GmbH (announced)." in changes
    assert "Fleet (manages, total): 95,000 -> 104,000 vehicles (+9,000)." in changes
    assert "New person: Greta Lindqvist, chief executive." in changes


def test_unchanged_data_reports_nothing() -> None:
    data = {"deals": [_deal("a", "completed")], "fleet": [_fleet(1)], "people": []}
    assert describe_changes(data, data) == []
