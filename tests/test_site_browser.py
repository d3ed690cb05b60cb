"""The site in a real browser: Playwright drives Debian's chromium against waitress."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from site_fixtures import ANALYST

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


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server, accept_downloads=True,
                                  viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def test_visitor_finds_a_company_and_downloads_the_sample(page, tmp_path) -> None:
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
