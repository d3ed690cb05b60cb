"""URL normalisation: one article, one URL (tracking parameters and fragments dropped)."""

from __future__ import annotations

import ipaddress
import re
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import tldextract

TRACKING = re.compile(
    r"^(utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|_hsenc|_hsmi|ref|ref_src|"
    r"cmpid|ito|smid|sr_share|ncid|ocid|guccounter)$",
    re.IGNORECASE,
)


# The public suffix list as shipped inside tldextract: never fetched at run time.
# Private suffixes count (blogspot.com, github.io): their sites belong to different owners.
_SUFFIXES = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None,
                                  include_psl_private_domains=True)


def normalize_url(url: str) -> str:
    """Lower-case scheme and host, no default port, no fragment, no tracking parameters.
    ValueError for a URL that cannot be fetched (no host, a port out of range).

    Hand-written rather than w3lib's canonicalize_url, measured: w3lib keeps the default
    port and the tracking parameters (we would still need this code for both) and sorts the
    query, which changes the stored URL, and so the article id, of 2 of the extraction
    benchmark's 123 real URLs: a store's articles with such URLs would be downloaded again as
    new ones."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    port = parts.port  # ValueError when out of range
    if not host:
        raise ValueError(f"no host in {url!r}")
    if port and not ((parts.scheme == "http" and port == 80) or
                     (parts.scheme == "https" and port == 443)):
        host = f"{host}:{port}"
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                       if not TRACKING.match(k)])
    return urlunsplit((parts.scheme.lower(), host, parts.path or "/", query, ""))


def is_http_url(url: str | None) -> bool:
    """An http(s) URL with a host and a valid port."""
    if not url:
        return False
    try:
        parts = urlsplit(url)
        _ = parts.port
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


@lru_cache(maxsize=4096)
def _registered_domain(host: str) -> str | None:
    try:
        ipaddress.ip_address(host.strip("[]"))
        return None  # an address is owned by nobody else: see site_of
    except ValueError:
        pass
    return _SUFFIXES(host).top_domain_under_public_suffix or None


def site_of(url: str) -> str | None:
    """Who owns a URL: its registered domain ('news.example.co.uk' -> 'example.co.uk'), or,
    for a host without one (an IP address, 'localhost'), host:port. None for a URL that is
    not http(s)."""
    if not is_http_url(url):
        return None
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().rstrip(".")
    port = parts.port or {"http": 80, "https": 443}[parts.scheme]
    return _registered_domain(host) or (f"[{host}]:{port}" if ":" in host else f"{host}:{port}")


def same_site(url: str, other: str) -> bool:
    """Both URLs belong to one registered domain (see site_of)."""
    site = site_of(url)
    return site is not None and site == site_of(other)


class LinkFilter:
    """A source's allow/deny regexes: a URL passes when some allow pattern matches (or there
    are none) and no deny pattern does."""

    def __init__(self, allow: list[str], deny: list[str]) -> None:
        self.allow = [re.compile(p) for p in allow]
        self.deny = [re.compile(p) for p in deny]

    def allows(self, url: str) -> bool:
        if self.allow and not any(p.search(url) for p in self.allow):
            return False
        return not any(p.search(url) for p in self.deny)
