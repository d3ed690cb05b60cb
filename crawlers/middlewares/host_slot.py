"""One politeness slot per host for the whole crawl process, whatever source a request is for.

Scrapy keeps download slots per crawler, and crawlers.run runs one crawler per source: three
sources on one site got three slots, three times the parallel requests and a third of the
delay. This gate is shared by every crawler of the process: at most
CONCURRENT_REQUESTS_PER_DOMAIN downloads per host at a time, started at least the host's delay
apart (DOWNLOAD_DELAY, or the requesting crawler's slot delay when AutoThrottle, Crawl-delay or
backoff raised it).
"""

from __future__ import annotations

import asyncio
from collections import deque
from time import monotonic
from urllib.parse import urlsplit

from scrapy import Request, signals


class HostGate:
    """The shared slot of one host."""

    def __init__(self) -> None:
        self.in_flight = 0
        self.last_start = 0.0
        self.waiters: deque[asyncio.Future[None]] = deque()

    async def acquire(self, limit: int, interval: float) -> None:
        while True:  # ends when a place is free; each turn waits for a release or the delay
            wait = self.last_start + interval - monotonic()
            if self.in_flight < limit and wait <= 0:
                self.in_flight += 1
                self.last_start = monotonic()
                return
            if self.in_flight < limit:
                await asyncio.sleep(wait)
                continue
            waiter = asyncio.get_running_loop().create_future()
            self.waiters.append(waiter)
            await waiter

    def release(self) -> None:
        self.in_flight = max(0, self.in_flight - 1)
        while self.waiters:
            waiter = self.waiters.popleft()
            if not waiter.done():
                waiter.set_result(None)
                break


# Every crawler of the process shares these (crawlers.run: one crawler per source).
GATES: dict[str, HostGate] = {}


class SharedHostSlot:
    """Downloader middleware, last before the download: wait for the host's shared slot; the
    slot is given back when the request leaves the downloader (or its crawler closes)."""

    def __init__(self, crawler) -> None:
        self.crawler = crawler
        self.limit = max(1, crawler.settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN", 1))
        self.delay = crawler.settings.getfloat("DOWNLOAD_DELAY", 0.0)
        self.held: dict[int, tuple[Request, str]] = {}
        crawler.signals.connect(self.left, signal=signals.request_left_downloader)
        crawler.signals.connect(self.closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def _interval(self, host: str) -> float:
        downloader = getattr(self.crawler.engine, "downloader", None)
        slot = downloader.slots.get(host) if downloader is not None else None
        return max(self.delay, slot.delay if slot is not None else 0.0)

    async def process_request(self, request: Request, spider=None) -> None:
        host = (urlsplit(request.url).hostname or "").lower()
        if id(request) in self.held or not host:
            return
        gate = GATES.setdefault(host, HostGate())
        if gate.in_flight >= self.limit or gate.last_start + self._interval(host) > monotonic():
            self.crawler.stats.inc_value("rivalscope/request/host_slot_waits")
        await gate.acquire(self.limit, self._interval(host))
        self.held[id(request)] = (request, host)

    def _release(self, request: Request) -> None:
        held = self.held.pop(id(request), None)
        if held is not None:
            GATES[held[1]].release()

    def left(self, request: Request, spider=None) -> None:
        self._release(request)

    def closed(self, spider=None, reason: str | None = None) -> None:
        for request, _ in list(self.held.values()):
            self._release(request)
