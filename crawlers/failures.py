"""Name the ways a request fails, for per-source counts (`rivalscope/error/<kind>`)."""

from __future__ import annotations

from scrapy.exceptions import IgnoreRequest
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import (
    ConnectionRefusedError,
    DNSLookupError,
    TCPTimedOutError,
    TimeoutError,
)
from twisted.python.failure import Failure
from twisted.web._newclient import ResponseFailed, ResponseNeverReceived


def classify(failure: Failure) -> str:
    """A short name for what went wrong: http_404, timeout, redirect_loop, too_large, ..."""
    error = failure.value
    if failure.check(HttpError):
        return f"http_{error.response.status}"
    if failure.check(TimeoutError, TCPTimedOutError):
        return "timeout"
    if failure.check(DNSLookupError):
        return "dns"
    if failure.check(ConnectionRefusedError):
        return "connection_refused"
    if failure.check(IgnoreRequest):
        message = str(error)
        if "robots.txt" in message:
            return "robots_forbidden"
        if "redirection" in message:
            return "redirect_loop"
        if "not a public address" in message:
            return "refused_address"
        if "DOWNLOAD_MAXSIZE" in message or "max size" in message.lower():
            return "too_large"
        return "ignored"
    if failure.check(ResponseFailed, ResponseNeverReceived):
        reasons = " ".join(str(r.value) for r in getattr(error, "reasons", []))
        if "maxsize" in reasons.lower() or "cancel" in reasons.lower():
            return "too_large"
        return "connection_lost"
    return type(error).__name__
