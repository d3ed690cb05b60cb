"""After sign-in the site sends the analyst back only to a path on this site."""

from __future__ import annotations

import pytest
from site_fixtures import ANALYST
from site_helpers import csrf_token

from rivalscope.site.redirects import safe_path

LEADS = "/analysts/leads"
# Raw query strings, as an attacker would put them in a link (not re-encoded by the client).
OFF_SITE = [
    "next=/%09/evil.example",        # browsers drop the tab: //evil.example
    "next=/%0a/x",                   # a newline in Location was a 500
    "next=/%0d%0aSet-Cookie:%20x=1",
    "next=/%0d/evil.example",
    "next=%2F%2Fevil.example",
    "next=//evil.example/",
    "next=/\\evil.example",
    "next=/%5Cevil.example",
    "next=%5C%5Cevil.example",
    "next=https://evil.example/",
    "next=https:evil.example",
    "next=javascript:alert(1)",
    "next=/%252F%252Fevil.example",  # decoded once more by a careless proxy: //evil.example
    "next=/%2509/evil.example",
    "next=%20//evil.example",
    "next=/%00/evil.example",
    "next=/%7f/evil.example",
    "next=/%c2%85/evil.example",     # NEL, a C1 control
    "next=evil.example",
    "next=",
]


def post_sign_in(client, query: str):
    page = client.get("/analysts/login")
    return client.post(f"/analysts/login?{query}", data={
        "username": ANALYST[0], "password": ANALYST[1], "csrf_token": csrf_token(page.text)})


@pytest.mark.parametrize("query", OFF_SITE)
def test_sign_in_never_redirects_off_site(client, query) -> None:
    response = post_sign_in(client, query)
    assert response.status_code == 302
    assert response.headers["Location"] == LEADS


@pytest.mark.parametrize("target", ["/analysts/companies/voltaro-motors/full.pdf",
                                    "/companies/voltaro-motors?x=1#sample", "/"])
def test_sign_in_returns_to_a_local_path(client, target) -> None:
    from urllib.parse import quote

    response = post_sign_in(client, "next=" + quote(target, safe=""))
    assert response.headers["Location"] == target


def test_a_page_that_needs_sign_in_comes_back_after_it(client) -> None:
    target = "/analysts/companies/voltaro-motors/full.pdf"
    login_url = client.get(target).headers["Location"]
    assert login_url.startswith("/analysts/login?next=")
    response = post_sign_in(client, login_url.split("?", 1)[1])
    assert response.headers["Location"] == target


@pytest.mark.parametrize("target", ["/\t/evil.example", "/\n/x", "/\r/x", "//x", "/\\x",
                                    "\\\\x", "/%2f/x", "/%5c/x", "/%09/x", "/%0A/x", "http://x/",
                                    "x", "", None, "/" + "a" * 3000])
def test_safe_path_refuses(target) -> None:
    assert safe_path(target, "/fallback") == "/fallback"


@pytest.mark.parametrize("target", ["/", "/analysts/leads?page=2", "/companies/a-b#sample",
                                    "/?q=caf%C3%A9"])
def test_safe_path_keeps_local_paths(target) -> None:
    assert safe_path(target, "/fallback") == target
