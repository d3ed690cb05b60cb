"""Back off from a struggling site: pause before each retry (Scrapy's RetryMiddleware
re-sends at once) and slow the site's download slot down on 429 and 5xx answers.

A Retry-After header is honoured for its own URL only: the retry of that URL waits (up to
RETRY_AFTER_MAX seconds) while the site's other URLs go on; a longer wait is not spent in this
crawl: the URL fails as `retry_later` and the next crawl tries it again (a source with errors
is re-read in full)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from scrapy import Request
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response

SLOW_DOWN = {429, 500, 502, 503, 504, 522, 524}


RETRY_AFTER = "rivalscope_retry_after"  # request.meta: seconds the server asked us to wait


def retry_after(response: Response) -> float:
    """The Retry-After header in seconds, from a number or an HTTP date (0 when absent)."""
    value = response.headers.get("Retry-After", b"").decode("latin-1").strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return 0.0
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


class RetryBackoff:
    """Downloader middleware: wait BASE * 2**(n-1) s (at most MAX) before the n-th retry;
    double the site's delay (at least Retry-After, at most AUTOTHROTTLE_MAX_DELAY) on 429/5xx.
    """

    def __init__(self, crawler) -> None:
        settings = crawler.settings
        self.crawler = crawler
        self.base = settings.getfloat("RETRY_BACKOFF_BASE", 2.0)
        self.maximum = settings.getfloat("RETRY_BACKOFF_MAX", 60.0)
        self.max_delay = settings.getfloat("AUTOTHROTTLE_MAX_DELAY", 60.0)
        self.min_delay = settings.getfloat("RETRY_SLOW_DOWN_MIN_DELAY", 1.0)
        self.retry_after_max = settings.getfloat("RETRY_AFTER_MAX", 120.0)
        self.retry_codes = set(settings.getlist("RETRY_HTTP_CODES"))
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    async def process_request(self, request: Request, spider=None) -> None:
        attempt = request.meta.get("retry_times", 0)
        if attempt and self.base > 0:
            self.stats.inc_value("rivalscope/request/retry_backoff")
            # This URL's own wait; the site's other requests are not held up by it.
            pause = min(self.maximum, self.base * 2 ** (attempt - 1))
            await asyncio.sleep(max(pause, request.meta.get(RETRY_AFTER, 0.0)))

    def process_response(self, request: Request, response: Response, spider=None) -> Response:
        wait = retry_after(response)
        if wait and response.status in self.retry_codes and not request.meta.get("dont_retry"):
            if wait > self.retry_after_max:
                self.stats.inc_value("rivalscope/request/retry_later")
                raise IgnoreRequest(f"retry later: {request.url} asks for a wait of "
                                    f"{wait:.0f} s (more than RETRY_AFTER_MAX)")
            # RetryMiddleware (next) copies the meta into the retry request.
            request.meta[RETRY_AFTER] = wait
        if response.status in SLOW_DOWN and self.base > 0:
            downloader = self.crawler.engine.downloader
            slot = downloader.slots.get(downloader.get_slot_key(request))
            if slot is not None:
                wanted = max(slot.delay * 2, self.min_delay)
                slot.delay = min(self.max_delay, wanted)
                self.stats.inc_value("rivalscope/request/slowed_down")
        return response
