"""Each security rule of the site, tested so that breaking the rule fails a test."""

from __future__ import annotations

import io
import re
import time

import pytest
from itsdangerous import URLSafeTimedSerializer
from pypdf import PdfReader
from site_fixtures import ANALYST, SECRET, fresh_limits, site_config
from site_helpers import COMPANY, GOOD_LEAD, csrf_token, download_link, fetch, lead_form, sign_in

import store
from rivalscope.site import create_app
from rivalscope.site.tokens import SALT, make_token


def lead_count(site_store) -> int:
    return store.open_db(site_store["db"])["leads"].count


def limited_app(site_store, **limits):
    return fresh_limits(create_app(site_config(site_store, **limits)))


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


# --- CSRF and cross-site requests -----------------------------------------------------------

@pytest.mark.parametrize("url", [f"/companies/{COMPANY}/sample", f"/companies/{COMPANY}/full"])
def test_lead_forms_without_a_csrf_token_are_refused(client, site_store, url) -> None:
    kind = url.rsplit("/", 1)[1]
    client.get(f"/companies/{COMPANY}")
    before = lead_count(site_store)
    response = client.post(url, data={f"{kind}-{k}": v for k, v in GOOD_LEAD.items()})
    assert response.status_code == 400
    assert lead_count(site_store) == before


def test_a_csrf_token_from_another_session_is_refused(app, site_store) -> None:
    token = csrf_token(app.test_client().get(f"/companies/{COMPANY}").text, "sample")
    other = app.test_client()
    other.get(f"/companies/{COMPANY}")
    before = lead_count(site_store)
    data = {f"sample-{k}": v for k, v in GOOD_LEAD.items()} | {"sample-csrf_token": token}
    assert other.post(f"/companies/{COMPANY}/sample", data=data).status_code == 400
    assert lead_count(site_store) == before


def test_sign_in_without_csrf_token_is_refused(client) -> None:
    response = client.post("/analysts/login", data={"username": ANALYST[0],
                                                    "password": ANALYST[1]})
    assert response.status_code == 400
    with client.session_transaction() as session:
        assert "analyst" not in session


@pytest.mark.parametrize("site", ["cross-site", "same-site"])
def test_cross_site_posts_are_refused_even_with_a_valid_token(client, site_store, site) -> None:
    page = client.get(f"/companies/{COMPANY}")
    data = {f"sample-{k}": v for k, v in GOOD_LEAD.items()}
    data["sample-csrf_token"] = csrf_token(page.text, "sample")
    before = lead_count(site_store)
    response = client.post(f"/companies/{COMPANY}/sample", data=data,
                           headers={"Sec-Fetch-Site": site})
    assert response.status_code == 403
    assert lead_count(site_store) == before
    same_origin = client.post(f"/companies/{COMPANY}/sample", data=data,
                              headers={"Sec-Fetch-Site": "same-origin"})
    assert same_origin.status_code == 303


# --- rate limits ----------------------------------------------------------------------------

def test_forms_are_rate_limited_per_address(site_store) -> None:
    client = limited_app(site_store, FORM_LIMIT_PER_ADDRESS="3 per minute").test_client()
    codes = [lead_form(client, email=f"a{i}@fleet-buyers.example").status_code
             for i in range(4)]
    assert codes == [200, 200, 200, 429]


def test_the_429_page_keeps_the_typed_data_and_says_when_to_retry(site_store) -> None:
    client = limited_app(site_store, FORM_LIMIT_PER_ADDRESS="1 per minute").test_client()
    assert lead_form(client, email="first@fleet-buyers.example").status_code == 200
    response = lead_form(client, email="second@fleet-buyers.example", name="Grace Hopper",
                         company="Compilers Inc")
    assert response.status_code == 429 and response.mimetype == "text/html"
    wait = int(response.headers["Retry-After"])
    assert 0 < wait <= 61  # the window ends within the minute (rounded up)
    page = response.text
    assert 'value="second@fleet-buyers.example"' in page
    assert 'value="Grace Hopper"' in page and 'value="Compilers Inc"' in page
    assert re.search(r"send the form again in \d+ seconds", page)
    assert 'href="/static/site.css"' in page  # the site's own page, not a bare one


def test_form_mistakes_do_not_count_against_the_limits(site_store) -> None:
    client = limited_app(site_store, FORM_LIMIT_PER_ADDRESS="2 per minute",
                         FORM_LIMIT_PER_EMAIL="2 per hour").test_client()
    mistakes = [lead_form(client, email="buyer@fleet-buyers.example", consent=None).status_code
                for _ in range(5)]
    assert mistakes == [400] * 5
    codes = [lead_form(client, email="buyer@fleet-buyers.example").status_code
             for _ in range(3)]
    assert codes == [200, 200, 429]


def test_another_address_is_counted_separately(site_store) -> None:
    app = limited_app(site_store, FORM_LIMIT_PER_ADDRESS="1 per minute")
    first = app.test_client()
    second = app.test_client()
    second.environ_base["REMOTE_ADDR"] = "127.0.0.2"
    assert lead_form(first, email="c1@fleet-buyers.example").status_code == 200
    assert lead_form(first, email="c2@fleet-buyers.example").status_code == 429
    assert lead_form(second, email="c3@fleet-buyers.example").status_code == 200


def test_forms_are_rate_limited_per_email_across_addresses(site_store) -> None:
    app = limited_app(site_store, FORM_LIMIT_PER_EMAIL="2 per hour")
    codes = []
    for number in range(3):
        client = app.test_client()
        client.environ_base["REMOTE_ADDR"] = f"10.0.0.{number + 1}"
        codes.append(lead_form(client, email="Same@Fleet-Buyers.example").status_code)
    assert codes == [200, 200, 429]


def test_downloads_are_rate_limited_per_address(site_store) -> None:
    client = limited_app(site_store, DOWNLOAD_LIMIT_PER_ADDRESS="2 per minute").test_client()
    link = download_link(lead_form(client, email="d@fleet-buyers.example").text)
    codes = [fetch(client, link).status_code for _ in range(3)]
    assert codes == [200, 200, 429]


def test_sign_in_is_rate_limited_per_address(site_store) -> None:
    client = limited_app(site_store, LOGIN_LIMIT_PER_ADDRESS="2 per minute").test_client()
    codes = [sign_in(client, ANALYST[0], "wrong password").status_code for _ in range(3)]
    assert codes == [401, 401, 429]


# --- headers and cookies --------------------------------------------------------------------

@pytest.mark.parametrize("url", ["/", "/?q=vans", f"/companies/{COMPANY}", "/analysts/login",
                                 "/companies/nope", "/static/site.css",
                                 f"/companies/{COMPANY}/preview.png", "/download/bad-token"])
def test_security_headers_on_every_response(client, url) -> None:
    response = fetch(client, url)
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_security_headers_on_429_and_downloads(site_store) -> None:
    client = limited_app(site_store, DOWNLOAD_LIMIT_PER_ADDRESS="1 per minute").test_client()
    link = download_link(lead_form(client, email="h@fleet-buyers.example").text)
    for response in (fetch(client, link), fetch(client, link)):
        assert response.headers["X-Frame-Options"] == "DENY"
        assert "Content-Security-Policy" in response.headers


def test_session_cookie_is_secure_httponly_samesite(client) -> None:
    response = client.get(f"/companies/{COMPANY}")  # the CSRF token starts a session
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("rivalscope_session=")
    parts = {p.strip().lower() for p in cookie.split(";")}
    assert "secure" in parts and "httponly" in parts and "samesite=lax" in parts


def test_pages_load_no_inline_script_or_style(client) -> None:
    for url in ("/", f"/companies/{COMPANY}", "/analysts/login"):
        html = client.get(url).text
        assert "<script>" not in html and " style=" not in html and "<style" not in html


# --- download links -------------------------------------------------------------------------

def test_sample_download_is_an_attachment_and_not_cached(client) -> None:
    response = fetch(client, download_link(lead_form(client).text))
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response.headers["Cache-Control"]


def test_a_tampered_link_is_refused(client) -> None:
    link = download_link(lead_form(client).text)
    token = link.rsplit("/", 1)[1]
    payload, rest = token.split(".", 1)
    forged = "/download/" + payload[:-2] + ("AA" if payload[-2:] != "AA" else "BB") + "." + rest
    for bad in (forged, link[:-3] + "xyz", "/download/" + "x" * 40, link + "A"):
        response = fetch(client, bad)
        assert response.status_code == 403, bad
        assert response.mimetype == "text/html"


def test_a_link_signed_with_another_key_or_salt_is_refused(client) -> None:
    other_key = URLSafeTimedSerializer("another key", salt=SALT).dumps(
        {"c": COMPANY, "e": "sample", "l": 1})
    other_salt = URLSafeTimedSerializer(SECRET, salt="another-salt").dumps(
        {"c": COMPANY, "e": "sample", "l": 1})
    assert fetch(client, f"/download/{other_key}").status_code == 403
    assert fetch(client, f"/download/{other_salt}").status_code == 403


def newest_lead_id(site_store) -> int:
    return max(row["id"] for row in store.open_db(site_store["db"])["leads"].rows)


def test_an_expired_link_is_refused(app, client, site_store, monkeypatch) -> None:
    lead_form(client)
    lead_id = newest_lead_id(site_store)
    day = app.config["DOWNLOAD_MAX_AGE"]
    with app.app_context():
        now = time.time()
        monkeypatch.setattr("itsdangerous.timed.time.time", lambda: now - day - 60)
        old = make_token(COMPANY, lead_id, SECRET)
        monkeypatch.undo()
        fresh = make_token(COMPANY, lead_id, SECRET)
    assert fetch(client, f"/download/{old}").status_code == 403
    assert fetch(client, f"/download/{fresh}").status_code == 200


def test_a_sample_token_cannot_be_turned_into_a_full_edition(client) -> None:
    signer = URLSafeTimedSerializer(SECRET, salt=SALT)
    full = signer.dumps({"c": COMPANY, "e": "full", "l": None})
    assert fetch(client, f"/download/{full}").status_code == 403


@pytest.mark.parametrize("company_id", ["../../etc/passwd", "..", "voltaro-motors/../x",
                                        "Voltaro-Motors", "voltaro-motors.pdf", "-x", ""])
def test_signed_tokens_with_bad_company_ids_serve_nothing(client, company_id) -> None:
    token = URLSafeTimedSerializer(SECRET, salt=SALT).dumps(
        {"c": company_id, "e": "sample", "l": None})
    response = fetch(client, f"/download/{token}")
    assert response.status_code == 404
    assert response.mimetype != "application/pdf"


def test_no_static_or_guessable_path_serves_a_pdf(client, site_store) -> None:
    fetch(client, download_link(lead_form(client).text))  # a rendered sample now exists
    assert (site_store["pdfs"] / f"{COMPANY}-sample.pdf").exists()
    for url in (f"/static/{COMPANY}-sample.pdf", f"/pdfs/{COMPANY}-sample.pdf",
                f"/{COMPANY}-sample.pdf", f"/static/../pdfs/{COMPANY}-full.pdf",
                f"/static/..%2fpdfs%2f{COMPANY}-full.pdf",
                f"/companies/{COMPANY}-full.pdf", f"/download/{COMPANY}-sample.pdf"):
        response = fetch(client, url)
        assert response.status_code in (403, 404), url
        assert response.mimetype != "application/pdf", url


@pytest.mark.parametrize("company_id", ["..%2f..%2fetc%2fpasswd", "..", "%2e%2e",
                                        "Zeppelin", "a" * 200, "x.pdf"])
def test_bad_company_ids_are_404_everywhere(client, company_id) -> None:
    sign_in(client, *ANALYST)
    for url in (f"/companies/{company_id}", f"/companies/{company_id}/preview.png",
                f"/analysts/companies/{company_id}/full.pdf"):
        response = fetch(client, url)
        assert response.status_code == 404, url


# --- the full edition and the analysts' area -----------------------------------------------

@pytest.mark.parametrize("url", [f"/analysts/companies/{COMPANY}/full.pdf", "/analysts/leads",
                                 "/analysts/leads.csv"])
def test_analyst_pages_need_a_session(client, url) -> None:
    response = fetch(client, url)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/analysts/login")


def test_full_edition_with_an_analyst_session(client) -> None:
    assert sign_in(client, *ANALYST).status_code == 302
    response = fetch(client, f"/analysts/companies/{COMPANY}/full.pdf")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert "full edition" in PdfReader(io.BytesIO(response.data)).metadata.title


def test_the_sample_never_carries_full_edition_data(client) -> None:
    sign_in(client, *ANALYST)
    full = pdf_text(fetch(client, f"/analysts/companies/{COMPANY}/full.pdf").data)
    sample = pdf_text(fetch(client, download_link(lead_form(client).text)).data)
    # The oldest story and its deal (2,000 vans for Fleetwise) are in the full edition only.
    oldest = "Fleetwise orders electric vans from Voltaro"
    assert oldest in " ".join(full.split())
    assert oldest not in " ".join(sample.split())
    assert "2,000" in full and "2,000" not in sample


@pytest.mark.parametrize(("username", "password"), [(ANALYST[0], "wrong password"),
                                                    ("nobody", ANALYST[1])])
def test_wrong_credentials_are_refused_with_one_message(client, username, password) -> None:
    response = sign_in(client, username, password)
    assert response.status_code == 401 and "Wrong username or password." in response.text
    assert fetch(client, "/analysts/leads").status_code == 302


def test_passwords_are_stored_as_hashes(site_store) -> None:
    row = store.open_db(site_store["db"])["users"].get(ANALYST[0])
    assert ANALYST[1] not in row["password_hash"]


def test_sign_in_starts_a_new_session(client) -> None:
    client.get("/analysts/login")
    with client.session_transaction() as session:
        session["planted"] = "by an attacker"
    sign_in(client, *ANALYST)
    with client.session_transaction() as session:
        assert "planted" not in session and session["analyst"] == ANALYST[0]


def test_sign_out_needs_a_post_with_a_token(client) -> None:
    sign_in(client, *ANALYST)
    assert client.get("/analysts/logout").status_code == 405
    assert client.post("/analysts/logout").status_code == 400
    assert fetch(client, "/analysts/leads").status_code == 200
    page = client.get("/analysts/leads")
    client.post("/analysts/logout", data={"csrf_token": csrf_token(page.text)})
    assert fetch(client, "/analysts/leads").status_code == 302


def test_leads_list_and_csv_export(client, site_store) -> None:
    lead_form(client, email="csv@fleet-buyers.example", name="=HYPERLINK(\"http://x\")")
    sign_in(client, *ANALYST)
    page = client.get("/analysts/leads")
    assert page.status_code == 200 and "csv@fleet-buyers.example" in page.text
    response = fetch(client, "/analysts/leads.csv")
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    lines = response.text.splitlines()
    # The byte order mark makes Excel read the file as UTF-8.
    assert response.data.startswith(b"\xef\xbb\xbf")
    assert lines[0].lstrip("\ufeff").startswith("created_at,kind,profile,profile_name,name,email")
    row = next(line for line in lines if "csv@fleet-buyers.example" in line)
    # A formula typed into the form is quoted, so a spreadsheet shows it as text.
    assert re.search(r"'=HYPERLINK", row)


def test_forwarded_addresses_count_only_behind_a_trusted_proxy(site_store) -> None:
    def codes(app) -> list[int]:
        result = []
        for number in range(2):
            client = app.test_client()
            client.environ_base["HTTP_X_FORWARDED_FOR"] = f"203.0.113.{number + 1}"
            result.append(lead_form(client, email=f"p{number}@fleet-buyers.example").status_code)
        return result

    # Not trusted: a forged header does not buy a fresh allowance.
    assert codes(limited_app(site_store, FORM_LIMIT_PER_ADDRESS="1 per minute")) == [200, 429]
    assert codes(limited_app(site_store, FORM_LIMIT_PER_ADDRESS="1 per minute",
                             TRUSTED_PROXIES=1)) == [200, 200]
