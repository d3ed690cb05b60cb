"""The site's pages: catalogue with search and filters, company page, preview, commands."""

from __future__ import annotations

import re

import pytest
from site_helpers import fetch

import store
from rivalscope.cli import main
from store.catalogue import fts_query


def company_links(html: str) -> list[str]:
    return re.findall(r'href="/companies/([a-z0-9-]+)"', html)


def test_catalogue_lists_profiled_companies_with_counts(client) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert company_links(page.text) == ["voltaro-motors", "fleetwise-leasing",
                                        "quickdrop-logistics", "cargobolt-vans"] or \
        set(company_links(page.text)) == {"voltaro-motors", "fleetwise-leasing",
                                          "quickdrop-logistics", "cargobolt-vans"}
    # Cellwerk is mentioned once: below the catalogue's threshold, not a profile.
    assert "cellwerk" not in company_links(page.text)
    row = page.text.split('href="/companies/voltaro-motors"')[1].split("</tr>")[0]
    assert "automaker" in row and "DE" in row and "2026-04-22" in row


def test_search_uses_the_news_text_and_company_names(client) -> None:
    assert set(company_links(client.get("/?q=hydrogen").text)) == {
        "cargobolt-vans", "fleetwise-leasing", "voltaro-motors"}
    assert company_links(client.get("/?q=Quickdr").text) == ["quickdrop-logistics"] or \
        "quickdrop-logistics" in company_links(client.get("/?q=Quickdr").text)
    assert company_links(client.get("/?q=zeppelin").text) == []


def test_search_survives_fts_syntax(client) -> None:
    for query in ["AND OR NOT", "volt*(", "NEAR(", "'; drop table leads; --"]:
        assert client.get("/", query_string={"q": query}).status_code == 200


@pytest.mark.parametrize("query", ['"', "-", "?!", "*", "(( ))", "—"])
def test_a_query_without_words_is_rejected_with_a_message(client, query) -> None:
    page = client.get("/", query_string={"q": query})
    assert page.status_code == 400
    assert "Type a word or part of a company name" in page.text
    assert company_links(page.text) == []


def test_name_and_alias_matches_come_before_companies_in_the_same_news(client) -> None:
    # "Cargobolt" is named in three stories that also mention Voltaro, Fleetwise, Quickdrop.
    for query in ("Cargobolt", "cargobolt vans"):
        page = client.get("/", query_string={"q": query}).text
        links = company_links(page)
        assert links[0] == "cargobolt-vans", query
        named, news = page.split("In the news with")
        assert company_links(named) == ["cargobolt-vans"]
        assert set(company_links(news)) == {"voltaro-motors", "fleetwise-leasing",
                                            "quickdrop-logistics"}


def test_fts_query_quotes_every_word() -> None:
    assert fts_query('electric "vans') == '"electric" "vans"*'
    assert fts_query("  ") is None


def test_filters_by_kind_and_country(client) -> None:
    assert set(company_links(client.get("/?kind=automaker").text)) == {
        "voltaro-motors", "cargobolt-vans"}
    assert company_links(client.get("/?kind=automaker&country=FR").text) == ["cargobolt-vans"]


def test_company_page_shows_teaser_contents_and_forms(client) -> None:
    page = client.get("/companies/fleetwise-leasing")
    assert page.status_code == 200
    text = page.text
    assert "Fleetwise Leasing" in text and "leasing" in text and "GB" in text
    assert "What the full profile contains" in text
    for section in ("Executive summary", "Deals and alliances", "Fleet figures", "Sources"):
        assert section in text
    assert 'action="/companies/fleetwise-leasing/sample' in text
    assert 'action="/companies/fleetwise-leasing/full' in text
    # The teaser carries counts and headlines, never the evidence sentences themselves.
    assert "manages about 40,000 vehicles" not in text


def test_unknown_company_is_404(client) -> None:
    assert client.get("/companies/no-such-company").status_code == 404


def test_a_company_below_the_catalogue_threshold_is_404(client) -> None:
    # Cellwerk is in the store (one mention) but not in the catalogue.
    for url in ("/companies/cellwerk", "/companies/cellwerk/preview.png"):
        assert fetch(client, url).status_code == 404, url


@pytest.mark.parametrize(("alias", "company_id"), [("voltaro", "voltaro-motors"),
                                                   ("Fleetwise", "fleetwise-leasing"),
                                                   ("Cargobolt%20Vans", "cargobolt-vans")])
def test_an_alias_leads_to_the_company(client, alias, company_id) -> None:
    for suffix in ("", "/preview.png"):
        response = fetch(client, f"/companies/{alias}{suffix}")
        assert response.status_code == 301
        assert response.headers["Location"] == f"/companies/{company_id}{suffix}"


def test_previews_are_made_when_the_sample_is_rendered_never_in_a_request(tmp_path) -> None:
    from site_fixtures import fill_store, fresh_limits, site_config

    from reports.batch import render_profiles
    from rivalscope.site import create_app

    paths = {"db": tmp_path / "own.db", "pdfs": tmp_path / "pdfs"}
    fill_store(store.open_db(paths["db"]))
    client = fresh_limits(create_app(site_config(paths))).test_client()
    # Nothing rendered yet: no picture on the page, a 404 for it, and no file made for it.
    assert "preview.png" not in client.get("/companies/voltaro-motors").text
    assert fetch(client, "/companies/voltaro-motors/preview.png").status_code == 404
    assert not paths["pdfs"].exists() or not list(paths["pdfs"].iterdir())

    result = render_profiles(paths["db"], ["voltaro-motors"], editions=("sample",),
                             out_dir=paths["pdfs"], processes=1)
    assert not result["failed"]
    png = paths["pdfs"] / "voltaro-motors-sample.png"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "/companies/voltaro-motors/preview.png" in client.get("/companies/voltaro-motors").text
    first = fetch(client, "/companies/voltaro-motors/preview.png")
    assert first.status_code == 200 and first.mimetype == "image/png"
    assert first.data == png.read_bytes()
    # An unchanged sample is not rendered again; a missing preview is made again.
    png.unlink()
    again = render_profiles(paths["db"], ["voltaro-motors"], editions=("sample",),
                            out_dir=paths["pdfs"], processes=1)
    assert again["rendered"] and png.is_file()


def test_static_assets_are_ours(client) -> None:
    page = client.get("/").text
    assert not re.search(r'(src|href)="(https?:)?//', page)
    assert fetch(client, "/static/site.css").status_code == 200


def test_users_add_stores_a_password_hash(runner, db_path) -> None:
    import store

    result = runner.invoke(main, ["users", "add", "grace", "--db", str(db_path),
                                  "--password", "s3cret-enough"])
    assert result.exit_code == 0, result.output
    row = store.open_db(db_path)["users"].get("grace")
    assert row["password_hash"] != "s3cret-enough"
    assert row["password_hash"].startswith(("scrypt:", "pbkdf2:"))


def test_users_add_prompts_twice_and_refuses_short_passwords(runner, db_path) -> None:
    result = runner.invoke(main, ["users", "add", "grace", "--db", str(db_path)],
                           input="short\nshort\n")
    assert result.exit_code != 0 and "at least 8" in result.output


def test_serve_and_users_have_help(runner) -> None:
    for args in (["serve", "--help"], ["users", "add", "--help"]):
        result = runner.invoke(main, args)
        assert result.exit_code == 0 and "--db" in result.output
