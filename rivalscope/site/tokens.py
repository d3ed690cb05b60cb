"""Signed, salted, expiring download links (itsdangerous)."""

from __future__ import annotations

from typing import Any

from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer

SALT = "rivalscope.sample-download"


def _serializer(secret_key: str | bytes | None = None) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret_key or current_app.config["SECRET_KEY"], salt=SALT)


def make_token(company_id: str, lead_id: int | None, secret_key: str | None = None) -> str:
    """A token that lets its holder download one company's sample edition."""
    return _serializer(secret_key).dumps({"c": company_id, "e": "sample", "l": lead_id})


def read_token(token: str) -> dict[str, Any] | None:
    """The token's payload, or None when it is tampered with, malformed or expired."""
    max_age = current_app.config["DOWNLOAD_MAX_AGE"]
    try:
        payload = _serializer().loads(token, max_age=max_age)
    except BadSignature:  # SignatureExpired is a BadSignature too
        return None
    if not isinstance(payload, dict) or payload.get("e") != "sample":
        return None
    return payload
