"""End a redirect cycle at its first repeat (A -> B -> A), counted as a redirect loop.

Scrapy's RedirectMiddleware stops a chain only after REDIRECT_MAX_TIMES hops, and a cycle of
article links (which are de-duplicated) ends silently in the duplicate filter: the page is
neither stored nor counted, and the source looked healthy.
"""

from __future__ import annotations

from urllib.parse import urljoin

from scrapy import Request
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response

REDIRECTS = {301, 302, 303, 307, 308}


class RedirectLoopGuard:
    """Downloader middleware after RedirectMiddleware (its process_response runs first)."""

    def __init__(self, crawler) -> None:
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_response(self, request: Request, response: Response, spider=None) -> Response:
        location = response.headers.get("Location")
        if response.status not in REDIRECTS or not location:
            return response
        target = urljoin(request.url, location.decode("latin-1").strip())
        visited = [*request.meta.get("redirect_urls", []), request.url]
        if target.split("#")[0] in {url.split("#")[0] for url in visited}:
            self.stats.inc_value("rivalscope/request/redirect_cycle")
            raise IgnoreRequest(f"redirection loop: {request.url} redirects back to {target}")
        return response
