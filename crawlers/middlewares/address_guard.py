"""Refuse requests to private, loopback, link-local and cloud-metadata addresses."""

from __future__ import annotations

import ipaddress
import socket
from functools import lru_cache
from urllib.parse import urlsplit

from scrapy import Request, Spider
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response


@lru_cache(maxsize=4096)
def resolve(host: str) -> tuple[str, ...]:
    """Every address host resolves to (empty when it does not resolve)."""
    try:
        return tuple({info[4][0] for info in socket.getaddrinfo(host, None)})
    except (socket.gaierror, UnicodeError):
        return ()


def is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


class PrivateAddressGuard:
    """Downloader middleware: a source must opt in (allow_private) to reach a non-public host."""

    def __init__(self, crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def _allowed(self, spider: Spider | None) -> bool:
        # robots.txt requests may come without a spider argument: ask the crawler.
        source = getattr(spider or self.crawler.spider, "source", None)
        return source is not None and source.allow_private

    def process_request(self, request: Request, spider: Spider | None = None):
        if self._allowed(spider):
            return None
        host = urlsplit(request.url).hostname or ""
        addresses = resolve(host)
        if not addresses:
            # Refused too: what we cannot resolve we cannot check.
            raise IgnoreRequest(f"refused {request.url}: {host} does not resolve")
        if all(is_public(a) for a in addresses):
            return None
        self.stats.inc_value("rivalscope/request/refused_address")
        raise IgnoreRequest(f"refused {request.url}: {host} is not a public address")

    def process_response(self, request: Request, response: Response,
                         spider: Spider | None = None) -> Response:
        # The address actually connected to: a host that resolved to a public address for
        # the check above and to a private one for the download (DNS rebinding) is refused.
        address = getattr(response, "ip_address", None)
        if address is None or self._allowed(spider) or is_public(str(address)):
            return response
        self.stats.inc_value("rivalscope/request/refused_address")
        raise IgnoreRequest(f"refused {request.url}: it was served from {address}, "
                            "which is not a public address")
