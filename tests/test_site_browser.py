"""The site in a real browser: Playwright drives Debian's chromium against waitress."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from site_fixtures import ANALYST, fresh_limits, serving, site_config, smtp_config

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]
DOCS = Path(__file__).parent.parent / "docs"

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (make test)"),
]


@pytest.fixture(scope="module")
def browser() -> Iterator:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def rendered_samples(site_store) -> None:
    """The samples (and so their previews) rendered, as `rivalscope render` would."""
    from reports.batch import render_profiles

    result = render_profiles(site_store["db"], ["voltaro-motors", "fleetwise-leasing",
                                                "quickdrop-logistics", "cargobolt-vans"],
                             editions=("sample",), out_dir=site_store["pdfs"], processes=1)
    assert not result["failed"]


def download(page, url: str):
    """Open url in the page and return the download it starts."""
    from playwright.sync_api import Error

    with page.expect_download() as info:
        try:
            page.goto(url)
        except Error as error:  # a navigation that turns into a download is 'aborted'
            assert "net::ERR_ABORTED" in str(error) or "Download is starting" in str(error)
    return info.value


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server, accept_downloads=True,
                                  viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def test_visitor_finds_a_company_and_downloads_the_sample(page, rendered_samples,
                                                         tmp_path) -> None:
    page.goto("/")
    rows = page.locator("table.catalogue tbody tr")
    assert rows.count() == 4
    page.fill("#q", "hydrogen")
    page.click("form.search button")
    page.wait_for_url("**/?q=hydrogen*")
    assert page.locator("table.catalogue tbody tr").count() == 3
    page.click("text=Cargobolt Vans")
    page.wait_for_url("**/companies/cargobolt-vans")
    assert page.locator("h1").inner_text() == "Cargobolt Vans"
    assert page.locator("ol.toc li").count() >= 8
    preview = page.locator("img.preview")
    preview.scroll_into_view_if_needed()
    # (wait_for_function evaluates a string: our CSP rightly forbids that, so poll instead.)
    for _ in range(100):
        if preview.evaluate("img => img.complete && img.naturalWidth") > 0:
            break
        page.wait_for_timeout(100)
    assert preview.evaluate("img => img.naturalWidth") == 640

    form = page.locator("#sample form")
    form.locator("input[name='sample-name']").fill("Grace Hopper")
    form.locator("input[name='sample-email']").fill("grace@gmail.com")
    form.locator("input[name='sample-company']").fill("Compilers Inc")
    form.locator("button").click()
    page.wait_for_load_state()
    assert "Please use your work email address." in page.content()
    assert "Please agree so we can send the profile." in page.content()
    assert page.locator("#download").count() == 0

    form = page.locator("#sample form")
    form.locator("input[name='sample-email']").fill("grace@compilers.example")
    form.locator("input[name='sample-consent']").check()
    form.locator("button").click()
    page.wait_for_selector("#download")
    with page.expect_download() as info:
        page.click("#download")
    download = info.value
    assert download.suggested_filename == "cargobolt-vans-sample.pdf"
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    assert "sample edition" in PdfReader(path).metadata.title


def test_analyst_signs_in_and_downloads_a_full_edition(page, tmp_path) -> None:
    page.goto("/companies/fleetwise-leasing")
    assert page.locator("text=Download full edition").count() == 0
    page.click("text=Analyst sign-in")
    page.fill("input[name='username']", ANALYST[0])
    page.fill("input[name='password']", ANALYST[1])
    page.click("form button")
    page.wait_for_url("**/analysts/leads")
    assert page.locator("h1").inner_text() == "Leads"
    page.goto("/companies/fleetwise-leasing")
    with page.expect_download() as info:
        page.click("text=Download full edition")
    download = info.value
    assert download.suggested_filename == "fleetwise-leasing-full.pdf"
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    assert "full edition" in PdfReader(path).metadata.title
    with page.expect_download() as info:
        page.goto("/analysts/leads")
        page.click("text=Export CSV")
    assert info.value.suggested_filename == "rivalscope-leads.csv"


def test_pages_fit_a_phone_screen(browser, live_server) -> None:
    context = browser.new_context(base_url=live_server, viewport={"width": 375, "height": 740})
    page = context.new_page()
    for url in ("/", "/companies/voltaro-motors"):
        page.goto(url)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, url
    context.close()


def test_no_console_errors_or_blocked_resources(page) -> None:
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("requestfailed", lambda r: problems.append(r.url))
    for url in ("/", "/companies/voltaro-motors", "/analysts/login"):
        page.goto(url)
        page.wait_for_load_state("networkidle")
    assert problems == []


def test_sample_request_email_link_pdf(browser, site_store, smtp_server, tmp_path) -> None:
    from rivalscope.site import create_app

    inbox, port = smtp_server
    app = fresh_limits(create_app(site_config(site_store, **smtp_config(port))))
    with serving(app) as url:
        app.config["SITE_URL"] = url  # the links in the emails lead to this server
        context = browser.new_context(base_url=url, accept_downloads=True)
        page = context.new_page()
        page.goto("/companies/quickdrop-logistics")
        form = page.locator("#sample form")
        form.locator("input[name='sample-name']").fill("Katherine Johnson")
        form.locator("input[name='sample-email']").fill("katherine@orbits.example")
        form.locator("input[name='sample-company']").fill("Orbits Ltd")
        form.locator("input[name='sample-consent']").check()
        form.locator("button").click()
        page.wait_for_url("**/companies/quickdrop-logistics/sample*")
        assert page.locator("h1").inner_text() == "Check your inbox"
        assert page.locator("a[href*='/download/']").count() == 0
        page.reload()  # a result page, not a POST: reloading sends nothing twice
        assert page.locator("h1").inner_text() == "Check your inbox"

        [message] = inbox.wait_for("katherine@orbits.example")
        link = re.search(r"(http://127\.0\.0\.1:\d+/download/\S+)",
                         message.get_content()).group(1)
        got = download(page, link)
        assert got.suggested_filename == "quickdrop-logistics-sample.pdf"
        path = tmp_path / got.suggested_filename
        got.save_as(path)
        assert "sample edition" in PdfReader(path).metadata.title
        assert len(inbox.messages_to("katherine@orbits.example")) == 1
        context.close()


def test_sign_in_sign_out_and_the_old_cookie_is_refused(browser, live_server) -> None:
    context = browser.new_context(base_url=live_server)
    page = context.new_page()
    page.goto("/analysts/login")
    page.fill("input[name='username']", ANALYST[0])
    page.fill("input[name='password']", ANALYST[1])
    page.click("main form button")
    page.wait_for_url("**/analysts/leads")
    saved = context.cookies()
    assert any(c["name"] == "rivalscope_session" for c in saved)

    def opens_leads(cookies) -> bool:
        other = browser.new_context(base_url=live_server)
        other.add_cookies(cookies)
        tab = other.new_page()
        tab.goto("/analysts/leads")
        opened = tab.url.endswith("/analysts/leads") and tab.locator("h1").inner_text() == "Leads"
        other.close()
        return opened

    assert opens_leads(saved)  # a copied cookie works while the session lasts
    page.goto("/companies/voltaro-motors")
    page.click("text=Sign out")  # in the top bar of every page
    page.wait_for_url(live_server + "/")
    assert page.locator("text=Analyst sign-in").count() == 1
    assert not opens_leads(saved)
    context.close()


def test_the_sample_form_comes_first_on_a_phone(browser, live_server, rendered_samples,
                                                tmp_path) -> None:
    screen = {"width": 375, "height": 740}
    context = browser.new_context(base_url=live_server, viewport=screen)
    page = context.new_page()
    page.goto("/companies/voltaro-motors")
    shot = tmp_path / "company-375.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    sample = page.locator("#sample form").bounding_box()
    full = page.locator("#full-profile form").bounding_box()
    assert sample["y"] < full["y"]
    # The whole form, its button included, within the first two screens.
    button = page.locator("#sample form button").bounding_box()
    assert button["y"] + button["height"] <= 2 * screen["height"]
    assert page.locator("#sample h2").bounding_box()["y"] < screen["height"]
    context.close()


def test_error_pages_are_styled(page) -> None:
    for url, status, title in [("/no-such-page", 404, "Page not found"),
                               ("/analysts/logout", 405, "This page cannot be opened that way"),
                               ("/download/not-a-valid-token", 403,
                                "This download link is not valid")]:
        response = page.goto(url)
        assert response.status == status, url
        assert page.locator("h1").inner_text() == title
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert background == "rgb(245, 247, 250)", url  # the site's stylesheet applied
        assert page.locator("header.topbar a.brand").count() == 1


def test_a_form_in_error_is_scrolled_into_view_on_a_phone(browser, live_server) -> None:
    context = browser.new_context(base_url=live_server, viewport={"width": 375, "height": 740})
    page = context.new_page()
    page.goto("/companies/fleetwise-leasing")
    form = page.locator("#full-profile form")
    form.locator("input[name='full-name']").fill("Dorothy Vaughan")
    form.locator("input[name='full-email']").fill("dorothy@gmail.com")
    form.locator("button").click()
    page.wait_for_load_state()
    assert page.url.endswith("#full-profile")
    message = page.locator("#full-profile .error").first
    box = message.bounding_box()
    assert box is not None and 0 <= box["y"] < 740  # in view, not 1,700 px further down
    context.close()
