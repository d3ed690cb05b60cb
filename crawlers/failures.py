"""Name the ways a request fails, for per-source counts (`rivalscope/error/<kind>`)."""

from __future__ import annotations

from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
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
    if failure.check(TimeoutError, TCPTimedOutError, DownloadTimeoutError):
        return "timeout"
    if failure.check(DNSLookupError, CannotResolveHostError):
        return "dns"
    if failure.check(ConnectionRefusedError, DownloadConnectionRefusedError):
        return "connection_refused"
    if failure.check(DownloadCancelledError):
        return "too_large"  # the only reason we cancel a download
    if failure.check(ResponseDataLossError, DownloadFailedError):
        return "connection_lost"
    if failure.check(IgnoreRequest):
        message = str(error)
        if message.startswith("retry later"):
            return "retry_later"
        if "robots.txt" in message:
            return "robots_forbidden"
        if "redirection" in message:
            return "redirect_loop"
        if "not a public address" in message:
            return "refused_address"
        if "does not resolve" in message:
            return "dns"
        if "DOWNLOAD_MAXSIZE" in message or "max size" in message.lower():
            return "too_large"
        return "ignored"
    if failure.check(ResponseFailed, ResponseNeverReceived):
        reasons = " ".join(str(r.value) for r in getattr(error, "reasons", []))
        if "maxsize" in reasons.lower() or "cancel" in reasons.lower():
            return "too_large"
        return "connection_lost"
    return type(error).__name__
