"""Back off from a struggling site: pause before each retry (Scrapy's RetryMiddleware
re-sends at once) and slow the site's download slot down on 429 and 5xx answers."""

from __future__ import annotations

import asyncio

from scrapy import Request
from scrapy.http import Response

SLOW_DOWN = {429, 500, 502, 503, 504, 522, 524}


def retry_after(response: Response) -> float:
    """The Retry-After header in seconds (0 when absent or an HTTP date)."""
    value = response.headers.get("Retry-After", b"").decode("latin-1").strip()
    return float(value) if value.isdigit() else 0.0


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
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    async def process_request(self, request: Request, spider=None) -> None:
        attempt = request.meta.get("retry_times", 0)
        if attempt and self.base > 0:
            self.stats.inc_value("rivalscope/request/retry_backoff")
            await asyncio.sleep(min(self.maximum, self.base * 2 ** (attempt - 1)))

    def process_response(self, request: Request, response: Response, spider=None) -> Response:
        if response.status in SLOW_DOWN and self.base > 0:
            downloader = self.crawler.engine.downloader
            slot = downloader.slots.get(downloader.get_slot_key(request))
            if slot is not None:
                wanted = max(slot.delay * 2, self.min_delay, retry_after(response))
                slot.delay = min(self.max_delay, wanted)
                self.stats.inc_value("rivalscope/request/slowed_down")
        return response
