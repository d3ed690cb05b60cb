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


def host_port(url: str) -> str | None:
    """'host:port' of a URL, the scheme's default port made explicit (None: no valid host)."""
    try:
        parts = urlsplit(url)
        port = parts.port or {"http": 80, "https": 443}.get(parts.scheme)
    except ValueError:
        return None
    if not parts.hostname or port is None:
        return None
    host = parts.hostname.lower()
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


class PrivateAddressGuard:
    """Downloader middleware, always on: a request goes to a public address, or to one of the
    exact host:port pairs its source names in allow_hosts. It sees every request the crawl
    makes (links to other sites, redirects, robots.txt), so an allowed test server never
    opens the way to other private hosts."""

    def __init__(self, crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def _named(self, url: str, spider: Spider | None) -> bool:
        # robots.txt requests may come without a spider argument: ask the crawler.
        source = getattr(spider or self.crawler.spider, "source", None)
        if source is None or not source.allow_hosts:
            return False
        allowed = {host_port(f"http://{h}") for h in source.allow_hosts}
        return host_port(url) in allowed

    def _refuse(self, request: Request, why: str) -> IgnoreRequest:
        self.stats.inc_value("rivalscope/request/refused_address")
        return IgnoreRequest(f"refused {request.url}: {why}")

    def process_request(self, request: Request, spider: Spider | None = None):
        if self._named(request.url, spider):
            return None
        try:
            host = urlsplit(request.url).hostname or ""
        except ValueError:
            host = ""
        addresses = resolve(host) if host else ()
        if not addresses:
            # Refused too: what we cannot resolve we cannot check.
            raise IgnoreRequest(f"refused {request.url}: {host} does not resolve")
        if all(is_public(a) for a in addresses):
            return None
        raise self._refuse(request, f"{host} is not a public address")

    def process_response(self, request: Request, response: Response,
                         spider: Spider | None = None) -> Response:
        # The address actually connected to: a host that resolved to a public address for
        # the check above and to a private one for the download (DNS rebinding) is refused.
        address = getattr(response, "ip_address", None)
        if address is None or self._named(request.url, spider) or is_public(str(address)):
            return response
        raise self._refuse(request, f"it was served from {address}, which is not a public "
                                    "address")
