"""The free-sample form, the full-profile request form and the sample download."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from site_helpers import GOOD_LEAD, download_link, fetch, lead_form

import store


def leads(site_store, email: str | None = None) -> list[dict]:
    db = store.open_db(site_store["db"])
    rows = list(db["leads"].rows)
    return [r for r in rows if email is None or r["email"] == email]


def test_valid_sample_form_stores_the_lead_and_links_the_sample(client, site_store) -> None:
    email = "lead-one@fleet-buyers.example"
    page = lead_form(client, email=email)
    assert page.status_code == 200
    assert "Your sample is ready" in page.text
    [lead] = leads(site_store, email)
    assert lead["kind"] == "sample" and lead["profile"] == "voltaro-motors"
    assert lead["name"] == GOOD_LEAD["name"] and lead["consent"] == 1
    response = fetch(client, download_link(page.text))
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert "voltaro-motors-sample.pdf" in response.headers["Content-Disposition"]
    reader = PdfReader(io.BytesIO(response.data))
    assert "sample edition" in reader.metadata.title


@pytest.mark.parametrize(("fields", "message"), [
    ({"name": ""}, "Enter your name."),
    ({"email": ""}, "Enter your work email."),
    ({"email": "not-an-email"}, "Enter a valid email address"),
    ({"email": "someone@gmail.com"}, "Please use your work email address."),
    ({"company": ""}, "Enter your company"),
    ({"consent": None}, "Please agree so we can send the profile."),
    ({"name": "x" * 121}, "Keep it under 120 characters."),
])
def test_invalid_sample_form_comes_back_with_a_message_and_stores_nothing(
        client, site_store, fields, message) -> None:
    before = len(leads(site_store))
    page = lead_form(client, **fields)
    assert page.status_code == 400
    assert message in page.text.replace("&#39;", "'")
    assert "/download/" not in page.text
    assert len(leads(site_store)) == before


def test_filled_honeypot_stores_nothing(client, site_store) -> None:
    before = len(leads(site_store))
    page = lead_form(client, website="http://spam.example")
    assert page.status_code == 400 and "/download/" not in page.text
    assert len(leads(site_store)) == before


def test_the_answer_is_the_same_whether_or_not_the_email_is_known(client, site_store) -> None:
    email = "twice@fleet-buyers.example"
    first = lead_form(client, email=email)
    second = lead_form(client, email=email)
    assert first.status_code == second.status_code == 200

    def without_link(html: str) -> str:
        return html.replace(download_link(html), "LINK")

    assert without_link(first.text) == without_link(second.text)


def test_full_profile_request_is_stored_as_a_full_lead(client, site_store) -> None:
    email = "buyer@fleet-buyers.example"
    page = lead_form(client, "full", company_id="cargobolt-vans", email=email)
    assert page.status_code == 200 and "Request received" in page.text
    assert "/download/" not in page.text
    [lead] = leads(site_store, email)
    assert lead["kind"] == "full" and lead["profile"] == "cargobolt-vans"


def test_invalid_full_request_stores_nothing(client, site_store) -> None:
    before = len(leads(site_store))
    page = lead_form(client, "full", email="")
    assert page.status_code == 400 and "Enter your work email." in page.text
    assert len(leads(site_store)) == before


def test_a_stale_sample_is_rendered_again_before_download(tmp_path) -> None:
    from site_fixtures import fill_store, fresh_limits, site_config

    from rivalscope.site import create_app

    paths = {"db": tmp_path / "own.db", "pdfs": tmp_path / "pdfs"}
    db = store.open_db(paths["db"])
    fill_store(db)
    app = fresh_limits(create_app(site_config(paths, EDITION_RECHECK_SECONDS=0)))
    client = app.test_client()
    link = download_link(lead_form(client, company_id="quickdrop-logistics").text)
    first = fetch(client, link)
    assert fetch(client, link).data == first.data  # unchanged data: not rendered again
    assert db["editions"].count == 1
    url = "https://fleet-news.example/late"
    text = "Quickdrop Logistics opened a new depot in Rotterdam."
    store.save_article(db, {"url": url, "title": "Quickdrop opens Rotterdam depot",
                            "text": text, "published": "2026-05-01T09:00:00"})
    store.save_analysis(db, {"id": store.article_id(url), "published": "2026-05-01"}, {
        "companies": [{"name": "Quickdrop Logistics", "spans": [
            {"start": 0, "end": 19, "text": "Quickdrop Logistics", "sentence": text}]}]},
        "test")
    second = fetch(client, link)
    assert second.status_code == 200 and second.data != first.data
    assert db["editions"].count == 2
