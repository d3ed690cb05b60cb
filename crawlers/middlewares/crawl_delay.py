"""Honour robots.txt `Crawl-delay` (Scrapy obeys Allow/Disallow but ignores the delay)."""

from __future__ import annotations

from scrapy import Request
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware


class CrawlDelay:
    """Downloader middleware after RobotsTxtMiddleware: a site's download slot never waits
    less than its robots.txt Crawl-delay for our user agent (capped at AUTOTHROTTLE_MAX_DELAY);
    AutoThrottle may slow it down further, never below."""

    def __init__(self, crawler) -> None:
        self.crawler = crawler
        self.user_agent = crawler.settings.get("USER_AGENT", "")
        self.max_delay = crawler.settings.getfloat("AUTOTHROTTLE_MAX_DELAY", 60.0)
        self.robots: RobotsTxtMiddleware | None = None

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def _robots(self) -> RobotsTxtMiddleware | None:
        if self.robots is None:
            middlewares = self.crawler.engine.downloader.middleware.middlewares
            self.robots = next((m for m in middlewares if isinstance(m, RobotsTxtMiddleware)),
                               None)
        return self.robots

    async def process_request(self, request: Request, spider=None) -> None:
        robots = self._robots()
        if robots is None or request.meta.get("dont_obey_robotstxt"):
            return
        parser = await robots.robot_parser(request)
        delay = parser.crawl_delay(self.user_agent) if parser is not None else None
        if not delay:
            return
        downloader = self.crawler.engine.downloader
        _, slot = downloader._get_slot(request)
        wanted = min(float(delay), self.max_delay)
        if slot.delay < wanted:
            slot.delay = wanted
            self.crawler.stats.set_value("rivalscope/robots/crawl_delay", wanted)
