"""Error pages in the site's own style, for every status a visitor can meet.

A form refused for its rate limit comes back with what was typed in it and the time to wait,
so nothing has to be typed again.
"""

from __future__ import annotations

import math
import time

from flask import Flask, current_app, render_template
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from rivalscope.site.extensions import limiter

# status -> (title, what to do); the page adds the status code.
MESSAGES = {
    400: ("This request could not be understood",
          "The form may have been open for too long. Reload the page and send it again."),
    403: ("This is not allowed", "The request was refused. Go back to the page you came "
          "from, reload it and try again."),
    404: ("Page not found", "There is no page at this address. Look for the company in the "
          "catalogue."),
    405: ("This page cannot be opened that way", "Open it from the catalogue or the "
          "company's page."),
    413: ("Too much data", "The form sent more than we accept. Shorten what you typed and "
          "send it again."),
    429: ("Too many requests", "Please wait a moment before you try again."),
    500: ("Something went wrong on our side", "We have been told. Please try again in a few "
          "minutes."),
    503: ("Temporarily unavailable", "Please try again in a minute."),
}


def retry_after() -> int:
    """Seconds until the limit that refused this request lets it through again."""
    current = limiter.current_limit
    if current is None:
        return 60
    return max(1, math.ceil(current.reset_at - time.time()))


def _page(status: int, detail: str | None = None, wait: int | None = None):
    title, advice = MESSAGES.get(status, MESSAGES[500])
    return render_template("errors/error.html", status=status, title=title, advice=advice,
                           detail=detail, wait=wait), status


def too_many_requests(_error: HTTPException):
    wait = retry_after()
    from rivalscope.site.analysts import login_page_after_limit
    from rivalscope.site.leads import form_page_after_limit

    response = form_page_after_limit(wait) or login_page_after_limit(wait)
    if response is None:
        body, status = _page(429, wait=wait)
        response = current_app.make_response((body, status))
    response.headers["Retry-After"] = str(wait)
    return response


def http_error(error: HTTPException):
    status = error.code or 500
    detail = error.description if status in (403, 503) and _own_description(error) else None
    return _page(status, detail)


def _own_description(error: HTTPException) -> bool:
    """True when the description is one of ours (abort(403, "...")), not Werkzeug's default."""
    return bool(error.description) and error.description != type(error).description


def csrf_error(_error: CSRFError):
    return _page(400)


def server_error(_error: InternalServerError):
    return _page(500)  # Flask has logged the exception already


def wait_text(seconds: int) -> str:
    """45 -> '45 seconds', 600 -> '10 minutes', 7200 -> '2 hours'."""
    for unit, size in (("hour", 3600), ("minute", 60)):
        if seconds >= size * 2 or (unit == "minute" and seconds > 90):
            count = math.ceil(seconds / size)
            return f"{count} {unit}s"
    return f"{seconds} second{'s' if seconds != 1 else ''}"


def install(app: Flask) -> None:
    app.jinja_env.filters["wait_text"] = wait_text
    app.register_error_handler(429, too_many_requests)
    app.register_error_handler(CSRFError, csrf_error)
    for status in (400, 403, 404, 405, 413, 503):
        app.register_error_handler(status, http_error)
    app.register_error_handler(500, server_error)
