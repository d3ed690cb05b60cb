"""Exponential backoff between retries (Scrapy's RetryMiddleware re-sends at once)."""

from __future__ import annotations

import asyncio

from scrapy import Request


class RetryBackoff:
    """Downloader middleware: wait BASE * 2**(n-1) s (at most MAX) before the n-th retry."""

    def __init__(self, base: float, maximum: float, stats) -> None:
        self.base = base
        self.maximum = maximum
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        return cls(settings.getfloat("RETRY_BACKOFF_BASE", 2.0),
                   settings.getfloat("RETRY_BACKOFF_MAX", 60.0), crawler.stats)

    async def process_request(self, request: Request, spider=None) -> None:
        attempt = request.meta.get("retry_times", 0)
        if attempt and self.base > 0:
            self.stats.inc_value("rivalscope/request/retry_backoff")
            await asyncio.sleep(min(self.maximum, self.base * 2 ** (attempt - 1)))
