"""Where the site may send a visitor back to: a path on this site, nothing else.

Browsers drop tabs and newlines from URLs and read a backslash as a slash, so `/\t/evil`,
`/\\evil` and `//evil` all lead off the site; a newline in a Location header is a 500.
Anything that is not a plain same-origin path falls back to a fixed local page.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

MAX_LENGTH = 2000
# C0 controls, space, DEL and the C1 controls: none belongs in a path we redirect to.
_UNSAFE_CHARACTERS = re.compile(r"[\x00-\x20\x7f-\x9f\\]")


def _is_local_path(target: str) -> bool:
    if not target.startswith("/") or target.startswith("//"):
        return False
    if _UNSAFE_CHARACTERS.search(target):
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc


def safe_path(target: str | None, fallback: str) -> str:
    """target if it is a path on this site (also once percent-decoded), else fallback."""
    if not target or len(target) > MAX_LENGTH:
        return fallback
    if _is_local_path(target) and _is_local_path(unquote(target)):
        return target
    return fallback
