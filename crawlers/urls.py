"""URL normalisation: one article, one URL (tracking parameters and fragments dropped)."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

TRACKING = re.compile(
    r"^(utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|_hsenc|_hsmi|ref|ref_src|"
    r"cmpid|ito|smid|sr_share|ncid|ocid|guccounter)$",
    re.IGNORECASE,
)


def normalize_url(url: str) -> str:
    """Lower-case scheme and host, no default port, no fragment, no tracking parameters."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    port = parts.port
    if port and not ((parts.scheme == "http" and port == 80) or
                     (parts.scheme == "https" and port == 443)):
        host = f"{host}:{port}"
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                       if not TRACKING.match(k)])
    return urlunsplit((parts.scheme.lower(), host, parts.path or "/", query, ""))


def is_http_url(url: str | None) -> bool:
    return bool(url) and urlsplit(url).scheme in ("http", "https")  # type: ignore[arg-type]


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
