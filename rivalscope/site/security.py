"""Rules applied to every request and response: headers, cross-site checks, id validation."""

from __future__ import annotations

import re

from flask import Flask, Response, abort, current_app, request

COMPANY_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,119}$")
EDITIONS = ("full", "sample")

# Every asset is ours: no inline script, no third-party origin, no framing.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
       "frame-ancestors 'none'")
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}
# Browsers send Sec-Fetch-Site; a state-changing request from another site is refused even
# before the CSRF token is looked at. Clients that send no header (curl, tests) pass through.
ALLOWED_FETCH_SITES = {"same-origin", "none"}


def valid_company_id(company_id: str) -> str:
    """The id if it is a well-formed slug (no dots, slashes or other path tricks), else 404."""
    if not COMPANY_ID.fullmatch(company_id or ""):
        abort(404)
    return company_id


def check_fetch_site() -> None:
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return
    site = request.headers.get("Sec-Fetch-Site")
    if site is not None and site not in ALLOWED_FETCH_SITES:
        abort(403, "cross-site request refused")


def add_headers(response: Response) -> Response:
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    if request.is_secure:  # behind a proxy: X-Forwarded-Proto of a trusted proxy says so
        response.headers.setdefault("Strict-Transport-Security",
                                    f"max-age={int(current_app.config['HSTS_MAX_AGE'])}")
    return response


def install(app: Flask) -> None:
    app.before_request(check_fetch_site)
    app.after_request(add_headers)
