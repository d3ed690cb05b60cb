"""Helpers for the site tests: read a form's CSRF token, post a lead form."""

from __future__ import annotations

import re
from typing import Any

COMPANY = "voltaro-motors"
GOOD_LEAD = {"name": "Ada Lovelace", "email": "ada@analytical-engines.example",
             "company": "Analytical Engines Ltd", "consent": "y", "website": ""}


def csrf_token(html: str, prefix: str = "") -> str:
    name = f"{prefix}-csrf_token" if prefix else "csrf_token"
    match = re.search(rf'name="{re.escape(name)}"[^>]*value="([^"]+)"', html) or \
        re.search(rf'value="([^"]+)"[^>]*name="{re.escape(name)}"', html)
    assert match, f"no {name} in the page"
    return match.group(1)


def lead_form(client, kind: str = "sample", company_id: str = COMPANY, *,
              follow: bool = True, headers: dict[str, str] | None = None, **fields: Any):
    """Open the company page, then post its sample (or full) form with fields; an accepted
    form's redirect is followed unless follow is False."""
    page = client.get(f"/companies/{company_id}")
    data = {f"{kind}-{k}": v for k, v in {**GOOD_LEAD, **fields}.items() if v is not None}
    data[f"{kind}-csrf_token"] = csrf_token(page.text, kind)
    return client.post(f"/companies/{company_id}/{kind}", data=data, follow_redirects=follow,
                       headers=headers or {})


def download_link(html: str) -> str:
    match = re.search(r'href="(/download/[^"]+)"', html)
    assert match, "no download link in the page"
    return match.group(1)


def sign_in(client, username: str, password: str):
    page = client.get("/analysts/login")
    return client.post("/analysts/login", data={
        "username": username, "password": password, "csrf_token": csrf_token(page.text)})


def fetch(client, url: str, **kwargs: Any):
    """GET url and close the response (file responses hold their file open until closed)."""
    response = client.get(url, **kwargs)
    response.get_data()
    response.close()
    return response
