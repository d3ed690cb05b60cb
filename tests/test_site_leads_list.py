"""The analysts' leads list: company names, local times, filters, paging, CSV for Excel."""

from __future__ import annotations

import csv
import io
import re

import pytest
from site_fixtures import ANALYST, fill_store, fresh_limits, site_config
from site_helpers import fetch, sign_in

import store
from rivalscope.site import create_app
from rivalscope.site.accounts import set_password


def lead(number: int, **fields) -> dict:
    return {"kind": "sample", "email": f"buyer{number}@fleet-buyers.example",
            "name": f"Buyer {number}", "company": "Fleet Buyers Ltd", "profile": "voltaro-motors",
            "consent": 1, "ip": "192.0.2.1",
            "created_at": f"2026-02-{1 + number % 28:02d}T10:00:00+00:00", **fields}


@pytest.fixture
def analyst(tmp_path):
    """A signed-in analyst on a store of its own, with 120 leads and a few particular ones."""
    paths = {"db": tmp_path / "leads.db", "pdfs": tmp_path / "pdfs"}
    db = store.open_db(paths["db"])
    fill_store(db)
    set_password(db, *ANALYST)
    for number in range(120):
        store.save_lead(db, lead(number))
    store.save_lead(db, lead(500, name="Jürgen Müller", company="Flotte Süd GmbH",
                               profile="cargobolt-vans", kind="full",
                               created_at="2026-03-05T23:30:00+00:00"))
    app = fresh_limits(create_app(site_config(paths, TIMEZONE="Europe/Berlin")))
    client = app.test_client()
    sign_in(client, *ANALYST)
    return client


def rows(html: str) -> list[str]:
    return re.findall(r"<tr>\s*<td data-label=\"When\">.*?</tr>", html, re.S)


def test_company_names_and_local_times(analyst) -> None:
    page = analyst.get("/analysts/leads").text
    first = rows(page)[0]
    assert ">Cargobolt Vans</a>" in first and ">cargobolt-vans<" not in first
    # 23:30 UTC on 5 March is half past midnight on 6 March in Berlin.
    assert "6 Mar 2026, 00:30 CET" in first
    assert 'datetime="2026-03-05T23:30:00+00:00"' in first


def test_paging(analyst) -> None:
    first = analyst.get("/analysts/leads").text
    assert len(rows(first)) == 50 and "Older" in first and "Newer" not in first
    third = analyst.get("/analysts/leads?page=3").text
    assert len(rows(third)) == 21 and "Older" not in third and "Newer" in third


@pytest.mark.parametrize(("query", "count"), [
    ("company=cargobolt-vans", 1), ("company=voltaro-motors", 50), ("kind=full", 1),
    ("kind=sample&company=cargobolt-vans", 0),
    ("from=2026-03-06&to=2026-03-06", 1),  # the local day of 23:30 UTC on 5 March
    ("from=2026-03-05&to=2026-03-05", 0),
    ("from=2026-02-02&to=2026-02-03", 10),  # days 2 and 3 of a 28-day cycle: 10 of 120
    ("from=not-a-date", 50), ("kind=<script>", 50),
])
def test_filters(analyst, query, count) -> None:
    page = analyst.get(f"/analysts/leads?{query}").text
    assert len(rows(page)) == count, query


def test_csv_has_a_bom_keeps_accents_and_follows_the_filter(analyst) -> None:
    response = fetch(analyst, "/analysts/leads.csv?kind=full")
    assert response.data.startswith(b"\xef\xbb\xbf")
    assert "charset=utf-8" in response.headers["Content-Type"]
    table = list(csv.DictReader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert len(table) == 1
    assert table[0]["name"] == "Jürgen Müller" and table[0]["company"] == "Flotte Süd GmbH"
    assert table[0]["profile_name"] == "Cargobolt Vans"
    everything = fetch(analyst, "/analysts/leads.csv").data.decode("utf-8-sig")
    assert len(list(csv.DictReader(io.StringIO(everything)))) == 121


def test_the_csv_link_keeps_the_filter(analyst) -> None:
    page = analyst.get("/analysts/leads?company=cargobolt-vans&kind=full").text
    link = re.search(r'href="(/analysts/leads\.csv[^"]*)"', page).group(1).replace("&amp;", "&")
    assert "company=cargobolt-vans" in link and "kind=full" in link
