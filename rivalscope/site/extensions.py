"""The Flask extensions every blueprint shares: CSRF protection and rate limits.

The limiter keeps its counters in process memory (`memory://`): right for the one waitress
process the site runs as. Several processes or hosts would each count on their own; point
RATELIMIT_STORAGE_URI at a shared store (redis://...) before scaling out.
"""

from __future__ import annotations

from flask import current_app, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_wtf.csrf import CSRFProtect

csrf = CSRFProtect()
limiter = Limiter(key_func=get_remote_address, storage_uri="memory://")


def email_key() -> str:
    """Rate-limit key for form posts: the submitted email, case and spaces folded."""
    email = next((value for key, value in request.form.items()
                  if key == "email" or key.endswith("-email")), "")
    return "email:" + email.strip().lower()


def configured(name: str):
    """A limit read from the app's config when the request comes (tests and benchmarks tune it)."""
    return lambda: current_app.config[name]
