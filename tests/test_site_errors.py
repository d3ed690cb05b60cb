"""Every error a visitor can meet is a page in the site's style, with what to do next."""

from __future__ import annotations

import pytest
from site_fixtures import ANALYST, fresh_limits, site_config
from site_helpers import COMPANY, GOOD_LEAD, fetch, lead_form, sign_in

from rivalscope.site import create_app


def styled(response, status: int) -> bool:
    html = response.get_data(as_text=True)
    return (response.status_code == status and response.mimetype == "text/html"
            and 'href="/static/site.css"' in html and f"Error {status}" in html
            and 'href="/"' in html)


def test_400_for_a_form_without_its_token(client) -> None:
    client.get(f"/companies/{COMPANY}")
    response = client.post(f"/companies/{COMPANY}/sample",
                           data={f"sample-{k}": v for k, v in GOOD_LEAD.items()})
    assert styled(response, 400) and "Reload the page" in response.text


def test_403_for_a_cross_site_post(client) -> None:
    response = lead_form(client, headers={"Sec-Fetch-Site": "cross-site"})
    assert styled(response, 403) and "cross-site request refused" in response.text


@pytest.mark.parametrize("url", ["/no-such-page", "/companies/no-such-company",
                                 "/companies/no-such-company/preview.png"])
def test_404(client, url) -> None:
    assert styled(fetch(client, url), 404)


@pytest.mark.parametrize("url", ["/analysts/logout", "/download"])
def test_405_or_404_for_wrong_methods(client, url) -> None:
    response = fetch(client, url)
    assert styled(response, response.status_code) and response.status_code in (404, 405)


def test_405(client) -> None:
    assert styled(fetch(client, "/analysts/logout"), 405)
    assert styled(client.put(f"/companies/{COMPANY}/sample"), 405)


def test_413_for_an_oversized_form(client) -> None:
    response = client.post(f"/companies/{COMPANY}/sample", data={"x": "y" * 100_000})
    assert styled(response, 413)


def test_429_for_a_plain_page(site_store) -> None:
    app = fresh_limits(create_app(site_config(site_store,
                                              DOWNLOAD_LIMIT_PER_ADDRESS="1 per minute")))
    client = app.test_client()
    fetch(client, "/download/not-a-token")
    response = fetch(client, "/download/not-a-token")
    assert styled(response, 429) and "try again in" in response.text
    assert int(response.headers["Retry-After"]) > 0


def test_429_on_sign_in_keeps_the_name(site_store) -> None:
    app = fresh_limits(create_app(site_config(site_store, LOGIN_LIMIT_PER_ADDRESS="1 per minute")))
    client = app.test_client()
    sign_in(client, ANALYST[0], "wrong password")
    response = sign_in(client, ANALYST[0], "wrong password")
    assert response.status_code == 429 and f'value="{ANALYST[0]}"' in response.text
    assert "Too many sign-in attempts" in response.text


def test_500_is_styled_and_logged(site_store, caplog) -> None:
    app = create_app(site_config(site_store, TESTING=False))

    @app.get("/boom")
    def boom() -> str:
        raise RuntimeError("a bug")

    response = app.test_client().get("/boom")
    assert styled(response, 500) and "a bug" not in response.text
    assert any("a bug" in str(r.exc_info) for r in caplog.records if r.exc_info)


def test_a_valid_form_after_an_error_page_still_works(client) -> None:
    fetch(client, "/no-such-page")
    assert lead_form(client).status_code == 200
